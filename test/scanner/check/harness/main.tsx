/**
 * Test harness (not part of the app): mounts the check screens with an
 * in-memory CheckHost that verifies with the real core. The test injects the
 * fixture (a really signed pass, its keys, the directory) as
 * `window.__KK_FIXTURE` and reads what was recorded from `window.__KK_RECORDS`.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { verifyPass } from '../../../../src/core/pass/verify.js';
import { DEFAULT_RULE_SET } from '../../../../src/core/rules/rule-set.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import type { CheckHost, HistoryEntry, WaitingVehicle } from '../../../../scanner-app/src/app/check/host.js';
import { CheckFlow, HistoryList, WaitingList } from '../../../../scanner-app/src/app/check/index.js';
import '../../../../scanner-app/src/app/styles.css';

interface Fixture {
  passText: string;
  jwks: { keys: Array<Record<string, unknown>> };
  nowMs: number;
  enterprises: EnterpriseInfo[];
  revoked: string[];
  trustAgeSec: number | null;
}
declare global {
  interface Window {
    __KK_FIXTURE: Fixture;
    __KK_RECORDS: unknown[];
  }
}

const f = window.__KK_FIXTURE;
window.__KK_RECORDS = [];
const directory = new Map(f.enterprises.map((e) => [e.uscc, e]));
const waiting: WaitingVehicle[] = [];
const history: HistoryEntry[] = [];

const host: CheckHost = {
  now: () => f.nowMs,
  staff: () => ({ badge: 'KS001', name: '测试' }),
  checkpoint: () => ({ id: 1, name: '花桥卡口', location: 'G2', regionCode: '320583', direction: 'inbound', status: 'active' }),
  trust: () => ({ ruleSet: DEFAULT_RULE_SET, ageSec: f.trustAgeSec, directory }),
  verifyPass: (text) => verifyPass(text, { keys: f.jwks as never, now: new Date(f.nowMs), isRevoked: (jti) => f.revoked.includes(jti) }),
  async recordCheck(payload, w) {
    const eventId = crypto.randomUUID();
    window.__KK_RECORDS.push({ type: 'check', eventId, payload, waiting: w ?? null });
    if (w) waiting.push({ ...w, checkEventId: eventId, since: f.nowMs - 12 * 60_000 });
    history.unshift({ eventId, at: f.nowMs, plate: payload.plate, passNo: payload.passNo, decision: payload.decision, reasons: payload.reasons, staffBadge: 'KS001', sync: 'pending' });
    return { eventId };
  },
  async recordHandover(payload) {
    const eventId = crypto.randomUUID();
    window.__KK_RECORDS.push({ type: 'handover', eventId, payload });
    const i = waiting.findIndex((v) => v.checkEventId === payload.checkEventId);
    if (i >= 0) waiting.splice(i, 1);
    return { eventId };
  },
  waitingList: async () => [...waiting],
  history: async (q) => history.filter((h) => !q || h.plate.includes(q.toUpperCase())),
};

function Harness() {
  const [view, setView] = useState(location.hash.slice(1) || 'scanned');
  const [run, setRun] = useState(0);
  const go = (v: string) => {
    location.hash = v;
    setView(v);
    setRun((n) => n + 1);
  };
  return (
    <>
      <nav style="display:flex;gap:4px;flex-wrap:wrap">
        {['scanned', 'none', 'waiting', 'history'].map((v) => (
          <button key={v} data-testid={`harness-${v}`} onClick={() => go(v)}>{v}</button>
        ))}
      </nav>
      {view === 'waiting' ? (
        <WaitingList host={host} />
      ) : view === 'history' ? (
        <HistoryList host={host} />
      ) : (
        <CheckFlow key={run} host={host} start={view === 'none' ? { kind: 'none' } : { kind: 'scanned', text: f.passText }} onDone={() => go('history')} />
      )}
    </>
  );
}

render(<Harness />, document.getElementById('app')!);
