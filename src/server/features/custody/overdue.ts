/**
 * What a custody task owes at a given moment: a function of the stored task and
 * the clock, so the enterprise's page, the bureau's list and the API agree
 * (the approach of escorts/overdue.ts, whose isolation-end rule it shares).
 */
import { endOverdueSince } from '../isolation/schema.js';
import type { CustodyRecord } from './repository.js';
import type { CustodyOverdue, CustodyStatus } from './schema.js';

/**
 * How long after the hand-over the enterprise has to record the isolation. The
 * escort loop owes it from the arrival at the premises; a charter coach drives
 * on to the enterprise from the checkpoint (点到点), so a day covers the rest of
 * the journey and settling the passengers in.
 */
export const CUSTODY_RECORD_WITHIN_SEC = 24 * 3600;

export function custodyOverdueOf(t: Pick<CustodyRecord, 'handedOverAt' | 'isolation'>, nowMs: number): CustodyOverdue[] {
  if (!t.isolation) {
    const limit = Date.parse(t.handedOverAt) + CUSTODY_RECORD_WITHIN_SEC * 1000;
    return nowMs > limit ? [{ kind: 'isolation_unrecorded', since: new Date(limit).toISOString() }] : [];
  }
  const since = endOverdueSince(t.isolation, nowMs);
  return since ? [{ kind: 'isolation_end', since }] : [];
}

export const custodyStatusOf = (t: Pick<CustodyRecord, 'isolation'>): CustodyStatus =>
  !t.isolation ? 'unrecorded' : t.isolation.endedOn === null ? 'isolating' : 'ended';
