/**
 * Test harness (not part of the app): mounts the charter checklist with an
 * in-memory CharterHost that verifies with the real core. The test injects
 * the fixture (a really signed charter pass, its keys, the run, the
 * directory) as `window.__KK_FIXTURE` and reads what was recorded from
 * `window.__KK_RECORDS`.
 */
import { render } from 'preact';
import { verifyCharterPass } from '../../../../src/core/charter/verify.js';
import type { CharterRun } from '../../../../src/core/charter/runs.js';
import { DEFAULT_RULE_SET } from '../../../../src/core/rules/rule-set.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import type { CharterHost } from '../../../../scanner-app/src/app/charter/host.js';
import { CharterFlow } from '../../../../scanner-app/src/app/charter/charter-flow.js';
import { setLocale } from '../../../../scanner-app/src/app/i18n/index.js';
import '../../../../scanner-app/src/app/styles.css';

interface Fixture {
  passText: string;
  jwks: { keys: Array<Record<string, unknown>> };
  nowMs: number;
  run: CharterRun | null;
  enterprises: EnterpriseInfo[];
  locale: 'zh' | 'en';
}
// Not a `declare global`: the check harness declares the same names with its own fixture type.
const w = window as unknown as { __KK_FIXTURE: Fixture; __KK_RECORDS: unknown[] };
const f = w.__KK_FIXTURE;
w.__KK_RECORDS = [];
setLocale(f.locale);
const directory = new Map(f.enterprises.map((e) => [e.uscc, e]));

const host: CharterHost = {
  now: () => f.nowMs,
  staff: () => ({ badge: 'KS001', name: '测试' }),
  trust: () => ({ ruleSet: DEFAULT_RULE_SET, ageSec: 3600, directory }),
  verifyCharter: (text) => verifyCharterPass(text, { keys: f.jwks as never, now: new Date(f.nowMs), isRevoked: () => false }),
  charterRun: (jti) => (f.run && f.run.jti === jti ? f.run : null),
  async recordCharterCheck(payload) {
    const eventId = crypto.randomUUID();
    w.__KK_RECORDS.push({ type: 'charter_check', eventId, payload });
    return { eventId };
  },
};

render(<CharterFlow host={host} text={f.passText} onDone={() => (document.body.dataset.done = 'yes')} />, document.getElementById('app')!);
