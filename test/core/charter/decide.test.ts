import t from 'tap';
import fc from 'fast-check';
import { verifyCharterPass } from '../../../src/core/charter/index.js';
import type { VerifyCharterResult } from '../../../src/core/charter/index.js';
import { COACH_SEVERITY, DEFAULT_RULE_SET, decideCharter } from '../../../src/core/rules/index.js';
import type { CharterCheckInput, CharterDecision } from '../../../src/core/rules/index.js';
import { ENT_A, ENT_B, MANIFEST, RUN, T0, DAY, signCharter, verifyOpts } from './fixtures.js';

/** 2020-02-26 10:00 China time, inside the run's window. */
const NOW = '2020-02-26T10:00:00+08:00';
const pass: VerifyCharterResult = await verifyCharterPass(await signCharter(), verifyOpts({ now: T0 + DAY }));
const NORMAL = [36.5];
// In the fixture manifest one passenger travels from Wuhan and one declared a stay there.
const KEY_AREA_INDEXES = MANIFEST.flatMap((p, i) => (p.org === '420100' || p.stays.length > 0 ? [i] : []));

type Obs = CharterCheckInput['observed']['passengers'][number];
const present = (o: Partial<Obs> = {}): Obs => ({ present: true, id4Matches: true, readings: NORMAL, stays: [], ...o });

function input(over: { pass?: unknown; run?: unknown; passengers?: Record<number, Partial<Obs>>; observed?: Partial<CharterCheckInput['observed']>; rules?: object; trustAgeSec?: number | null } = {}): CharterCheckInput {
  const run = over.run === undefined ? RUN : over.run;
  const count = (run as typeof RUN | null)?.passengers.length ?? 0;
  return {
    pass: (over.pass ?? pass) as CharterCheckInput['pass'],
    run: run as CharterCheckInput['run'],
    observed: {
      plate: '苏E12345',
      driver: { id4Matches: true, readings: NORMAL, stays: [] },
      passengers: Array.from({ length: count }, (_, i) => present(over.passengers?.[i])),
      unlisted: [],
      staffKeyAreaFlag: false,
      ...over.observed,
    },
    now: NOW,
    ruleSet: { ...DEFAULT_RULE_SET, ...over.rules },
    trustAgeSec: over.trustAgeSec === undefined ? 3600 : over.trustAgeSec,
  };
}

const codes = (d: CharterDecision) => d.reasons.map((r) => r.code);
const withoutKeyArea = (): typeof RUN => ({ ...RUN, passengers: RUN.passengers.map((p) => ({ ...p, org: '510100', stays: [] })) });

t.test('fixture: key-area passengers are where the table expects them', async (t) => {
  t.equal(pass.ok, true);
  t.equal(KEY_AREA_INDEXES.length, 2);
});

t.test('decision table', async (t) => {
  const rows: Array<[string, CharterCheckInput, CharterDecision['decision'], (d: CharterDecision) => void]> = [
    ['all fine, no key area on board → RELEASE', input({ run: withoutKeyArea(), pass: passFor(withoutKeyArea()) }), 'RELEASE', (d) => {
      t.same(codes(d).slice(0, 2), ['charter.pass.valid', 'charter.run.matched']);
      t.same(d.steps.map((s) => s.code), ['charter.step.release']);
      t.ok(d.passengers.every((p) => p.outcome === 'RELEASE'));
    }],
    ["the pass's digest differs from the run's (a pass printed before the manifest changed) → REFUSE", input({ pass: pass.ok ? { ...pass, claims: { ...pass.claims, md: `B${pass.claims.md.slice(1)}` } } : pass }), 'REFUSE', (d) => t.match(d.reasons.find((r) => r.code === 'charter.run.mismatch')?.facts, { mismatches: 'digest' })],
    ['the 30-person run: two key-area passengers → CUSTODY', input(), 'CUSTODY', (d) => {
      t.same(d.passengers.filter((p) => p.outcome === 'CUSTODY').map((p) => p.index), KEY_AREA_INDEXES);
      t.same(d.custody.map((c) => c.ent), [...new Set(KEY_AREA_INDEXES.map((i) => MANIFEST[i]?.ent))]);
      t.ok(d.passengers.filter((p) => !KEY_AREA_INDEXES.includes(p.index)).every((p) => p.outcome === 'RELEASE'));
      t.ok(codes(d).includes('charter.coach.custody'));
      const custody = d.reasons.find((r) => r.code === 'charter.custody');
      t.match(custody?.zh, new RegExp(`乘客 ${(KEY_AREA_INDEXES[0] ?? 0) + 1} `), 'the reason says which passenger');
      t.match(custody?.en, /custody of enterprise/);
      t.equal(d.steps[0]?.code, 'charter.step.custody');
    }],
    ['confirmed fever → that passenger HOLD, the coach HOLD', input({ passengers: { 3: { readings: [37.8, 37.9] } } }), 'HOLD', (d) => {
      t.equal(d.passengers[3]?.outcome, 'HOLD');
      t.equal(d.passengers[2]?.outcome, 'RELEASE', 'others keep their own verdict');
      t.match(d.reasons.find((r) => r.code === 'charter.temp.fever_confirmed')?.en, /^Passenger 4: 37\.9 °C/);
      t.equal(d.steps[0]?.code, 'charter.step.hold');
    }],
    ['a single high reading → re-test owed → MANUAL', input({ passengers: { 5: { readings: [37.6] } } }), 'MANUAL', (d) => {
      t.same(d.pendingMeasurements, [{ role: 'passenger', index: 5, why: 'retest' }]);
      t.match(d.steps.map((s) => s.code), ['charter.step.retest']);
    }],
    ['high then normal re-test → normal', input({ run: withoutKeyArea(), pass: passFor(withoutKeyArea()), passengers: { 5: { readings: [37.6, 36.8] } } }), 'RELEASE', () => {}],
    ['key-area passenger with fever → HOLD, not custody', input({ passengers: { [KEY_AREA_INDEXES[0] ?? 0]: { readings: [38, 38.1] } } }), 'HOLD', (d) => t.equal(d.passengers[KEY_AREA_INDEXES[0] ?? 0]?.outcome, 'HOLD')],
    ['someone on board not on the manifest → REFUSE', input({ observed: { unlisted: [{ readings: NORMAL, stays: [] }] } }), 'REFUSE', (d) => {
      t.ok(codes(d).includes('charter.unlisted') && codes(d).includes('charter.coach.unlisted'));
      t.equal(d.unlisted[0]?.outcome, 'REFUSE');
      t.equal(d.steps[0]?.code, 'charter.step.ordinary_inspection');
    }],
    ['…or MANUAL where the rule set says so', input({ rules: { charterUnlistedPerson: 'manual' }, observed: { unlisted: [{ readings: NORMAL, stays: [] }] } }), 'MANUAL', (d) => t.equal(d.steps.at(-1)?.code, 'charter.step.supervisor')],
    ['unlisted person with a fever → HOLD outranks', input({ observed: { unlisted: [{ readings: [38, 38] , stays: [] }] } }), 'HOLD', () => {}],
    ['ID card does not match a manifest entry → counts as not on the manifest', input({ passengers: { 7: { id4Matches: false } } }), 'REFUSE', (d) => {
      t.equal(d.passengers[7]?.outcome, 'REFUSE');
      t.match(d.reasons.find((r) => r.code === 'charter.coach.unlisted')?.facts, { count: 1 });
    }],
    ['ID not yet compared → MANUAL with the check as a step', input({ passengers: { 8: { id4Matches: null } } }), 'MANUAL', (d) => t.ok(d.steps.some((s) => s.code === 'charter.step.check_id4' && s.params.index === 8))],
    ['absent passenger → a note by default', input({ passengers: { 10: { present: false, readings: [] } } }), 'CUSTODY', (d) => {
      t.equal(d.passengers[10]?.outcome, 'ABSENT');
      t.ok(codes(d).includes('charter.passenger.absent'));
    }],
    ['absent passenger → REFUSE where the rule set says so', input({ rules: { charterAbsentPassenger: 'refuse' }, passengers: { 10: { present: false } } }), 'REFUSE', () => {}],
    ['revoked charter pass → REFUSE', input({ pass: { ok: false, reason: 'revoked', claims: pass.ok ? pass.claims : undefined, kid: 'k' } }), 'REFUSE', (d) => t.ok(codes(d).includes('charter.pass.invalid.revoked'))],
    ['forged pass → REFUSE', input({ pass: { ok: false, reason: 'bad_signature' } }), 'REFUSE', () => {}],
    ['trust data too old → MANUAL, not custody', input({ trustAgeSec: 4 * DAY }), 'MANUAL', (d) => {
      t.ok(codes(d).includes('trust.too_old'));
      t.equal(d.steps.at(-1)?.code, 'charter.step.supervisor');
      t.equal(d.passengers.filter((p) => p.outcome === 'CUSTODY').length, 2, 'the per-passenger verdicts stay for the supervisor');
    }],
    ['no trust data at all → MANUAL', input({ trustAgeSec: null, run: withoutKeyArea(), pass: passFor(withoutKeyArea()) }), 'MANUAL', () => {}],
    ['trust too old never softens a HOLD', input({ trustAgeSec: 4 * DAY, passengers: { 0: { readings: [38, 38] } } }), 'HOLD', () => {}],
    ['run not expected at this checkpoint → MANUAL', input({ run: null }), 'MANUAL', (d) => t.ok(codes(d).includes('charter.run.not_expected'))],
    ['plate differs from the pass → REFUSE', input({ observed: { plate: '苏E54321' } }), 'REFUSE', (d) => t.ok(codes(d).includes('charter.plate_mismatch'))],
    ['driver fever → HOLD', input({ observed: { driver: { id4Matches: true, readings: [38.2, 38.4], stays: [] } } }), 'HOLD', (d) => t.equal(d.driver?.outcome, 'HOLD')],
    ['driver ID mismatch → REFUSE', input({ observed: { driver: { id4Matches: false, readings: NORMAL, stays: [] } } }), 'REFUSE', () => {}],
    ['driver stayed in a key area → everyone in custody', input({ observed: { driver: { id4Matches: true, readings: NORMAL, stays: [{ region: '420100', lastDay: '2020-02-20' }] } } }), 'CUSTODY', (d) => {
      t.equal(d.custody.reduce((n, c) => n + c.passengers.length, 0), 30);
      t.same(d.custody.map((c) => c.ent).sort(), [ENT_A, ENT_B].sort());
    }],
    ['stay declared at the checkpoint counts too', input({ run: withoutKeyArea(), pass: passFor(withoutKeyArea()), passengers: { 12: { stays: [{ region: '421100', lastDay: '2020-02-24' }] } } }), 'CUSTODY', (d) => t.same(d.custody, [{ ent: MANIFEST[12]?.ent, passengers: [12] }])],
    ['stay older than the look-back does not', input({ run: withoutKeyArea(), pass: passFor(withoutKeyArea()), passengers: { 12: { stays: [{ region: '421100', lastDay: '2020-02-01' }] } } }), 'RELEASE', () => {}],
    ['mixed coach: custody + fever + absent + unchecked', input({ passengers: { 1: { readings: [38, 38.3] }, 2: { present: false }, 6: { id4Matches: null } } }), 'HOLD', (d) => {
      t.same(
        [d.passengers[1]?.outcome, d.passengers[2]?.outcome, d.passengers[6]?.outcome, d.passengers[KEY_AREA_INDEXES[1] ?? 0]?.outcome],
        ['HOLD', 'ABSENT', 'MANUAL', 'CUSTODY'],
      );
      t.same(d.pendingMeasurements, []);
    }],
    ['observations not paired with the manifest → input.invalid', { ...input(), observed: { ...input().observed, passengers: [] } }, 'MANUAL', (d) => t.same(codes(d), ['input.invalid'])],
  ];
  for (const [name, row, expected, check] of rows) {
    const d = decideCharter(row);
    t.equal(d.decision, expected, name);
    check(d);
    for (const r of d.reasons) t.notMatch(r.zh + r.en, /undefined|\{\w+\}/, `${name}: ${r.code} fully rendered`);
  }
});

t.test('properties: never throws; the coach is never milder than any present person', async (t) => {
  const reading = fc.oneof(fc.constantFrom(36.5, 37.3, 37.8, 34, 43), fc.double({ min: 30, max: 45, noNaN: true }));
  const obs = fc.record({ present: fc.boolean(), id4Matches: fc.constantFrom(true, false, null), readings: fc.array(reading, { maxLength: 3 }), stays: fc.constant<Array<{ region: string; lastDay: string }>>([]) });
  await fc.assert(
    fc.property(fc.array(obs, { minLength: 30, maxLength: 30 }), fc.nat(5 * DAY), (people, age) => {
      const d = decideCharter({ ...input({ trustAgeSec: age }), observed: { ...input().observed, passengers: people } });
      for (const p of d.passengers) {
        if (p.outcome === 'ABSENT' || p.outcome === 'REFUSE') continue;
        if (COACH_SEVERITY[d.decision] < COACH_SEVERITY[p.outcome]) return false;
      }
      if (people.some((p) => p.present && p.id4Matches === false) && d.decision !== 'HOLD' && d.decision !== 'REFUSE') return false;
      return d.decision === 'HOLD' || d.passengers.every((p) => p.temperature !== 'fever');
    }),
    { numRuns: 200 },
  );
});

function passFor(run: typeof RUN): VerifyCharterResult {
  // The pass a run without key-area passengers would have: same claims, that run's digest.
  return pass.ok ? { ...pass, claims: { ...pass.claims, md: run.md } } : pass;
}
