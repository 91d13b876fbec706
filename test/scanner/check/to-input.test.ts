import t from 'tap';
import { decide } from '../../../src/core/rules/decide.js';
import { checkPayloadSchema } from '../../../src/core/events/event.js';
import { newDraft, reduceDraft } from '../../../scanner-app/src/app/check/draft.js';
import type { CheckDraft, DraftAction } from '../../../scanner-app/src/app/check/draft.js';
import {
  CheckRecordError,
  checkContext,
  id4Matches,
  receivingEnterprise,
  toCheckInput,
  toCheckPayload,
  toWaitingEntry,
} from '../../../scanner-app/src/app/check/to-input.js';
import { DIRECTORY, ENTERPRISE, NOW_MS, OTHER, context, verifiedPass } from './fixtures.js';

const run = (d: CheckDraft, ...actions: DraftAction[]) => actions.reduce(reduceDraft, d);

/** The usual good vehicle: plate confirmed, both pass people checked and measured. */
async function goodDraft(): Promise<CheckDraft> {
  return run(
    newDraft({ kind: 'scanned', result: await verifiedPass() }),
    { type: 'confirmPlate' },
    { type: 'id4', key: 0, value: '002x' },
    { type: 'id4', key: 1, value: '1234' },
    { type: 'reading', key: 0, celsius: 36.5 },
    { type: 'reading', key: 1, celsius: 36.6 },
  );
}

t.test('id4Matches: null until four are typed, X case-insensitive', (t) => {
  t.equal(id4Matches('', '002X'), null);
  t.equal(id4Matches('002', '002X'), null);
  t.equal(id4Matches('002x', '002X'), true);
  t.equal(id4Matches('002X', '002x'), true);
  t.equal(id4Matches('0021', '002X'), false);
  t.equal(id4Matches('1234', undefined), false, 'nothing on the pass to match');
  t.end();
});

t.test('the usual vehicle is released by the core', async (t) => {
  const input = toCheckInput(await goodDraft(), context());
  t.same(input.observed.people.map((p) => [p.passIndex, p.id4Matches, p.readings]), [[0, true, [36.5]], [1, true, [36.6]]]);
  t.same(input.receivingEnterprise, ENTERPRISE, 'the pass names its enterprise; the directory gives the rest');
  t.equal(decide(input).decision, 'RELEASE');
});

t.test('a wrong ID suffix refuses; an unchecked one is MANUAL', async (t) => {
  const wrong = run(await goodDraft(), { type: 'id4', key: 1, value: '1235' });
  t.equal(decide(toCheckInput(wrong, context())).decision, 'REFUSE');
  const unchecked = run(await goodDraft(), { type: 'id4', key: 1, value: '' });
  const d = decide(toCheckInput(unchecked, context()));
  t.equal(d.decision, 'MANUAL');
  t.ok(d.reasons.some((r) => r.code === 'match.id4_unchecked'));
});

t.test('a stay in Hubei sends the vehicle to ESCORT with the pass enterprise', async (t) => {
  const draft = run(await goodDraft(), { type: 'addStay', key: 1, stay: { region: '420102', lastDay: '2020-02-20' } });
  const d = decide(toCheckInput(draft, context()));
  t.equal(d.decision, 'ESCORT');
  t.same(d.keyArea.sources, [{ kind: 'stay', region: '420102', person: 1 }]);
  const waiting = toWaitingEntry(draft, context());
  t.same(waiting, {
    plate: '苏E12345',
    enterprise: ENTERPRISE,
    people: [
      { name: '张建国', id4: '002X', role: 'driver' },
      { name: '李卫东', id4: '1234', role: 'escort' },
    ],
  });
});

t.test('an escort not on board is left out and people renumber', async (t) => {
  const draft = run(await goodDraft(), { type: 'onBoard', key: 1, onBoard: false }, { type: 'addPerson', name: '王五' }, { type: 'reading', key: 2, celsius: 36.4 });
  const input = toCheckInput(draft, context());
  t.same(input.observed.people.map((p) => p.passIndex), [0, null]);
  const d = decide(input);
  t.equal(d.decision, 'REFUSE', 'someone not on the pass');
  t.ok(d.reasons.some((r) => r.code === 'match.person_not_on_pass' && r.facts.person === 1));
  t.same(toWaitingEntry(draft, context()).people[1], { name: '王五', id4: null, role: 'other' });
});

t.test('no pass: the receiver is the one staff picked', async (t) => {
  let draft = run(
    newDraft({ kind: 'none' }),
    { type: 'plate', value: '鄂A 12345' },
    { type: 'addPerson', name: '赵六' },
    { type: 'reading', key: 0, celsius: 36.5 },
  );
  t.equal(receivingEnterprise(draft, DIRECTORY), null);
  t.equal(decide(toCheckInput(draft, context())).decision, 'REFUSE', 'a Hubei plate with no receiver');
  draft = run(draft, { type: 'receiver', uscc: OTHER.uscc });
  const input = toCheckInput(draft, context());
  t.equal(input.observed.plate, '鄂A12345', 'normalised');
  t.equal(input.pass.kind, 'none');
  t.equal(decide(input).decision, 'ESCORT');
  draft = run(draft, { type: 'receiver', uscc: 'not-in-the-directory' });
  t.equal(receivingEnterprise(draft, DIRECTORY), null);
});

t.test('an enterprise missing from the directory is no receiver', async (t) => {
  const draft = await goodDraft();
  t.equal(receivingEnterprise(draft, new Map()), null);
});

t.test('the payload: what the decision used, no typed digits, no added names', async (t) => {
  const draft = run(
    await goodDraft(),
    { type: 'addPerson', name: '王五' },
    { type: 'reading', key: 2, celsius: 36.4 },
    { type: 'staffFlag', value: true },
  );
  const input = toCheckInput(draft, context());
  const decision = decide(input);
  const payload = toCheckPayload(input, decision);
  t.same(payload, {
    passNo: 'Q7mZ2xKp9A',
    plate: '苏E12345',
    observations: {
      v: 1,
      people: [
        { passIndex: 0, id4Matches: true, readings: [36.5], stays: [] },
        { passIndex: 1, id4Matches: true, readings: [36.6], stays: [] },
        { passIndex: null, id4Matches: null, readings: [36.4], stays: [] },
      ],
      staffKeyAreaFlag: true,
      receivingEnterprise: ENTERPRISE.uscc,
    },
    decision: decision.decision,
    reasons: decision.reasons.map((r) => r.code),
    ruleSetVersion: 1,
  });
  const json = JSON.stringify(payload);
  for (const secret of ['002X', '"1234"', '王五', '张建国', ENTERPRISE.name]) t.notOk(json.includes(secret), `no ${secret}`);
  // The host adds these two; the rest must already be what the event schema wants.
  t.ok(checkPayloadSchema.safeParse({ ...payload, staffBadge: 'A1', bundleAgeSec: 3600 }).success);
});

t.test('passNo: the jti once the signature held (revoked too), null otherwise', async (t) => {
  const revoked = run(newDraft({ kind: 'scanned', result: await verifiedPass(['Q7mZ2xKp9A']) }), { type: 'confirmPlate' });
  let input = toCheckInput(revoked, context());
  let payload = toCheckPayload(input, decide(input));
  t.equal(payload.passNo, 'Q7mZ2xKp9A');
  t.equal(payload.decision, 'REFUSE');
  t.ok(payload.reasons.includes('pass.invalid.revoked'));
  const unreadable = run(newDraft({ kind: 'scanned', result: { ok: false, reason: 'bad_signature' } }), { type: 'plate', value: '苏E12345' }, { type: 'addPerson', name: '' });
  input = toCheckInput(unreadable, context());
  payload = toCheckPayload(input, decide(input));
  t.equal(payload.passNo, null);
  t.equal(payload.observations.receivingEnterprise, null);
});

t.test('a record the event schema refuses fails before the decision screen', async (t) => {
  const draft = run(await goodDraft(), { type: 'plate', value: '苏E12345678901234567' });
  const input = toCheckInput(draft, context());
  t.throws(() => toCheckPayload(input, decide(input)), CheckRecordError);
});

t.test('checkContext reads the host once', (t) => {
  const ruleSet = context().ruleSet;
  const ctx = checkContext({ now: () => 42, trust: () => ({ ruleSet, ageSec: null, directory: DIRECTORY }) });
  t.same(ctx, { now: 42, ruleSet, trustAgeSec: null, directory: DIRECTORY });
  t.end();
});

t.test('old trust data: MANUAL from the same draft', async (t) => {
  const d = decide(toCheckInput(await goodDraft(), context({ trustAgeSec: null, now: NOW_MS })));
  t.equal(d.decision, 'MANUAL');
});
