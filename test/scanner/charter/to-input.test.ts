import t from 'tap';
import { verifyCharterPass, canonicalManifest, encodeCharterQrText } from '../../../src/core/charter/index.js';
import type { CharterRun, VerifyCharterResult } from '../../../src/core/charter/index.js';
import { charterCheckPayloadSchema } from '../../../src/core/events/event.js';
import { DEFAULT_RULE_SET, decideCharter } from '../../../src/core/rules/index.js';
import { newCharterDraft, reduceCharter, charterProblems, passengerOpen, untouchedPlace } from '../../../scanner-app/src/app/charter/draft.js';
import type { CharterAction, CharterDraft } from '../../../scanner-app/src/app/charter/draft.js';
import { OBS_CHUNK, toCharterInput, toCharterPayload } from '../../../scanner-app/src/app/charter/to-input.js';
import type { CharterContext } from '../../../scanner-app/src/app/charter/to-input.js';
import { isCharterQr } from '../../../scanner-app/src/app/charter/prefix.js';
import { MANIFEST, RUN, T0, DAY, signCharter, thirtyPassengers, verifyOpts } from '../../core/charter/fixtures.js';

/** 2020-02-26 10:00 China time, inside the run's window. */
const NOW_MS = Date.parse('2020-02-26T10:00:00+08:00');
const ctx: CharterContext = { now: NOW_MS, ruleSet: { ...DEFAULT_RULE_SET }, trustAgeSec: 3600 };
const pass: VerifyCharterResult = await verifyCharterPass(await signCharter(), verifyOpts({ now: T0 + DAY }));
// In the fixture manifest one passenger travels from Wuhan and one declared a stay there.
const KEY_AREA = MANIFEST.flatMap((p, i) => (p.org === '420100' || p.stays.length > 0 ? [i] : []));

const apply = (d: CharterDraft, ...actions: CharterAction[]) => actions.reduce(reduceCharter, d);

/** Everyone on board, ID cards matching, 36.5 °C; the driver too. */
function allChecked(run: CharterRun = RUN): CharterDraft {
  let d = newCharterDraft(pass, run);
  d = apply(d, { type: 'id4', who: { role: 'driver' }, value: true }, { type: 'reading', who: { role: 'driver' }, celsius: 36.5 });
  for (let i = 0; i < run.passengers.length; i++) {
    d = apply(d, { type: 'id4', who: { role: 'passenger', index: i }, value: true }, { type: 'reading', who: { role: 'passenger', index: i }, celsius: 36.5 });
  }
  return d;
}

const payloadFor = (d: CharterDraft) => {
  const input = toCharterInput(d, ctx);
  const decision = decideCharter(input);
  return { input, decision, payload: toCharterPayload(input, decision) };
};

t.test('fixture sanity', async (t) => {
  t.equal(pass.ok, true);
  t.equal(KEY_AREA.length, 2);
});

t.test('a new draft: plate from the pass, one place per manifest passenger, nobody ticked yet', async (t) => {
  const d = newCharterDraft(pass, RUN);
  t.equal(d.plate, '苏E12345');
  t.equal(d.passengers.length, 30);
  t.ok(d.passengers.every((p) => !p.present && p.id4Matches === null && p.readings.length === 0));
  t.ok(d.passengers.every(passengerOpen), 'all open for the "not yet checked" filter');
  t.ok(d.passengers.every(untouchedPlace), 'and untouched: deciding now asks first');
  t.notOk(untouchedPlace(apply(d, { type: 'reading', who: { role: 'passenger', index: 0 }, celsius: 36.5 }).passengers[0]!), 'a reading touches the place');
  t.ok(untouchedPlace(apply(d, { type: 'present', index: 0, value: true }, { type: 'present', index: 0, value: false }).passengers[0]!), 'a tick taken back leaves it untouched');
  t.same(newCharterDraft(pass, null).passengers, [], 'no run, no places');
  t.same(charterProblems(d), []);
  t.same(charterProblems(apply(d, { type: 'plate', value: '  ' })), ['plate.missing']);
});

t.test('reducer: an ID check or a reading ticks the passenger; re-tests append; unticking keeps readings', async (t) => {
  const p1 = { role: 'passenger' as const, index: 1 };
  let d = apply(newCharterDraft(pass, RUN), { type: 'id4', who: p1, value: true });
  t.equal(d.passengers[1]?.present, true);
  d = apply(d, { type: 'reading', who: p1, celsius: 37.8 }, { type: 'reading', who: p1, celsius: 37.9 });
  t.same(d.passengers[1]?.readings, [37.8, 37.9]);
  d = apply(d, { type: 'present', index: 1, value: false });
  t.same(d.passengers[1], { present: false, id4Matches: true, readings: [37.8, 37.9], stays: [] });
  d = apply(d, { type: 'addUnlisted' }, { type: 'addUnlisted' }, { type: 'reading', who: { role: 'unlisted', key: 1 }, celsius: 36.6 });
  t.same(d.unlisted.map((u) => [u.key, u.readings]), [[0, []], [1, [36.6]]]);
  d = apply(d, { type: 'removeUnlisted', key: 0 });
  t.same(d.unlisted.map((u) => u.key), [1]);
  d = apply(d, { type: 'addStay', who: p1, stay: { region: '420100', lastDay: '2020-02-20' } }, { type: 'addStay', who: p1, stay: { region: '420100', lastDay: '2020-02-20' } });
  t.equal(d.passengers[1]?.stays.length, 1, 'the same stay once');
  t.equal(apply(d, { type: 'present', index: 99, value: true }), d, 'an unknown place changes nothing');
});

t.test('all 30 checked: the key-area passengers go into custody, in the event by place, no names or ID digits', async (t) => {
  const { input, decision, payload } = payloadFor(allChecked());
  t.equal(input.observed.passengers.length, 30);
  t.equal(decision.decision, 'CUSTODY');
  t.same(payload.passengers.map((p, i) => (p.outcome === 'CUSTODY' ? i : -1)).filter((i) => i >= 0), KEY_AREA);
  t.same(payload.passengers.map((p) => p.ent), MANIFEST.map((p) => p.ent), 'one entry per manifest place, with its enterprise');
  t.equal(payload.runId, RUN.run);
  t.equal(payload.md, RUN.md);
  t.equal(payload.passNo, RUN.jti);
  t.equal(payload.unlisted, 0);
  t.equal(payload.decision, 'CUSTODY');
  t.ok(charterCheckPayloadSchema.safeParse({ ...payload, staffBadge: 'A01', bundleAgeSec: 3600 }).success, 'a valid charter_check payload');
  const json = JSON.stringify(payload);
  for (const p of MANIFEST) {
    t.notOk(json.includes(p.name), `no name (${p.name})`);
    t.notOk(json.includes(`"${p.id4}"`), 'no ID characters');
  }
  t.notOk(json.includes('张建国'), 'not the driver either');
});

t.test('one key-area flag by staff, one confirmed fever after a re-test: the coach HOLDs, the feverish passenger HOLD', async (t) => {
  const p3 = { role: 'passenger' as const, index: 3 };
  let d = allChecked();
  d = apply(d, { type: 'reading', who: p3, celsius: 37.8 });
  let { decision } = payloadFor(d);
  t.equal(decision.passengers[3]?.pending !== null, true, 'a reading at the threshold asks for a re-test');
  t.ok(decision.steps.some((s) => s.code === 'charter.step.retest'));
  d = apply(d, { type: 'reading', who: p3, celsius: 37.9 }, { type: 'staffFlag', value: true });
  const out = payloadFor(d);
  decision = out.decision;
  t.equal(decision.decision, 'HOLD');
  t.equal(out.payload.passengers[3]?.outcome, 'HOLD');
  t.ok(out.payload.passengers.filter((_, i) => i !== 3).every((p) => p.outcome === 'CUSTODY'), 'staff flag: everyone else on board into custody');
  t.match(decision.reasons.find((r) => r.code === 'charter.temp.fever_confirmed')?.zh, /^乘客 4/, 'the reason names 乘客 4, not a name');
  t.same((out.payload.observations as { passengers: Array<Array<{ readings: number[] }>> }).passengers[0]?.[3]?.readings, [36.5, 37.8, 37.9], 'readings as measured, re-tests appended');
});

t.test('absent and unlisted people', async (t) => {
  let d = allChecked();
  d = apply(d, { type: 'present', index: 0, value: false }, { type: 'addUnlisted' }, { type: 'reading', who: { role: 'unlisted', key: 0 }, celsius: 36.4 });
  const { decision, payload } = payloadFor(d);
  t.equal(payload.passengers[0]?.outcome, 'ABSENT');
  t.equal(payload.unlisted, 1);
  t.equal(decision.decision, 'REFUSE', 'someone not on the manifest: no priority passage');
  t.ok(payload.reasons.includes('charter.coach.unlisted'));
});

t.test('no run here: MANUAL, the event without run, digest or places', async (t) => {
  const { decision, payload } = payloadFor(apply(newCharterDraft(pass, null), { type: 'id4', who: { role: 'driver' }, value: true }, { type: 'reading', who: { role: 'driver' }, celsius: 36.5 }));
  t.equal(decision.decision, 'MANUAL');
  t.same([payload.runId, payload.md, payload.passengers], [null, null, []]);
  t.ok(payload.reasons.includes('charter.run.not_expected'));
});

t.test('pass and run disagree (count) → REFUSE with the mismatch', async (t) => {
  const shorter: CharterRun = { ...RUN, passengers: RUN.passengers.slice(0, 29) };
  const { decision } = payloadFor(allChecked(shorter));
  t.equal(decision.decision, 'REFUSE');
  t.match(decision.reasons.find((r) => r.code === 'charter.run.mismatch')?.facts, { mismatches: 'count' });
});

t.test('a forged pass → REFUSE; its unverified jti is not recorded', async (t) => {
  const forged = await verifyCharterPass(await signCharter(), verifyOpts({ now: T0 + DAY, keys: { keys: [] } }));
  const { decision, payload } = payloadFor(apply(newCharterDraft(forged, null), { type: 'plate', value: '苏E12345' }));
  t.equal(decision.decision, 'REFUSE');
  t.equal(payload.passNo, null);
  t.equal(payload.plate, '苏E12345');
});

t.test('big manifests: observations in chunks, so no array passes the event’s 64-item limit', async (t) => {
  const many = canonicalManifest([...thirtyPassengers(), ...thirtyPassengers().map((p) => ({ ...p, id4: `9${p.id4.slice(1)}` }))]);
  const run: CharterRun = { ...RUN, passengers: many };
  const d = allChecked(run);
  const input = toCharterInput(d, ctx);
  const decision = decideCharter(input);
  const payload = toCharterPayload(input, decision);
  const chunks = (payload.observations as { passengers: unknown[][] }).passengers;
  t.same(chunks.map((c) => c.length), [OBS_CHUNK, 60 - OBS_CHUNK]);
  t.equal(payload.passengers.length, 60);
});

t.test('KC<n>/ opens the charter flow, KK1/ the freight one', async (t) => {
  const qr = encodeCharterQrText(await signCharter());
  t.ok(isCharterQr(qr));
  t.ok(isCharterQr(`  kc1/${qr.slice(4)}\n`), 'wedge: case and whitespace');
  t.ok(isCharterQr('KC2/1234'), 'another version still goes to the charter flow, which says unsupported_version');
  t.notOk(isCharterQr('KK1/1234'));
  t.notOk(isCharterQr('eyJhbGciOiJFZERTQSJ9.e30.sig'));
});
