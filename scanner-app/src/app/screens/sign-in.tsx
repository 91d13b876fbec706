import { useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import { signIn } from '../session/staff.js';
import { useStore } from '../session/store.js';
import type { Db } from '../storage/db.js';

/** Badge and PIN, checked offline. When locked, the badge of the person on duty is filled in. */
export function SignInScreen({ db }: { db: Db }) {
  useLocale();
  const s = useStore();
  const locked = s.staff?.locked ? s.staff : null;
  const [badge, setBadge] = useState(locked?.badge ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(db, badge, pin);
    setBusy(false);
    setPin('');
    if (!result.ok) {
      setError(result.error === 'wait' ? t('signin.wait', { sec: result.waitSec ?? 0 }) : t(`signin.${result.error}`));
    }
  };

  return (
    <main class="screen sign-in" data-testid="sign-in-screen">
      <h1>{t('signin.title')}</h1>
      {locked ? <p role="status">{t('signin.locked', { name: locked.name, badge: locked.badge })}</p> : null}
      <p class="muted">{s.checkpoint?.data.checkpoint.name}</p>
      <form onSubmit={submit}>
        <label>
          {t('signin.badge')}
          <input data-testid="badge" value={badge} autocomplete="username" autocapitalize="characters" onInput={(e) => setBadge(e.currentTarget.value)} required />
        </label>
        <label>
          {t('signin.pin')}
          <input
            data-testid="pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autocomplete="current-password"
            value={pin}
            maxLength={8}
            onInput={(e) => setPin(e.currentTarget.value)}
            required
          />
        </label>
        <button class="primary wide" type="submit" data-testid="sign-in" disabled={busy}>
          {busy ? t('signin.checking') : t('signin.submit')}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
    </main>
  );
}
