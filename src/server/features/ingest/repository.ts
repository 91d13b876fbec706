import type { Db } from '../../db/open.js';
import { bulkInserter } from '../../db/bulk-insert.js';
import { GENESIS_HASH, type EventType } from '../../../core/events/index.js';

/** Chain flags of a stored event; see migrations/005_events.sql for when each is set. */
import { EVENT_FLAGS, type EventFlag } from '../../../core/sync/index.js';
export { EVENT_FLAGS, type EventFlag };
/** Reference flags: what an event names that its checkpoint does not back up; see migrations/006_event_reference_flags.sql. */
export const REFERENCE_FLAGS = ['unknown_staff', 'cross_checkpoint'] as const;
export type ReferenceFlag = (typeof REFERENCE_FLAGS)[number];

interface EventRow {
  id: string;
  device_id: string;
  seq: number;
  device_time: string;
  received_at: string;
  clock_offset_ms: number;
  prev_hash: string;
  hash: string;
  type: EventType;
  payload: string;
  canonical: string;
  sig: string;
  gap: 0 | 1;
  broken_link: 0 | 1;
  fork: 0 | 1;
  unknown_staff: 0 | 1;
  cross_checkpoint: 0 | 1;
  conflicts: number;
}

export interface StoredEvent {
  id: string;
  deviceId: string;
  seq: number;
  deviceTime: string;
  receivedAt: string;
  clockOffsetMs: number;
  prevHash: string;
  hash: string;
  type: EventType;
  payload: Record<string, unknown>;
  /** exactly the text the device signed */
  canonical: string;
  sig: string;
  flags: EventFlag[];
  /** staff badge or referenced check not of the device's checkpoint; the event is stored all the same */
  referenceFlags: ReferenceFlag[];
  /** distinct twins (same id, other content) sent since; the stored event is never replaced */
  conflicts: number;
}

export interface NewEvent {
  id: string;
  deviceId: string;
  seq: number;
  deviceTime: string;
  receivedAt: string;
  clockOffsetMs: number;
  prevHash: string;
  hash: string;
  type: EventType;
  /** the payload as JSON text (canonical form, so equal payloads are equal text) */
  payload: string;
  canonical: string;
  sig: string;
}

export interface EventConflict {
  eventId: string;
  deviceId: string;
  hash: string;
  canonical: string;
  sig: string;
  firstReceivedAt: string;
  lastReceivedAt: string;
  attempts: number;
}

export interface EventListFilter {
  deviceId?: string;
  /** only events with this flag; `any`: with at least one chain flag; `conflict`: with a twin in event_conflicts */
  flag?: EventFlag | ReferenceFlag | 'any' | 'conflict';
  limit: number;
  offset?: number;
}

export const flagsOf = (r: Pick<EventRow, EventFlag>): EventFlag[] => EVENT_FLAGS.filter((f) => r[f] === 1);

const toEvent = (r: EventRow): StoredEvent => ({
  id: r.id,
  deviceId: r.device_id,
  seq: r.seq,
  deviceTime: r.device_time,
  receivedAt: r.received_at,
  clockOffsetMs: r.clock_offset_ms,
  prevHash: r.prev_hash,
  hash: r.hash,
  type: r.type,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  canonical: r.canonical,
  sig: r.sig,
  flags: flagsOf(r),
  referenceFlags: REFERENCE_FLAGS.filter((f) => r[f] === 1),
  conflicts: r.conflicts,
});

const SELECT = `SELECT e.*, (SELECT count(*) FROM event_conflicts c WHERE c.event_id = e.id) AS conflicts FROM events e`;

/**
 * The chain flags as a function of what is stored for the device, nothing
 * else: recomputing them after every insert keeps the stored state the same
 * whatever order the events arrived in.
 */
const RECOMPUTE = `UPDATE events SET
    fork = (SELECT count(*) FROM events o WHERE o.device_id = events.device_id AND o.seq = events.seq) > 1,
    gap = events.seq > 1 AND NOT EXISTS (SELECT 1 FROM events p WHERE p.device_id = events.device_id AND p.seq = events.seq - 1),
    broken_link = CASE
      WHEN events.seq = 1 THEN events.prev_hash <> @genesis
      ELSE EXISTS (SELECT 1 FROM events p WHERE p.device_id = events.device_id AND p.seq = events.seq - 1)
           AND NOT EXISTS (SELECT 1 FROM events p WHERE p.device_id = events.device_id AND p.seq = events.seq - 1 AND p.hash = events.prev_hash)
    END
  WHERE device_id = @deviceId AND seq BETWEEN @seq AND @seq + 1`;

/** The staff badge must belong to the device's checkpoint (badges are unique and never deleted). */
const REFLAG_STAFF = `UPDATE events SET unknown_staff = NOT EXISTS (
    SELECT 1 FROM staff s JOIN devices d ON d.checkpoint_id = s.checkpoint_id
    WHERE d.id = events.device_id AND s.badge = json_extract(events.payload, '$.staffBadge'))
  WHERE id = @id`;

/** A handover must complete a check of its own checkpoint; an unknown (not yet stored) check is not flagged yet. */
const CROSS_CHECKPOINT = `EXISTS (
    SELECT 1 FROM events c JOIN devices dc ON dc.id = c.device_id JOIN devices dh ON dh.id = events.device_id
    WHERE c.id = json_extract(events.payload, '$.checkEventId') AND (c.type <> 'check' OR dc.checkpoint_id <> dh.checkpoint_id))`;
const REFLAG_HANDOVER = `UPDATE events SET cross_checkpoint = ${CROSS_CHECKPOINT} WHERE id = @id AND type = 'escort_handover'`;
// Written to match the partial expression index events_handover_check.
const REFLAG_HANDOVERS_OF = `UPDATE events SET cross_checkpoint = ${CROSS_CHECKPOINT}
  WHERE type = 'escort_handover' AND json_extract(payload, '$.checkEventId') = @id`;

/**
 * The same flags, set-based, for one upload: the chain flags of the given
 * seqs of one device (each stored event's own seq and the next), the staff
 * and handover flags of the stored ids, and those of handovers naming them.
 * Each writes only the rows whose flag changes, so an upload in order (the
 * usual case) writes none: an UPDATE rewrites the row and its
 * generated-column indexes even when nothing changed.
 */
const RECOMPUTE_MANY = `WITH target AS (SELECT value AS seq FROM json_each(@seqs)),
  now AS (SELECT e.id,
      (SELECT count(*) FROM events o WHERE o.device_id = e.device_id AND o.seq = e.seq) > 1 AS fork,
      (e.seq > 1 AND NOT EXISTS (SELECT 1 FROM events p WHERE p.device_id = e.device_id AND p.seq = e.seq - 1)) AS gap,
      CASE
        WHEN e.seq = 1 THEN e.prev_hash <> @genesis
        ELSE EXISTS (SELECT 1 FROM events p WHERE p.device_id = e.device_id AND p.seq = e.seq - 1)
             AND NOT EXISTS (SELECT 1 FROM events p WHERE p.device_id = e.device_id AND p.seq = e.seq - 1 AND p.hash = e.prev_hash)
      END AS broken_link
    FROM events e WHERE e.device_id = @deviceId AND e.seq IN (SELECT seq FROM target))
  UPDATE events SET fork = now.fork, gap = now.gap, broken_link = now.broken_link FROM now
  WHERE events.id = now.id AND (events.fork <> now.fork OR events.gap <> now.gap OR events.broken_link <> now.broken_link)`;
const STAFF_OF = `NOT EXISTS (
    SELECT 1 FROM staff s JOIN devices d ON d.checkpoint_id = s.checkpoint_id
    WHERE d.id = events.device_id AND s.badge = json_extract(events.payload, '$.staffBadge'))`;
const REFLAG_STAFF_MANY = `UPDATE events SET unknown_staff = ${STAFF_OF}
  WHERE id IN (SELECT value FROM json_each(@ids)) AND unknown_staff <> ${STAFF_OF}`;
const REFLAG_HANDOVER_MANY = `UPDATE events SET cross_checkpoint = ${CROSS_CHECKPOINT}
  WHERE id IN (SELECT value FROM json_each(@ids)) AND type = 'escort_handover' AND cross_checkpoint <> ${CROSS_CHECKPOINT}`;
const REFLAG_HANDOVERS_OF_MANY = `UPDATE events SET cross_checkpoint = ${CROSS_CHECKPOINT}
  WHERE type = 'escort_handover' AND json_extract(payload, '$.checkEventId') IN (SELECT value FROM json_each(@ids))
    AND cross_checkpoint <> ${CROSS_CHECKPOINT}`;

/** Prepares on first use, so building the repositories never needs the table. */
const lazy = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export function eventsRepo(db: Db) {
  const byId = lazy(() => db.prepare<[string], EventRow>(`${SELECT} WHERE e.id = ?`));
  const insert = lazy(() => db.prepare<[NewEvent]>(
    `INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig)
     VALUES (@id, @deviceId, @seq, @deviceTime, @receivedAt, @clockOffsetMs, @prevHash, @hash, @type, @payload, @canonical, @sig)`,
  ));
  const recompute = lazy(() => db.prepare<[{ deviceId: string; seq: number; genesis: string }]>(RECOMPUTE));
  const reflagStaff = lazy(() => db.prepare<[{ id: string }]>(REFLAG_STAFF));
  const reflagHandover = lazy(() => db.prepare<[{ id: string }]>(REFLAG_HANDOVER));
  const reflagHandoversOf = lazy(() => db.prepare<[{ id: string }]>(REFLAG_HANDOVERS_OF));
  const conflict = lazy(() => db.prepare<[{ eventId: string; deviceId: string; hash: string; canonical: string; sig: string; at: string }], { attempts: number }>(
    `INSERT INTO event_conflicts (event_id, device_id, hash, canonical, sig, first_received_at, last_received_at)
     VALUES (@eventId, @deviceId, @hash, @canonical, @sig, @at, @at)
     ON CONFLICT (event_id, hash) DO UPDATE SET attempts = attempts + 1, last_received_at = excluded.last_received_at
     RETURNING attempts`,
  ));
  const seen = lazy(() => db.prepare<[{ deviceId: string; at: string }]>(
    'UPDATE devices SET last_seen_at = @at WHERE id = @deviceId AND (last_seen_at IS NULL OR last_seen_at < @at)',
  ));
  const last = lazy(() => db.prepare<[string], { seq: number; hash: string }>(
    // Of two events with the highest seq (a fork), the one stored first.
    'SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC, received_at, id LIMIT 1',
  ));

  const insertRows = bulkInserter<NewEvent>(db, 'events', {
    id: (e) => e.id, device_id: (e) => e.deviceId, seq: (e) => e.seq, device_time: (e) => e.deviceTime, received_at: (e) => e.receivedAt,
    clock_offset_ms: (e) => e.clockOffsetMs, prev_hash: (e) => e.prevHash, hash: (e) => e.hash, type: (e) => e.type,
    payload: (e) => e.payload, canonical: (e) => e.canonical, sig: (e) => e.sig,
  });
  const recomputeMany = lazy(() => db.prepare<[{ deviceId: string; seqs: string; genesis: string }]>(RECOMPUTE_MANY));
  const reflagStaffMany = lazy(() => db.prepare<[{ ids: string }]>(REFLAG_STAFF_MANY));
  const reflagHandoverMany = lazy(() => db.prepare<[{ ids: string }]>(REFLAG_HANDOVER_MANY));
  const reflagHandoversOfMany = lazy(() => db.prepare<[{ ids: string }]>(REFLAG_HANDOVERS_OF_MANY));
  const storedOf = lazy(() => db.prepare<[string], { id: string; hash: string; device_id: string }>(
    'SELECT id, hash, device_id FROM events WHERE id IN (SELECT value FROM json_each(?))',
  ));
  const flagRows = lazy(() => db.prepare<[string], Pick<EventRow, 'id' | EventFlag | ReferenceFlag>>(
    `SELECT id, gap, broken_link, fork, unknown_staff, cross_checkpoint FROM events WHERE id IN (SELECT value FROM json_each(?))`,
  ));

  return {
    get(id: string): StoredEvent | undefined {
      const r = byId().get(id);
      return r && toEvent(r);
    },
    /**
     * Inserts the event and recomputes the flags it can change: the chain flags of its own seq and
     * the next, its reference flags, and those of handovers that name it. Call inside a transaction.
     */
    insert(e: NewEvent): void {
      insert().run(e);
      recompute().run({ deviceId: e.deviceId, seq: e.seq, genesis: GENESIS_HASH });
      reflagStaff().run({ id: e.id });
      reflagHandover().run({ id: e.id });
      reflagHandoversOf().run({ id: e.id });
    },
    /**
     * Inserts one upload's new events (all of `deviceId`) in a few statements, then recomputes every
     * flag they can change, set-based: the same stored state as insert() of each in turn. A CHECK
     * that refuses a row refuses its whole statement (see bulkInserter); call inside a transaction.
     */
    insertMany(deviceId: string, events: readonly NewEvent[]): void {
      if (events.length === 0) return;
      insertRows(events);
      const seqs = new Set<number>();
      for (const e of events) seqs.add(e.seq).add(e.seq + 1);
      const ids = JSON.stringify(events.map((e) => e.id));
      recomputeMany().run({ deviceId, seqs: JSON.stringify([...seqs]), genesis: GENESIS_HASH });
      reflagStaffMany().run({ ids });
      reflagHandoverMany().run({ ids });
      reflagHandoversOfMany().run({ ids });
    },
    /** Of these ids, the stored ones with their hash and device (one query for an upload). */
    storedOf(ids: readonly string[]): Map<string, { hash: string; deviceId: string }> {
      return new Map(storedOf().all(JSON.stringify(ids)).map((r) => [r.id, { hash: r.hash, deviceId: r.device_id }]));
    },
    /** The chain and reference flags of these ids as stored now. */
    flagsOf(ids: readonly string[]): Map<string, { flags: EventFlag[]; referenceFlags: ReferenceFlag[] }> {
      return new Map(flagRows().all(JSON.stringify(ids)).map((r) => [r.id, { flags: flagsOf(r), referenceFlags: REFERENCE_FLAGS.filter((f) => r[f] === 1) }]));
    },
    /** Records a twin of a stored event (same id, other content); returns how often this twin has been sent. */
    recordConflict(c: { eventId: string; deviceId: string; hash: string; canonical: string; sig: string; at: string }): number {
      return conflict().get(c)!.attempts;
    },
    conflicts(eventId: string): EventConflict[] {
      return db
        .prepare<[string], { event_id: string; device_id: string; hash: string; canonical: string; sig: string; first_received_at: string; last_received_at: string; attempts: number }>(
          'SELECT * FROM event_conflicts WHERE event_id = ? ORDER BY id',
        )
        .all(eventId)
        .map((r) => ({
          eventId: r.event_id,
          deviceId: r.device_id,
          hash: r.hash,
          canonical: r.canonical,
          sig: r.sig,
          firstReceivedAt: r.first_received_at,
          lastReceivedAt: r.last_received_at,
          attempts: r.attempts,
        }));
    },
    /** Moves the device's last_seen_at forward to `at` (never back). */
    touchDevice(deviceId: string, at: string): void {
      seen().run({ deviceId, at });
    },
    /** The device's highest seq and that event's hash: where its chain continues. */
    last(deviceId: string): { seq: number; hash: string } | undefined {
      return last().get(deviceId);
    },
    list(filter: EventListFilter): StoredEvent[] {
      const flag = filter.flag ?? null;
      return db
        .prepare<[{ deviceId: string | null; flag: string | null; limit: number; offset: number }], EventRow>(
          `${SELECT}
           WHERE (@deviceId IS NULL OR e.device_id = @deviceId)
             AND (@flag IS NULL
                  OR (@flag = 'gap' AND e.gap = 1) OR (@flag = 'broken_link' AND e.broken_link = 1) OR (@flag = 'fork' AND e.fork = 1)
                  OR (@flag = 'any' AND (e.gap = 1 OR e.broken_link = 1 OR e.fork = 1))
                  OR (@flag = 'unknown_staff' AND e.unknown_staff = 1) OR (@flag = 'cross_checkpoint' AND e.cross_checkpoint = 1)
                  OR (@flag = 'conflict' AND EXISTS (SELECT 1 FROM event_conflicts c WHERE c.event_id = e.id)))
           ORDER BY e.device_id, e.seq, e.id
           LIMIT @limit OFFSET @offset`,
        )
        .all({ deviceId: filter.deviceId ?? null, flag, limit: filter.limit, offset: filter.offset ?? 0 })
        .map(toEvent);
    },
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
