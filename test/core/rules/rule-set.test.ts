/**
 * The rule-set schema (rule-set.ts): what a publisher may write. The
 * decision table checks that a bad rule set is refused; these pin where the
 * line is drawn and what the publisher is told.
 */
import t from 'tap';
import { DEFAULT_RULE_SET, regionCodeSchema, ruleSetSchema } from '../../../src/core/rules/index.js';

const parse = (o: Record<string, unknown>) => ruleSetSchema.safeParse({ ...DEFAULT_RULE_SET, ...o });

t.test('a region code is exactly six digits, not starting with 00', async (t) => {
  for (const ok of ['420000', '420100', '320583', '429004', '999999']) t.ok(regionCodeSchema.safeParse(ok).success, ok);
  const bad: Array<[string, string]> = [
    ['4201001', 'seven digits: a county code with a digit too many is not a prefix match'],
    ['420100x', 'trailing garbage'],
    ['42010', 'five digits'],
    ['x420100', 'leading garbage'],
    ['001000', 'starts with 00'],
    ['４２００００', 'full-width digits'],
    ['', 'empty'],
  ];
  for (const [code, why] of bad) t.notOk(regionCodeSchema.safeParse(code).success, why);
  t.notOk(parse({ keyAreas: ['420000', '4200000'] }).success, 'a key-area list with one seven-digit code is refused');
});

t.test('the trust warning age may equal the maximum age, not exceed it', async (t) => {
  // "Warn after W, stop after M" with W = M: no warning period, which is a publisher's choice, not an error.
  const equal = parse({ trustWarnAgeSec: 86_400, trustMaxAgeSec: 86_400 });
  t.ok(equal.success, 'equal ages are consistent');
  t.ok(parse({ trustWarnAgeSec: 0, trustMaxAgeSec: 0 }).success, 'both zero: any age is too old');
  const over = parse({ trustWarnAgeSec: 86_401, trustMaxAgeSec: 86_400 });
  t.notOk(over.success);
  // The publisher is told which field and why, not a bare "Invalid input".
  t.strictSame(over.error?.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })), [
    { code: 'custom', path: ['trustWarnAgeSec'], message: 'trustWarnAgeSec must not exceed trustMaxAgeSec' },
  ]);
});

t.test('the fever threshold lies above the plausible minimum and may equal the plausible maximum', async (t) => {
  const { plausibleMinC, plausibleMaxC } = DEFAULT_RULE_SET;
  // At the maximum: only a reading at the top of the plausible range is a fever, a strict publisher's choice.
  t.ok(parse({ feverThresholdC: plausibleMaxC }).success, 'threshold = plausible maximum');
  // At the minimum: every plausible reading would be a fever, so the threshold means nothing.
  const atMin = parse({ feverThresholdC: plausibleMinC });
  t.notOk(atMin.success, 'threshold = plausible minimum');
  t.strictSame(atMin.error?.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })), [
    { code: 'custom', path: ['feverThresholdC'], message: 'need plausibleMinC < feverThresholdC <= plausibleMaxC' },
  ]);
  t.notOk(parse({ feverThresholdC: plausibleMaxC + 0.1 }).success, 'above the maximum: no reading could be a fever');
});

t.test('a rule set that writes only what has no default gets the documented defaults', async (t) => {
  const written = { version: 3, keyAreas: ['420000'], effectiveFrom: '2020-02-20T00:00:00+08:00', publishedAt: '2020-02-19T18:00:00+08:00', author: '交通局', reason: '第 6 条' };
  t.strictSame(ruleSetSchema.parse(written), {
    ...written,
    feverThresholdC: 37.3,
    plausibleMinC: 35,
    plausibleMaxC: 42,
    retestRequired: true,
    stayLookbackDays: 14,
    clockToleranceSec: 300,
    absentEscort: 'note',
    trustWarnAgeSec: 86_400,
    trustMaxAgeSec: 259_200,
    maxCheckpointWaitSec: 7_200,
    maxTransitSec: 14_400,
    isolationDays: 14,
    charterAbsentPassenger: 'note',
    charterUnlistedPerson: 'refuse',
  });
});

t.test('a bad key-area code tells the publisher which entry and why', async (t) => {
  const bad = parse({ keyAreas: ['420000', '4201'] });
  t.strictSame(bad.error?.issues.map((i) => ({ path: i.path, message: i.message })), [{ path: ['keyAreas', 1], message: 'not a 6-digit GB/T 2260 code' }]);
});
