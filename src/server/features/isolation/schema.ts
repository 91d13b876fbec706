/**
 * The isolation record an enterprise keeps for a person from a key area (item 7):
 * place, start, planned end, responsible person, later the day it ended. One
 * shape and one set of rules for the escort loop (per person of a request,
 * features/escorts) and the charter custody tasks (per passenger,
 * features/custody). Messages are the escort loop's, where they were first
 * written (escorts/messages.ts).
 */
import { z } from 'zod';
import { chinaDayNumber } from '../../../core/rules/index.js';
import { freeText } from '../../free-text.js';
import type { FieldIssue } from '../../problem.js';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}
/** China midnight at the start of a day number, as an ISO instant. */
export const chinaMidnightOfDay = (day: number) => new Date(day * DAY_MS - CHINA_OFFSET_MS).toISOString();
/** Today's China date, `YYYY-MM-DD`. */
export const chinaToday = (nowMs: number) => new Date(chinaDayNumber(nowMs) * DAY_MS).toISOString().slice(0, 10);

const chinaDay = z.iso.date({ error: 'escort.err.date' });

/** What the enterprise enters to record an isolation (the form's and the API's body). */
export const isolationArrangementShape = {
  place: freeText(z.string({ error: 'escort.err.place' }).trim().min(2, 'escort.err.place').max(200, 'escort.err.place')),
  startDate: chinaDay,
  plannedEnd: chinaDay.describe('at least the rule set\'s isolationDays after the start'),
  responsible: freeText(z.string({ error: 'escort.err.responsible' }).trim().min(1, 'escort.err.responsible').max(40, 'escort.err.responsible')).describe(
    'who at the enterprise answers for it',
  ),
};
export const isolationArrangementInputSchema = z.object(isolationArrangementShape);
export type IsolationArrangementInput = z.infer<typeof isolationArrangementInputSchema>;

export const isolationEndInputSchema = z.object({ endedOn: chinaDay });
export type IsolationEndInput = z.infer<typeof isolationEndInputSchema>;

/** A recorded isolation, as answers carry it. */
export const isolationRecordShape = {
  place: z.string(),
  startDate: z.iso.date(),
  plannedEnd: z.iso.date(),
  responsible: z.string(),
  recordedAt: z.string(),
  endedOn: z.iso.date().nullable(),
};
export const isolationRecordSchema = z.object(isolationRecordShape);
export type IsolationRecord = z.infer<typeof isolationRecordSchema>;

/**
 * Why an arrangement cannot be recorded, or null: it starts before the person
 * came into the enterprise's care (`notBefore`, a China date; `notBeforeMessage`
 * says which event that was), more than a day ahead, or lasts less than the
 * rule set's `isolationDays`.
 */
export function arrangementIssue(
  input: Pick<IsolationArrangementInput, 'startDate' | 'plannedEnd'>,
  rules: { notBefore: string; notBeforeMessage: FieldIssue['message']; isolationDays: number; nowMs: number },
): FieldIssue | null {
  if (input.startDate < rules.notBefore) return { path: 'startDate', message: rules.notBeforeMessage };
  if (dayOf(input.startDate) > chinaDayNumber(rules.nowMs) + 1) return { path: 'startDate', message: 'escort.err.future' };
  if (dayOf(input.plannedEnd) - dayOf(input.startDate) < rules.isolationDays) {
    return { path: 'plannedEnd', message: 'escort.err.isolation_too_short', params: { days: rules.isolationDays } };
  }
  return null;
}

/** Why an end cannot be recorded, or null (an end before the planned end is allowed: "early"). */
export function endIssue(endedOn: string, record: Pick<IsolationRecord, 'startDate'>, nowMs: number): FieldIssue | null {
  if (endedOn < record.startDate) return { path: 'endedOn', message: 'escort.err.end_before_start' };
  if (endedOn > chinaToday(nowMs)) return { path: 'endedOn', message: 'escort.err.future' };
  return null;
}

/** Since when an end is owed: the planned end is the last day of isolation, so from China midnight after it; null while not yet (or ended). */
export function endOverdueSince(record: Pick<IsolationRecord, 'plannedEnd' | 'endedOn'>, nowMs: number): string | null {
  if (record.endedOn !== null) return null;
  const day = dayOf(record.plannedEnd);
  return chinaDayNumber(nowMs) > day ? chinaMidnightOfDay(day + 1) : null;
}

/** The default planned end offered on a form: `isolationDays` after the start. */
export const defaultPlannedEnd = (startDate: string, isolationDays: number) => new Date((dayOf(startDate) + isolationDays) * DAY_MS).toISOString().slice(0, 10);
