/**
 * The charter check input schema's own rules: one observation per manifest
 * passenger, and no declared stay that ends after the check date, each issue
 * at the path the scanner highlights. decideCharter turns any of them into
 * MANUAL input.invalid, which hid from the decision tests which check fired.
 */
import t from 'tap';
import { DEFAULT_RULE_SET, STAY_IN_FUTURE, charterCheckInputSchema, decideCharter } from '../../../src/core/rules/index.js';
import type { CharterCheckInput } from '../../../src/core/rules/index.js';
import { EXAMPLE_MANIFEST, EXAMPLE_MD } from '../charter/example.js';
import { RUN } from '../charter/fixtures.js';

const NOW = '2020-02-26T10:00:00+08:00';
const RUN3 = { ...RUN, md: EXAMPLE_MD, passengers: EXAMPLE_MANIFEST };
const TODAY = { region: '420100', lastDay: '2020-02-26' };
const TOMORROW = { region: '510100', lastDay: '2020-02-27' };

type Seat = CharterCheckInput['observed']['passengers'][number];
const seat = (o: Partial<Seat> = {}): Seat => ({ present: true, id4Matches: true, readings: [36.6], stays: [], ...o });

/** Only the parts the schema reads matter here; the pass is a forgery so that nothing else does. */
function input(observed: Partial<CharterCheckInput['observed']> = {}, over: Partial<CharterCheckInput> = {}): CharterCheckInput {
  return {
    pass: { ok: false, reason: 'bad_signature' },
    run: RUN3,
    observed: { plate: '苏E12345', driver: { id4Matches: true, readings: [36.4], stays: [] }, passengers: [seat(), seat(), seat()], unlisted: [], staffKeyAreaFlag: false, ...observed },
    now: NOW,
    ruleSet: DEFAULT_RULE_SET,
    trustAgeSec: 600,
    ...over,
  };
}

const issues = (i: CharterCheckInput) => {
  const r = charterCheckInputSchema.safeParse(i);
  return r.success ? [] : r.error.issues.map((x) => ({ code: x.code, message: x.message, path: x.path }));
};

t.test('the fixture input is valid', async (t) => {
  t.strictSame(issues(input()), []);
});

t.test('one observation per manifest passenger, no fewer and no more', async (t) => {
  const pairing = (expected: number, got: number) => [{ code: 'custom', message: `one observation per manifest passenger: expected ${expected}, got ${got}`, path: ['observed', 'passengers'] }];
  t.strictSame(issues(input({ passengers: [seat(), seat()] })), pairing(3, 2));
  t.strictSame(issues(input({ passengers: [seat(), seat(), seat(), seat()] })), pairing(3, 4));
  t.strictSame(issues(input({ passengers: [seat()] }, { run: null })), pairing(0, 1), 'no run, no manifest: nobody to observe');
  t.strictSame(issues(input({ passengers: [] }, { run: null })), []);
  // An extra observation would otherwise be dropped without a word.
  t.strictSame(decideCharter(input({ passengers: [seat(), seat(), seat(), seat()] })).reasons.map((r) => r.code), ['input.invalid']);
});

t.test('a declared stay cannot end after the check date, for anyone on board', async (t) => {
  const future = (path: Array<string | number>) => ({ code: 'custom', message: STAY_IN_FUTURE, path: [...path, 'lastDay'] });
  const observed = {
    driver: { id4Matches: true, readings: [36.4], stays: [TOMORROW] },
    passengers: [seat(), seat({ stays: [TODAY] }), seat({ stays: [TODAY, TOMORROW] })],
    unlisted: [{ readings: [36.5], stays: [] }, { readings: [36.5], stays: [TOMORROW, TODAY] }],
  };
  const expected = [future(['observed', 'driver', 'stays', 0]), future(['observed', 'passengers', 2, 'stays', 1]), future(['observed', 'unlisted', 1, 'stays', 0])];
  t.strictSame(issues(input(observed)), expected, 'the ISO check time');
  t.strictSame(issues(input(observed, { now: Date.parse(NOW) })), expected, 'the same check time in epoch ms');
  // The check date is the China date: 23:59 on the 26th is still the 26th, whatever UTC says.
  t.strictSame(issues(input({ passengers: [seat(), seat(), seat({ stays: [TODAY] })] }, { now: '2020-02-26T23:59:00+08:00' })), []);
  t.strictSame(issues(input({ passengers: [seat(), seat(), seat({ stays: [TOMORROW] })] }, { now: Date.parse('2020-02-27T00:01:00+08:00') })), []);
  // Never counted as a recent stay, which would make the passenger CUSTODY.
  t.strictSame(decideCharter(input({ passengers: [seat(), seat(), seat({ stays: [{ region: '420100', lastDay: '2020-02-27' }] })] })).reasons.map((r) => r.code), ['input.invalid']);
});
