/**
 * The checkpoint decision (seed items 6 and 7; the decision table of the
 * domain brief, shared/domain/README.md): one pure function that the browser
 * scanner runs offline and the server runs online, so both decide the same
 * way from the same data.
 *
 * Semantics (test/core/rules/ checks each of them):
 * - Severity RELEASE < ESCORT < MANUAL < REFUSE < HOLD; every clause yields a
 *   part and the decision is the most severe part.
 * - Pass: any verification failure → REFUSE `pass.invalid.<reason>`. A valid
 *   pass also needs the plate as seen (normalised) to equal the pass plate,
 *   everyone on board to be on the pass (an index in range, no index twice),
 *   the driver (ppl[0]) on board, and each ID suffix compared: a mismatch →
 *   REFUSE; not yet compared → `match.id4_unchecked`, MANUAL. No pass →
 *   `pass.none`, which does not refuse by itself.
 * - Temperature, per person (temperature.ts): readings outside the plausible
 *   range are misreads, never normal, never fever; a fever is confirmed by two
 *   consecutive plausible readings at or above the threshold (one when the rule
 *   set needs no re-test) → HOLD, and stays confirmed; otherwise the last
 *   plausible reading decides; a single high reading, a misread as the latest
 *   reading and no reading at all each leave a pending measurement → MANUAL.
 * - Key area (key-area.ts): the pass origin, the plate's registration region,
 *   stays declared within the look-back (China dates) and the staff flag. With
 *   involvement, ESCORT when a receiving enterprise is known, otherwise REFUSE
 *   `escort.no_receiver`. An unreadable plate is MANUAL, never "no key area".
 * - Trust data older than the warning age adds a warning; older than the
 *   maximum, or missing, turns RELEASE and ESCORT into MANUAL. HOLD and REFUSE
 *   are never softened by it.
 * - A MANUAL decision always names what staff do next: the checks and re-tests
 *   the clauses ask for, then `step.manual.supervisor` (an absent escort under
 *   absentEscort 'manual' asks for it itself; old trust data adds its own).
 * - Input that fails the schema → MANUAL `input.invalid`; decide never throws.
 */
import * as z from 'zod';
import { checkInputSchema, checkInputWithoutRuleSetSchema } from './input.js';
import type { CheckInput, ParsedCheckInput } from './input.js';
import { checkKeyArea } from './key-area.js';
import { checkPass } from './pass-check.js';
import { parseRuleSetCached } from './rule-set.js';
import { reason, step } from './reasons.js';
import type { Reason, Step } from './reasons.js';
import { assessTemperature } from './temperature.js';
import { moreSevere } from './decision.js';
import type { Decision, DecisionKind, Part, PendingMeasurement } from './decision.js';

export { checkInputSchema } from './input.js';
export type { CheckInput, ParsedCheckInput } from './input.js';

/** Issue text in an `input.invalid` reason is cut here: it lands in an audit log and on a small screen. */
const MAX_ISSUE_TEXT = 300;

export function decide(input: CheckInput): Decision {
  // The rule set is the same object scan after scan: parsed once (rule-set.ts), the rest of the input every time.
  const ruleSet = typeof input === 'object' && input !== null ? parseRuleSetCached(input.ruleSet) : undefined;
  if (ruleSet) {
    const rest = checkInputWithoutRuleSetSchema.safeParse(input);
    if (rest.success) return decideParsed({ ...rest.data, ruleSet });
  }
  // Refused input (or a rule set that does not parse) takes the full parse, so the issues reported are exactly the schema's.
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(input, parsed.error);
  return decideParsed(parsed.data);
}

function decideParsed(input: ParsedCheckInput): Decision {
  const { ruleSet, observed } = input;
  const nowMs = typeof input.now === 'number' ? input.now : Date.parse(input.now);

  const passPart = checkPass(input);
  const temperatures = observed.people.map((p, person) => assessTemperature(person, p, ruleSet));
  const keyArea = checkKeyArea(input, passPart.authenticClaims, nowMs);
  const involved = keyArea.sources.length > 0;

  const parts: Part[] = [passPart, ...temperatures, keyArea];
  const receiver = input.receivingEnterprise;
  if (involved && !receiver) {
    parts.push({ outcome: 'REFUSE', reasons: [reason('escort.no_receiver', { sources: keyArea.sources.length })], followUps: [] });
  } else if (involved) {
    parts.push({ outcome: 'ESCORT', reasons: [], followUps: [] });
  }

  let outcome: DecisionKind = parts.reduce<DecisionKind>((worst, p) => moreSevere(worst, p.outcome), 'RELEASE');
  const reasons: Reason[] = parts.flatMap((p) => p.reasons);

  // Trust age last: it needs the outcome the data would otherwise give.
  const age = input.trustAgeSec;
  const hours = (sec: number | null) => (sec === null ? null : Math.round(sec / 360) / 10);
  let supervisor = false;
  if (age === null || age > ruleSet.trustMaxAgeSec) {
    reasons.push(
      reason('trust.too_old', {
        ageSec: age,
        ageHours: hours(age),
        maxSec: ruleSet.trustMaxAgeSec,
        maxHours: hours(ruleSet.trustMaxAgeSec),
        wouldBe: outcome,
      }),
    );
    if (outcome === 'RELEASE' || outcome === 'ESCORT') {
      outcome = 'MANUAL';
      supervisor = true;
    }
  } else if (age > ruleSet.trustWarnAgeSec) {
    reasons.push(
      reason('trust.stale_warning', { ageSec: age, ageHours: hours(age), warnSec: ruleSet.trustWarnAgeSec }),
    );
  }

  const pendingMeasurements: PendingMeasurement[] = temperatures.flatMap((t) => (t.pending ? [t.pending] : []));
  const followUps = parts.flatMap((p) => p.followUps);
  return {
    decision: outcome,
    reasons,
    steps: stepsFor(outcome, followUps, supervisor, receiver),
    ruleSetVersion: ruleSet.version,
    keyArea: { involved, sources: keyArea.sources },
    pendingMeasurements,
  };
}

function stepsFor(
  outcome: DecisionKind,
  followUps: Step[],
  supervisor: boolean,
  receiver: ParsedCheckInput['receivingEnterprise'],
): Step[] {
  switch (outcome) {
    case 'RELEASE':
      return [step('step.wave_through')];
    case 'ESCORT': {
      const enterprise = { uscc: receiver?.uscc ?? null, name: receiver?.name ?? null };
      return [
        step('step.escort.wait_on_board'),
        step('step.escort.call_enterprise', { ...enterprise, dutyPhone: receiver?.dutyPhone ?? null }),
        step('step.escort.record_handover', enterprise),
      ];
    }
    case 'MANUAL': {
      // The checks and re-tests first: they may settle it before a supervisor is needed. One supervisor step,
      // for the first cause: a clause's own (an absent escort), else old trust data.
      const asked = followUps.find((s) => s.code === 'step.manual.supervisor');
      const last = asked ?? (supervisor ? step('step.manual.supervisor', { cause: 'trust.too_old' }) : undefined);
      const rest = followUps.filter((s) => s.code !== 'step.manual.supervisor');
      return last ? [...rest, last] : rest;
    }
    case 'REFUSE':
      // A pending re-test still matters: a confirmed fever turns a refusal into a hold.
      return [step('step.refuse.ordinary_inspection'), ...followUps.filter((s) => s.code === 'step.retest')];
    case 'HOLD':
      return [step('step.hold.hand_to_health'), ...followUps.filter((s) => s.code === 'step.retest')];
  }
}

function invalidInput(input: unknown, error: z.ZodError): Decision {
  const text = z.prettifyError(error).replace(/\s+/g, ' ').trim();
  const version = (input as { ruleSet?: { version?: unknown } } | null)?.ruleSet?.version;
  return {
    decision: 'MANUAL',
    reasons: [reason('input.invalid', { issues: text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text })],
    steps: [step('step.manual.supervisor', { cause: 'input.invalid' })],
    ruleSetVersion: typeof version === 'number' && Number.isInteger(version) ? version : null,
    keyArea: { involved: false, sources: [] },
    pendingMeasurements: [],
  };
}
