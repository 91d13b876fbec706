import type { ComponentType } from 'preact';
import { t, useLocale } from '../i18n/index.js';
import { TrustBanner } from '../ui/status-bar.js';

export interface HomeProps {
  Scanner: ComponentType<{ onCode: (text: string) => void; active: boolean }>;
  active: boolean;
  onCode: (text: string) => void;
  onNoPass: () => void;
  onLock: () => void;
  onSignOut: () => void;
  notice: string | null;
}

/** The scan screen: camera, wedge and paste all feed onCode; a vehicle without a pass starts from the button. */
export function HomeScreen({ Scanner, active, onCode, onNoPass, onLock, onSignOut, notice }: HomeProps) {
  useLocale();
  return (
    <main class="screen home" data-testid="scan-screen">
      <TrustBanner />
      {notice ? (
        <p class="error" role="alert" data-testid="scan-notice">
          {notice}
        </p>
      ) : null}
      <Scanner active={active} onCode={onCode} />
      <button type="button" class="wide" data-testid="no-pass" onClick={onNoPass}>
        {t('home.no_pass')}
      </button>
      <div class="row">
        <button type="button" data-testid="lock" onClick={onLock}>
          {t('home.lock')}
        </button>
        <button type="button" data-testid="sign-out" onClick={onSignOut}>
          {t('home.sign_out')}
        </button>
      </div>
    </main>
  );
}
