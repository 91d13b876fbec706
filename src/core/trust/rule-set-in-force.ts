import { parseRuleSetCached } from '../rules/rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { TrustBundle } from './bundle.js';

/**
 * The rule set in force at `nowMs`: the latest scheduled one whose
 * `effectiveFrom` has passed, else the bundle's active one. A scanner offline
 * for days switches on time without a new bundle, which is why the bundle
 * carries the scheduled versions at all. A rule set this version cannot read
 * is skipped; null when none is readable (the caller then decides MANUAL).
 */
export function ruleSetInForce(ruleSets: TrustBundle['ruleSets'], nowMs: number): RuleSet | null {
  // Cached per rule-set object: a scanner asks this on every scan, of the same bundle.
  let best: RuleSet | null = parseRuleSetCached(ruleSets.active) ?? null;
  let bestFrom = best ? Date.parse(best.effectiveFrom) : -Infinity;
  for (const raw of ruleSets.scheduled) {
    const candidate = parseRuleSetCached(raw);
    if (!candidate) continue;
    const from = Date.parse(candidate.effectiveFrom);
    if (from <= nowMs && (from > bestFrom || (from === bestFrom && candidate.version > (best?.version ?? -1)))) {
      best = candidate;
      bestFrom = from;
    }
  }
  return best;
}
