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
