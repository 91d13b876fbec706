/**
 * decide() as staff see it: the whole list of reasons with their facts, the
 * steps with their params, and the input.invalid answer. The decision table
 * checks outcomes row by row; these pin what the scanner shows and records,
 * which the mutation run of src/core/rules showed nothing else read.
 */
import t from 'tap';
import { DEFAULT_RULE_SET, decide } from '../../../src/core/rules/index.js';
import type { CheckInput, Decision } from '../../../src/core/rules/index.js';
import {
  NOW_MS,
  checkInput,
  codes,
  daysBeforeNow,
  driver,
  escort,
  invalidPass,
  noPassInput,
  passenger,
  reasonFor,
  wuhan,
} from './fixtures.js';

const HOUR = 3600;
const facts = (d: Decision) => d.reasons.map((r) => [r.code, r.facts]);
const steps = (d: Decision) => d.steps.map((s) => [s.code, s.params]);

t.test('REFUSE: ordinary inspection, plus the re-tests still owed, and no other check', async (t) => {
  // An unreadable plate asks for a plate check, which ordinary inspection does its own way; a
  // pending re-test still matters, since a confirmed fever would turn the refusal into a hold.
  const d = decide(checkInput({ pass: invalidPass('expired'), observed: { plate: '无牌', people: [driver({ readings: [37.6] }), escort()] } }));
  t.equal(d.decision, 'REFUSE');
  t.strictSame(steps(d), [
    ['step.refuse.ordinary_inspection', {}],
    ['step.retest', { person: 0, why: 'retest' }],
  ]);
  t.strictSame(d.pendingMeasurements, [{ person: 0, why: 'retest' }]);
  t.strictSame(codes(d), ['pass.invalid.expired', 'temp.retest_required', 'temp.normal', 'keyarea.plate_unknown']);
});

t.test('HOLD: hand to health staff, plus the re-tests of the others, and no other check', async (t) => {
  const d = decide(checkInput({ observed: { plate: '无牌', people: [driver({ readings: [38, 38.2] }), escort({ readings: [37.6] })] } }));
  t.equal(d.decision, 'HOLD');
  t.strictSame(steps(d), [
    ['step.hold.hand_to_health', {}],
    ['step.retest', { person: 1, why: 'retest' }],
  ]);
  t.strictSame(d.pendingMeasurements, [{ person: 1, why: 'retest' }]);
});

t.test('REFUSE for a key-area vehicle with no receiving enterprise: every reason, and how many sources', async (t) => {
  const d = decide(noPassInput({
    observed: { plate: '鄂A12345', people: [passenger({ stays: [wuhan(1)] }), passenger()] },
    receivingEnterprise: null,
  }));
  t.equal(d.decision, 'REFUSE');
  t.strictSame(facts(d), [
    ['pass.none', {}],
    ['temp.normal', { person: 0, readings: 1, misreads: 0, reading: 36.5, threshold: 37.3 }],
    ['temp.normal', { person: 1, readings: 1, misreads: 0, reading: 36.5, threshold: 37.3 }],
    ['keyarea.plate', { plate: '鄂A12345', region: '420100', level: 'city', covers: '420000' }],
    ['keyarea.stay', { person: 0, region: '420100', covers: '420000', lastDay: daysBeforeNow(1), daysAgo: 1, lookbackDays: 14 }],
    ['escort.no_receiver', { sources: 2 }],
  ]);
  t.strictSame(steps(d), [['step.refuse.ordinary_inspection', {}]]);
  t.strictSame(d.keyArea, { involved: true, sources: [{ kind: 'plate', region: '420100' }, { kind: 'stay', region: '420100', person: 0 }] });
  t.strictSame(d.pendingMeasurements, []);
});

t.test('no trust data at all: MANUAL, the age shown as unknown, a supervisor decides because of the trust data', async (t) => {
  const d = decide(checkInput({ trustAgeSec: null }));
  t.equal(d.decision, 'MANUAL');
  const tooOld = reasonFor(d, 'trust.too_old');
  // No age is not zero hours: a scanner that never synced must not look freshly synced.
  t.strictSame(tooOld?.facts, { ageSec: null, ageHours: null, maxSec: 259200, maxHours: 72, wouldBe: 'RELEASE' });
  t.match(tooOld, { zh: /（— 小时，上限 72 小时）/, en: /\(— h, limit 72 h\)/ });
  t.strictSame(steps(d), [['step.manual.supervisor', { cause: 'trust.too_old' }]]);

  const old = decide(noPassInput({ trustAgeSec: 80 * HOUR, observed: { plate: '鄂A12345' } }));
  t.strictSame(reasonFor(old, 'trust.too_old')?.facts, { ageSec: 288000, ageHours: 80, maxSec: 259200, maxHours: 72, wouldBe: 'ESCORT' });
  t.strictSame(steps(old), [['step.manual.supervisor', { cause: 'trust.too_old' }]], 'no escort steps: nobody is called yet');
});

t.test('a MANUAL decision always says what to do next: an absent escort under absentEscort manual goes to a supervisor', async (t) => {
  // Bug found with these tests: this decision used to carry no step at all, so the scanner showed MANUAL with nothing to do.
  const d = decide(checkInput({ observed: { people: [driver()] }, ruleSet: { absentEscort: 'manual' } }));
  t.equal(d.decision, 'MANUAL');
  t.strictSame(steps(d), [['step.manual.supervisor', { cause: 'match.person_absent' }]]);
  t.strictSame(reasonFor(d, 'match.person_absent')?.facts, { passIndex: 1, passPeople: 2 });

  // The re-test first (it may show a fever), the supervisor still after it: measuring cannot bring the escort back.
  const withRetest = decide(checkInput({ observed: { people: [driver({ readings: [37.5] })] }, ruleSet: { absentEscort: 'manual' } }));
  t.strictSame(steps(withRetest), [['step.retest', { person: 0, why: 'retest' }], ['step.manual.supervisor', { cause: 'match.person_absent' }]]);

  // Trust data too old as well: one supervisor, for the clause that asked first.
  const stale = decide(checkInput({ observed: { people: [driver()] }, ruleSet: { absentEscort: 'manual' }, trustAgeSec: 80 * HOUR }));
  t.strictSame(steps(stale), [['step.manual.supervisor', { cause: 'match.person_absent' }]]);

  // A MANUAL that a check or re-test can settle asks for that alone.
  t.strictSame(steps(decide(checkInput({ observed: { people: [driver({ readings: [] }), escort()] } }))), [['step.retest', { person: 0, why: 'missing' }]]);
  t.strictSame(steps(decide(checkInput({ observed: { people: [driver(), escort({ id4Matches: null })] } }))), [['step.check.id4', { person: 1, passIndex: 1 }]]);
});

t.test('epoch-ms now: stays are counted back from the same China date as with ISO text', async (t) => {
  const at = (daysAgo: number) => decide(noPassInput({ now: NOW_MS, observed: { people: [passenger({ stays: [wuhan(daysAgo)] })] } }));
  const old = at(15);
  t.equal(old.decision, 'RELEASE', '15 days back is outside the look-back');
  t.strictSame(old.keyArea, { involved: false, sources: [] });
  const recent = at(14);
  t.equal(recent.decision, 'ESCORT', '14 days back is inside it');
  t.strictSame(reasonFor(recent, 'keyarea.stay')?.facts, {
    person: 0, region: '420100', covers: '420000', lastDay: daysBeforeNow(14), daysAgo: 14, lookbackDays: 14,
  });
});

t.test('input that fails the schema: the whole answer', async (t) => {
  const d = decide({ ...checkInput(), now: 'yesterday' } as unknown as CheckInput);
  t.strictSame({ ...d, reasons: codes(d) }, {
    decision: 'MANUAL',
    reasons: ['input.invalid'],
    steps: d.steps,
    ruleSetVersion: 1,
    keyArea: { involved: false, sources: [] },
    pendingMeasurements: [],
  });
  t.strictSame(steps(d), [['step.manual.supervisor', { cause: 'input.invalid' }]]);
  // One line for the audit log and a small screen: single spaces, nothing at the ends, the path still named.
  const issues = String(d.reasons[0]?.facts.issues);
  t.match(issues, /→ at now/);
  t.notMatch(issues, /\s{2}|\n/, 'no line breaks, no runs of spaces');
  t.equal(issues, issues.trim());
  t.match(d.reasons[0], { zh: `检查数据不完整或格式错误，不能自动判定：${issues}`, en: `Check data incomplete or malformed, no automatic decision: ${issues}` });
});

t.test('input that fails the schema names the rule-set version only when it is an integer', async (t) => {
  const withVersion = (version: unknown) =>
    decide({ ...checkInput(), now: 'yesterday', ruleSet: { ...DEFAULT_RULE_SET, version } } as unknown as CheckInput).ruleSetVersion;
  t.equal(withVersion(3), 3);
  t.equal(withVersion(1.5), null, 'not a version number');
  t.equal(withVersion('2'), null, 'a string is not a version');
  t.equal(withVersion(null), null);
});

t.test('input without a rule set, or not an object: MANUAL, never a throw', async (t) => {
  for (const input of [{}, { ...checkInput(), ruleSet: undefined }, { ...checkInput(), ruleSet: null }, { ...checkInput(), ruleSet: 5 }, 'scan', 0]) {
    const d = decide(input as unknown as CheckInput);
    t.equal(d.decision, 'MANUAL', JSON.stringify(input)?.slice(0, 40));
    t.same(codes(d), ['input.invalid']);
    t.equal(d.ruleSetVersion, null);
  }
});

t.test('issue text is cut after 300 characters, marked with …', async (t) => {
  // An unknown rule-set key is reported with its name, so its length sets the text's length exactly.
  const issuesWith = (keyLength: number) => {
    const ruleSet = { ...DEFAULT_RULE_SET, ['x'.repeat(keyLength)]: 1 };
    return String(decide({ ...checkInput(), ruleSet } as unknown as CheckInput).reasons[0]?.facts.issues);
  };
  const short = issuesWith(1);
  const keyFor300 = 300 - short.length + 1;
  const at300 = issuesWith(keyFor300);
  t.equal(at300.length, 300, 'exactly the limit');
  t.notMatch(at300, /…$/, 'kept whole');
  const at301 = issuesWith(keyFor300 + 1);
  // The 301-character text is the 300 one with one more x in the key; cut back to 300 and marked.
  const full301 = at300.replace('x'.repeat(keyFor300), 'x'.repeat(keyFor300 + 1));
  t.equal(full301.length, 301);
  t.equal(at301, `${full301.slice(0, 300)}…`);
  const many = String(decide({} as unknown as CheckInput).reasons[0]?.facts.issues);
  t.equal(many.length, 301, 'many issues: 300 characters and the mark');
});
