import {
  ANOMALY_CATALOGUE,
  DEFAULT_THRESHOLDS,
  detectEventAnomalies,
  impossibleTravel,
  type AnomalyThresholds,
  type Sighting,
} from '../../../core/audit/anomalies.js';
import { DEFAULT_RULE_SET } from '../../../core/rules/rule-set.js';
import type { Repos } from '../../repositories.js';
import type { IngestObserver } from '../ingest/service.js';
import type { AnomaliesRepo, EventForDetection } from './repository.js';

export interface AnomaliesDeps {
  repos: Repos;
  anomalies: AnomaliesRepo;
  /** trustMaxAgeSec of a published rule set version; null when unknown (the default rule set's then applies) */
  maxBundleAgeSec: (ruleSetVersion: number) => number | null;
  thresholds?: Partial<AnomalyThresholds>;
}

const BACKFILL_BATCH = 2_000;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Finds anomalies and keeps the anomalies table (migration 016) in step:
 * one-event kinds and impossible travel for each event at ingest (inside the
 * upload's transaction, as an ingest observer), chain flags of the uploading
 * devices at the same time, overdue escorts and isolations from what the
 * escort and custody sweeps recorded, and events not examined yet (stored
 * before the table existed, or without the observer) by a batched backfill.
 */
export function anomaliesService(deps: AnomaliesDeps) {
  const { repos, anomalies } = deps;
  const thresholds: AnomalyThresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const maxAges = new Map<number, number>();
  const maxAgeOf = (version: number): number => {
    let v = maxAges.get(version);
    if (v === undefined) {
      v = deps.maxBundleAgeSec(version) ?? DEFAULT_RULE_SET.trustMaxAgeSec;
      // Published rule sets never change, so a version's limit is cached; an unknown one is looked up again.
      if (deps.maxBundleAgeSec(version) !== null) maxAges.set(version, v);
    }
    return v;
  };
  let overdueAfter = { escort: 0, custody: 0 };

  /** One event's own anomalies and the impossible journeys it completes. */
  async function examine(e: EventForDetection, at: string): Promise<void> {
    const p = JSON.parse(e.payload) as Record<string, unknown>;
    const passNo = typeof p.passNo === 'string' ? p.passNo : null;
    const base = { eventId: e.id, deviceId: e.device_id, checkpointId: e.checkpoint_id, passNo };
    const version = typeof p.ruleSetVersion === 'number' ? p.ruleSetVersion : 0;
    const findings = detectEventAnomalies(
      {
        type: e.type,
        clockOffsetMs: e.clock_offset_ms,
        decision: typeof p.decision === 'string' ? p.decision : null,
        reasons: Array.isArray(p.reasons) ? p.reasons.filter((r): r is string => typeof r === 'string') : [],
        bundleAgeSec: typeof p.bundleAgeSec === 'number' ? p.bundleAgeSec : null,
        maxBundleAgeSec: maxAgeOf(version),
      },
      thresholds,
    );
    for (const f of findings) await anomalies.add({ ...base, kind: f.kind, severity: f.severity, subject: e.id, at: e.received_at, details: f.details }, at);

    if (passNo === null || (e.type !== 'check' && e.type !== 'charter_check')) return;
    const atMs = Date.parse(e.device_time);
    const seen = await anomalies.sightings(passNo, e.checkpoint_id, atMs, thresholds.minTravelMs);
    const byId = new Map(seen.map((s) => [s.id, s]));
    const others: Sighting[] = seen.map((s) => ({ eventId: s.id, checkpointId: s.checkpoint_id, atMs: Date.parse(s.device_time) }));
    for (const t of impossibleTravel({ eventId: e.id, checkpointId: e.checkpoint_id, atMs }, others, thresholds.minTravelMs)) {
      const later = byId.get(t.second.eventId) ?? { received_at: e.received_at, device_id: e.device_id };
      // Filed under the later sighting (its checkpoint and device): that is the one that cannot be.
      await anomalies.add(
        {
          kind: 'impossible_travel',
          severity: ANOMALY_CATALOGUE.impossible_travel.severity,
          subject: `${t.first.eventId}|${t.second.eventId}`,
          at: later.received_at,
          eventId: t.second.eventId,
          otherEventId: t.first.eventId,
          deviceId: later.device_id,
          checkpointId: t.second.checkpointId,
          passNo,
          details: { intervalSec: Math.round(t.intervalMs / 1000), minIntervalSec: Math.round(thresholds.minTravelMs / 1000), fromCheckpointId: t.first.checkpointId },
        },
        at,
      );
    }
  }

  /**
   * Examines the events not examined yet (stored before migration 016, or by
   * a path without the observer), `batch` at a time, each batch its own
   * transaction. The walk is by (received_at, id), a keyset both engines
   * order alike (PostgreSQL has no rowid). Returns how many it examined.
   */
  async function backfill(now: Date = new Date(), batch = BACKFILL_BATCH): Promise<number> {
    const state = await anomalies.backfillState();
    if (!state || state.upto === null || state.done.receivedAt > state.upto.receivedAt) return 0;
    const upto = state.upto;
    let after = state.done;
    let count = 0;
    const at = now.toISOString();
    for (;;) {
      const rows = await anomalies.eventsAfter(after, upto, batch);
      if (rows.length === 0) break;
      const last = rows.at(-1)!;
      after = { receivedAt: last.received_at, id: last.id };
      // Examined as uploaded (an upload is one device's events at one receipt time, in seq order), as the
      // observer does, so findings of one upload are numbered alike on every run, whatever their random ids.
      const uploaded = [...rows].sort((x, y) => cmp(x.received_at, y.received_at) || cmp(x.device_id, y.device_id) || x.seq - y.seq || cmp(x.id, y.id));
      await repos.store.transaction(async () => {
        for (const e of uploaded) await examine(e, at);
        await anomalies.backfillDone(after);
      });
      count += rows.length;
    }
    await anomalies.backfillDone(upto, true);
    return count;
  }

  return {
    thresholds,

    /** Runs inside each upload's transaction, after the escort and custody observers (their flags and records are in). */
    ingestObserver: {
      async stored(events, receivedAt) {
        const ids = events.map((e) => e.id);
        for (const e of await anomalies.eventsByIds(ids)) await examine(e, receivedAt);
        await anomalies.syncChain({ deviceIds: events.map((e) => e.deviceId), eventIds: [...ids, ...(await anomalies.handoversOf(ids))] }, receivedAt);
        await anomalies.syncCharterFlags(ids.filter((_, i) => events[i]!.type === 'charter_check'), receivedAt);
        return () => {};
      },
    } satisfies IngestObserver,

    backfill,

    /**
     * The periodic part: chain flags of every device (a flag may change through
     * an upload of another device: cross_checkpoint), charter flags, and overdue
     * records the escort and custody sweeps wrote since the last run.
     */
    async sweep(now: Date = new Date()): Promise<void> {
      const at = now.toISOString();
      await backfill(now);
      await repos.store.transaction(async () => {
        await anomalies.syncChain(null, at);
        await anomalies.syncCharterFlags(null, at);
        overdueAfter = await anomalies.syncOverdue(overdueAfter, at);
      });
    },

    /** Anomalies of one event (the event page). */
    forEvent: (eventId: string) => anomalies.forEvent(eventId),
  };
}
export type AnomaliesService = ReturnType<typeof anomaliesService>;
