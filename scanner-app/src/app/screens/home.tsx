import type { ComponentType } from 'preact';
import { t, useLocale } from '../i18n/index.js';
import { TrustBanner } from '../ui/status-bar.js';
import { CharterPriorityList } from '../charter/priority-list.js';

export interface HomeProps {
  Scanner: ComponentType<{ onCode: (text: string) => void; active: boolean }>;
  active: boolean;
  onCode: (text: string) => void;
  onNoPass: () => void;
  onLock: () => void;
  onSignOut: () => void;
  notice: string | null;
}

/**
 * The scan screen: charter coaches expected today first in line (包车优先通行),
 * then camera, wedge and paste, which all feed onCode; a vehicle without a
 * pass starts from the button.
 */
export function HomeScreen({ Scanner, active, onCode, onNoPass, onLock, onSignOut, notice }: HomeProps) {
  useLocale();
  return (
    <main class="screen home" data-testid="scan-screen">
      <TrustBanner />
      <CharterPriorityList />
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
