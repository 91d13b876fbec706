import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from './i18n/index.js';
import { boot, type Booted } from './boot.js';
import { useStore, setState } from './session/store.js';
import { lock, signOut } from './session/staff.js';
import { createHost } from './session/host.js';
import { StatusBar } from './ui/status-bar.js';
import { EnrollScreen } from './screens/enroll.js';
import { SetupScreen } from './screens/setup.js';
import { SignInScreen } from './screens/sign-in.js';
import { HomeScreen } from './screens/home.js';
import { StatusScreen } from './screens/status.js';
import { ScanPanel } from './scan/scan-panel.js';
import { CheckFlow, HistoryList, WaitingList } from './check/index.js';
import type { CheckHost } from './check/host.js';

type Tab = 'scan' | 'waiting' | 'history' | 'status';
type Check = { kind: 'scanned'; text: string } | { kind: 'none' };

export function App() {
  useLocale();
  const s = useStore();
  const [booted, setBooted] = useState<Booted | null>(null);
  const [host, setHost] = useState<CheckHost | null>(null);
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
  if (!s.staff || s.staff.locked) {
    return (
      <>
        <StatusBar />
        <SignInScreen db={db} />
      </>
    );
  }

  if (check) {
    return <CheckFlow host={host} start={check} onDone={() => setCheck(null)} />;
  }

  const onCode = (text: string) => {
    if (text.trim().startsWith('KKENROLL:')) {
      setNotice(t('home.enroll_code'));
      return;
    }
    setNotice(null);
    setCheck({ kind: 'scanned', text: text.trim() });
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
          onNoPass={() => setCheck({ kind: 'none' })}
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
