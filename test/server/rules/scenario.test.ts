import t from 'tap';
import { DEFAULT_RULE_SET, type RuleSet } from '../../../src/core/rules/index.js';
import {
  checkInputFor,
  defaultValues,
  EXAMPLES,
  exampleValues,
  isExample,
  MAX_PEOPLE,
  parseScenario,
  runScenario,
  SCENARIO_FIELDS,
  scenarioValues,
  verifyResultFor,
  type Scenario,
} from '../../../src/server/features/rules/scenario.js';

/** The playground's scenario module on its own: no app, no database, no page. */
const NOW = Date.parse('2020-02-26T02:00:00.000Z'); // 10:00 China time
const RULES: RuleSet = { ...DEFAULT_RULE_SET };

function scenarioOf(values: Record<string, string>): Scenario {
  const parsed = parseScenario(values);
  if (!parsed.scenario) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.scenario;
}

t.test('the default scenario parses: a valid pass, two people present, trust an hour old', async (t) => {
  const s = scenarioOf(defaultValues());
  t.equal(s.pass, 'valid');
  t.equal(s.people.filter((p) => p.present).length, 2);
  t.equal(s.trustAgeHours, 1);
  t.equal(SCENARIO_FIELDS.length, 8 + 6 * MAX_PEOPLE, 'eight scenario fields and six per person');
});

t.test('the default scenario is released under the default rules, the same in both columns', async (t) => {
  const run = runScenario(scenarioOf(defaultValues()), RULES, RULES, NOW);
  t.equal(run.draft.decision, 'RELEASE');
  t.same(run.draft, run.active, 'same rules, same decision');
  t.equal(run.draftVersion, RULES.version);
});

t.test('examples: every one parses; a repeated high reading is not released', async (t) => {
  for (const name of Object.keys(EXAMPLES)) {
    t.ok(isExample(name), name);
    if (isExample(name)) t.ok(parseScenario(exampleValues(name, NOW)).scenario, `${name} parses`);
  }
  t.notOk(isExample('toString'), 'only own names');
  t.not(runScenario(scenarioOf(exampleValues('fever_retest', NOW)), RULES, RULES, NOW).draft.decision, 'RELEASE');
});

t.test('a Wuhan plate: the draft and the active column differ when only one lists Hubei', async (t) => {
  const s = scenarioOf(exampleValues('wuhan_plate', NOW));
  const none: RuleSet = { ...RULES, keyAreas: [] };
  const run = runScenario(s, RULES, none, NOW);
  t.equal(run.active.decision, 'RELEASE', 'no key areas: released');
  t.not(run.draft.decision, 'RELEASE', 'Hubei a key area: not simply released');
});

t.test('form values: known fields only, trimmed, cut at 200 characters; defaults for the rest', async (t) => {
  const v = scenarioValues({ plate: '  苏E54321 ', unknown: 'x', origin: 7, p1_readings: '3'.repeat(300) });
  t.equal(v.plate, '苏E54321');
  t.notOk('unknown' in v);
  t.equal(v.origin, defaultValues().origin, 'a non-string is ignored');
  t.equal(v.p1_readings!.length, 200);
  t.same(scenarioValues(undefined), defaultValues());
});

t.test('wrong fields are named with catalogue keys; nothing is decided', async (t) => {
  const parsed = parseScenario({ ...defaultValues(), p1_readings: 'hot', p1_stays: '42', p1_lastDay: '' });
  t.equal(parsed.scenario, null);
  t.equal(parsed.errors?.p1_readings, 'rules.pg.err.readings');
  t.equal(parsed.errors?.p1_stays, 'rules.pg.err.stays');
});

t.test('the pass is described, not scanned: valid, an authentic failure with claims, a forgery without', async (t) => {
  const base = scenarioOf(defaultValues());
  t.equal(verifyResultFor(base, NOW).ok, true);
  const expired = verifyResultFor({ ...base, pass: 'invalid', invalidReason: 'expired' }, NOW);
  t.match(expired, { ok: false, reason: 'expired', detail: 'playground' });
  t.ok('claims' in expired, 'an expired pass is still read');
  const forged = verifyResultFor({ ...base, pass: 'invalid', invalidReason: 'bad_signature' }, NOW);
  t.notOk('claims' in forged, 'a bad signature tells nothing');
  t.ok(checkInputFor(base, RULES, NOW), 'a check input for the core');
});
