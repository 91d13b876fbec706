import t from 'tap';
import { ruleSetInForce } from '../../../src/core/trust/rule-set-in-force.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/rule-set.js';

const active = { ...DEFAULT_RULE_SET, version: 3, effectiveFrom: '2020-02-25T00:00:00+08:00' };
const next = { ...DEFAULT_RULE_SET, version: 4, effectiveFrom: '2020-03-01T00:00:00+08:00', keyAreas: ['420000', '330300'] };
const later = { ...DEFAULT_RULE_SET, version: 5, effectiveFrom: '2020-03-10T00:00:00+08:00' };
const at = (iso: string) => Date.parse(iso);

t.test('the active rule set until a scheduled one takes effect', async (t) => {
  const sets = { active, scheduled: [next, later] };
  t.equal(ruleSetInForce(sets, at('2020-02-29T23:59:59.999+08:00'))?.version, 3);
  t.equal(ruleSetInForce(sets, at('2020-03-01T00:00:00+08:00'))?.version, 4, 'switches at effectiveFrom exactly');
  t.same(ruleSetInForce(sets, at('2020-03-05T00:00:00+08:00'))?.keyAreas, ['420000', '330300']);
  t.equal(ruleSetInForce(sets, at('2020-04-01T00:00:00+08:00'))?.version, 5);
  t.equal(ruleSetInForce({ active, scheduled: [later, next] }, at('2020-04-01T00:00:00+08:00'))?.version, 5, 'order in the list does not matter');
});

t.test('unreadable rule sets are skipped; none readable gives null', async (t) => {
  const broken = { ...next, feverThresholdC: 'hot' };
  t.equal(ruleSetInForce({ active, scheduled: [broken] }, at('2020-03-05T00:00:00+08:00'))?.version, 3);
  t.equal(ruleSetInForce({ active: { nonsense: true }, scheduled: [] }, at('2020-03-05T00:00:00+08:00')), null);
  t.equal(ruleSetInForce({ active: { nonsense: true }, scheduled: [next] }, at('2020-03-05T00:00:00+08:00'))?.version, 4);
});

t.test('at the same effectiveFrom the higher version wins, wherever it is listed', async (t) => {
  const reissued = { ...next, version: 6, keyAreas: ['420000'] };
  const when = at('2020-03-05T00:00:00+08:00');
  t.equal(ruleSetInForce({ active, scheduled: [reissued, next] }, when)?.version, 6);
  t.equal(ruleSetInForce({ active, scheduled: [next, reissued] }, when)?.version, 6);
  t.equal(ruleSetInForce({ active, scheduled: [{ ...active, version: 4 }] }, when)?.version, 4, 'a scheduled version at the active one’s own time');
  t.equal(ruleSetInForce({ active, scheduled: [{ ...active, version: 2 }] }, when)?.version, 3, 'but not a lower one');
});

t.test('a scheduled rule set older than the active one is stale, whatever its version', async (t) => {
  // The active set is the one in force at iat; one that took effect before it has been superseded.
  const stale = { ...DEFAULT_RULE_SET, version: 9, effectiveFrom: '2020-02-20T00:00:00+08:00' };
  t.equal(ruleSetInForce({ active, scheduled: [stale] }, at('2020-02-26T00:00:00+08:00'))?.version, 3);
  t.equal(ruleSetInForce({ active, scheduled: [stale, next] }, at('2020-03-05T00:00:00+08:00'))?.version, 4);
});
