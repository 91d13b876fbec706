/**
 * The decision for a charter coach (measures item 7: 包车 runs get priority
 * inspection; people from key areas with a normal temperature are handed to
 * their enterprise, which carries out isolation). Pure and synchronous, beside
 * decide(), with the same building blocks: the temperature assessment and the
 * key-area stay test are the freight rules' own functions.
 *
 * Semantics (test/core/charter/decide.test.ts checks each):
 * - Per person a verdict: RELEASE, CUSTODY (key-area involvement with a normal
 *   temperature: released into the receiving enterprise's custody for
 *   isolation), MANUAL (a measurement or check still owed), REFUSE (the ID
 *   card does not match the manifest entry), HOLD (confirmed fever), ABSENT
 *   (on the manifest, not on board).
 * - The coach: RELEASE < CUSTODY < MANUAL < REFUSE < HOLD, the most severe
 *   part wins, as in decide(). Parts: the pass (invalid → REFUSE); the run
 *   (not expected here → MANUAL, pass and manifest disagree → REFUSE); the
 *   plate (mismatch → REFUSE, unreadable → MANUAL); the driver (ID mismatch →
 *   REFUSE); each present passenger's verdict; people on board who are not on
 *   the manifest, including a passenger whose ID card does not match
 *   (`charterUnlistedPerson`, default REFUSE); absent passengers
 *   (`charterAbsentPassenger`, default a note); any confirmed fever → HOLD.
 * - Key area: a passenger is involved by their own origin, the stays the
 *   manifest declares and those declared at the checkpoint; everyone on board
 *   is involved when the coach's origin or registration lies in a key area,
 *   the driver stayed in one, or staff flag the coach.
 * - Trust data too old or missing turns RELEASE and CUSTODY into MANUAL.
 * - Input that fails the schema → MANUAL `input.invalid`; never throws.
 */
import * as z from 'zod';
import { matchCharterRun } from '../charter/match.js';
import { plateRegion } from '../validate/plate-region.js';
import { normalizePlate } from '../validate/plate.js';
import { charterCheckInputSchema } from './charter-input.js';
import type { CharterCheckInput, ParsedCharterCheckInput } from './charter-input.js';
import { charterReason, charterStep } from './charter-reasons.js';
import type { CharterReason, CharterRole, CoachReason, CoachStep, CharterStep, CharterReasonCode } from './charter-reasons.js';
import type { PendingWhy } from './decision.js';
import { chinaDayNumber, coveringKeyArea, keyAreaStays } from './key-area.js';
import { reason, step } from './reasons.js';
import type { Facts } from './reasons.js';
import { assessTemperature } from './temperature.js';
import type { TemperatureStatus } from './temperature.js';

export const COACH_DECISIONS = ['RELEASE', 'CUSTODY', 'MANUAL', 'REFUSE', 'HOLD'] as const;
export type CoachDecisionKind = (typeof COACH_DECISIONS)[number];

/**
 * CUSTODY sits where ESCORT sits for freight: releasable, with a duty for the
 * enterprise. Below MANUAL, because an owed check may still turn it into a
 * refusal or a hold.
 */
export const COACH_SEVERITY: Readonly<Record<CoachDecisionKind, number>> = Object.freeze({ RELEASE: 0, CUSTODY: 1, MANUAL: 2, REFUSE: 3, HOLD: 4 });

export type PersonOutcome = CoachDecisionKind | 'ABSENT';

export interface PersonVerdict {
  role: CharterRole;
  /** 0-based: the manifest order for passengers, observation order for unlisted people; 0 for the driver */
  index: number;
  outcome: PersonOutcome;
  temperature: TemperatureStatus | null;
  keyArea: boolean;
  reasons: CharterReason[];
  /** a measurement still owed; it can change the decision */
  pending: PendingWhy | null;
}

export interface PassengerVerdict extends PersonVerdict {
  role: 'passenger';
  /** receiving enterprise (credit code) from the manifest */
  ent: string;
}

export interface CharterDecision {
  decision: CoachDecisionKind;
  /** coach-level reasons, then every person's, in checklist order: each names who caused what */
  reasons: CoachReason[];
  steps: CoachStep[];
  ruleSetVersion: number | null;
  driver: PersonVerdict | null;
  passengers: PassengerVerdict[];
  unlisted: PersonVerdict[];
  /** passengers released into custody, grouped by receiving enterprise: what the isolation hand-over needs */
  custody: Array<{ ent: string; passengers: number[] }>;
  pendingMeasurements: Array<{ role: CharterRole; index: number; why: PendingWhy }>;
}

interface Part {
  outcome: CoachDecisionKind;
  reasons: CoachReason[];
}

const worse = (a: CoachDecisionKind, b: CoachDecisionKind): CoachDecisionKind => (COACH_SEVERITY[b] > COACH_SEVERITY[a] ? b : a);
const MAX_ISSUE_TEXT = 300;

export function decideCharter(input: CharterCheckInput): CharterDecision {
  const parsed = charterCheckInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(input, parsed.error);
  try {
    return decideParsed(parsed.data);
  } catch (error) {
    // Last resort: a scanner must always get a decision it can show.
    return invalidInput(input, new z.ZodError([{ code: 'custom', path: [], message: error instanceof Error ? error.message : String(error), input }]));
  }
}

function decideParsed(input: ParsedCharterCheckInput): CharterDecision {
  const { ruleSet, observed, run, pass } = input;
  const nowMs = typeof input.now === 'number' ? input.now : Date.parse(input.now);
  const today = chinaDayNumber(nowMs);
  const parts: Part[] = [];
  const followUps: CharterStep[] = [];

  // The pass. Claims whose signature held stay usable on an expired or revoked pass: they still say which run it is.
  const claims = pass.claims ?? null;
  if (!pass.ok) {
    parts.push({ outcome: 'REFUSE', reasons: [charterReason(`charter.pass.invalid.${pass.reason}`, { detail: pass.detail ?? null, jti: claims?.jti ?? null, kid: pass.kid ?? null })] });
  } else {
    parts.push({ outcome: 'RELEASE', reasons: [charterReason('charter.pass.valid', { jti: pass.claims.jti, plate: pass.claims.pl, passengers: pass.claims.n })] });
  }

  // The run and its manifest.
  if (!run) {
    parts.push({ outcome: 'MANUAL', reasons: [charterReason('charter.run.not_expected', { jti: claims?.jti ?? null })] });
  } else if (claims) {
    const m = matchCharterRun(claims, run);
    parts.push(
      m.ok
        ? { outcome: 'RELEASE', reasons: [charterReason('charter.run.matched', { run: run.run })] }
        : { outcome: 'REFUSE', reasons: [charterReason('charter.run.mismatch', { run: run.run, mismatches: m.mismatches.join(',') })] },
    );
  }

  // The plate, and coach-level key-area involvement, which reaches everyone on board.
  const coachKeyArea: CharterReason[] = [];
  if (claims) {
    const seen = normalizePlate(observed.plate);
    const onPass = normalizePlate(claims.pl);
    if (seen !== onPass) parts.push({ outcome: 'REFUSE', reasons: [charterReason('charter.plate_mismatch', { seen, pass: onPass })] });
    const covers = coveringKeyArea(ruleSet.keyAreas, claims.org);
    if (covers) coachKeyArea.push(charterReason('charter.keyarea.coach_origin', { region: claims.org, covers }));
  }
  const registered = plateRegion(observed.plate);
  if (registered) {
    const covers = coveringKeyArea(ruleSet.keyAreas, registered.code);
    if (covers) coachKeyArea.push(charterReason('charter.keyarea.plate', { plate: observed.plate, region: registered.code, covers }));
  } else {
    // Where the coach is registered is unknown, which is never "not a key area".
    parts.push({ outcome: 'MANUAL', reasons: [charterReason('charter.keyarea.plate_unknown', { plate: observed.plate })] });
    followUps.push(charterStep('charter.step.check_plate', { plate: observed.plate }));
  }
  if (keyAreaStays(observed.driver.stays, ruleSet.keyAreas, ruleSet.stayLookbackDays, today).length > 0) {
    coachKeyArea.push(charterReason('charter.keyarea.driver_stay'));
  }
  if (observed.staffKeyAreaFlag) coachKeyArea.push(charterReason('charter.keyarea.staff_flag'));
  parts.push({ outcome: 'RELEASE', reasons: coachKeyArea });
  const coachInvolved = coachKeyArea.length > 0;

  // People. Each verdict carries its own reasons; the coach part says what it means for the coach.
  const driver = assessPerson('driver', 0, observed.driver, observed.driver.id4Matches, ruleSet, followUps);

  const passengers: PassengerVerdict[] = (run?.passengers ?? []).map((entry, index) => {
    const obs = observed.passengers[index];
    if (!obs) throw new Error('unreachable: the schema pairs observations with the manifest');
    if (!obs.present) {
      return { role: 'passenger', index, ent: entry.ent, outcome: 'ABSENT', temperature: null, keyArea: false, reasons: [charterReason('charter.passenger.absent', who('passenger', index))], pending: null };
    }
    const v = assessPerson('passenger', index, obs, obs.id4Matches, ruleSet, followUps);
    const own: CharterReason[] = [];
    const covers = coveringKeyArea(ruleSet.keyAreas, entry.org);
    if (covers) own.push(charterReason('charter.keyarea.passenger_origin', { ...who('passenger', index), region: entry.org, covers }));
    for (const hit of keyAreaStays([...entry.stays, ...obs.stays], ruleSet.keyAreas, ruleSet.stayLookbackDays, today)) {
      own.push(charterReason('charter.keyarea.stay', { ...who('passenger', index), ...hit, lookbackDays: ruleSet.stayLookbackDays }));
    }
    const involved = coachInvolved || own.length > 0;
    v.reasons.push(...own);
    if (involved && v.outcome === 'RELEASE') {
      v.outcome = 'CUSTODY';
      v.reasons.push(charterReason('charter.custody', { ...who('passenger', index), ent: entry.ent }));
    }
    return { ...v, role: 'passenger', ent: entry.ent, keyArea: involved };
  });

  const unlisted = observed.unlisted.map((u, index) => {
    const v = assessPerson('unlisted', index, u, true, ruleSet, followUps);
    v.reasons.unshift(charterReason('charter.unlisted', who('unlisted', index)));
    // No custody for them either way, but whoever decides on an unlisted person must see a key-area stay.
    const stays = keyAreaStays(u.stays, ruleSet.keyAreas, ruleSet.stayLookbackDays, today);
    for (const hit of stays) {
      v.reasons.push(charterReason('charter.keyarea.stay', { ...who('unlisted', index), ...hit, lookbackDays: ruleSet.stayLookbackDays }));
    }
    // Not on the manifest: no enterprise has agreed to receive them, so never custody or release on the pass's strength.
    if (v.outcome === 'RELEASE') v.outcome = ruleSet.charterUnlistedPerson === 'refuse' ? 'REFUSE' : 'MANUAL';
    return { ...v, keyArea: stays.length > 0 };
  });

  // What the people mean for the coach.
  for (const v of [driver, ...passengers, ...unlisted]) {
    if (v.outcome !== 'ABSENT' && v.outcome !== 'REFUSE') parts.push({ outcome: v.outcome, reasons: v.reasons });
    else if (v.role === 'driver') parts.push({ outcome: 'REFUSE', reasons: v.reasons });
    else parts.push({ outcome: 'RELEASE', reasons: v.reasons });
  }
  const absent = passengers.filter((p) => p.outcome === 'ABSENT').length;
  if (absent > 0 && ruleSet.charterAbsentPassenger !== 'note') {
    parts.push({ outcome: ruleSet.charterAbsentPassenger === 'refuse' ? 'REFUSE' : 'MANUAL', reasons: [] });
  }
  // A passenger whose ID card does not match is someone else in that seat, whatever their temperature.
  const mismatched = observed.passengers.filter((o) => o.present && o.id4Matches === false).length;
  const notOnManifest = unlisted.length + mismatched;
  if (notOnManifest > 0) {
    parts.push({ outcome: ruleSet.charterUnlistedPerson === 'refuse' ? 'REFUSE' : 'MANUAL', reasons: [charterReason('charter.coach.unlisted', { count: notOnManifest })] });
  }
  const fevers = [driver, ...passengers, ...unlisted].filter((v) => v.temperature === 'fever').length;
  if (fevers > 0) parts.push({ outcome: 'HOLD', reasons: [charterReason('charter.coach.hold', { count: fevers })] });
  const custody = groupCustody(passengers);
  if (custody.length > 0) {
    const count = custody.reduce((n, c) => n + c.passengers.length, 0);
    parts.push({ outcome: 'CUSTODY', reasons: [charterReason('charter.coach.custody', { count, enterprises: custody.map((c) => c.ent).join(',') })] });
  }

  let outcome = parts.reduce<CoachDecisionKind>((w, p) => worse(w, p.outcome), 'RELEASE');
  const reasons: CoachReason[] = parts.flatMap((p) => p.reasons);

  const age = input.trustAgeSec;
  const hours = (sec: number | null) => (sec === null ? null : Math.round(sec / 360) / 10);
  // Nothing a re-test or an ID check can settle: someone has to decide.
  let supervisor =
    outcome === 'MANUAL' &&
    (!run || (notOnManifest > 0 && ruleSet.charterUnlistedPerson === 'manual') || (absent > 0 && ruleSet.charterAbsentPassenger === 'manual'));
  if (age === null || age > ruleSet.trustMaxAgeSec) {
    reasons.push(reason('trust.too_old', { ageSec: age, ageHours: hours(age), maxSec: ruleSet.trustMaxAgeSec, maxHours: hours(ruleSet.trustMaxAgeSec), wouldBe: outcome }));
    if (outcome === 'RELEASE' || outcome === 'CUSTODY') {
      outcome = 'MANUAL';
      supervisor = true;
    }
  } else if (age > ruleSet.trustWarnAgeSec) {
    reasons.push(reason('trust.stale_warning', { ageSec: age, ageHours: hours(age), warnSec: ruleSet.trustWarnAgeSec }));
  }

  const pendingMeasurements = [driver, ...passengers, ...unlisted].flatMap((v) => (v.pending ? [{ role: v.role, index: v.index, why: v.pending }] : []));
  return {
    decision: outcome,
    reasons,
    steps: stepsFor(outcome, followUps, supervisor, custody, fevers),
    ruleSetVersion: ruleSet.version,
    driver,
    passengers,
    unlisted,
    custody,
    pendingMeasurements,
  };
}

const who = (role: CharterRole, index: number): Facts => ({ role, index });

/** Temperature through the freight rules' own assessment; the ID check as the checklist recorded it. */
function assessPerson(
  role: CharterRole,
  index: number,
  p: { readings: number[] },
  id4Matches: boolean | null,
  ruleSet: ParsedCharterCheckInput['ruleSet'],
  followUps: CharterStep[],
): PersonVerdict {
  const t = assessTemperature(index, p, ruleSet);
  const reasons: CharterReason[] = t.reasons.map((r) => charterReason(`charter.${r.code}` as CharterReasonCode, { ...r.facts, ...who(role, index) }));
  if (t.pending) followUps.push(charterStep('charter.step.retest', { ...who(role, index), why: t.pending.why }));
  let outcome: CoachDecisionKind = t.outcome === 'HOLD' ? 'HOLD' : t.outcome === 'RELEASE' ? 'RELEASE' : 'MANUAL';
  if (id4Matches === false) {
    outcome = worse(outcome, 'REFUSE');
    // Named first, and whatever the verdict: a fever outranks the mismatch for the decision, it does not erase it from the record.
    reasons.unshift(charterReason('charter.id4_mismatch', who(role, index)));
  } else if (id4Matches === null) {
    outcome = worse(outcome, 'MANUAL');
    reasons.push(charterReason('charter.id4_unchecked', who(role, index)));
    followUps.push(charterStep('charter.step.check_id4', who(role, index)));
  }
  return { role, index, outcome, temperature: t.status, keyArea: false, reasons, pending: t.pending?.why ?? null };
}

function groupCustody(passengers: PassengerVerdict[]): Array<{ ent: string; passengers: number[] }> {
  const byEnt = new Map<string, number[]>();
  for (const p of passengers) {
    if (p.outcome !== 'CUSTODY') continue;
    byEnt.set(p.ent, [...(byEnt.get(p.ent) ?? []), p.index]);
  }
  return [...byEnt].map(([ent, list]) => ({ ent, passengers: list }));
}

function stepsFor(outcome: CoachDecisionKind, followUps: CharterStep[], supervisor: boolean, custody: CharterDecision['custody'], fevers: number): CoachStep[] {
  const retests = followUps.filter((s) => s.code === 'charter.step.retest');
  switch (outcome) {
    case 'RELEASE':
      return [charterStep('charter.step.release')];
    case 'CUSTODY':
      return custody.map((c) => charterStep('charter.step.custody', { ent: c.ent, passengerNos: c.passengers.map((i) => i + 1).join(', ') }));
    case 'MANUAL':
      // The checks and re-tests first: they may settle it before a supervisor is needed.
      return supervisor ? [...followUps, charterStep('charter.step.supervisor')] : followUps;
    case 'REFUSE':
      return [charterStep('charter.step.ordinary_inspection'), ...retests];
    case 'HOLD':
      return [charterStep('charter.step.hold', { count: fevers }), ...retests];
  }
}

function invalidInput(input: unknown, error: z.ZodError): CharterDecision {
  const text = z.prettifyError(error).replace(/\s+/g, ' ').trim();
  const version = (input as { ruleSet?: { version?: unknown } } | null)?.ruleSet?.version;
  return {
    decision: 'MANUAL',
    reasons: [reason('input.invalid', { issues: text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text })],
    steps: [step('step.manual.supervisor', { cause: 'input.invalid' })],
    ruleSetVersion: typeof version === 'number' && Number.isInteger(version) ? version : null,
    driver: null,
    passengers: [],
    unlisted: [],
    custody: [],
    pendingMeasurements: [],
  };
}
