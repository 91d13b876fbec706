/**
 * The trust data in memory, as the check needs it: built once from the stored
 * (already verified) bundle and rebuilt when sync stores a new one, so a scan
 * never waits on IndexedDB or re-parses 100,000 revocations.
 */
import { bundleAgeSec, enterpriseDirectory, type EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import { ruleSetInForce } from '../../../../src/core/trust/rule-set-in-force.js';
import { verifyPass, type VerifyPassResult } from '../../../../src/core/pass/verify.js';
import { verifyCharterPass, type VerifyCharterResult } from '../../../../src/core/charter/verify.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../../../../src/core/rules/rule-set.js';
import type { TrustRecord } from '../storage/schema.js';
import type { TrustView } from '../check/host.js';

export interface LoadedTrust {
  record: TrustRecord;
  revoked: ReadonlySet<string>;
  directory: ReadonlyMap<string, EnterpriseInfo>;
}

export function loadTrust(record: TrustRecord): LoadedTrust {
  return { record, revoked: new Set(record.revocations.passNos), directory: enterpriseDirectory(record.bundle) };
}

/**
 * With no bundle at all the engine still needs a rule set to read thresholds
 * from; it decides MANUAL anyway because the trust age is null.
 */
export function trustView(trust: LoadedTrust | null, nowMs: number): TrustView {
  if (!trust) return { ruleSet: DEFAULT_RULE_SET as RuleSet, ageSec: null, directory: new Map() };
  const ruleSet = ruleSetInForce(trust.record.bundle.ruleSets, nowMs);
  return {
    ruleSet: ruleSet ?? (DEFAULT_RULE_SET as RuleSet),
    // A bundle none of whose rule sets this version can read is as good as none.
    ageSec: ruleSet ? bundleAgeSec(trust.record.bundle, Math.floor(nowMs / 1000)) : null,
    directory: trust.directory,
  };
}

export function verifyWithTrust(trust: LoadedTrust | null, text: string, nowMs: number): Promise<VerifyPassResult> {
  const revoked = trust?.revoked ?? new Set<string>();
  return verifyPass(text, {
    keys: trust?.record.bundle.jwks ?? { keys: [] },
    now: Math.floor(nowMs / 1000),
    isRevoked: (jti) => revoked.has(jti),
    ...(trust ? { issuer: trust.record.bundle.iss } : {}),
  });
}

/** The charter pass, exactly as the freight pass: the bundle's keys (pass keys only, the core filters), its revocations, the device clock. */
export function verifyCharterWithTrust(trust: LoadedTrust | null, text: string, nowMs: number): Promise<VerifyCharterResult> {
  const revoked = trust?.revoked ?? new Set<string>();
  return verifyCharterPass(text, {
    keys: trust?.record.bundle.jwks ?? { keys: [] },
    now: Math.floor(nowMs / 1000),
    isRevoked: (jti) => revoked.has(jti),
  });
}
