/**
 * The CheckHost the check flow runs on: trust data from memory, events into
 * the log, the waiting list and history from IndexedDB.
 */
import { bundleAgeSec } from '../../../../src/core/trust/bundle.js';
import { normalizePlate } from '../../../../src/core/validate/plate.js';
import type { CheckHost, HistoryEntry, WaitingVehicle } from '../check/host.js';
import { appendEvent } from './event-log.js';
import { getState, setState } from './store.js';
import { trustView, verifyCharterWithTrust, verifyWithTrust } from './trust-view.js';
import { expectedRun } from '../charter/runs-view.js';
import type { CharterHost } from '../charter/host.js';
import type { Db } from '../storage/db.js';

const HISTORY_LIMIT = 200;

export function createHost(db: Db): CheckHost & CharterHost {
  const need = () => {
    const { device, staff, checkpoint } = getState();
    if (!device || !staff || !checkpoint) throw new Error('no device, staff or checkpoint data');
    return { device, staff, checkpoint };
  };
  return {
    now: () => Date.now(),
    staff: () => {
      const { staff } = need();
      return { badge: staff.badge, name: staff.name };
    },
    checkpoint: () => need().checkpoint.data.checkpoint,
    trust: () => trustView(getState().trust, Date.now()),
    verifyPass: (text) => verifyWithTrust(getState().trust, text, Date.now()),
    async recordCheck(payload, waiting) {
      const { device, staff } = need();
      const trust = getState().trust;
      const record = await appendEvent(
        db,
        device,
        {
          type: 'check',
          payload: {
            ...payload,
            staffBadge: staff.badge,
            bundleAgeSec: trust ? bundleAgeSec(trust.record.bundle, Math.floor(Date.now() / 1000)) : null,
          },
        },
        waiting ? { waiting: { ...waiting, since: Date.now() } } : {},
      );
      // The outbox count and the upload follow the log's RECORDED_EVENT (sync/scheduler.ts), off the decision's path.
      return { eventId: record.id };
    },
    verifyCharter: (text) => verifyCharterWithTrust(getState().trust, text, Date.now()),
    charterRun: (jti) => expectedRun(getState().charters, jti, Date.now()),
    async recordCharterCheck(payload) {
      const { device, staff } = need();
      const trust = getState().trust;
      const record = await appendEvent(
        db,
        device,
        {
          type: 'charter_check',
          payload: {
            ...payload,
            staffBadge: staff.badge,
            bundleAgeSec: trust ? bundleAgeSec(trust.record.bundle, Math.floor(Date.now() / 1000)) : null,
          },
        },
        payload.runId ? { charterChecked: { runId: payload.runId, decision: payload.decision, at: Date.now() } } : {},
      );
      if (payload.runId) {
        const checks = new Map(getState().charterChecks);
        checks.set(payload.runId, { runId: payload.runId, eventId: record.id, decision: payload.decision, at: Date.now() });
        setState({ charterChecks: checks });
      }
      return { eventId: record.id };
    },
    async recordHandover(payload) {
      const { device, staff } = need();
      const record = await appendEvent(
        db,
        device,
        { type: 'escort_handover', payload: { ...payload, staffBadge: staff.badge } },
        { handedOver: payload.checkEventId },
      );
      // The outbox count and the upload follow the log's RECORDED_EVENT (sync/scheduler.ts), off the decision's path.
      return { eventId: record.id };
    },
    async waitingList(): Promise<WaitingVehicle[]> {
      const all = await db.getAll('waiting');
      return all.sort((a, b) => a.since - b.since);
    },
    async history(plateQuery?: string): Promise<HistoryEntry[]> {
      const q = normalizePlate(plateQuery ?? '');
      const out: HistoryEntry[] = [];
      let cursor = await db.transaction('events').store.index('bySeq').openCursor(null, 'prev');
      while (cursor && out.length < HISTORY_LIMIT) {
        const r = cursor.value;
        const matches = !q || normalizePlate(r.plate ?? '').includes(q);
        if (r.event.type === 'check' && matches) {
          const p = r.event.payload;
          out.push({
            eventId: r.id,
            at: Date.parse(r.event.deviceTime),
            plate: p.plate,
            passNo: p.passNo,
            decision: p.decision,
            reasons: p.reasons,
            staffBadge: p.staffBadge,
            sync: r.sync,
            ...(r.handedOverAt ? { handedOverAt: r.handedOverAt } : {}),
          });
        } else if (r.event.type === 'charter_check' && matches) {
          const p = r.event.payload;
          out.push({
            eventId: r.id,
            at: Date.parse(r.event.deviceTime),
            plate: p.plate,
            passNo: p.passNo,
            decision: p.decision,
            reasons: p.reasons,
            staffBadge: p.staffBadge,
            sync: r.sync,
            coach: { passengers: p.passengers.length },
          });
        }
        cursor = await cursor.continue();
      }
      return out;
    },
  };
}
