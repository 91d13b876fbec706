// The decision table of /work/shared/domain/README.md ("Decisions at a checkpoint"), row by row, then each cause.
import t from 'tap';
import { PASS_ERROR_CODES } from '../../../src/core/pass/errors.js';
import { DEFAULT_RULE_SET, decide, ruleSetSchema } from '../../../src/core/rules/index.js';
import type { CheckInput, Decision } from '../../../src/core/rules/index.js';
import {
  ENTERPRISE,
  checkInput,
  codes,
  daysBeforeNow,
  driver,
  escort,
  invalidPass,
  noPassInput,
  passenger,
  reasonFor,
  stepCodes,
  validPass,
  wuhan,
} from './fixtures.js';

const HOUR = 3600;

t.test('RELEASE 直接放行: valid pass, plate and people match, every temperature normal, no key-area involvement', async (t) => {
  const d = decide(checkInput());
  t.equal(d.decision, 'RELEASE');
  t.same(codes(d), ['pass.valid', 'match.ok', 'temp.normal', 'temp.normal', 'keyarea.none']);
  t.same(stepCodes(d), ['step.wave_through']);
  t.same(reasonFor(d, 'temp.normal')?.facts, { person: 0, readings: 1, misreads: 0, reading: 36.5, threshold: 37.3 });
});

t.test('RELEASE 直接放行: no pass, not from a key area, every temperature normal', async (t) => {
  const d = decide(noPassInput());
  t.equal(d.decision, 'RELEASE');
  t.same(codes(d), ['pass.none', 'temp.normal', 'temp.normal', 'keyarea.none']);
});

t.test('ESCORT 企业接车: otherwise releasable, but the vehicle or anyone on board is from / has stayed in a key area', async (t) => {
  const vehicle = decide(checkInput({ pass: validPass({ pl: '鄂A12345' }), observed: { plate: '鄂A12345' } }));
  const person = decide(checkInput({ observed: { people: [driver(), escort({ stays: [wuhan(2)] })] } }));
  for (const d of [vehicle, person]) {
    t.equal(d.decision, 'ESCORT');
    t.same(stepCodes(d), ['step.escort.wait_on_board', 'step.escort.call_enterprise', 'step.escort.record_handover']);
    t.same(d.steps[1]?.params, { uscc: ENTERPRISE.uscc, name: ENTERPRISE.name, dutyPhone: ENTERPRISE.dutyPhone });
  }
  t.same(vehicle.keyArea, { involved: true, sources: [{ kind: 'plate', region: '420100' }] });
  t.same(person.keyArea, { involved: true, sources: [{ kind: 'stay', region: '420100', person: 1 }] });
});

t.test('HOLD 留观: a temperature at or above the threshold, confirmed by a re-test', async (t) => {
  const d = decide(checkInput({ observed: { people: [driver(), escort({ readings: [37.6, 37.8] })] } }));
  t.equal(d.decision, 'HOLD');
  t.same(stepCodes(d), ['step.hold.hand_to_health']);
  t.same(reasonFor(d, 'temp.fever_confirmed')?.facts, {
    person: 1, readings: 2, misreads: 0, reading: 37.8, threshold: 37.3, confirmedBy: 37.6,
  });
  // A fever outranks everything else, an invalid pass included: the person is a health matter first.
  t.equal(decide(checkInput({ pass: invalidPass('expired'), observed: { people: [driver({ readings: [38, 38.2] })] } })).decision, 'HOLD');
});

t.test('HOLD only after a confirming re-test', async (t) => {
  const rows: Array<[string, number[], Decision['decision'], Array<{ person: number; why: string }>]> = [
    ['one high reading: re-test first', [37.6], 'MANUAL', [{ person: 0, why: 'retest' }]],
    ['exactly the threshold counts as high', [37.3], 'MANUAL', [{ person: 0, why: 'retest' }]],
    ['high, then confirmed', [37.6, 37.4], 'HOLD', []],
    ['two readings exactly at the threshold confirm each other', [37.3, 37.3], 'HOLD', []],
    ['the plausible maximum is a high reading, not a misread', [42.0], 'MANUAL', [{ person: 0, why: 'retest' }]],
    ['two readings at the plausible maximum confirm a fever', [42.0, 42.0], 'HOLD', []],
    ['high, re-test normal: the last plausible reading decides', [37.6, 36.9], 'RELEASE', []],
    ['high, normal, high: a new high reading needs its own re-test', [37.6, 36.9, 37.5], 'MANUAL', [{ person: 0, why: 'retest' }]],
    ['high, misread, high: the misread does not break the confirmation', [37.6, 48.0, 37.7], 'HOLD', []],
    ['high, misread: the re-test is still owed', [37.6, 20.0], 'MANUAL', [{ person: 0, why: 'retest' }]],
    ['confirmed, then a low reading: the fever stands', [37.6, 37.7, 36.4], 'HOLD', []],
  ];
  for (const [name, readings, expected, pending] of rows) {
    const d = decide(checkInput({ observed: { people: [driver({ readings })] } }));
    t.equal(d.decision, expected, name);
    t.same(d.pendingMeasurements, pending, `${name}: pending`);
    if (expected === 'MANUAL') t.same(stepCodes(d), ['step.retest'], `${name}: measure again`);
  }
  const one = decide(checkInput({ observed: { people: [driver(), escort({ readings: [37.6] })] } }));
  t.same(reasonFor(one, 'temp.retest_required')?.facts, { person: 1, readings: 1, misreads: 0, reading: 37.6, threshold: 37.3 });
  t.same(one.steps[0]?.params, { person: 1, why: 'retest' });
  t.match(one.steps[0]?.zh, '第 2 位', 'staff count people from one');

  const noRetest = decide(checkInput({ ruleSet: { retestRequired: false }, observed: { people: [driver({ readings: [37.6] })] } }));
  t.equal(noRetest.decision, 'HOLD', 'a rule set without re-test holds on one reading');
  t.equal(reasonFor(noRetest, 'temp.fever_confirmed')?.facts.confirmedBy, null);

  const atMax = decide(checkInput({ observed: { people: [driver({ readings: [42.0] })] } }));
  t.notOk(codes(atMax).includes('temp.implausible'), 'a reading at the plausible maximum is not a misread');
  t.same(reasonFor(atMax, 'temp.retest_required')?.facts, { person: 0, readings: 1, misreads: 0, reading: 42, threshold: 37.3 });
  const atThreshold = decide(checkInput({ observed: { people: [driver({ readings: [37.3, 37.3] })] } }));
  t.same(reasonFor(atThreshold, 'temp.fever_confirmed')?.facts, {
    person: 0, readings: 2, misreads: 0, reading: 37.3, threshold: 37.3, confirmedBy: 37.3,
  });
});

t.test('severity: REFUSE outranks MANUAL', async (t) => {
  // An invalid pass refuses even while one person still owes a re-test: the re-test
  // cannot make the pass valid, and a MANUAL here would invite waving the vehicle on.
  const d = decide(checkInput({ pass: invalidPass('expired'), observed: { people: [driver({ readings: [37.6] }), escort()] } }));
  t.equal(d.decision, 'REFUSE');
  t.ok(codes(d).includes('temp.retest_required'), 'the re-test is still reported');
  t.same(d.pendingMeasurements, [{ person: 0, why: 'retest' }]);
});

t.test('misreads and missing readings are measured again, never accepted', async (t) => {
  const rows: Array<[string, number[], string, string]> = [
    ['too low', [33.1], 'implausible', 'temp.implausible'],
    ['too high', [43.0], 'implausible', 'temp.implausible'],
    ['normal, then a misread', [36.5, 34.0], 'implausible', 'temp.implausible'],
    ['not measured', [], 'missing', 'temp.missing'],
  ];
  for (const [name, readings, why, code] of rows) {
    const d = decide(checkInput({ observed: { people: [driver({ readings }), escort()] } }));
    t.equal(d.decision, 'MANUAL', name);
    t.same(d.pendingMeasurements, [{ person: 0, why }]);
    t.ok(codes(d).includes(code));
    t.notOk(d.reasons.some((r) => r.code === 'temp.normal' && r.facts.person === 0), `${name}: not normal`);
  }
  t.same(reasonFor(decide(checkInput({ observed: { people: [driver({ readings: [33.1] })] } })), 'temp.implausible')?.facts, {
    person: 0, readings: 1, misreads: 1, reading: 33.1, min: 35, max: 42,
  });
  t.equal(decide(checkInput({ observed: { people: [driver({ readings: [35.0] })] } })).decision, 'RELEASE', 'the bounds are plausible');
});

t.test('REFUSE 不予快速通行: pass invalid, expired, not yet valid, revoked, unknown key', async (t) => {
  for (const reason of PASS_ERROR_CODES) {
    for (const withClaims of [true, false]) {
      const d = decide(checkInput({ pass: invalidPass(reason, withClaims) }));
      t.equal(d.decision, 'REFUSE', `${reason}${withClaims ? ' (signature held)' : ''}`);
      t.same(codes(d).slice(0, 1), [`pass.invalid.${reason}`]);
      t.notOk(codes(d).includes('pass.valid'));
      t.same(stepCodes(d), ['step.refuse.ordinary_inspection']);
    }
  }
  const revoked = decide(checkInput({ pass: invalidPass('revoked') }));
  t.same(reasonFor(revoked, 'pass.invalid.revoked')?.facts, { detail: 'test: revoked', jti: 'Q7mZ2xKp9A', kid: '-aZXzCUU' });
  t.equal(reasonFor(revoked, 'pass.invalid.revoked')?.zh, '通行证已被撤销');
});

t.test('REFUSE 不予快速通行: person/vehicle/pass mismatch', async (t) => {
  const rows: Array<[string, CheckInput, string, Record<string, unknown>]> = [
    ['plate mismatch', checkInput({ observed: { plate: '苏E12346' } }), 'match.plate_mismatch', { seen: '苏E12346', pass: '苏E12345' }],
    ['a person not on the pass', checkInput({ observed: { people: [driver(), escort(), passenger()] } }),
      'match.person_not_on_pass', { person: 2, passIndex: null, passPeople: 2 }],
    ['an index beyond the pass', checkInput({ observed: { people: [driver(), escort({ passIndex: 2 })] } }),
      'match.person_not_on_pass', { person: 1, passIndex: 2, passPeople: 2 }],
    ['two people claiming one place', checkInput({ observed: { people: [driver(), escort({ passIndex: 0 })] } }),
      'match.person_not_on_pass', { person: 1, passIndex: 0, passPeople: 2, sameAsPerson: 0 }],
    ['ID suffix differs', checkInput({ observed: { people: [driver(), escort({ id4Matches: false })] } }),
      'match.id4_mismatch', { person: 1, passIndex: 1 }],
    ['the driver is not on board', checkInput({ observed: { people: [escort()] } }), 'match.driver_absent', { passPeople: 2 }],
  ];
  for (const [name, input, code, facts] of rows) {
    const d = decide(input);
    t.equal(d.decision, 'REFUSE', name);
    t.same(reasonFor(d, code)?.facts, facts, `${name}: ${code}`);
    t.notOk(codes(d).includes('match.ok'));
    t.same(stepCodes(d), ['step.refuse.ordinary_inspection']);
  }
});

t.test('an unchecked ID suffix is MANUAL: staff must check', async (t) => {
  const d = decide(checkInput({ observed: { people: [driver(), escort({ id4Matches: null })] } }));
  t.equal(d.decision, 'MANUAL');
  t.same(reasonFor(d, 'match.id4_unchecked')?.facts, { person: 1, passIndex: 1 });
  t.same(stepCodes(d), ['step.check.id4']);
});

t.test('REFUSE 不予快速通行: key-area vehicle with no receiving enterprise', async (t) => {
  const vehicle = decide(noPassInput({ observed: { plate: '鄂A12345' }, receivingEnterprise: null }));
  const person = decide(checkInput({ observed: { people: [driver({ stays: [wuhan(1)] }), escort()] }, receivingEnterprise: null }));
  for (const d of [vehicle, person]) {
    t.equal(d.decision, 'REFUSE');
    t.ok(codes(d).includes('escort.no_receiver'));
    t.same(stepCodes(d), ['step.refuse.ordinary_inspection']);
    t.equal(d.keyArea.involved, true);
  }
});

t.test('a stay older than 14 days does not count; the days are China dates', async (t) => {
  t.equal(decide(noPassInput({ observed: { people: [passenger({ stays: [wuhan(14)] })] } })).decision, 'ESCORT', '14 days ago counts');
  const old = decide(noPassInput({ observed: { people: [passenger({ stays: [wuhan(15)] })] } }));
  t.equal(old.decision, 'RELEASE', '15 days ago does not');
  t.equal(old.keyArea.involved, false);
  // 00:30 on 26 February in China is still 25 February in UTC: by China dates 11 February is 15 days back.
  const justAfterMidnight = noPassInput({
    now: '2020-02-25T16:30:00Z',
    observed: { people: [passenger({ stays: [{ region: '420100', lastDay: '2020-02-11' }] })] },
  });
  t.equal(decide(justAfterMidnight).decision, 'RELEASE', 'China date, not UTC date');
  t.equal(decide({ ...justAfterMidnight, now: Date.parse('2020-02-25T15:30:00Z') }).decision, 'ESCORT', 'epoch ms: 23:30 on the 25th');
  // A declaration cannot reach past the check date: refused as input (issue 10), never counted as recent.
  const future = decide(noPassInput({ observed: { people: [passenger({ stays: [wuhan(-2)] })] } }));
  t.equal(future.decision, 'MANUAL', 'a last day in the future is refused');
  t.same(codes(future), ['input.invalid']);
  const longer = decide(noPassInput({ ruleSet: { stayLookbackDays: 21 }, observed: { people: [passenger({ stays: [wuhan(20)] })] } }));
  t.equal(longer.decision, 'ESCORT', 'the look-back comes from the rule set');
});

t.test('a county code 320583 is covered by a province key area 320000', async (t) => {
  const ruleSet = { keyAreas: ['320000'] };
  const stay = decide(noPassInput({ ruleSet, observed: { plate: '浙A12345', people: [passenger({ stays: [{ region: '320583', lastDay: daysBeforeNow(1) }] })] } }));
  t.equal(stay.decision, 'ESCORT');
  t.same(reasonFor(stay, 'keyarea.stay')?.facts.covers, '320000');
  t.same(reasonFor(stay, 'keyarea.stay')?.facts.region, '320583');
  const origin = decide(checkInput({ ruleSet, observed: { plate: '苏E12345' } }));
  t.same(origin.keyArea.sources, [{ kind: 'origin', region: '320583' }, { kind: 'plate', region: '320500' }]);
  t.same(reasonFor(origin, 'keyarea.origin')?.facts, { region: '320583', covers: '320000' });
  // A city-level key area covers its counties, not its neighbours.
  t.equal(decide(noPassInput({ ruleSet: { keyAreas: ['320500'] }, observed: { plate: '苏A12345' } })).decision, 'RELEASE');
  t.equal(decide(noPassInput({ ruleSet: { keyAreas: ['420000'] }, observed: { plate: '鄂M12345' } })).decision, 'ESCORT', '仙桃 429004 lies in Hubei');
});

t.test('the household-registration part of an ID number is not a key-area source', async (t) => {
  // The pass carries only the last four ID characters, and the observation has no address code at all: nothing to test
  // but that a Hubei-free vehicle with people of any ID is released.
  t.equal(decide(checkInput({ pass: validPass({ ppl: [['王武汉', '002X']] }), observed: { people: [driver()] } })).decision, 'RELEASE');
});

t.test('stale trust data: warning at 25 h, MANUAL at 73 h, HOLD and REFUSE stay', async (t) => {
  const warn = decide(checkInput({ trustAgeSec: 25 * HOUR }));
  t.equal(warn.decision, 'RELEASE', 'a warning changes nothing');
  t.same(reasonFor(warn, 'trust.stale_warning')?.facts, { ageSec: 90000, ageHours: 25, warnSec: 86400 });

  const stale = decide(checkInput({ trustAgeSec: 73 * HOUR }));
  t.equal(stale.decision, 'MANUAL', 'no automatic release');
  t.same(reasonFor(stale, 'trust.too_old')?.facts, { ageSec: 262800, ageHours: 73, maxSec: 259200, maxHours: 72, wouldBe: 'RELEASE' });
  t.same(stepCodes(stale), ['step.manual.supervisor']);

  const missing = decide(checkInput({ trustAgeSec: null }));
  t.equal(missing.decision, 'MANUAL', 'no trust data at all');
  t.equal(reasonFor(missing, 'trust.too_old')?.facts.ageSec, null);

  const escort72 = decide(noPassInput({ trustAgeSec: 73 * HOUR, observed: { plate: '鄂A12345' } }));
  t.equal(escort72.decision, 'MANUAL', 'no automatic escort either');
  t.equal(reasonFor(escort72, 'trust.too_old')?.facts.wouldBe, 'ESCORT');

  const hold = decide(checkInput({ trustAgeSec: 73 * HOUR, observed: { people: [driver({ readings: [38, 38.1] })] } }));
  t.equal(hold.decision, 'HOLD', 'HOLD stays HOLD');
  t.ok(codes(hold).includes('trust.too_old'), 'the age is still on record');
  t.same(stepCodes(hold), ['step.hold.hand_to_health']);

  // Keys sync with the rules: an unknown key on a stale scanner is still a refusal, with the age beside it.
  const refuse = decide(checkInput({ trustAgeSec: 73 * HOUR, pass: invalidPass('unknown_kid', false) }));
  t.equal(refuse.decision, 'REFUSE', 'REFUSE stays REFUSE');
  t.ok(codes(refuse).includes('trust.too_old'));

  t.equal(decide(checkInput({ trustAgeSec: 72 * HOUR })).decision, 'RELEASE', 'exactly the maximum is still allowed');
  t.notOk(codes(decide(checkInput({ trustAgeSec: 24 * HOUR }))).includes('trust.stale_warning'), 'exactly the warning age is fine');
});

t.test('an unreadable plate without a pass is MANUAL, never "not a key area"', async (t) => {
  const d = decide(noPassInput({ observed: { plate: '鄂A-1234' } }));
  t.equal(d.decision, 'MANUAL');
  t.ok(codes(d).includes('keyarea.plate_unknown'));
  t.notOk(codes(d).includes('keyarea.none'));
  t.same(stepCodes(d), ['step.check.plate']);
});

t.test('rule set: version in every decision, defaults, consistency', async (t) => {
  t.equal(decide(checkInput({ ruleSet: { version: 7 } })).ruleSetVersion, 7);
  t.same(ruleSetSchema.parse(DEFAULT_RULE_SET), DEFAULT_RULE_SET, 'the default is a valid rule set');
  const minimal = ruleSetSchema.parse({
    version: 2, keyAreas: ['420000', '330300'], effectiveFrom: '2020-03-01T00:00:00+08:00',
    publishedAt: '2020-02-29T18:00:00+08:00', author: '昆山市交通运输局', reason: '增加温州',
  });
  t.match(minimal, { feverThresholdC: 37.3, plausibleMinC: 35, plausibleMaxC: 42, retestRequired: true, stayLookbackDays: 14,
    clockToleranceSec: 300, trustWarnAgeSec: 86400, trustMaxAgeSec: 259200 });
  const bad = (o: Record<string, unknown>) => ruleSetSchema.safeParse({ ...DEFAULT_RULE_SET, ...o }).success;
  t.notOk(bad({ keyAreas: ['4201'] }), 'key areas are 6-digit codes');
  t.notOk(bad({ feverThresholdC: 34 }), 'threshold inside the plausible range');
  t.notOk(bad({ trustWarnAgeSec: 300000 }), 'warning before the maximum');
  t.notOk(bad({ version: 0 }));
  t.notOk(bad({ keyAreasExtra: [] }), 'an unknown field is a newer format, not ignored');
  t.notOk(bad({ effectiveFrom: '2020-02-25 00:00' }), 'times carry an offset');
  // Key areas are data: a new list changes the decision with no code change.
  t.equal(decide(noPassInput({ ruleSet: { keyAreas: [] }, observed: { plate: '鄂A12345' } })).decision, 'RELEASE');
  t.equal(decide(noPassInput({ ruleSet: { keyAreas: ['330300'] }, observed: { people: [passenger({ stays: [{ region: '330302', lastDay: daysBeforeNow(2) }] })] } })).decision, 'ESCORT');
  t.equal(decide(noPassInput({ ruleSet: { keyAreas: ['320500'] }, observed: { plate: '苏E12345' } })).decision, 'ESCORT');
});

t.test('input that fails the schema: MANUAL, never a throw', async (t) => {
  const bad: unknown[] = [
    { ...checkInput(), now: 'yesterday' },
    { ...checkInput(), observed: { ...checkInput().observed, people: [] } },
    { ...checkInput(), ruleSet: { ...DEFAULT_RULE_SET, keyAreas: 'Hubei' } },
    { ...checkInput(), pass: { kind: 'scanned', result: { ok: false, reason: 'not_a_code' } } },
    { ...checkInput(), trustAgeSec: undefined },
    null,
    undefined,
  ];
  for (const input of bad) {
    const d = decide(input as CheckInput);
    t.equal(d.decision, 'MANUAL');
    t.same(codes(d), ['input.invalid']);
    t.same(stepCodes(d), ['step.manual.supervisor']);
  }
  t.equal(decide({ ...checkInput(), now: 'yesterday' }).ruleSetVersion, 1);
  t.equal(decide(null as unknown as CheckInput).ruleSetVersion, null);
});
