// Shared test data for the check flow (no tests here; tap lists this file as skipped).
import { signPass } from '../../../src/core/pass/sign.js';
import { verifyPass } from '../../../src/core/pass/verify.js';
import type { VerifyPassResult } from '../../../src/core/pass/verify.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/rule-set.js';
import type { EnterpriseInfo } from '../../../src/core/trust/bundle.js';
import { TEST_JWKS, TEST_KID, T0, DAY, testPrivateKey, typicalInput } from '../../core/pass/fixtures.js';
import { creditCode } from '../../helpers/credit-code.js';
import type { CheckContext } from '../../../scanner-app/src/app/check/to-input.js';

export { T0, DAY };
/** 2020-02-26 10:00 China time: inside the typical pass's validity. */
export const NOW_MS = Date.parse('2020-02-26T10:00:00+08:00');

export const ENTERPRISE: EnterpriseInfo = { uscc: '91350100M000100Y43', name: '昆山精工机械有限公司', dutyPhone: '0512-57001234' };
export const OTHER: EnterpriseInfo = { uscc: creditCode(1), name: '昆山市物流有限公司', dutyPhone: '0512 5000 1111转 22' };
export const DIRECTORY: ReadonlyMap<string, EnterpriseInfo> = new Map([ENTERPRISE, OTHER].map((e) => [e.uscc, e]));

export function context(o: Partial<CheckContext> = {}): CheckContext {
  return { now: NOW_MS, ruleSet: { ...DEFAULT_RULE_SET }, trustAgeSec: 3600, directory: DIRECTORY, ...o };
}

/** A really signed and verified pass: 苏E12345, 张建国 002X (driver), 李卫东 1234 (escort), origin 320583. */
export async function verifiedPass(revoked: string[] = [], input = typicalInput): Promise<VerifyPassResult> {
  const text = await signPass(input, { privateKey: testPrivateKey, kid: TEST_KID, issuer: 'KSJT', now: T0 - DAY / 2 });
  return verifyPass(text, { keys: TEST_JWKS, now: new Date(NOW_MS), isRevoked: (jti) => revoked.includes(jti) });
}
