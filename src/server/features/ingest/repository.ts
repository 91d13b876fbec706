import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { jsonText } from '../../db/dialect.js';
import { BULK_CHUNK } from '../../db/bulk-insert.js';
import { GENESIS_HASH, type EventType } from '../../../core/events/index.js';

/** Chain flags of a stored event; see migrations/005_events.sql for when each is set. */
import { EVENT_FLAGS, type EventFlag } from '../../../core/sync/index.js';
export { EVENT_FLAGS, type EventFlag };
/** Reference flags: what an event names that its checkpoint does not back up; see migrations/006_event_reference_flags.sql. */
export const REFERENCE_FLAGS = ['unknown_staff', 'cross_checkpoint'] as const;
export type ReferenceFlag = (typeof REFERENCE_FLAGS)[number];

/**
 * The PostgreSQL advisory lock class (transaction-level, the two-key form, whose key space is apart from the
 * one-key locks of keys, passes, audit and migrations) under which an upload reads and writes one device's
 * chain: "kkev" in hex, with the second key hashtext(device id). Two nodes storing batches of one device at
 * once then take turns, so each reads what the other committed (which ids are stored, the neighbours the
 * chain flags depend on). On SQLite, BEGIN IMMEDIATE already serialises writers.
 */
export const DEVICE_CHAIN_LOCK_CLASS = 0x6b6b6576;

/** The stored columns of an event (not the console's generated ones). */
const EVENT_COLUMNS = [
  'e.id', 'e.device_id', 'e.seq', 'e.device_time', 'e.received_at', 'e.clock_offset_ms', 'e.prev_hash', 'e.hash', 'e.type',
  'e.payload', 'e.canonical', 'e.sig', 'e.gap', 'e.broken_link', 'e.fork', 'e.unknown_staff', 'e.cross_checkpoint',
] as const;
type EventsRow = Selectable<DB['events']>;
type EventRow = Pick<EventsRow, (typeof EVENT_COLUMNS)[number] extends `e.${infer C extends keyof EventsRow}` ? C : never> & {
  conflicts: number | null;
};

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

export const flagsOf = (r: Pick<EventsRow, EventFlag>): EventFlag[] => EVENT_FLAGS.filter((f) => Number(r[f]) === 1);
const referenceFlagsOf = (r: Pick<EventsRow, ReferenceFlag>): ReferenceFlag[] => REFERENCE_FLAGS.filter((f) => Number(r[f]) === 1);

const toEvent = (r: EventRow): StoredEvent => ({
  id: r.id,
  deviceId: r.device_id,
  seq: r.seq,
  deviceTime: r.device_time,
  receivedAt: r.received_at,
  clockOffsetMs: r.clock_offset_ms,
  prevHash: r.prev_hash,
  hash: r.hash,
  // The CHECK on events.type admits only event types.
  type: r.type as EventType,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  canonical: r.canonical,
  sig: r.sig,
  flags: flagsOf(r),
  referenceFlags: referenceFlagsOf(r),
  conflicts: Number(r.conflicts ?? 0),
});

type EventsEb = ExpressionBuilder<DB, 'events'>;

/**
 * The device events, their twins (event_conflicts) and flags, on either engine (issue 16). Kysely over a
 * Store: every statement goes through store.q(), so inside store.transaction it is the transaction's.
 *
 * Several nodes may store uploads of one device at once (PostgreSQL). insertMany therefore takes the
 * device's advisory lock (lockDevice; take it before reading what is stored, as the ingest service does)
 * and inserts with ON CONFLICT DO NOTHING RETURNING id: an event that some other transaction stored
 * meanwhile (another device's, under another lock) is not inserted again, and the caller learns which ids
 * this call stored. The flags are recomputed from what is stored, under the lock, so they are the same
 * whatever order and split the uploads arrived in, on either engine.
 */
export function eventsRepo(store: Store) {
  const q = () => store.q();
  const selectEvents = () =>
    q()
      .selectFrom('events as e')
      .select(EVENT_COLUMNS)
      .select((eb) =>
        eb.selectFrom('event_conflicts as c').select((cb) => cb.fn.countAll<number>().as('n')).whereRef('c.event_id', '=', 'e.id').as('conflicts'),
      );

  /**
   * `expr IN (values)` with the values as one parameter, whatever their count: json_each on SQLite (as before
   * the conversion), `= ANY(array)` on PostgreSQL. An IN list of n placeholders is a new statement text for
   * each n, and an upload's ids and seqs come in every count up to 500: on SQLite each text is compiled once
   * and kept in the connection's statement cache (db/statement-cache.ts), which they would churn.
   */
  const oneOf = (expr: Expression<unknown>, values: readonly (string | number)[], pgType: 'text' | 'bigint'): RawBuilder<SqlBool> =>
    store.engine === 'postgres'
      ? sql<SqlBool>`${expr} = ANY(${[...values]}::${sql.raw(pgType)}[])`
      : sql<SqlBool>`${expr} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

  /** 1 when the condition holds, else 0: flags are 0/1 integers on both engines (PostgreSQL's comparisons are booleans). */
  const bit = <D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>, condition: Expression<SqlBool>) =>
    eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end();

  /** A JSON member of the stored payload, spelled as the expression indexes (migrations 006, 013) are. */
  const member = (eb: EventsEb, name: string) => jsonText(store.engine, eb.ref('events.payload'), name);

  /** unknown_staff as it should be: the payload's staff badge is not one of the device's checkpoint. */
  const unknownStaffNow = (eb: EventsEb) =>
    bit(
      eb,
      eb.not(
        eb.exists(
          eb
            .selectFrom('staff as s')
            .innerJoin('devices as d', 'd.checkpoint_id', 's.checkpoint_id')
            .select(eb.lit(1).as('one'))
            .whereRef('d.id', '=', 'events.device_id')
            .where('s.badge', '=', member(eb, 'staffBadge')),
        ),
      ),
    );

  /** cross_checkpoint as it should be: the handover names a stored event that is not a check of its own checkpoint. */
  const crossCheckpointNow = (eb: EventsEb) =>
    bit(
      eb,
      eb.exists(
        eb
          .selectFrom('events as c')
          .innerJoin('devices as dc', 'dc.id', 'c.device_id')
          .innerJoin('devices as dh', 'dh.id', 'events.device_id')
          .select(eb.lit(1).as('one'))
          .where('c.id', '=', member(eb, 'checkEventId'))
          .where((w) => w.or([w('c.type', '<>', sql.lit('check')), w('dc.checkpoint_id', '<>', w.ref('dh.checkpoint_id'))])),
      ),
    );

  /**
   * The chain flags of the device's events with these seqs, as a function of what is stored (see
   * migrations/005_events.sql); writes only the rows whose flags change, so an upload in order (the usual
   * case) writes none: an UPDATE rewrites the row and its indexes even when nothing changed.
   */
  async function recomputeChain(deviceId: string, seqs: readonly number[]): Promise<void> {
    await q()
      .with('flags_now', (db) =>
        db
          .selectFrom('events as e')
          .where('e.device_id', '=', deviceId)
          .where((eb) => oneOf(eb.ref('e.seq'), seqs, 'bigint'))
          .select((eb) => {
            const previous = () =>
              eb.selectFrom('events as p').select(eb.lit(1).as('one')).whereRef('p.device_id', '=', 'e.device_id').where('p.seq', '=', eb('e.seq', '-', eb.lit(1)));
            return [
              'e.id',
              bit(eb, eb.exists(eb.selectFrom('events as o').select(eb.lit(1).as('one')).whereRef('o.device_id', '=', 'e.device_id').whereRef('o.seq', '=', 'e.seq').whereRef('o.id', '<>', 'e.id'))).as('fork'),
              bit(eb, eb.and([eb('e.seq', '>', eb.lit(1)), eb.not(eb.exists(previous()))])).as('gap'),
              bit(
                eb,
                eb.or([
                  eb.and([eb('e.seq', '=', eb.lit(1)), eb('e.prev_hash', '<>', GENESIS_HASH)]),
                  eb.and([eb('e.seq', '>', eb.lit(1)), eb.exists(previous()), eb.not(eb.exists(previous().whereRef('p.hash', '=', 'e.prev_hash')))]),
                ]),
              ).as('broken_link'),
            ];
          }),
      )
      .updateTable('events')
      .from('flags_now')
      .set((eb) => ({ fork: eb.ref('flags_now.fork'), gap: eb.ref('flags_now.gap'), broken_link: eb.ref('flags_now.broken_link') }))
      .whereRef('events.id', '=', 'flags_now.id')
      .where((eb) =>
        eb.or([
          eb('events.fork', '<>', eb.ref('flags_now.fork')),
          eb('events.gap', '<>', eb.ref('flags_now.gap')),
          eb('events.broken_link', '<>', eb.ref('flags_now.broken_link')),
        ]),
      )
      .execute();
  }

  /**
   * The reference flags of these stored ids, and the cross_checkpoint flag of handovers naming them (changed rows
   * only). `handovers`: whether any of the ids is a handover (most uploads are checks: one statement less).
   */
  async function reflag(ids: readonly string[], handovers: boolean): Promise<void> {
    await q()
      .updateTable('events')
      .set((eb) => ({ unknown_staff: unknownStaffNow(eb) }))
      .where((eb) => oneOf(eb.ref('events.id'), ids, 'text'))
      .where((eb) => eb('unknown_staff', '<>', unknownStaffNow(eb)))
      .execute();
    if (handovers) {
      await q()
        .updateTable('events')
        .set((eb) => ({ cross_checkpoint: crossCheckpointNow(eb) }))
        .where((eb) => oneOf(eb.ref('events.id'), ids, 'text'))
        .where('type', '=', sql.lit('escort_handover'))
        .where((eb) => eb('cross_checkpoint', '<>', crossCheckpointNow(eb)))
        .execute();
    }
    // Handovers stored before the check they name. Written to match the partial expression index events_handover_check.
    await q()
      .updateTable('events')
      .set((eb) => ({ cross_checkpoint: crossCheckpointNow(eb) }))
      .where('type', '=', sql.lit('escort_handover'))
      .where((eb) => oneOf(member(eb, 'checkEventId'), ids, 'text'))
      .where((eb) => eb('cross_checkpoint', '<>', crossCheckpointNow(eb)))
      .execute();
  }

  /** Takes the device's chain lock until the transaction ends (PostgreSQL; nothing to do on SQLite). */
  async function lockDevice(deviceId: string): Promise<void> {
    if (store.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${sql.lit(DEVICE_CHAIN_LOCK_CLASS)}, hashtext(${deviceId}))`.execute(q());
  }

  /**
   * Inserts one upload's new events (all of `deviceId`) in a few statements, skipping any id already stored,
   * then recomputes every flag the inserted ones can change, set-based: the chain flags of each inserted
   * event's seq and the next, their reference flags, and those of handovers that name them. Returns the ids
   * it inserted. A CHECK that refuses a row refuses its whole statement (rows go BULK_CHUNK per statement,
   * as db/bulk-insert.ts explains); call inside a transaction, so that nothing of a refused lot stays.
   */
  async function insertMany(deviceId: string, events: readonly NewEvent[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    if (events.length === 0) return inserted;
    const other = events.find((e) => e.deviceId !== deviceId);
    if (other) throw new Error(`eventsRepo.insertMany: event ${other.id} is not of device ${deviceId}`);
    await lockDevice(deviceId);
    for (let start = 0; start < events.length; start += BULK_CHUNK) {
      const rows = await q()
        .insertInto('events')
        .values(
          events.slice(start, start + BULK_CHUNK).map((e) => ({
            id: e.id, device_id: e.deviceId, seq: e.seq, device_time: e.deviceTime, received_at: e.receivedAt, clock_offset_ms: e.clockOffsetMs,
            prev_hash: e.prevHash, hash: e.hash, type: e.type, payload: e.payload, canonical: e.canonical, sig: e.sig,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const r of rows) inserted.add(r.id);
    }
    if (inserted.size === 0) return inserted;
    const seqs = new Set<number>();
    for (const e of events) if (inserted.has(e.id)) seqs.add(e.seq).add(e.seq + 1);
    await recomputeChain(deviceId, [...seqs]);
    await reflag([...inserted], events.some((e) => e.type === 'escort_handover' && inserted.has(e.id)));
    return inserted;
  }

  return {
    async get(id: string): Promise<StoredEvent | undefined> {
      const r = await selectEvents().where('e.id', '=', id).executeTakeFirst();
      return r && toEvent(r);
    },
    /**
     * Call first in the transaction that stores an upload of this device, before reading what is stored:
     * on PostgreSQL two nodes' uploads of one device then take turns (insertMany takes it too).
     */
    lockDevice,
    /**
     * Inserts the event unless its id is stored, and recomputes the flags it can change (see insertMany).
     * Returns whether it was inserted. Call inside a transaction.
     */
    async insert(e: NewEvent): Promise<boolean> {
      return (await insertMany(e.deviceId, [e])).has(e.id);
    },
    insertMany,
    /** Of these ids, the stored ones with their hash and device (one query for an upload). */
    async storedOf(ids: readonly string[]): Promise<Map<string, { hash: string; deviceId: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await q().selectFrom('events').select(['id', 'hash', 'device_id']).where((eb) => oneOf(eb.ref('id'), ids, 'text')).execute();
      return new Map(rows.map((r) => [r.id, { hash: r.hash, deviceId: r.device_id }]));
    },
    /** The chain and reference flags of these ids as stored now. */
    async flagsOf(ids: readonly string[]): Promise<Map<string, { flags: EventFlag[]; referenceFlags: ReferenceFlag[] }>> {
      if (ids.length === 0) return new Map();
      const rows = await q()
        .selectFrom('events')
        .select(['id', 'gap', 'broken_link', 'fork', 'unknown_staff', 'cross_checkpoint'])
        .where((eb) => oneOf(eb.ref('id'), ids, 'text'))
        .execute();
      return new Map(rows.map((r) => [r.id, { flags: flagsOf(r), referenceFlags: referenceFlagsOf(r) }]));
    },
    /**
     * Records a twin of a stored event (same id, other content); returns how often this twin has been sent.
     * One upsert, so two nodes recording the same twin at once count two attempts and exactly one sees 1.
     */
    async recordConflict(c: { eventId: string; deviceId: string; hash: string; canonical: string; sig: string; at: string }): Promise<number> {
      const r = await q()
        .insertInto('event_conflicts')
        .values({ event_id: c.eventId, device_id: c.deviceId, hash: c.hash, canonical: c.canonical, sig: c.sig, first_received_at: c.at, last_received_at: c.at })
        .onConflict((oc) =>
          oc.columns(['event_id', 'hash']).doUpdateSet((eb) => ({
            attempts: eb('event_conflicts.attempts', '+', eb.lit(1)),
            last_received_at: eb.ref('excluded.last_received_at'),
          })),
        )
        .returning('attempts')
        .executeTakeFirstOrThrow();
      return Number(r.attempts);
    },
    /** The twins of a stored event, in the order they were first received. */
    async conflicts(eventId: string): Promise<EventConflict[]> {
      const rows = await q().selectFrom('event_conflicts').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
      return rows.map((r) => ({
        eventId: r.event_id,
        deviceId: r.device_id,
        hash: r.hash,
        canonical: r.canonical,
        sig: r.sig,
        firstReceivedAt: r.first_received_at,
        lastReceivedAt: r.last_received_at,
        attempts: Number(r.attempts),
      }));
    },
    /** Moves the device's last_seen_at forward to `at` (never back). */
    async touchDevice(deviceId: string, at: string): Promise<void> {
      await q()
        .updateTable('devices')
        .set({ last_seen_at: at })
        .where('id', '=', deviceId)
        .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
        .execute();
    },
    /** The device's highest seq and that event's hash: where its chain continues. */
    async last(deviceId: string): Promise<{ seq: number; hash: string } | undefined> {
      return q()
        .selectFrom('events')
        .select(['seq', 'hash'])
        .where('device_id', '=', deviceId)
        // Of two events with the highest seq (a fork), the one stored first.
        .orderBy('seq', 'desc')
        .orderBy('received_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
    },
    /** By device, seq and id (a fork is two events with one seq): the same pages on both engines. */
    async list(filter: EventListFilter): Promise<StoredEvent[]> {
      let query = selectEvents();
      if (filter.deviceId !== undefined) query = query.where('e.device_id', '=', filter.deviceId);
      const flag = filter.flag;
      if (flag === 'any') query = query.where((eb) => eb.or([eb('e.gap', '=', eb.lit(1)), eb('e.broken_link', '=', eb.lit(1)), eb('e.fork', '=', eb.lit(1))]));
      else if (flag === 'conflict') query = query.where((eb) => eb.exists(eb.selectFrom('event_conflicts as c').select(eb.lit(1).as('one')).whereRef('c.event_id', '=', 'e.id')));
      else if (flag !== undefined) query = query.where(`e.${flag}`, '=', 1);
      const rows = await query.orderBy('e.device_id').orderBy('e.seq').orderBy('e.id').limit(filter.limit).offset(filter.offset ?? 0).execute();
      return rows.map(toEvent);
    },
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
