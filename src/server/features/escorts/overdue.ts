/**
 * Which limits a request has passed at a given moment: a function of the
 * stored request, the rule set's limits and the clock, nothing else, so the
 * enterprise's page, the bureau's list and the sweep that notifies all agree.
 */
import { chinaDayNumber, type RuleSet } from '../../../core/rules/index.js';
import type { EscortRecord } from './repository.js';
import type { Overdue } from './schema.js';

export type EscortLimits = Pick<RuleSet, 'maxCheckpointWaitSec' | 'maxTransitSec' | 'isolationDays'>;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

/** China midnight at the start of a day number, as an ISO instant. */
const chinaMidnight = (day: number) => new Date(day * DAY_MS - CHINA_OFFSET_MS).toISOString();

/** Today's China date, `YYYY-MM-DD`. */
export const chinaToday = (nowMs: number) => new Date(chinaDayNumber(nowMs) * DAY_MS).toISOString().slice(0, 10);

export function overdueOf(r: EscortRecord, limits: EscortLimits, nowMs: number): Overdue[] {
  const out: Overdue[] = [];
  const past = (startIso: string, sec: number) => {
    const limit = Date.parse(startIso) + sec * 1000;
    return nowMs > limit ? new Date(limit).toISOString() : null;
  };
  if (r.status === 'closed') return out;
  if (!r.handover && !r.arrivedAt) {
    const since = past(r.waitingSince, limits.maxCheckpointWaitSec);
    if (since) out.push({ kind: 'wait', personIndex: null, since });
  }
  if (r.handover && !r.arrivedAt) {
    const since = past(r.handover.at, limits.maxTransitSec);
    if (since) out.push({ kind: 'transit', personIndex: null, since });
  }
  if (r.arrivedAt) {
    const recorded = new Set(r.isolations.map((i) => i.personIndex));
    for (const p of r.people) {
      if (p.keyArea && !recorded.has(p.index)) out.push({ kind: 'isolation_unrecorded', personIndex: p.index, since: r.arrivedAt });
    }
  }
  const today = chinaDayNumber(nowMs);
  for (const i of r.isolations) {
    // The planned end is the last day of isolation: from the next day on, an end is owed.
    if (i.endedOn === null && today > dayOf(i.plannedEnd)) out.push({ kind: 'isolation_end', personIndex: i.personIndex, since: chinaMidnight(dayOf(i.plannedEnd) + 1) });
  }
  return out;
}

/** Whether every person who needs one has an isolation arrangement, and every arrangement has ended: the request may close. */
export function isolationComplete(r: Pick<EscortRecord, 'people' | 'isolations'>): boolean {
  const recorded = new Set(r.isolations.map((i) => i.personIndex));
  return r.people.every((p) => !p.keyArea || recorded.has(p.index)) && r.isolations.every((i) => i.endedOn !== null);
}
