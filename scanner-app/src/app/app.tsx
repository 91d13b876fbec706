import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from './i18n/index.js';
import { boot, type Booted } from './boot.js';
import { useStore, setState } from './session/store.js';
import { lock, signOut } from './session/staff.js';
import { createHost } from './session/host.js';
import { StatusBar } from './ui/status-bar.js';
import { MARK, mark } from './ui/timing.js';
import { EnrollScreen } from './screens/enroll.js';
import { SetupScreen } from './screens/setup.js';
import { SignInScreen } from './screens/sign-in.js';
import { HomeScreen } from './screens/home.js';
import { StatusScreen } from './screens/status.js';
import { ScanPanel } from './scan/scan-panel.js';
import { CheckFlow, HistoryList, WaitingList } from './check/index.js';
import type { CheckHost } from './check/host.js';
import type { CharterHost } from './charter/host.js';
import { LazyCharterFlow } from './charter/lazy-flow.js';
import { isCharterQr } from './charter/prefix.js';

type Tab = 'scan' | 'waiting' | 'history' | 'status';
/** A `KC<n>/` code opens the charter checklist; anything else (`KK1/`, a bare JWS) the freight check. */
type Check = { kind: 'scanned'; text: string } | { kind: 'none' } | { kind: 'charter'; text: string };

export function App() {
  useLocale();
  const s = useStore();
  const [booted, setBooted] = useState<Booted | null>(null);
  const [host, setHost] = useState<(CheckHost & CharterHost) | null>(null);
  const [tab, setTab] = useState<Tab>('scan');
  const [check, setCheck] = useState<Check | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    boot().then(
      (b) => {
        setBooted(b);
        setHost(createHost(b.db));
      },
      (e: unknown) => setState({ fatal: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  if (s.fatal) {
    return (
      <main class="screen" role="alert">
        <h1>{t('app.title')}</h1>
        <p class="error">{s.fatal}</p>
      </main>
    );
  }
  if (!booted || !host || !s.ready) return <p class="boot">{t('app.title')} …</p>;
  const { db, sync } = booted;

  if (!s.device) {
    return (
      <>
        <StatusBar />
        <EnrollScreen db={db} Scanner={ScanPanel} onEnrolled={() => void sync.runNow()} />
      </>
    );
  }
  if (!s.checkpoint) {
    return (
      <>
        <StatusBar />
        <SetupScreen onRetry={() => void sync.runNow()} />
      </>
    );
  }
  if (!s.staff) {
    return (
      <>
        <StatusBar />
        <SignInScreen db={db} />
      </>
    );
  }
  // The idle lock covers the screen but keeps a check in progress mounted: unlocking returns to it as it was.
  const locked = s.staff.locked;
  const closed = s.checkpoint.data.checkpoint.status === 'closed';
  const lockScreen = locked ? (
    <div class="lock-overlay">
      <StatusBar />
      <SignInScreen db={db} />
    </div>
  ) : null;

  if (check) {
    return (
      <>
        <div hidden={locked} inert={locked}>
          {check.kind === 'charter' ? (
            <LazyCharterFlow host={host} text={check.text} onDone={() => setCheck(null)} />
          ) : (
            <CheckFlow host={host} start={check} onDone={() => setCheck(null)} />
          )}
        </div>
        {lockScreen}
      </>
    );
  }
  if (locked) return lockScreen;

  const onCode = (text: string) => {
    mark(MARK.code);
    if (closed) {
      setNotice(t('banner.checkpoint_closed'));
      return;
    }
    if (text.trim().startsWith('KKENROLL:')) {
      setNotice(t('home.enroll_code'));
      return;
    }
    setNotice(null);
    setCheck(isCharterQr(text) ? { kind: 'charter', text: text.trim() } : { kind: 'scanned', text: text.trim() });
  };

  return (
    <>
      <StatusBar />
      <nav class="tabs" aria-label={t('app.title')}>
        {(['scan', 'waiting', 'history', 'status'] as const).map((id) => (
          <button type="button" key={id} data-testid={`tab-${id}`} aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)}>
            {t(`nav.${id}`)}
          </button>
        ))}
      </nav>
      {tab === 'scan' ? (
        <HomeScreen
          Scanner={ScanPanel}
          active={!check}
          onCode={onCode}
          onNoPass={() => (closed ? setNotice(t('banner.checkpoint_closed')) : setCheck({ kind: 'none' }))}
          onLock={() => void lock(db)}
          onSignOut={() => void signOut(db)}
          notice={notice}
        />
      ) : tab === 'waiting' ? (
        <main class="screen">
          <WaitingList host={host} />
        </main>
      ) : tab === 'history' ? (
        <main class="screen">
          <HistoryList host={host} />
        </main>
      ) : (
        <StatusScreen db={db} onSyncNow={() => void sync.runNow()} />
      )}
    </>
  );
}
