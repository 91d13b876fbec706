import { Layout, Notice } from './layout.js';
import { useView } from './context.js';
import type { Problem } from '../problem.js';

export function ErrorPage({ problem }: { problem: Problem }) {
  const { t } = useView();
  return (
    <Layout title={t('error.title')}>
      <Notice kind="error">
        <p>{t(problem.titleKey)}</p>
      </Notice>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </Layout>
  );
}
