/**
 * decideCharter's whole answer for a small coach: the reasons with their
 * facts and in checklist order, the follow-up steps, each person's verdict,
 * the custody groups. test/core/charter/decide.test.ts checks outcomes over
 * the 30-person run; a mutation run showed that nothing read the facts staff
 * see, the steps the scanner prompts, or the rule-set variants, so these do.
 *
 * The coach is the worked example of docs/charter-pass.md (three passengers;
 * 乘客 2 declared a stay in Wuhan six days before the check).
 */
import t from 'tap';
import { signCharterPass, verifyCharterPass } from '../../../src/core/charter/index.js';
import { DEFAULT_RULE_SET, decideCharter } from '../../../src/core/rules/index.js';
import type { CharterCheckInput, CharterDecision, PersonVerdict, RuleSetInput } from '../../../src/core/rules/index.js';
import { EXAMPLE_MANIFEST, EXAMPLE_MD, exampleInput, exampleJws } from '../charter/example.js';
import { DAY, ENT_A, ENT_B, RUN, T0, TEST_KID, signOpts, verifyOpts } from '../charter/fixtures.js';

/** 2020-02-26 10:00 China time, inside the run's window. */
const NOW = '2020-02-26T10:00:00+08:00';
const verified = async (jws: string) => verifyCharterPass(jws, verifyOpts({ now: T0 + DAY }));
const PASS = await verified(await exampleJws());
const RUN3 = { ...RUN, md: EXAMPLE_MD, passengers: EXAMPLE_MANIFEST };

type Observed = CharterCheckInput['observed'];
type Seat = Observed['passengers'][number];
interface Over {
  pass?: CharterCheckInput['pass'];
  run?: CharterCheckInput['run'];
  seats?: Record<number, Partial<Seat>>;
  observed?: Partial<Observed>;
  rules?: Partial<RuleSetInput>;
  trustAgeSec?: number | null;
  now?: CharterCheckInput['now'];
}

/** The example coach, everyone on board and at a normal temperature, unless the test changes something. */
function coach(o: Over = {}): CharterCheckInput {
  const run = o.run === undefined ? RUN3 : o.run;
  return {
    pass: o.pass ?? PASS,
    run,
    observed: {
      plate: '苏E12345',
      driver: { id4Matches: true, readings: [36.4], stays: [] },
      passengers: (run?.passengers ?? []).map((_, i) => ({ present: true, id4Matches: true, readings: [36.6], stays: [], ...o.seats?.[i] })),
      unlisted: [],
      staffKeyAreaFlag: false,
      ...o.observed,
    },
    now: o.now ?? NOW,
    ruleSet: { ...DEFAULT_RULE_SET, ...o.rules },
    trustAgeSec: o.trustAgeSec === undefined ? 600 : o.trustAgeSec,
  };
}

/** Key areas that cover nothing in the example: Wenzhou only. */
const NO_KEY_AREA = { keyAreas: ['330300'] };

const facts = (rs: ReadonlyArray<{ code: string; facts?: unknown; params?: unknown }>) => rs.map((r) => [r.code, r.facts ?? r.params]);
const verdict = (v: PersonVerdict | null | undefined) => (v ? { ...v, reasons: facts(v.reasons) } : v);
const codes = (d: CharterDecision) => d.reasons.map((r) => r.code);
const who = (role: string, index: number) => ({ role, index });
const normal = (role: string, index: number, reading = role === 'driver' ? 36.4 : 36.6) =>
  ['charter.temp.normal', { person: index, readings: 1, misreads: 0, reading, threshold: 37.3, ...who(role, index) }];
const fever = (role: string, index: number, first: number, second: number) =>
  ['charter.temp.fever_confirmed', { person: index, readings: 2, misreads: 0, reading: second, threshold: 37.3, confirmedBy: first, ...who(role, index) }];
const retestOwed = (role: string, index: number, reading: number) =>
  ['charter.temp.retest_required', { person: index, readings: 1, misreads: 0, reading, threshold: 37.3, ...who(role, index) }];
const PASS_VALID = ['charter.pass.valid', { jti: 'C8nW3yLq5B', plate: '苏E12345', passengers: 3 }];
const RUN_MATCHED = ['charter.run.matched', { run: 'R2020-0042' }];
const WUHAN_STAY = ['charter.keyarea.stay', { ...who('passenger', 1), region: '420100', covers: '420000', lastDay: '2020-02-20', daysAgo: 6, lookbackDays: 14 }];
const CUSTODY_2 = ['charter.custody', { ...who('passenger', 1), ent: ENT_A }];
const ORDINARY = ['charter.step.ordinary_inspection', {}];
const SUPERVISOR = ['charter.step.supervisor', {}];

t.test('fixture: the example manifest in canonical order', async (t) => {
  // The expectations below number passengers by this order: 刘娜 (ENT_B), 李伟 (ENT_A, Wuhan stay), 王芳 (ENT_A).
  t.same(EXAMPLE_MANIFEST.map((p) => [p.name, p.ent, p.stays.length]), [['刘娜', ENT_B, 0], ['李伟', ENT_A, 1], ['王芳', ENT_A, 0]]);
  t.equal(PASS.ok, true);
});

t.test('the example coach: the passenger with a Wuhan stay goes into custody, the others are released', async (t) => {
  const d = decideCharter(coach());
  t.equal(d.decision, 'CUSTODY');
  t.strictSame(facts(d.reasons), [
    PASS_VALID,
    RUN_MATCHED,
    normal('driver', 0),
    normal('passenger', 0),
    normal('passenger', 1),
    WUHAN_STAY,
    CUSTODY_2,
    normal('passenger', 2),
    ['charter.coach.custody', { count: 1, enterprises: ENT_A }],
  ]);
  t.strictSame(facts(d.steps), [['charter.step.custody', { ent: ENT_A, passengerNos: '2' }]]);
  t.strictSame(verdict(d.driver), { role: 'driver', index: 0, outcome: 'RELEASE', temperature: 'normal', keyArea: false, reasons: [normal('driver', 0)], pending: null });
  t.strictSame(d.passengers.map(verdict), [
    { role: 'passenger', index: 0, ent: ENT_B, outcome: 'RELEASE', temperature: 'normal', keyArea: false, reasons: [normal('passenger', 0)], pending: null },
    { role: 'passenger', index: 1, ent: ENT_A, outcome: 'CUSTODY', temperature: 'normal', keyArea: true, reasons: [normal('passenger', 1), WUHAN_STAY, CUSTODY_2], pending: null },
    { role: 'passenger', index: 2, ent: ENT_A, outcome: 'RELEASE', temperature: 'normal', keyArea: false, reasons: [normal('passenger', 2)], pending: null },
  ]);
  t.strictSame(d.unlisted, []);
  t.strictSame(d.custody, [{ ent: ENT_A, passengers: [1] }]);
  t.strictSame(d.pendingMeasurements, []);
  t.equal(d.ruleSetVersion, 1);
  // What staff read: the passenger is named as on the checklist (counting from one).
  const custody = d.reasons.find((r) => r.code === 'charter.custody');
  t.equal(custody?.zh, `乘客 2 涉及重点疫区、体温正常：交由企业 ${ENT_A} 接收并落实隔离`);
  t.equal(d.reasons.find((r) => r.code === 'charter.keyarea.stay')?.en, 'Passenger 2 stayed in 420100 until 2020-02-20, in key area 420000, within 14 days');
  t.equal(d.steps[0]?.en, `Release point to point, no getting out, no contact, no stopping on the way; tell enterprise ${ENT_A} to take passengers 2 into custody for isolation`);
});

t.test('no key area anywhere: RELEASE, point to point', async (t) => {
  const d = decideCharter(coach({ rules: NO_KEY_AREA }));
  t.equal(d.decision, 'RELEASE');
  t.strictSame(facts(d.reasons), [PASS_VALID, RUN_MATCHED, normal('driver', 0), normal('passenger', 0), normal('passenger', 1), normal('passenger', 2)]);
  t.strictSame(facts(d.steps), [['charter.step.release', {}]]);
  t.strictSame(d.custody, []);
});

t.test('a numeric `now` (epoch ms) decides exactly as the ISO time', async (t) => {
  // The stay's age is counted from the check date either way.
  const d = decideCharter(coach({ now: Date.parse(NOW) }));
  t.strictSame(d, decideCharter(coach()));
  t.strictSame(facts(d.passengers[1]?.reasons ?? []), [normal('passenger', 1), WUHAN_STAY, CUSTODY_2]);
  const old = decideCharter(coach({ now: Date.parse('2020-03-06T10:00:00+08:00') }));
  t.equal(old.passengers[1]?.outcome, 'RELEASE', 'a stay 15 days back is outside the 14-day look-back');
});

t.test('the pass', async (t) => {
  t.test('a revoked pass: REFUSE; its authentic claims still name the run', async (t) => {
    const revoked = await verifyCharterPass(await exampleJws(), verifyOpts({ now: T0 + DAY, isRevoked: () => true }));
    t.match(revoked, { ok: false, reason: 'revoked', detail: 'jti C8nW3yLq5B', kid: TEST_KID });
    const d = decideCharter(coach({ pass: revoked }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons).slice(0, 2), [['charter.pass.invalid.revoked', { detail: 'jti C8nW3yLq5B', jti: 'C8nW3yLq5B', kid: TEST_KID }], RUN_MATCHED]);
    t.match(d.reasons[0], { zh: '包车通行证已被撤销', en: 'The charter pass has been revoked' });
    t.strictSame(facts(d.steps), [ORDINARY]);
  });

  t.test('a forged pass with no run: nothing authentic to name, still a decision', async (t) => {
    const d = decideCharter(coach({ pass: { ok: false, reason: 'bad_signature' }, run: null }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons), [
      ['charter.pass.invalid.bad_signature', { detail: null, jti: null, kid: null }],
      ['charter.run.not_expected', { jti: null }],
      normal('driver', 0),
    ]);
    t.strictSame(facts(d.steps), [ORDINARY]);
    t.strictSame([d.passengers, d.custody], [[], []]);
  });

  t.test('a forged pass with the run given: no claims to match the run against, and no run reason', async (t) => {
    const d = decideCharter(coach({ pass: { ok: false, reason: 'bad_signature' }, rules: NO_KEY_AREA }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons), [
      ['charter.pass.invalid.bad_signature', { detail: null, jti: null, kid: null }],
      normal('driver', 0),
      normal('passenger', 0),
      normal('passenger', 1),
      normal('passenger', 2),
    ]);
  });
});

t.test('the run', async (t) => {
  t.test('not expected here: MANUAL, and only a supervisor can settle it', async (t) => {
    const d = decideCharter(coach({ run: null }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(facts(d.reasons), [PASS_VALID, ['charter.run.not_expected', { jti: 'C8nW3yLq5B' }], normal('driver', 0)]);
    t.strictSame(facts(d.steps), [SUPERVISOR]);
  });

  t.test('a pass printed for another manifest: REFUSE, the mismatches named', async (t) => {
    const d = decideCharter(coach({ run: RUN }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons).slice(0, 2), [PASS_VALID, ['charter.run.mismatch', { run: 'R2020-0042', mismatches: 'digest,count' }]]);
  });
});

t.test('the plate', async (t) => {
  t.test('a different plate: REFUSE, both plates named as normalised', async (t) => {
    const d = decideCharter(coach({ observed: { plate: '苏e-54321' } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons).slice(0, 3), [PASS_VALID, RUN_MATCHED, ['charter.plate_mismatch', { seen: '苏E54321', pass: '苏E12345' }]]);
    t.equal(decideCharter(coach({ observed: { plate: ' 苏e 12345 ' } })).decision, 'CUSTODY', 'spacing and case are not a mismatch');
  });

  t.test('an unreadable plate: registration unknown, never "not a key area"', async (t) => {
    // A charter coach always has a pass, so an unreadable plate is also a mismatch with it: REFUSE outranks.
    const d = decideCharter(coach({ observed: { plate: '苏E1234' } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.reasons).slice(0, 5), [
      PASS_VALID,
      RUN_MATCHED,
      ['charter.plate_mismatch', { seen: '苏E1234', pass: '苏E12345' }],
      ['charter.keyarea.plate_unknown', { plate: '苏E1234' }],
      normal('driver', 0),
    ]);
    t.equal(d.reasons[3]?.zh, '无法识别车牌 苏E1234，车辆归属地不明');
    t.strictSame(facts(d.steps), [ORDINARY]);
  });
});

t.test('coach-level key-area involvement puts every passenger on board into custody', async (t) => {
  const everyone = (d: CharterDecision) => {
    t.equal(d.decision, 'CUSTODY');
    t.strictSame(d.passengers.map((p) => [p.outcome, p.keyArea]), [['CUSTODY', true], ['CUSTODY', true], ['CUSTODY', true]]);
    t.strictSame(facts(d.passengers[0]?.reasons ?? []), [normal('passenger', 0), ['charter.custody', { ...who('passenger', 0), ent: ENT_B }]]);
    t.strictSame(d.custody, [{ ent: ENT_B, passengers: [0] }, { ent: ENT_A, passengers: [1, 2] }]);
    t.strictSame(facts(d.reasons).at(-1), ['charter.coach.custody', { count: 3, enterprises: `${ENT_B},${ENT_A}` }]);
    t.strictSame(facts(d.steps), [
      ['charter.step.custody', { ent: ENT_B, passengerNos: '1' }],
      ['charter.step.custody', { ent: ENT_A, passengerNos: '2, 3' }],
    ]);
  };

  t.test('the coach sets out from a key area (the pass origin)', async (t) => {
    const d = decideCharter(coach({ pass: await verified(await signCharterPass({ ...exampleInput, origin: '420100' }, signOpts)) }));
    everyone(d);
    t.strictSame(facts(d.reasons).slice(0, 3), [PASS_VALID, RUN_MATCHED, ['charter.keyarea.coach_origin', { region: '420100', covers: '420000' }]]);
  });

  t.test('the coach is registered in a key area (the plate)', async (t) => {
    const pass = await verified(await signCharterPass({ ...exampleInput, plate: '鄂A12345' }, signOpts));
    const over = { pass, run: { ...RUN3, pl: '鄂A12345' }, observed: { plate: '鄂A12345' } };
    const d = decideCharter(coach(over));
    everyone(d);
    t.strictSame(facts(d.reasons).slice(0, 3), [
      ['charter.pass.valid', { jti: 'C8nW3yLq5B', plate: '鄂A12345', passengers: 3 }],
      RUN_MATCHED,
      ['charter.keyarea.plate', { plate: '鄂A12345', region: '420100', covers: '420000' }],
    ]);
    const elsewhere = decideCharter(coach({ ...over, rules: NO_KEY_AREA }));
    t.equal(elsewhere.decision, 'RELEASE', 'a Wuhan plate is nothing special once Hubei is no longer a key area');
    t.notOk(codes(elsewhere).includes('charter.keyarea.plate'));
  });

  t.test('the driver stayed in a key area', async (t) => {
    const d = decideCharter(coach({ observed: { driver: { id4Matches: true, readings: [36.4], stays: [{ region: '421100', lastDay: '2020-02-24' }] } } }));
    everyone(d);
    t.strictSame(facts(d.reasons).slice(0, 3), [PASS_VALID, RUN_MATCHED, ['charter.keyarea.driver_stay', {}]]);
  });

  t.test('staff flag the coach', async (t) => {
    const d = decideCharter(coach({ observed: { staffKeyAreaFlag: true } }));
    everyone(d);
    t.strictSame(facts(d.reasons).slice(0, 3), [PASS_VALID, RUN_MATCHED, ['charter.keyarea.staff_flag', {}]]);
  });
});

t.test('a passenger involved by their own origin', async (t) => {
  const pass = await verified(await signCharterPass({ ...exampleInput, passengerCount: 30, manifestDigest: RUN.md }, signOpts));
  const d = decideCharter(coach({ pass, run: RUN }));
  const wuhan = RUN.passengers.findIndex((p) => p.org === '420100');
  t.strictSame(facts(d.passengers[wuhan]?.reasons ?? []), [
    normal('passenger', wuhan),
    ['charter.keyarea.passenger_origin', { ...who('passenger', wuhan), region: '420100', covers: '420000' }],
    ['charter.custody', { ...who('passenger', wuhan), ent: RUN.passengers[wuhan]?.ent }],
  ]);
  t.equal(d.passengers[wuhan]?.reasons[1]?.en, `Passenger ${wuhan + 1} travels from 420100, in key area 420000`);
});

t.test('ID cards', async (t) => {
  t.test("the driver's does not match: REFUSE, the mismatch named first", async (t) => {
    const d = decideCharter(coach({ observed: { driver: { id4Matches: false, readings: [36.4], stays: [] } } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(verdict(d.driver), { role: 'driver', index: 0, outcome: 'REFUSE', temperature: 'normal', keyArea: false, reasons: [['charter.id4_mismatch', who('driver', 0)], normal('driver', 0)], pending: null });
    t.equal(d.driver?.reasons[0]?.zh, '驾驶员身份证后四位与名单不符，视为名单外人员');
    t.notOk(codes(d).includes('charter.coach.unlisted'), 'the driver is not counted as a passenger off the manifest');
    t.strictSame(facts(d.steps), [ORDINARY]);
  });

  t.test("a passenger's does not match: someone else in that seat, REFUSE by default", async (t) => {
    const d = decideCharter(coach({ seats: { 2: { id4Matches: false } } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(verdict(d.passengers[2]), {
      role: 'passenger', index: 2, ent: ENT_A, outcome: 'REFUSE', temperature: 'normal', keyArea: false,
      reasons: [['charter.id4_mismatch', who('passenger', 2)], normal('passenger', 2)], pending: null,
    });
    t.strictSame(facts(d.reasons).slice(-2), [['charter.coach.unlisted', { count: 1 }], ['charter.coach.custody', { count: 1, enterprises: ENT_A }]]);
    t.strictSame(facts(d.steps), [ORDINARY]);
  });

  t.test('…or a supervisor decides where the rule set says so', async (t) => {
    const d = decideCharter(coach({ seats: { 2: { id4Matches: false } }, rules: { charterUnlistedPerson: 'manual' } }));
    t.equal(d.decision, 'MANUAL');
    t.equal(d.passengers[2]?.outcome, 'REFUSE', "the passenger's own verdict does not soften");
    t.strictSame(facts(d.steps), [SUPERVISOR]);
  });

  t.test('a mismatch stays on record beside a confirmed fever', async (t) => {
    // HOLD outranks REFUSE for the verdict, but the audit must still see that the ID card did not match.
    const d = decideCharter(coach({ observed: { driver: { id4Matches: false, readings: [38.2, 38.4], stays: [] } }, seats: { 2: { id4Matches: false, readings: [38, 38.1] } } }));
    t.equal(d.decision, 'HOLD');
    t.strictSame(verdict(d.driver)?.reasons, [['charter.id4_mismatch', who('driver', 0)], fever('driver', 0, 38.2, 38.4)]);
    t.equal(d.driver?.outcome, 'HOLD');
    t.strictSame(verdict(d.passengers[2])?.reasons, [['charter.id4_mismatch', who('passenger', 2)], fever('passenger', 2, 38, 38.1)]);
    t.equal(d.passengers[2]?.outcome, 'HOLD');
    t.ok(codes(d).includes('charter.coach.unlisted'));
  });

  t.test('not yet compared: MANUAL, the check asked for, no supervisor needed yet', async (t) => {
    const d = decideCharter(coach({ rules: NO_KEY_AREA, seats: { 0: { id4Matches: null } } }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(facts(d.passengers[0]?.reasons ?? []), [normal('passenger', 0), ['charter.id4_unchecked', who('passenger', 0)]]);
    t.strictSame(facts(d.steps), [['charter.step.check_id4', who('passenger', 0)]]);
    t.equal(d.steps[0]?.zh, '核对乘客 1 身份证后四位');
  });
});

t.test('people on board who are not on the manifest', async (t) => {
  const UNLISTED = { readings: [36.5], stays: [] };
  const unlistedNormal = normal('unlisted', 0, 36.5);

  t.test('REFUSE by default; never custody on the pass', async (t) => {
    const d = decideCharter(coach({ observed: { unlisted: [UNLISTED] } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(d.unlisted.map(verdict), [
      { role: 'unlisted', index: 0, outcome: 'REFUSE', temperature: 'normal', keyArea: false, reasons: [['charter.unlisted', who('unlisted', 0)], unlistedNormal], pending: null },
    ]);
    t.equal(d.unlisted[0]?.reasons[0]?.en, 'Unlisted person 1 is on board but not on the manifest');
    t.strictSame(facts(d.reasons).slice(-4), [
      ['charter.unlisted', who('unlisted', 0)],
      unlistedNormal,
      ['charter.coach.unlisted', { count: 1 }],
      ['charter.coach.custody', { count: 1, enterprises: ENT_A }],
    ]);
    t.strictSame(facts(d.steps), [ORDINARY]);
  });

  t.test('MANUAL, for the person and the coach, where the rule set says so', async (t) => {
    const d = decideCharter(coach({ rules: { charterUnlistedPerson: 'manual' }, observed: { unlisted: [UNLISTED, UNLISTED] } }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(d.unlisted.map((u) => [u.role, u.index, u.outcome]), [['unlisted', 0, 'MANUAL'], ['unlisted', 1, 'MANUAL']]);
    t.ok(facts(d.reasons).some(([code, f]) => code === 'charter.coach.unlisted' && (f as { count: number }).count === 2));
    t.strictSame(facts(d.steps), [SUPERVISOR]);
  });

  t.test('an unlisted person\'s key-area stay is on record for whoever decides on them', async (t) => {
    // Nobody has agreed to receive them, so no custody; but the supervisor deciding under 'manual' must see it.
    const wuhan = { readings: [36.5], stays: [{ region: '420100', lastDay: '2020-02-20' }] };
    const d = decideCharter(coach({ rules: { charterUnlistedPerson: 'manual' }, observed: { unlisted: [UNLISTED, wuhan] } }));
    t.equal(d.decision, 'MANUAL');
    const stay = ['charter.keyarea.stay', { ...who('unlisted', 1), region: '420100', covers: '420000', lastDay: '2020-02-20', daysAgo: 6, lookbackDays: 14 }];
    t.strictSame(d.unlisted.map(verdict), [
      { role: 'unlisted', index: 0, outcome: 'MANUAL', temperature: 'normal', keyArea: false, reasons: [['charter.unlisted', who('unlisted', 0)], unlistedNormal], pending: null },
      { role: 'unlisted', index: 1, outcome: 'MANUAL', temperature: 'normal', keyArea: true, reasons: [['charter.unlisted', who('unlisted', 1)], normal('unlisted', 1, 36.5), stay], pending: null },
    ]);
    t.equal(d.unlisted[1]?.reasons[2]?.en, 'Unlisted person 2 stayed in 420100 until 2020-02-20, in key area 420000, within 14 days');
    t.strictSame(d.custody.flatMap((c) => c.passengers), [1], 'custody stays with the listed passenger from Wuhan only');
    // Older than the lookback: nothing to report.
    const old = decideCharter(coach({ rules: { charterUnlistedPerson: 'manual' }, observed: { unlisted: [{ readings: [36.5], stays: [{ region: '420100', lastDay: '2020-01-20' }] }] } }));
    t.equal(old.unlisted[0]?.keyArea, false);
    t.notOk(old.unlisted[0]?.reasons.some((r) => r.code === 'charter.keyarea.stay'));
  });

  t.test('an unlisted person keeps a fever or an owed re-test as their own verdict', async (t) => {
    const hot = decideCharter(coach({ observed: { unlisted: [{ readings: [38, 38.2], stays: [] }] } }));
    t.equal(hot.decision, 'HOLD');
    t.equal(hot.unlisted[0]?.outcome, 'HOLD');
    t.strictSame(facts(hot.steps), [['charter.step.hold', { count: 1 }]]);
    const owed = decideCharter(coach({ observed: { unlisted: [{ readings: [37.6], stays: [] }] } }));
    t.equal(owed.decision, 'REFUSE');
    t.equal(owed.unlisted[0]?.outcome, 'MANUAL', 'the re-test is still owed, whatever the coach');
    t.strictSame(owed.pendingMeasurements, [{ role: 'unlisted', index: 0, why: 'retest' }]);
    t.strictSame(facts(owed.steps), [ORDINARY, ['charter.step.retest', { ...who('unlisted', 0), why: 'retest' }]]);
  });
});

t.test('passengers not on board', async (t) => {
  const away = { 0: { present: false, readings: [] } };
  const ABSENT = { role: 'passenger', index: 0, ent: ENT_B, outcome: 'ABSENT', temperature: null, keyArea: false, reasons: [['charter.passenger.absent', who('passenger', 0)]], pending: null };

  t.test('a note by default: the decision is what the others make it', async (t) => {
    const d = decideCharter(coach({ seats: away, observed: { staffKeyAreaFlag: true } }));
    t.equal(d.decision, 'CUSTODY');
    t.strictSame(verdict(d.passengers[0]), ABSENT, 'not on board, so not in custody even on a flagged coach');
    t.strictSame(d.custody, [{ ent: ENT_A, passengers: [1, 2] }]);
    t.equal(d.passengers[0]?.reasons[0]?.zh, '乘客 1 在名单上但不在车上');
  });

  t.test('manual: a supervisor decides', async (t) => {
    const d = decideCharter(coach({ seats: away, rules: { charterAbsentPassenger: 'manual' } }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(verdict(d.passengers[0]), ABSENT);
    t.strictSame(facts(d.reasons), [PASS_VALID, RUN_MATCHED, normal('driver', 0), ['charter.passenger.absent', who('passenger', 0)], normal('passenger', 1), WUHAN_STAY, CUSTODY_2, normal('passenger', 2), ['charter.coach.custody', { count: 1, enterprises: ENT_A }]]);
    t.strictSame(facts(d.steps), [SUPERVISOR]);
  });

  t.test('refuse: no priority lane', async (t) => {
    const d = decideCharter(coach({ seats: away, rules: { charterAbsentPassenger: 'refuse' } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.steps), [ORDINARY]);
  });

  t.test('the rule only applies when someone is absent', async (t) => {
    for (const charterAbsentPassenger of ['manual', 'refuse'] as const) {
      t.equal(decideCharter(coach({ rules: { charterAbsentPassenger } })).decision, 'CUSTODY', charterAbsentPassenger);
    }
  });
});

t.test('temperatures', async (t) => {
  t.test('confirmed fevers: the coach holds, the count on the reason and the step', async (t) => {
    const d = decideCharter(coach({ observed: { driver: { id4Matches: true, readings: [37.5, 37.6], stays: [] } }, seats: { 0: { readings: [38, 38.1] }, 2: { readings: [37.7] } } }));
    t.equal(d.decision, 'HOLD');
    t.strictSame([d.driver?.outcome, ...d.passengers.map((p) => p.outcome)], ['HOLD', 'HOLD', 'CUSTODY', 'MANUAL']);
    t.strictSame(facts(d.reasons).slice(-2), [['charter.coach.hold', { count: 2 }], ['charter.coach.custody', { count: 1, enterprises: ENT_A }]]);
    t.equal(d.reasons.at(-2)?.en, '2 people on board have a confirmed fever; the coach waits for health staff');
    // Only the re-test is carried into a HOLD: the other checks are for the priority lane, which is gone.
    t.strictSame(facts(d.steps), [['charter.step.hold', { count: 2 }], ['charter.step.retest', { ...who('passenger', 2), why: 'retest' }]]);
    t.strictSame(facts(d.passengers[2]?.reasons ?? []), [retestOwed('passenger', 2, 37.7)]);
    t.strictSame(d.pendingMeasurements, [{ role: 'passenger', index: 2, why: 'retest' }]);
  });

  t.test('a fever outranks custody: a passenger with a key-area stay and a confirmed fever is held, not handed over', async (t) => {
    const d = decideCharter(coach({ seats: { 1: { readings: [38, 38.1] } } }));
    t.equal(d.decision, 'HOLD');
    const held = verdict(d.passengers[1]);
    t.strictSame([held?.outcome, held?.keyArea, held?.reasons], ['HOLD', true, [fever('passenger', 1, 38, 38.1), WUHAN_STAY]]);
    t.strictSame(d.custody, [], 'no one left for custody');
  });

  t.test('owed checks: the re-tests and ID checks in checklist order, no supervisor', async (t) => {
    const d = decideCharter(coach({ rules: NO_KEY_AREA, seats: { 0: { id4Matches: null }, 2: { readings: [37.6] } } }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(facts(d.steps), [['charter.step.check_id4', who('passenger', 0)], ['charter.step.retest', { ...who('passenger', 2), why: 'retest' }]]);
    t.equal(d.steps[1]?.zh, '为乘客 3 重新测温');
    t.strictSame(d.pendingMeasurements, [{ role: 'passenger', index: 2, why: 'retest' }]);
  });

  t.test("a rule for people who are not there does not call a supervisor to a re-test", async (t) => {
    const retest = { 2: { readings: [37.6] } };
    for (const rules of [{ charterUnlistedPerson: 'manual' as const }, { charterAbsentPassenger: 'manual' as const }]) {
      const d = decideCharter(coach({ rules: { ...NO_KEY_AREA, ...rules }, seats: retest }));
      t.equal(d.decision, 'MANUAL');
      t.strictSame(facts(d.steps), [['charter.step.retest', { ...who('passenger', 2), why: 'retest' }]], JSON.stringify(rules));
    }
    const noted = decideCharter(coach({ rules: NO_KEY_AREA, seats: { ...retest, 0: { present: false, readings: [] } } }));
    t.strictSame(facts(noted.steps), [['charter.step.retest', { ...who('passenger', 2), why: 'retest' }]], 'an absence that is only noted needs no supervisor');
  });

  t.test('a REFUSE keeps the owed re-tests, not the ID checks', async (t) => {
    const d = decideCharter(coach({ observed: { plate: '苏E54321' }, seats: { 0: { id4Matches: null }, 2: { readings: [37.6] } } }));
    t.equal(d.decision, 'REFUSE');
    t.strictSame(facts(d.steps), [ORDINARY, ['charter.step.retest', { ...who('passenger', 2), why: 'retest' }]]);
  });
});

t.test('trust data age', async (t) => {
  const last = (d: CharterDecision) => facts(d.reasons).at(-1);

  t.test('none at all: CUSTODY becomes MANUAL, a supervisor decides', async (t) => {
    const d = decideCharter(coach({ trustAgeSec: null }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(last(d), ['trust.too_old', { ageSec: null, ageHours: null, maxSec: 259_200, maxHours: 72, wouldBe: 'CUSTODY' }]);
    t.equal(d.reasons.at(-1)?.zh, '信任数据过旧或缺失（— 小时，上限 72 小时），不得自动放行');
    t.strictSame(facts(d.steps), [SUPERVISOR]);
  });

  t.test('older than the maximum: the age in hours to a tenth', async (t) => {
    const d = decideCharter(coach({ trustAgeSec: 300_000, rules: NO_KEY_AREA }));
    t.equal(d.decision, 'MANUAL');
    t.strictSame(last(d), ['trust.too_old', { ageSec: 300_000, ageHours: 83.3, maxSec: 259_200, maxHours: 72, wouldBe: 'RELEASE' }]);
    t.strictSame(facts(d.steps), [SUPERVISOR]);
    const refused = decideCharter(coach({ trustAgeSec: 300_000, observed: { plate: '苏E54321' } }));
    t.equal(refused.decision, 'REFUSE', 'a refusal stays a refusal');
    t.strictSame(facts(refused.steps), [ORDINARY]);
  });

  t.test('exactly the maximum: still decided, with the warning', async (t) => {
    const d = decideCharter(coach({ trustAgeSec: 259_200 }));
    t.equal(d.decision, 'CUSTODY');
    t.strictSame(last(d), ['trust.stale_warning', { ageSec: 259_200, ageHours: 72, warnSec: 86_400 }]);
  });

  t.test('past the warning age: a warning, the decision unchanged', async (t) => {
    const d = decideCharter(coach({ trustAgeSec: 100_000 }));
    t.equal(d.decision, 'CUSTODY');
    t.strictSame(last(d), ['trust.stale_warning', { ageSec: 100_000, ageHours: 27.8, warnSec: 86_400 }]);
    t.equal(d.reasons.at(-1)?.en, 'Trust data is 27.8 hours old; sync soon');
  });

  t.test('up to the warning age: nothing to say', async (t) => {
    for (const age of [0, 86_400]) {
      const d = decideCharter(coach({ trustAgeSec: age }));
      t.equal(d.decision, 'CUSTODY');
      t.equal(last(d)?.[0], 'charter.coach.custody', `${age} s`);
    }
  });
});

t.test('input that fails the schema: MANUAL input.invalid, never a throw', async (t) => {
  const invalid = (d: CharterDecision) => {
    t.equal(d.decision, 'MANUAL');
    t.strictSame(codes(d), ['input.invalid']);
    t.strictSame(facts(d.steps), [['step.manual.supervisor', { cause: 'input.invalid' }]]);
    t.strictSame([d.driver, d.passengers, d.unlisted, d.custody, d.pendingMeasurements], [null, [], [], [], []]);
  };

  t.test('the issue is named on one line; the rule set version is kept', async (t) => {
    const row = coach({ rules: { version: 7 } });
    const d = decideCharter({ ...row, observed: { ...row.observed, passengers: row.observed.passengers.slice(1) } });
    invalid(d);
    t.equal(d.ruleSetVersion, 7);
    t.strictSame(facts(d.reasons), [['input.invalid', { issues: '✖ one observation per manifest passenger: expected 3, got 2 → at observed.passengers' }]]);
  });

  t.test('a version that is not an integer is not reported as one', async (t) => {
    for (const version of [1.5, '7', null]) {
      const d = decideCharter(coach({ rules: { version: version as number } }));
      invalid(d);
      t.equal(d.ruleSetVersion, null, String(version));
    }
  });

  t.test('no input, or no rule set at all', async (t) => {
    for (const input of [null, undefined, {}, 'KC1/123']) {
      const d = decideCharter(input as unknown as CharterCheckInput);
      invalid(d);
      t.equal(d.ruleSetVersion, null);
    }
  });

  t.test('a long list of issues is cut at 300 characters', async (t) => {
    const issues = decideCharter({} as unknown as CharterCheckInput).reasons[0]?.facts.issues;
    t.type(issues, 'string');
    const text = String(issues);
    t.equal(text.length, 301);
    t.ok(text.endsWith('…'));
    t.ok(text.startsWith('✖ Invalid input: expected object, received undefined → at pass ✖ '), text);
    t.notMatch(text, /\s\s|\n/);
  });
});

t.test('every reason and step is fully rendered', async (t) => {
  const rows: CharterCheckInput[] = [
    coach({ observed: { plate: '苏E1234', unlisted: [{ readings: [], stays: [] }], staffKeyAreaFlag: true }, seats: { 0: { present: false }, 1: { id4Matches: null, readings: [34] } }, trustAgeSec: 100_000 }),
    coach({ pass: await verifyCharterPass(await exampleJws(), verifyOpts({ now: T0 + 5 * DAY })), trustAgeSec: 300_000 }),
  ];
  for (const row of rows) {
    const d = decideCharter(row);
    for (const r of [...d.reasons, ...d.steps]) t.notMatch(`${r.zh}${r.en}`, /undefined|NaN|\{\w+\}|—/, r.code);
  }
});
