/**
 * The decision's shape and how parts combine. Each clause of the rules
 * (pass, match, temperature, key area, trust) yields a part with its own
 * outcome; the decision is the most severe part, so no clause can be
 * outvoted by a friendlier one.
 */
import type { Reason, Step } from './reasons.js';

export const DECISIONS = ['RELEASE', 'ESCORT', 'MANUAL', 'REFUSE', 'HOLD'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/**
 * RELEASE < ESCORT < MANUAL < REFUSE < HOLD. MANUAL sits below REFUSE because
 * a supervisor may still release or escort, which a refusal rules out; HOLD
 * is highest because a confirmed fever is a health matter whatever the pass.
 */
export const DECISION_SEVERITY: Readonly<Record<DecisionKind, number>> = Object.freeze({
  RELEASE: 0,
  ESCORT: 1,
  MANUAL: 2,
  REFUSE: 3,
  HOLD: 4,
});

export function moreSevere(a: DecisionKind, b: DecisionKind): DecisionKind {
  return DECISION_SEVERITY[b] > DECISION_SEVERITY[a] ? b : a;
}

export type KeyAreaSourceKind = 'origin' | 'plate' | 'stay' | 'staff_flag';

export interface KeyAreaSource {
  kind: KeyAreaSourceKind;
  /** The region that lies in a key area (not the key area itself). */
  region?: string;
  /** Index into `observed.people`, for stays. */
  person?: number;
}

export type PendingWhy = 'retest' | 'implausible' | 'missing';

export interface PendingMeasurement {
  /** Index into `observed.people`. */
  person: number;
  why: PendingWhy;
}

export interface Decision {
  decision: DecisionKind;
  /** Everything the decision rests on, including what was fine (an auditor sees why, not only why not). */
  reasons: Reason[];
  /** What staff do next, most important first. */
  steps: Step[];
  /** `null` only when the input itself could not be read. */
  ruleSetVersion: number | null;
  keyArea: { involved: boolean; sources: KeyAreaSource[] };
  /** Measurements still owed; each one can change the decision. */
  pendingMeasurements: PendingMeasurement[];
}

/** What one clause contributes. */
export interface Part {
  outcome: DecisionKind;
  reasons: Reason[];
  /** Steps this clause needs whatever the final decision (re-tests, checks). */
  followUps: Step[];
}
