/**
 * Which limits a request has passed at a given moment: a function of the
 * stored request, the rule set's limits and the clock, nothing else, so the
 * enterprise's page, the bureau's list and the sweep that notifies all agree.
 */
import type { RuleSet } from '../../../core/rules/index.js';
import type { EscortRecord } from './repository.js';
import type { Overdue } from './schema.js';
import { endOverdueSince } from '../isolation/schema.js';

export type EscortLimits = Pick<RuleSet, 'maxCheckpointWaitSec' | 'maxTransitSec' | 'isolationDays'>;

export { dayOf, chinaToday } from '../isolation/schema.js';

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
  for (const i of r.isolations) {
    // The planned end is the last day of isolation: from the next day on, an end is owed.
    const since = endOverdueSince(i, nowMs);
    if (since) out.push({ kind: 'isolation_end', personIndex: i.personIndex, since });
  }
  return out;
}

/** Whether every person who needs one has an isolation arrangement, and every arrangement has ended: the request may close. */
export function isolationComplete(r: Pick<EscortRecord, 'people' | 'isolations'>): boolean {
  const recorded = new Set(r.isolations.map((i) => i.personIndex));
  return r.people.every((p) => !p.keyArea || recorded.has(p.index)) && r.isolations.every((i) => i.endedOn !== null);
}
