import { t, useLocale } from '../i18n/index.js';
import { useStore } from '../session/store.js';

/** Enrolled, but the checkpoint's staff list has not arrived yet: the first start needs the network once. */
export function SetupScreen({ onRetry }: { onRetry: () => void }) {
  useLocale();
  const s = useStore();
  return (
    <main class="screen setup" data-testid="setup-screen">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.need_network')}</p>
      {s.lastSync && !s.lastSync.ok ? <p class="error" role="alert">{s.lastSync.message}</p> : null}
      <button type="button" class="primary wide" disabled={s.syncing} onClick={onRetry}>
        {s.syncing ? t('bar.syncing') : t('action.retry')}
      </button>
    </main>
  );
}
