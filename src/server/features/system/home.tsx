import { Layout } from '../../views/layout.js';
import { useView } from '../../views/context.js';

export function HomePage() {
  const { t, actor } = useView();
  return (
    <Layout title={t('home.welcome', { name: actor!.user.displayName })}>
      <p>{t('home.bureau_intro')}</p>
      <ul class="tiles">
        <li>
          <a href="/bureau/enterprises">{t('nav.enterprises')}</a>
        </li>
        {actor!.user.role === 'bureau_admin' && (
          <li>
            <a href="/bureau/staff">{t('nav.staff')}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}
