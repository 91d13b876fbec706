// Issue 10: an escort listed but not on board is visible; a stay cannot end after the check date.
import t from 'tap';
import { checkInputSchema, decide, staysAfter, STAY_IN_FUTURE } from '../../../src/core/rules/index.js';
import { NOW_MS, checkInput, codes, daysBeforeNow, driver, reasonFor } from './fixtures.js';

t.test('a listed escort not on board: noted by default, the decision unchanged', async (t) => {
  const d = decide(checkInput({ observed: { people: [driver()] } }));
  t.equal(d.decision, 'RELEASE');
  t.ok(codes(d).includes('match.person_absent'), 'a reason staff and the audit see');
  t.same(reasonFor(d, 'match.person_absent')?.facts, { passIndex: 1, passPeople: 2 });
  t.match(d.reasons.find((r) => r.code === 'match.person_absent'), { zh: /第 2 位人员/, en: /Person 2 on the pass/ });
  const full = decide(checkInput());
  t.notOk(codes(full).includes('match.person_absent'), 'nothing to say when everyone is on board');
});

t.test('the rule set decides what an absent escort means', async (t) => {
  const manual = decide(checkInput({ observed: { people: [driver()] }, ruleSet: { absentEscort: 'manual' } }));
  t.equal(manual.decision, 'MANUAL');
  t.ok(codes(manual).includes('match.person_absent'));
  const refuse = decide(checkInput({ observed: { people: [driver()] }, ruleSet: { absentEscort: 'refuse' } }));
  t.equal(refuse.decision, 'REFUSE');
  t.ok(codes(refuse).includes('match.person_absent'));
});

t.test('a missing driver is a mismatch, whatever the escort rule', async (t) => {
  for (const absentEscort of ['note', 'manual', 'refuse'] as const) {
    const d = decide(checkInput({ observed: { people: [{ ...driver(), passIndex: 1 }] }, ruleSet: { absentEscort } }));
    t.equal(d.decision, 'REFUSE', absentEscort);
    t.ok(codes(d).includes('match.driver_absent'));
  }
});

t.test('a stay whose last day is after the check date is refused by the input schema', async (t) => {
  const tomorrow = daysBeforeNow(-1);
  const input = checkInput({ observed: { people: [driver(), { ...driver(), passIndex: 1, stays: [{ region: '320583', lastDay: daysBeforeNow(0) }, { region: '420100', lastDay: tomorrow }] }] } });
  const parsed = checkInputSchema.safeParse(input);
  t.notOk(parsed.success);
  t.same(parsed.error?.issues.map((i) => [i.path.join('.'), i.message]), [['observed.people.1.stays.1.lastDay', STAY_IN_FUTURE]], 'only the future one, named');
  const d = decide(input);
  t.equal(d.decision, 'MANUAL', 'never counted as a recent stay (which would make it ESCORT)');
  t.same(codes(d), ['input.invalid']);
  t.same(staysAfter(input.observed, NOW_MS), [[1, 1]]);
  // Today (China date) is fine, even late at night UTC-wise.
  t.same(staysAfter({ people: [{ stays: [{ lastDay: '2020-02-26' }] }] }, Date.parse('2020-02-26T23:59:00+08:00')), []);
  t.same(staysAfter({ people: [{ stays: [{ lastDay: '2020-02-27' }] }] }, Date.parse('2020-02-26T23:59:00+08:00')), [[0, 0]]);
});
