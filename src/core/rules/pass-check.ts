/**
 * Seed item 6: "持证车辆'人车证'一致" — the pass must verify, and the vehicle
 * and people in front of staff must be the ones it names. A pass that fails
 * verification is never released on its strength.
 */
import { normalizePlate } from '../validate/plate.js';
import type { Part } from './decision.js';
import type { ObservedPerson, ParsedCheckInput, VerifiedClaims } from './input.js';
import type { RuleSet } from './rule-set.js';
import { reason, step } from './reasons.js';
import type { Reason, Step } from './reasons.js';

/**
 * The enterprise's credit code from `ent`, which is moving from
 * `[name, uscc]` to the bare uscc; both shapes are read so the rules work on
 * either side of that change. null when neither shape is there.
 */
export function passEnterpriseId(claims: object): string | null {
  const ent = 'ent' in claims ? claims.ent : undefined;
  if (typeof ent === 'string') return ent;
  if (Array.isArray(ent) && typeof ent[1] === 'string') return ent[1];
  return null;
}

export interface PassCheck extends Part {
  /**
   * Claims whose signature held, even on an expired or revoked pass: its
   * origin is still authentic and still says where the vehicle came from.
   */
  authenticClaims: VerifiedClaims | null;
}

export function checkPass(input: ParsedCheckInput): PassCheck {
  const { pass } = input;
  if (pass.kind === 'none') {
    // Not a refusal on its own: the seed releases non-key-area people and vehicles with normal temperatures.
    return { outcome: 'RELEASE', reasons: [reason('pass.none')], followUps: [], authenticClaims: null };
  }
  const result = pass.result;
  if (!result.ok) {
    return {
      outcome: 'REFUSE',
      reasons: [
        reason(`pass.invalid.${result.reason}`, {
          detail: result.detail ?? null,
          jti: result.claims?.jti ?? null,
          kid: result.kid ?? null,
        }),
      ],
      followUps: [],
      authenticClaims: result.claims ?? null,
    };
  }
  const { claims } = result;
  const valid = reason('pass.valid', {
    jti: claims.jti,
    kid: result.kid,
    plate: claims.pl,
    enterprise: passEnterpriseId(claims),
    origin: claims.org,
    people: claims.ppl.length,
  });
  const match = matchPass(claims, input.observed.plate, input.observed.people, input.ruleSet.absentEscort);
  return { ...match, reasons: [valid, ...match.reasons], authenticClaims: claims };
}

function matchPass(claims: VerifiedClaims, seenPlate: string, people: ObservedPerson[], absentEscort: RuleSet['absentEscort']): Part {
  const refusals: Reason[] = [];
  const unchecked: Reason[] = [];
  const notes: Reason[] = [];
  const followUps: Step[] = [];

  const seen = normalizePlate(seenPlate);
  const onPass = normalizePlate(claims.pl);
  if (seen !== onPass) refusals.push(reason('match.plate_mismatch', { seen, pass: onPass }));

  const passPeople = claims.ppl.length;
  const claimedBy = new Map<number, number>();
  people.forEach((p, person) => {
    const { passIndex } = p;
    if (passIndex === null || passIndex >= passPeople) {
      refusals.push(reason('match.person_not_on_pass', { person, passIndex, passPeople }));
      return;
    }
    const earlier = claimedBy.get(passIndex);
    if (earlier !== undefined) {
      // Two people cannot both be the one the pass names: at least one of them is not on it.
      refusals.push(reason('match.person_not_on_pass', { person, passIndex, passPeople, sameAsPerson: earlier }));
      return;
    }
    claimedBy.set(passIndex, person);
    if (p.id4Matches === false) {
      refusals.push(reason('match.id4_mismatch', { person, passIndex }));
    } else if (p.id4Matches === null) {
      unchecked.push(reason('match.id4_unchecked', { person, passIndex }));
      followUps.push(step('step.check.id4', { person, passIndex }));
    }
  });
  if (!claimedBy.has(0)) refusals.push(reason('match.driver_absent', { passPeople }));
  // Escorts named on the pass but not on board: what that means is rule data.
  for (let passIndex = 1; passIndex < passPeople; passIndex++) {
    if (claimedBy.has(passIndex)) continue;
    const absent = reason('match.person_absent', { passIndex, passPeople });
    if (absentEscort === 'refuse') refusals.push(absent);
    else if (absentEscort === 'manual') unchecked.push(absent);
    else notes.push(absent);
  }

  // Nothing at the lane settles an absent escort (no ID to check, no reading to retake): a supervisor decides.
  if (unchecked.some((r) => r.code === 'match.person_absent')) {
    followUps.push(step('step.manual.supervisor', { cause: 'match.person_absent' }));
  }

  // Refused vehicles go to ordinary inspection, which checks IDs its own way: no point asking for the check here.
  if (refusals.length > 0) return { outcome: 'REFUSE', reasons: [...refusals, ...unchecked, ...notes], followUps: [] };
  if (unchecked.length > 0) return { outcome: 'MANUAL', reasons: [...unchecked, ...notes], followUps };
  return {
    outcome: 'RELEASE',
    reasons: [reason('match.ok', { plate: onPass, people: people.length, passPeople }), ...notes],
    followUps: [],
  };
}
