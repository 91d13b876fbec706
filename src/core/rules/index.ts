/**
 * The checkpoint rules: one module for the browser scanner (offline) and the
 * server (online). Pure: no node:*, no DOM, no clock or randomness of its own.
 */
export { decide, checkInputSchema } from './decide.js';
export type { CheckInput, ParsedCheckInput } from './decide.js';
export {
  verifyPassResultSchema,
  passInputSchema,
  observedSchema,
  observedPersonSchema,
  staySchema,
  receivingEnterpriseSchema,
  staysAfter,
  STAY_IN_FUTURE,
} from './input.js';
export type { ObservedPerson, ReceivingEnterprise, VerifiedClaims } from './input.js';
export { DECISIONS, DECISION_SEVERITY, moreSevere } from './decision.js';
export type {
  Decision,
  DecisionKind,
  KeyAreaSource,
  KeyAreaSourceKind,
  PendingMeasurement,
  PendingWhy,
} from './decision.js';
export { REASONS, STEPS, isReasonCode, isStepCode, reason, step, render } from './reasons.js';
export type { CatalogueText, FactValue, Facts, Reason, ReasonCode, Step, StepCode, PassInvalidReasonCode } from './reasons.js';
export { DEFAULT_RULE_SET, ruleSetSchema, regionCodeSchema } from './rule-set.js';
export type { RuleSet, RuleSetInput } from './rule-set.js';
export { passEnterpriseId } from './pass-check.js';
export { assessTemperature } from './temperature.js';
export type { PersonTemperature, TemperatureStatus } from './temperature.js';
export { chinaDayNumber, coveringKeyArea } from './key-area.js';
export { keyAreaStays } from './key-area.js';
export type { KeyAreaStay } from './key-area.js';
export { decideCharter, COACH_DECISIONS, COACH_SEVERITY } from './charter-decide.js';
export type { CharterDecision, CoachDecisionKind, PassengerVerdict, PersonOutcome, PersonVerdict } from './charter-decide.js';
export {
  charterCheckInputSchema,
  verifyCharterResultSchema,
  observedDriverSchema,
  observedPassengerSchema,
  observedUnlistedSchema,
} from './charter-input.js';
export type { CharterCheckInput, ParsedCharterCheckInput } from './charter-input.js';
export { CHARTER_REASONS, CHARTER_STEPS, charterReason, charterStep, isCharterReasonCode, whoText } from './charter-reasons.js';
export type { CharterReason, CharterReasonCode, CharterRole, CharterStep, CharterStepCode, CoachReason, CoachStep } from './charter-reasons.js';
