/**
 * Handing an ESCORT vehicle to its enterprise's escort (seed item 6: "由企业
 * 派人赴卡口接车"). The escort's temperature is measured like anyone's at the
 * checkpoint, with the same core assessment:
 * - a confirmed fever blocks the handover. The escort is about to lead a
 *   key-area vehicle through the city and meet the people on board at the
 *   other end; the measures release people only "测温正常后", and someone
 *   with a fever is a health matter (HOLD for a vehicle), not an escort. The
 *   vehicle stays on the list and the enterprise sends someone else;
 * - a single high reading asks for a re-test, a misread for a new
 *   measurement, exactly as for the people on board.
 * The temperature is not part of the handover event (its schema has no such
 * field); it gates recording it.
 */
import * as z from 'zod';
import { escortHandoverPayloadSchema } from '../../../../src/core/events/event.js';
import type { EscortHandoverPayload } from '../../../../src/core/events/event.js';
import { assessTemperature } from '../../../../src/core/rules/temperature.js';
import type { TemperatureStatus } from '../../../../src/core/rules/temperature.js';
import type { RuleSet } from '../../../../src/core/rules/rule-set.js';
import type { WaitingVehicle } from './host.js';

export interface HandoverDraft {
  escortName: string;
  /** As typed; only the last four digits are recorded. */
  phone: string;
  readings: number[];
}

export const ESCORT_NAME_MAX = 20;

export type HandoverProblem =
  | 'name.empty'
  | 'name.too_long'
  | 'phone.invalid'
  | 'enterprise.missing'
  | `temp.${Exclude<TemperatureStatus, 'normal'>}`;

/** Digits of a phone number as typed with spaces, hyphens or a +86 prefix; null when it cannot be a number. */
export function phoneDigits(phone: string): string | null {
  const compact = phone.normalize('NFKC').replace(/[\s()-]/g, '');
  if (compact === '') return null;
  const m = /^\+?(\d{7,15})$/.exec(compact);
  return m?.[1] ?? null;
}

export function handoverTemperature(draft: Pick<HandoverDraft, 'readings'>, ruleSet: RuleSet): TemperatureStatus {
  return assessTemperature(0, draft, ruleSet).status;
}

/** Everything that stops the handover; empty = it may be recorded. A fever is among them on purpose (module comment). */
export function handoverProblems(vehicle: WaitingVehicle, draft: HandoverDraft, ruleSet: RuleSet): HandoverProblem[] {
  const problems: HandoverProblem[] = [];
  const name = draft.escortName.trim();
  if (name === '') problems.push('name.empty');
  else if ([...name].length > ESCORT_NAME_MAX) problems.push('name.too_long');
  // The phone is optional in the event; when given it must be a number, or its last four mean nothing.
  if (draft.phone.trim() !== '' && phoneDigits(draft.phone) === null) problems.push('phone.invalid');
  if (!vehicle.enterprise) problems.push('enterprise.missing');
  const temp = handoverTemperature(draft, ruleSet);
  if (temp !== 'normal') problems.push(`temp.${temp}`);
  return problems;
}

export type HandoverRecord = Omit<EscortHandoverPayload, 'staffBadge'>;
const handoverRecordSchema = escortHandoverPayloadSchema.omit({ staffBadge: true });

/** The payload for `host.recordHandover`; throws when `handoverProblems` is not empty. */
export function toHandoverPayload(vehicle: WaitingVehicle, draft: HandoverDraft, ruleSet: RuleSet): HandoverRecord {
  const problems = handoverProblems(vehicle, draft, ruleSet);
  if (problems.length > 0) throw new Error(`handover not allowed: ${problems.join(', ')}`);
  const digits = phoneDigits(draft.phone);
  const parsed = handoverRecordSchema.safeParse({
    checkEventId: vehicle.checkEventId,
    escortName: draft.escortName.trim(),
    ...(digits ? { escortPhoneLast4: digits.slice(-4) } : {}),
    enterpriseUscc: vehicle.enterprise?.uscc,
  });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

/** Whole minutes a vehicle has waited; never negative (device clocks step back). */
export function minutesWaiting(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 60_000));
}
