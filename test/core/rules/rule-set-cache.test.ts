import t from 'tap';
import { decide, DEFAULT_RULE_SET, ruleSetSchema } from '../../../src/core/rules/index.js';
import type { RuleSet } from '../../../src/core/rules/index.js';
import { parseRuleSetCached } from '../../../src/core/rules/rule-set.js';
import { ruleSetInForce } from '../../../src/core/trust/rule-set-in-force.js';
import { checkInput, codes, driver, escort, NOW_MS } from './fixtures.js';

// decide() and ruleSetInForce parse a rule set once per object: these prove a changed rule set is never decided with the old one.

const feverish = () => checkInput({ observed: { people: [driver({ readings: [37.6, 37.7] }), escort()] } });

t.test('the same object parses once and gives the same frozen rule set', async (t) => {
  const raw = { ...DEFAULT_RULE_SET };
  const first = parseRuleSetCached(raw);
  t.ok(first);
  t.equal(parseRuleSetCached(raw), first, 'a hit');
  t.ok(Object.isFrozen(first) && Object.isFrozen(first!.keyAreas), 'nobody can change it for the next caller');
  t.same(first, ruleSetSchema.parse(raw), 'exactly what the schema gives');
  t.equal(parseRuleSetCached(first), first, 'its own output is a hit too');
});

t.test('a rule set changed in place is parsed again', async (t) => {
  const raw: Record<string, unknown> = { ...DEFAULT_RULE_SET, keyAreas: ['420000'] };
  const input = { ...feverish(), ruleSet: raw as RuleSet };
  t.equal(decide(input).decision, 'HOLD', 'control: two readings over 37.3 °C');
  raw.feverThresholdC = 38.0;
  t.equal(decide(input).decision, 'RELEASE', 'a new threshold, same object');
  raw.feverThresholdC = 37.3;
  t.equal(decide(input).decision, 'HOLD', 'and back');

  const calm = { ...checkInput(), ruleSet: raw as RuleSet };
  t.equal(decide(calm).decision, 'RELEASE', 'control: a Suzhou vehicle, Hubei the key area');
  (raw.keyAreas as string[]).push('320500');
  t.equal(decide(calm).decision, 'ESCORT', 'Suzhou pushed onto the same array');
  t.ok(codes(decide(calm)).includes('keyarea.plate'));
  raw.keyAreas = ['420000'];
  t.equal(decide(calm).decision, 'RELEASE', 'a new array without it');

  raw.plausibleMaxC = 37.0; // now feverThresholdC > plausibleMaxC: invalid
  t.equal(decide(input).decision, 'MANUAL', 'a rule set made invalid in place is refused');
  t.ok(codes(decide(input)).includes('input.invalid'));
  delete raw.plausibleMaxC;
  t.equal(decide(input).decision, 'HOLD', 'a key removed: its default again');
  raw.extra = 1;
  t.ok(codes(decide(input)).includes('input.invalid'), 'an unknown key added in place is refused (strict schema)');
});

t.test('a new rule set version is a new object and is used', async (t) => {
  const v1 = { ...DEFAULT_RULE_SET };
  const v2 = { ...DEFAULT_RULE_SET, version: 2, feverThresholdC: 38.5 };
  t.equal(decide({ ...feverish(), ruleSet: v1 }).ruleSetVersion, 1);
  t.equal(decide({ ...feverish(), ruleSet: v2 }).ruleSetVersion, 2);
  t.equal(decide({ ...feverish(), ruleSet: v2 }).decision, 'RELEASE');
  t.equal(decide({ ...feverish(), ruleSet: v1 }).decision, 'HOLD');
});

t.test('refused input reports the same issues as before the cache', async (t) => {
  const ruleSet = { ...DEFAULT_RULE_SET };
  t.equal(decide({ ...checkInput(), ruleSet }).decision, 'RELEASE', 'the rule set is now cached');
  const bad = { ...checkInput(), ruleSet, trustAgeSec: 'old' as unknown as number };
  const d = decide(bad);
  t.equal(d.decision, 'MANUAL');
  t.match(String(d.reasons[0]!.facts.issues), /trustAgeSec/);
  t.equal(d.ruleSetVersion, 1);
});

t.test('ruleSetInForce follows a bundle rule set changed in place', async (t) => {
  const active: Record<string, unknown> = { ...DEFAULT_RULE_SET, version: 3 };
  const ruleSets = { active, scheduled: [] as Array<Record<string, unknown>> };
  t.equal(ruleSetInForce(ruleSets, NOW_MS)?.version, 3);
  active.version = 4;
  t.equal(ruleSetInForce(ruleSets, NOW_MS)?.version, 4);
  active.reason = '';
  t.equal(ruleSetInForce(ruleSets, NOW_MS), null, 'now unreadable');
});

t.test('every kind of change in place is seen: a shorter key-area list, a code replaced, a key dropped or renamed', async (t) => {
  const calm = () => ({ ...checkInput() });

  // Suzhou (the vehicle's plate) taken off the end of the same array: a cache that only compared the
  // codes still there would keep deciding with Suzhou a key area.
  const shrinking: Record<string, unknown> = { ...DEFAULT_RULE_SET, keyAreas: ['420000', '320500'] };
  const a = { ...calm(), ruleSet: shrinking as RuleSet };
  t.equal(decide(a).decision, 'ESCORT', 'control: Suzhou is a key area');
  (shrinking.keyAreas as string[]).pop();
  t.equal(decide(a).decision, 'RELEASE', 'popped from the same array');

  const replaced: Record<string, unknown> = { ...DEFAULT_RULE_SET, keyAreas: ['420000'] };
  const b = { ...calm(), ruleSet: replaced as RuleSet };
  t.equal(decide(b).decision, 'RELEASE', 'control: Hubei only');
  (replaced.keyAreas as string[])[0] = '320500';
  t.equal(decide(b).decision, 'ESCORT', 'a code replaced in the same array, same length');
  t.same(decide(b).keyArea.sources, [{ kind: 'origin', region: '320583' }, { kind: 'plate', region: '320500' }], 'the pass origin (Kunshan) and the plate');

  // The last key removed: the keys left are a prefix of the ones parsed, so only the count tells.
  const dropped: Record<string, unknown> = { ...DEFAULT_RULE_SET };
  const lastKey = Object.keys(dropped).at(-1)!;
  t.equal(lastKey, 'reason', 'the last key is a required one');
  const c = { ...calm(), ruleSet: dropped as RuleSet };
  t.equal(decide(c).decision, 'RELEASE', 'control');
  delete dropped[lastKey];
  t.same(codes(decide(c)), ['input.invalid'], 'a required field deleted in place is refused');

  // Same count, same values in the same places, one name changed: only the names tell.
  const renamed: Record<string, unknown> = { ...DEFAULT_RULE_SET };
  const d = { ...calm(), ruleSet: renamed as RuleSet };
  t.equal(decide(d).decision, 'RELEASE', 'control');
  const why = renamed.reason;
  delete renamed.reason;
  renamed.reasons = why;
  t.same(codes(decide(d)), ['input.invalid'], 'a field renamed in place is refused (strict schema)');
});
