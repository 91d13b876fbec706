/**
 * The reason and step catalogue (reasons.ts): which codes exist, and how a
 * template becomes the line staff read. Codes are the contract with the audit
 * log and the scanner, so a look-alike must not pass as a code; a rendered
 * line must show the facts it rests on, counted from one, and never
 * `undefined`, `null` or a raw `{name}`.
 */
import t from 'tap';
import { isReasonCode, isStepCode, reason, render, step } from '../../../src/core/rules/reasons.js';

t.test('isReasonCode: catalogue codes only, strings only', async (t) => {
  t.equal(isReasonCode('pass.valid'), true);
  t.equal(isReasonCode('pass.invalid.expired'), true, 'the pass module\'s failures are codes too');
  t.equal(isReasonCode('step.wave_through'), false, 'a step is not a reason');
  t.equal(isReasonCode('pass.invalid.nonsense'), false);
  t.equal(isReasonCode('toString'), false, 'inherited names are not codes');
  t.equal(isReasonCode(''), false);
  // An array holding a code stringifies to that code: a property lookup alone would take it.
  t.equal(isReasonCode(['pass.valid']), false, 'a non-string is never a code');
  t.equal(isReasonCode(null), false);
  t.equal(isReasonCode(undefined), false);
  t.equal(isReasonCode(42), false);
});

t.test('isStepCode: catalogue codes only, strings only', async (t) => {
  t.equal(isStepCode('step.wave_through'), true);
  t.equal(isStepCode('step.manual.supervisor'), true);
  t.equal(isStepCode('pass.valid'), false, 'a reason is not a step');
  t.equal(isStepCode('hasOwnProperty'), false, 'inherited names are not codes');
  t.equal(isStepCode(['step.wave_through']), false, 'a non-string is never a code');
  t.equal(isStepCode(null), false);
  t.equal(isStepCode(7), false);
});

t.test('render: each placeholder takes its own fact', async (t) => {
  t.equal(render('{a} and {b}', { a: 'x', b: 3 }), 'x and 3');
  t.equal(render('{flag}', { flag: false }), 'false', 'false is a value, not a gap');
  t.equal(render('{n}', { n: 0 }), '0', 'zero is a value, not a gap');
  t.equal(render('no placeholder', { a: 1 }), 'no placeholder');
});

t.test('render: personNo and passNo count from one; other placeholders are untouched by the index', async (t) => {
  t.equal(render('{personNo}: {reading}', { person: 0, reading: 36.5 }), '1: 36.5');
  t.equal(render('{passNo} of {passPeople}', { passIndex: 1, passPeople: 3 }), '2 of 3');
  t.equal(render('{personNo}/{passNo}', { person: 2, passIndex: 0 }), '3/1');
  // Facts keep the 0-based index; a template may still show it as such.
  t.equal(render('{person} {passIndex}', { person: 2, passIndex: 0 }), '2 0');
});

t.test('render: a placeholder with no value shows as —', async (t) => {
  t.equal(render('[{missing}]', {}), '[—]', 'no such fact');
  t.equal(render('[{ageHours}]', { ageHours: null }), '[—]', 'a null fact');
  // No index to count from: not "1" (null + 1), not "NaN".
  t.equal(render('[{personNo}]', { person: null }), '[—]');
  t.equal(render('[{passNo}]', { passIndex: null }), '[—]');
  t.equal(render('[{passNo}]', {}), '[—]');
  t.equal(render('[{personNo}]', {}), '[—]');
});

t.test('reason and step: code, both texts rendered, facts kept as given', async (t) => {
  t.strictSame(reason('match.person_not_on_pass', { person: 2, passIndex: null, passPeople: 2 }), {
    code: 'match.person_not_on_pass',
    zh: '第 3 位人员不在通行证上',
    en: 'Person 3 is not on the pass',
    facts: { person: 2, passIndex: null, passPeople: 2 },
  });
  t.strictSame(reason('match.person_absent', { passIndex: 1, passPeople: 2 }), {
    code: 'match.person_absent',
    zh: '通行证上的第 2 位人员（押运员）不在车上',
    en: 'Person 2 on the pass (an escort) is not on board',
    facts: { passIndex: 1, passPeople: 2 },
  });
  t.strictSame(step('step.retest', { person: 0, why: 'retest' }), {
    code: 'step.retest',
    zh: '为第 1 位人员重新测温',
    en: 'Measure person 1 again',
    params: { person: 0, why: 'retest' },
  });
  t.strictSame(step('step.wave_through'), { code: 'step.wave_through', zh: '直接放行', en: 'Wave through', params: {} });
});
