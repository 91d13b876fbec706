/**
 * assessTemperature's whole answer, branch by branch: status, outcome, the
 * reason codes with their facts, the follow-up step and what is pending.
 * The decision table checks outcomes; these pin what staff read and what the
 * scanner prompts, which a mutation run showed nothing else did.
 */
import t from 'tap';
import { assessTemperature } from '../../../src/core/rules/temperature.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';

const rules = { feverThresholdC: 37.3, plausibleMinC: 35, plausibleMaxC: 42, retestRequired: true };
const strip = (r: ReturnType<typeof assessTemperature>) => ({
  status: r.status,
  outcome: r.outcome,
  reasons: r.reasons.map((x) => [x.code, x.facts]),
  followUps: r.followUps.map((x) => [x.code, x.params]),
  pending: r.pending,
});

t.test('the defaults are the ones these cases assume', async (t) => {
  t.same(
    { feverThresholdC: DEFAULT_RULE_SET.feverThresholdC, plausibleMinC: DEFAULT_RULE_SET.plausibleMinC, plausibleMaxC: DEFAULT_RULE_SET.plausibleMaxC, retestRequired: DEFAULT_RULE_SET.retestRequired },
    rules,
  );
});

t.test('no reading: missing, measure', async (t) => {
  t.strictSame(strip(assessTemperature(1, { readings: [] }, rules)), {
    status: 'missing',
    outcome: 'MANUAL',
    reasons: [['temp.missing', { person: 1 }]],
    followUps: [['step.retest', { person: 1, why: 'missing' }]],
    pending: { person: 1, why: 'missing' },
  });
});

t.test('normal', async (t) => {
  t.strictSame(strip(assessTemperature(0, { readings: [36.5] }, rules)), {
    status: 'normal',
    outcome: 'RELEASE',
    reasons: [['temp.normal', { person: 0, readings: 1, misreads: 0, reading: 36.5, threshold: 37.3 }]],
    followUps: [],
    pending: null,
  });
  t.equal(assessTemperature(0, { readings: [35] }, rules).status, 'normal', 'the plausible minimum itself is a reading');
});

t.test('one high reading asks for a re-test; the re-test confirms or clears it', async (t) => {
  t.strictSame(strip(assessTemperature(2, { readings: [37.3] }, rules)), {
    status: 'retest',
    outcome: 'MANUAL',
    reasons: [['temp.retest_required', { person: 2, readings: 1, misreads: 0, reading: 37.3, threshold: 37.3 }]],
    followUps: [['step.retest', { person: 2, why: 'retest' }]],
    pending: { person: 2, why: 'retest' },
  });
  t.strictSame(strip(assessTemperature(2, { readings: [37.3, 37.3] }, rules)), {
    status: 'fever',
    outcome: 'HOLD',
    reasons: [['temp.fever_confirmed', { person: 2, readings: 2, misreads: 0, reading: 37.3, threshold: 37.3, confirmedBy: 37.3 }]],
    followUps: [],
    pending: null,
  });
  t.equal(assessTemperature(2, { readings: [37.8, 36.6] }, rules).status, 'normal', 'a normal re-test clears a high first reading');
  t.equal(assessTemperature(2, { readings: [38, 36.6, 37.5] }, rules).status, 'retest', 'only the reading just before counts as confirmation');
});

t.test('without a required re-test, one high reading is a fever', async (t) => {
  const r = assessTemperature(0, { readings: [37.5] }, { ...rules, retestRequired: false });
  t.strictSame(strip(r).reasons, [['temp.fever_confirmed', { person: 0, readings: 1, misreads: 0, reading: 37.5, threshold: 37.3, confirmedBy: null }]]);
  t.equal(r.status, 'fever');
});

t.test('a misread asks for another reading; the plausible maximum is a reading', async (t) => {
  t.strictSame(strip(assessTemperature(1, { readings: [42.1] }, rules)), {
    status: 'implausible',
    outcome: 'MANUAL',
    reasons: [['temp.implausible', { person: 1, readings: 1, misreads: 1, reading: 42.1, min: 35, max: 42 }]],
    followUps: [['step.retest', { person: 1, why: 'implausible' }]],
    pending: { person: 1, why: 'implausible' },
  });
  t.equal(assessTemperature(1, { readings: [42] }, rules).status, 'retest', '42.0 is plausible: a high reading, not a misread');
  t.equal(assessTemperature(1, { readings: [42, 42] }, rules).status, 'fever');
  // A misread after a high reading: still the re-test that is owed, and the misread is said.
  t.strictSame(strip(assessTemperature(1, { readings: [38, 30] }, rules)).reasons, [
    ['temp.implausible', { person: 1, readings: 2, misreads: 1, reading: 30, min: 35, max: 42 }],
    ['temp.retest_required', { person: 1, readings: 2, misreads: 1, reading: 38, threshold: 37.3 }],
  ]);
  t.equal(assessTemperature(1, { readings: [36.5, 30] }, rules).status, 'implausible', 'a misread after a normal reading is measured again');
});

t.test('a confirmed fever stands', async (t) => {
  t.equal(assessTemperature(0, { readings: [38, 38.2, 36.1] }, rules).status, 'fever', 'a later low reading does not undo it');
  t.equal(assessTemperature(0, { readings: [38, 38.2, 50] }, rules).status, 'fever', 'nor a later misread');
  t.match(assessTemperature(0, { readings: [38, 50, 38.2] }, rules).reasons[0]!.facts, { confirmedBy: 38, reading: 38.2, misreads: 1 }, 'a misread between does not break the pair');
});
