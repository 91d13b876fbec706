import type { Db } from '../../db/open.js';
import { cached } from '../../db/statement-cache.js';
import { ANOMALY_CATALOGUE, type AnomalyKind, type Severity } from '../../../core/audit/anomalies.js';
import type { AnomalyRow, Cursor } from './schema.js';

/** A row to add; INSERT OR IGNORE on (kind, subject), so finding one twice is harmless. */
export interface NewAnomaly {
  kind: AnomalyKind;
  severity: Severity;
  subject: string;
  at: string;
  eventId: string | null;
  otherEventId?: string | null;
  deviceId: string | null;
  checkpointId: number | null;
  passNo: string | null;
  details: Record<string, unknown>;
}

/** The list's filters after parsing (instants in UTC). */
export interface AnomalyFilter {
  kind?: AnomalyKind | undefined;
  checkpointId?: number | undefined;
  deviceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** An event as the detectors need it (the stored columns and its device's checkpoint). */
export interface EventForDetection {
  rowid: number;
  id: string;
  type: string;
  device_id: string;
  checkpoint_id: number;
  device_time: string;
  received_at: string;
  clock_offset_ms: number;
  payload: string;
}

/** Chain and reference flags of events, and the anomaly kind each one is. */
const CHAIN_KINDS: ReadonlyArray<[AnomalyKind, string]> = [
  ['chain_gap', 'gap'],
  ['chain_broken_link', 'broken_link'],
  ['chain_fork', 'fork'],
  ['unknown_staff', 'unknown_staff'],
  ['cross_checkpoint', 'cross_checkpoint'],
];
const chainKindsSql = CHAIN_KINDS.map(([k]) => `'${k}'`).join(', ');
const flagOf = (kindColumn: string, event: string) => `CASE ${kindColumn} ${CHAIN_KINDS.map(([k, col]) => `WHEN '${k}' THEN ${event}.${col}`).join(' ')} END`;

interface Row {
  id: number;
  kind: AnomalyKind;
  severity: Severity;
  subject: string;
  at: string;
  event_id: string | null;
  other_event_id: string | null;
  device_id: string | null;
  checkpoint_id: number | null;
  checkpoint_name: string | null;
  pass_no: string | null;
  escort_request_id: number | null;
  custody_id: number | null;
  detected_at: string;
  details: string;
}

const toRow = (r: Row): AnomalyRow => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  at: r.at,
  eventId: r.event_id,
  otherEventId: r.other_event_id,
  deviceId: r.device_id,
  checkpointId: r.checkpoint_id,
  checkpointName: r.checkpoint_name,
  passNo: r.pass_no,
  escortRequestId: r.escort_request_id,
  custodyId: r.custody_id,
  detectedAt: r.detected_at,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** WHERE terms matching the indexes of migration 016; named parameters only. */
function whereOf(f: AnomalyFilter, cursor: Cursor | null): { sql: string; params: Record<string, string | number> } {
  const terms: string[] = ['1'];
  const params: Record<string, string | number> = {};
  if (f.kind !== undefined) (terms.push('a.kind = @kind'), (params.kind = f.kind));
  if (f.checkpointId !== undefined) (terms.push('a.checkpoint_id = @checkpointId'), (params.checkpointId = f.checkpointId));
  if (f.deviceId !== undefined) (terms.push('a.device_id = @deviceId'), (params.deviceId = f.deviceId));
  if (f.from !== undefined) (terms.push('a.at >= @from'), (params.from = f.from));
  if (f.to !== undefined) (terms.push('a.at < @to'), (params.to = f.to));
  if (cursor) {
    terms.push('(a.at, a.id) < (@curA, @curI)');
    params.curA = cursor.a;
    params.curI = cursor.i;
  }
  return { sql: terms.join(' AND '), params };
}

const SELECT_ROW = `SELECT a.*, c.name AS checkpoint_name FROM anomalies a LEFT JOIN checkpoints c ON c.id = a.checkpoint_id`;

const SIGHTINGS_BASE = `SELECT e.id, d.checkpoint_id, e.device_time, e.received_at, e.device_id FROM events e JOIN devices d ON d.id = e.device_id
   WHERE e.ac_pass = @passNo AND e.type IN ('check', 'charter_check') AND d.checkpoint_id <> @checkpointId`;
/** Written to match the two partial indexes of migration 021: the window of timed checks, then the untimed ones. */
const SIGHTINGS_WINDOW = `${SIGHTINGS_BASE} AND e.ac_device_ms IS NOT NULL AND e.ac_device_ms BETWEEN @lo AND @hi
  UNION ALL ${SIGHTINGS_BASE} AND e.ac_device_ms IS NULL`;

export function anomaliesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO anomalies (kind, severity, subject, at, event_id, other_event_id, device_id, checkpoint_id, pass_no, detected_at, details)
     VALUES (@kind, @severity, @subject, @at, @eventId, @otherEventId, @deviceId, @checkpointId, @passNo, @detectedAt, @details)`,
  );
  const eventSelect = `SELECT e.rowid AS rowid, e.id, e.type, e.device_id, d.checkpoint_id, e.device_time, e.received_at, e.clock_offset_ms, e.payload
    FROM events e JOIN devices d ON d.id = e.device_id`;
  const prep = cached(db);

  return {
    /** Adds a finding unless one of its kind is stored for the subject; true when added. */
    add(a: NewAnomaly, detectedAt: string): boolean {
      return (
        insert.run({
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          at: a.at,
          eventId: a.eventId,
          otherEventId: a.otherEventId ?? null,
          deviceId: a.deviceId,
          checkpointId: a.checkpointId,
          passNo: a.passNo,
          detectedAt,
          details: JSON.stringify(a.details),
        }).changes === 1
      );
    },

    eventsByIds(ids: readonly string[]): EventForDetection[] {
      // In the order given (rowid order is the order stored, which an upload's ids follow too).
      return prep(`${eventSelect} WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.rowid`).all(JSON.stringify(ids)) as EventForDetection[];
    },

    /** Events with rowid in (after, upto], in rowid order, at most `limit` (the backfill's batches). */
    eventsAfter(after: number, upto: number, limit: number): EventForDetection[] {
      return db
        .prepare<[number, number, number], EventForDetection>(`${eventSelect} WHERE e.rowid > ? AND e.rowid <= ? ORDER BY e.rowid LIMIT ?`)
        .all(after, upto, limit);
    },

    /**
     * The checks of one pass at another checkpoint than `checkpointId` whose device time is within
     * `windowMs` of `atMs` (or unreadable to SQLite; the caller compares exactly): where and when.
     * Sightings at the same checkpoint can never be an impossible journey, and those further apart
     * in time cannot either; index events_pass_time (migration 021) reads only the window, so a pass
     * checked thousands of times costs no more than one checked twice. `atMs` NaN: every sighting.
     */
    sightings(passNo: string, checkpointId: number, atMs: number, windowMs: number): { id: string; checkpoint_id: number; device_time: string; received_at: string; device_id: string }[] {
      if (!Number.isFinite(atMs)) return prep(SIGHTINGS_BASE).all({ passNo, checkpointId }) as never;
      // A second of margin: SQLite's reading of the time is only the pre-filter.
      const lo = Math.floor(atMs - windowMs - 1000);
      const hi = Math.ceil(atMs + windowMs + 1000);
      return prep(SIGHTINGS_WINDOW).all({ passNo, checkpointId, lo, hi }) as never;
    },
    /** EXPLAIN QUERY PLAN of the windowed sightings query (test/server/anomalies/plans.test.ts). */
    sightingsPlan(): string[] {
      return (prep(`EXPLAIN QUERY PLAN ${SIGHTINGS_WINDOW}`).all({ passNo: 'p', checkpointId: 1, lo: 0, hi: 1 }) as { detail: string }[]).map((r) => r.detail);
    },

    backfillState(): { upto: number; done: number } | undefined {
      return db.prepare<[], { upto: number; done: number }>('SELECT (SELECT coalesce(max(rowid), 0) FROM events) AS upto, done FROM anomaly_backfill WHERE id = 1').get();
    },
    backfillDone(done: number): void {
      db.prepare('UPDATE anomaly_backfill SET done = ? WHERE id = 1').run(done);
    },

    /**
     * Makes the chain and reference anomalies match the flags: adds those set,
     * removes those a later upload cleared (a gap filled). With `scope` null,
     * every flagged event (partial index events_ac_anomaly: the flagged rows
     * only). Otherwise the chain flags of the given devices (index
     * events_flagged, whose WHERE term is repeated exactly) and the reference
     * flags of the given events (by id): never a walk over a device's events.
     */
    syncChain(scope: { deviceIds: readonly string[]; eventIds: readonly string[] } | null, detectedAt: string): void {
      const insert = (where: string, kinds: ReadonlyArray<[AnomalyKind, string]>) =>
        `INSERT OR IGNORE INTO anomalies (kind, severity, subject, at, event_id, device_id, checkpoint_id, pass_no, detected_at, details)
         SELECT k.kind, k.sev, e.id, e.received_at, e.id, e.device_id, d.checkpoint_id, e.ac_pass, @now, json_object('seq', e.seq, 'type', e.type)
         FROM events e JOIN devices d ON d.id = e.device_id
         JOIN (${kinds.map(([k]) => `SELECT '${k}' AS kind, '${ANOMALY_CATALOGUE[k].severity}' AS sev`).join(' UNION ALL ')}) k
         WHERE ${where} AND ${flagOf('k.kind', 'e')} = 1`;
      // Scoped, `+a.kind` keeps the planner on the device or event index instead of walking every anomaly of a kind.
      const remove = (where: string) =>
        `DELETE FROM anomalies AS a WHERE ${where ? '+' : ''}a.kind IN (${chainKindsSql}) ${where}
         AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id AND ${flagOf('a.kind', 'e')} = 1)`;
      if (scope === null) {
        prep(insert('e.ac_anomaly = 1', CHAIN_KINDS)).run({ now: detectedAt });
        prep(remove('')).run({});
        return;
      }
      const chain = CHAIN_KINDS.slice(0, 3);
      const reference = CHAIN_KINDS.slice(3);
      for (const device of new Set(scope.deviceIds)) {
        prep(insert('(e.gap = 1 OR e.broken_link = 1 OR e.fork = 1) AND e.device_id = @device', chain)).run({ now: detectedAt, device });
        prep(remove('AND a.device_id = @device')).run({ device });
      }
      // One statement each for the whole upload: two per event were most of this observer's time.
      if (scope.eventIds.length === 0) return;
      const ids = JSON.stringify([...new Set(scope.eventIds)]);
      prep(insert('e.id IN (SELECT value FROM json_each(@ids))', reference)).run({ now: detectedAt, ids });
      prep(remove('AND a.event_id IN (SELECT value FROM json_each(@ids))')).run({ ids });
    },

    /** The escort handovers that name one of these checks (their cross_checkpoint flag may have changed); index events_handover_check. */
    handoversOf(checkIds: readonly string[]): string[] {
      const rows = prep(
        `SELECT DISTINCT id FROM events WHERE type = 'escort_handover' AND json_extract(payload, '$.checkEventId') IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(checkIds)) as { id: string }[];
      return rows.map((r) => r.id);
    },

    /** Charter check flags (migration 013, written once by the custody projector) as one anomaly per check. */
    syncCharterFlags(eventIds: readonly string[] | null, detectedAt: string): void {
      const sql = `INSERT OR IGNORE INTO anomalies (kind, severity, subject, at, event_id, device_id, checkpoint_id, pass_no, detected_at, details)
        SELECT 'charter_mismatch', '${ANOMALY_CATALOGUE.charter_mismatch.severity}', e.id, e.received_at, e.id, e.device_id, d.checkpoint_id, e.ac_pass, @now,
          json_object('flags', json_group_array(f.kind))
        FROM charter_check_flags f JOIN events e ON e.id = f.event_id JOIN devices d ON d.id = e.device_id
        WHERE ${eventIds === null ? '1' : 'f.event_id = @id'} GROUP BY e.id`;
      if (eventIds === null) prep(sql).run({ now: detectedAt });
      else for (const id of eventIds) prep(sql).run({ now: detectedAt, id });
    },

    /**
     * Overdue escorts and isolations as the escort and custody sweeps recorded
     * them (escort_timeline kind 'overdue', charter_custody_overdue), after the
     * given row ids; returns the highest ids seen so the next call starts there.
     */
    syncOverdue(after: { escort: number; custody: number }, detectedAt: string): { escort: number; custody: number } {
      prep(
        `INSERT OR IGNORE INTO anomalies (kind, severity, subject, at, event_id, device_id, checkpoint_id, pass_no, escort_request_id, detected_at, details)
         SELECT CASE WHEN json_extract(t.detail, '$.kind') IN ('wait', 'transit') THEN 'escort_overdue' ELSE 'isolation_overdue' END, 'medium',
           'escort:' || t.request_id || ':' || t.ref, t.at, r.check_event_id, r.device_id, r.checkpoint_id, r.pass_no, r.id, @now, t.detail
         FROM escort_timeline t JOIN escort_requests r ON r.id = t.request_id
         WHERE t.id > @after AND t.kind = 'overdue' AND t.ref IS NOT NULL`,
      ).run({ now: detectedAt, after: after.escort });
      prep(
        `INSERT OR IGNORE INTO anomalies (kind, severity, subject, at, event_id, device_id, checkpoint_id, pass_no, custody_id, detected_at, details)
         SELECT 'isolation_overdue', 'medium', 'custody:' || o.custody_id || ':' || o.kind, o.since, c.event_id, c.device_id, c.checkpoint_id, NULL, c.id, @now,
           json_object('kind', o.kind, 'since', o.since, 'place', c.place)
         FROM charter_custody_overdue o JOIN charter_custody c ON c.id = o.custody_id WHERE o.id > @after`,
      ).run({ now: detectedAt, after: after.custody });
      const max = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
      return { escort: max('escort_timeline'), custody: max('charter_custody_overdue') };
    },

    /** One page, newest first by (at, id), and the cursor of the next (null on the last page). */
    page(f: AnomalyFilter, cursor: Cursor | null, limit: number): { items: AnomalyRow[]; next: Cursor | null } {
      const { sql, params } = whereOf(f, cursor);
      // The page's ids from one index range first; only those rows are joined to their checkpoint.
      const rows = prep(
        `SELECT a.*, c.name AS checkpoint_name FROM (SELECT a.id AS aid FROM anomalies a WHERE ${sql} ORDER BY a.at DESC, a.id DESC LIMIT @limit) k
         CROSS JOIN anomalies a ON a.id = k.aid LEFT JOIN checkpoints c ON c.id = a.checkpoint_id ORDER BY a.at DESC, a.id DESC`,
      ).all({ ...params, limit: limit + 1 }) as Row[];
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map(toRow);
      const last = items.at(-1);
      return { items, next: more && last ? { a: last.at, i: last.id } : null };
    },

    /** How many anomalies of each kind match the filter (its kind term aside: the counts are the kind menu). */
    countsByKind(f: AnomalyFilter): Partial<Record<AnomalyKind, number>> {
      const { sql, params } = whereOf({ ...f, kind: undefined }, null);
      const rows = prep(`SELECT a.kind, count(*) AS n FROM anomalies a WHERE ${sql} GROUP BY a.kind`).all(params) as { kind: AnomalyKind; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    },

    count(f: AnomalyFilter): number {
      const { sql, params } = whereOf(f, null);
      return (prep(`SELECT count(*) AS n FROM anomalies a WHERE ${sql}`).get(params) as { n: number }).n;
    },

    *iterate(f: AnomalyFilter, batch = 1000): Generator<AnomalyRow> {
      let cursor: Cursor | null = null;
      do {
        const { items, next }: { items: AnomalyRow[]; next: Cursor | null } = this.page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor);
    },

    /** An event's anomalies, as the event or as either of a pair (the event page). */
    forEvent(eventId: string): AnomalyRow[] {
      return (
        db
          .prepare(`${SELECT_ROW} WHERE a.event_id = @id UNION ${SELECT_ROW} WHERE a.other_event_id = @id ORDER BY 5 DESC, 1 DESC`)
          .all({ id: eventId }) as Row[]
      ).map(toRow);
    },

    plan(f: AnomalyFilter, cursor: Cursor | null = null): string[] {
      const { sql, params } = whereOf(f, cursor);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM anomalies a WHERE ${sql} ORDER BY a.at DESC, a.id DESC LIMIT 51`).all(params) as { detail: string }[]).map((r) => r.detail);
    },
  };
}
export type AnomaliesRepo = ReturnType<typeof anomaliesRepo>;
