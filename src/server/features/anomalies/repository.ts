import { CompiledQuery, sql, type Expression, type Kysely, type Selectable } from 'kysely';
import { inTexts, jsonArrayAggText, jsonObjectText, jsonText } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { AnomaliesTable, DB } from '../../db/tables.js';
import { ANOMALY_CATALOGUE, type AnomalyKind, type Severity } from '../../../core/audit/anomalies.js';
import type { AnomalyRow, Cursor } from './schema.js';

/** A row to add; ON CONFLICT (kind, subject) DO NOTHING, so finding one twice (on any node) is harmless. */
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
  id: string;
  type: string;
  device_id: string;
  seq: number;
  checkpoint_id: number;
  device_time: string;
  received_at: string;
  clock_offset_ms: number;
  payload: string;
}

/** A position in the backfill's walk over events: (received_at, id), the keyset both engines can order by. */
export interface EventPosition {
  receivedAt: string;
  id: string;
}

/**
 * anomaly_backfill.done holds the receipt time (epoch ms) up to which every event was examined. It held an
 * events rowid before issue 16 (SQLite only); a value below this one cannot be a receipt time since 2001
 * and is read as such a rowid.
 */
const LEGACY_ROWID_BELOW = 1e12;

/** Chain and reference flags of events, and the anomaly kind each one is. */
const CHAIN_KINDS = [
  ['chain_gap', 'gap'],
  ['chain_broken_link', 'broken_link'],
  ['chain_fork', 'fork'],
  ['unknown_staff', 'unknown_staff'],
  ['cross_checkpoint', 'cross_checkpoint'],
] as const satisfies ReadonlyArray<readonly [AnomalyKind, string]>;
type ChainKinds = ReadonlyArray<(typeof CHAIN_KINDS)[number]>;

type EventAlias = 'e';
/** The flag column of `event` that the chain kind in `kindColumn` stands for (a CASE of literals). */
const flagOf = (kindColumn: Expression<string>, event: EventAlias) =>
  sql<number>`CASE ${kindColumn} ${sql.join(CHAIN_KINDS.map(([k, col]) => sql`WHEN ${sql.lit(k)} THEN ${sql.ref(`${event}.${col}`)}`), sql` `)} END`;

/** The kinds as a table of literals (kind, sev), joined to the flagged events. */
const kindsTable = (kinds: ChainKinds) =>
  sql<{ kind: string; sev: string }>`(${sql.join(
    kinds.map(([k]) => sql`SELECT ${sql.lit(k)} AS kind, ${sql.lit(ANOMALY_CATALOGUE[k].severity)} AS sev`),
    sql` UNION ALL `,
  )})`;

type AnomalyDbRow = Selectable<AnomaliesTable> & { checkpoint_name: string | null };

const toRow = (r: AnomalyDbRow): AnomalyRow => ({
  id: r.id,
  kind: r.kind as AnomalyKind,
  severity: r.severity as Severity,
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

const CHECK_TYPES = [sql.lit('check'), sql.lit('charter_check')];

/** The anomalies found by the server (migration 016, a derived table), on Kysely over a Store (issue 16). */
export function anomaliesRepo(store: Store) {
  const q = (): Kysely<DB> => store.q();
  const engine = store.engine;

  const eventSelect = () =>
    q()
      .selectFrom('events as e')
      .innerJoin('devices as d', 'd.id', 'e.device_id')
      .select(['e.id', 'e.type', 'e.device_id', 'e.seq', 'd.checkpoint_id', 'e.device_time', 'e.received_at', 'e.clock_offset_ms', 'e.payload']);

  /**
   * The checks of a pass at other checkpoints, as two queries written to match the two partial indexes of
   * migration 021 (type and ac_device_ms terms as literals, the indexes' own WHERE terms).
   */
  const sightingsBase = (passNo: string, checkpointId: number) =>
    q()
      .selectFrom('events as e')
      .innerJoin('devices as d', 'd.id', 'e.device_id')
      .select(['e.id', 'd.checkpoint_id', 'e.device_time', 'e.received_at', 'e.device_id'])
      .where('e.ac_pass', '=', passNo)
      .where('e.type', 'in', CHECK_TYPES)
      .where('d.checkpoint_id', '<>', checkpointId);
  const sightingsWindow = (passNo: string, checkpointId: number, lo: number, hi: number) =>
    sightingsBase(passNo, checkpointId)
      .where('e.ac_device_ms', 'is not', null)
      .where((eb) => eb.between('e.ac_device_ms', lo, hi))
      .unionAll(sightingsBase(passNo, checkpointId).where('e.ac_device_ms', 'is', null));

  /** The anomalies the filter selects (terms matching the indexes of migration 016), after the cursor when given. */
  const filtered = (f: AnomalyFilter, cursor: Cursor | null) =>
    q()
      .selectFrom('anomalies as a')
      .$if(f.kind !== undefined, (qb) => qb.where('a.kind', '=', f.kind!))
      .$if(f.checkpointId !== undefined, (qb) => qb.where('a.checkpoint_id', '=', f.checkpointId!))
      .$if(f.deviceId !== undefined, (qb) => qb.where('a.device_id', '=', f.deviceId!))
      .$if(f.from !== undefined, (qb) => qb.where('a.at', '>=', f.from!))
      .$if(f.to !== undefined, (qb) => qb.where('a.at', '<', f.to!))
      .$if(cursor !== null, (qb) => qb.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(cursor!.a, cursor!.i))));

  const idsPage = (f: AnomalyFilter, cursor: Cursor | null, limit: number) =>
    filtered(f, cursor).select('a.id as aid').orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit);

  /** EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL: one line a step. */
  async function explain(c: CompiledQuery): Promise<string[]> {
    if (engine === 'sqlite') {
      const res = await q().executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
      return res.rows.map((x) => x.detail);
    }
    const res = await q().executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]));
    return res.rows.map((x) => x['QUERY PLAN']);
  }

  /** Which flagged events a chain sync reads: every one, one device's chain flags, or these events' reference flags. */
  type ChainScope = { all: true } | { deviceId: string } | { eventIds: readonly string[] };

  /** Adds the chain-flag findings of the events in scope, for these kinds; a finding already stored stays as it is. */
  const insertChain = (detectedAt: string, kinds: ChainKinds, scope: ChainScope) =>
    q()
      .insertInto('anomalies')
      .columns(['kind', 'severity', 'subject', 'at', 'event_id', 'device_id', 'checkpoint_id', 'pass_no', 'detected_at', 'details'])
      .expression(
        q()
          .selectFrom('events as e')
          .innerJoin('devices as d', 'd.id', 'e.device_id')
          .crossJoin(kindsTable(kinds).as('k'))
          .select([
            'k.kind',
            'k.sev',
            'e.id',
            'e.received_at',
            'e.id as event_id',
            'e.device_id',
            'd.checkpoint_id',
            'e.ac_pass',
            sql.val(detectedAt).as('detected_at'),
            jsonObjectText(engine, [['seq', sql.ref('e.seq')], ['type', sql.ref('e.type')]]).as('details'),
          ])
          // Each term as the partial index it is meant for spells it (events_ac_anomaly, events_flagged).
          .$if('all' in scope, (qb) => qb.where('e.ac_anomaly', '=', sql.lit(1)))
          .$if('deviceId' in scope, (qb) =>
            qb
              .where((eb) => eb.or([eb('e.gap', '=', sql.lit(1)), eb('e.broken_link', '=', sql.lit(1)), eb('e.fork', '=', sql.lit(1))]))
              .where('e.device_id', '=', (scope as { deviceId: string }).deviceId),
          )
          .$if('eventIds' in scope, (qb) => qb.where(inTexts(engine, sql.ref('e.id'), (scope as { eventIds: readonly string[] }).eventIds)))
          .where(flagOf(sql.ref('k.kind'), 'e'), '=', sql.lit(1)),
      )
      .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
      .execute();

  /** Deletes the chain findings in scope whose flag is no longer set on their event. */
  const removeCleared = (scope: ChainScope) =>
    q()
      .deleteFrom('anomalies as a')
      .where(
        // Scoped on SQLite, `+a.kind` keeps the planner on the device or event index instead of walking every anomaly of a kind.
        !('all' in scope) && engine === 'sqlite' ? sql<string>`+${sql.ref('a.kind')}` : sql.ref<string>('a.kind'),
        'in',
        CHAIN_KINDS.map(([k]) => sql.lit(k)),
      )
      .$if('deviceId' in scope, (qb) => qb.where('a.device_id', '=', (scope as { deviceId: string }).deviceId))
      .$if('eventIds' in scope, (qb) => qb.where(inTexts(engine, sql.ref('a.event_id'), (scope as { eventIds: readonly string[] }).eventIds)))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('events as e')
              .select(sql.lit(1).as('one'))
              .whereRef('e.id', '=', 'a.event_id')
              .where(flagOf(sql.ref('a.kind'), 'e'), '=', sql.lit(1)),
          ),
        ),
      )
      .execute();

  const repo = {
    /** Adds a finding unless one of its kind is stored for the subject; true when added. */
    async add(a: NewAnomaly, detectedAt: string): Promise<boolean> {
      const res = await q()
        .insertInto('anomalies')
        .values({
          kind: a.kind,
          severity: a.severity,
          subject: a.subject,
          at: a.at,
          event_id: a.eventId,
          other_event_id: a.otherEventId ?? null,
          device_id: a.deviceId,
          checkpoint_id: a.checkpointId,
          pass_no: a.passNo,
          detected_at: detectedAt,
          details: JSON.stringify(a.details),
        })
        .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** These events, in the order given (an upload's order, which is the order they were stored in). */
    async eventsByIds(ids: readonly string[]): Promise<EventForDetection[]> {
      if (ids.length === 0) return [];
      const rows = await eventSelect().where(inTexts(engine, sql.ref('e.id'), ids)).execute();
      const order = new Map(ids.map((id, i) => [id, i] as const));
      return rows.sort((x, y) => order.get(x.id)! - order.get(y.id)!);
    },

    /**
     * Events after `after` and up to `upto` by (received_at, id), in that order, at most `limit` (the
     * backfill's batches: a keyset walk, the same on both engines).
     */
    async eventsAfter(after: EventPosition, upto: EventPosition, limit: number): Promise<EventForDetection[]> {
      return eventSelect()
        .where((eb) => eb(eb.refTuple('e.received_at', 'e.id'), '>', eb.tuple(after.receivedAt, after.id)))
        .where((eb) => eb(eb.refTuple('e.received_at', 'e.id'), '<=', eb.tuple(upto.receivedAt, upto.id)))
        .orderBy('e.received_at')
        .orderBy('e.id')
        .limit(limit)
        .execute();
    },

    /**
     * The checks of one pass at another checkpoint than `checkpointId` whose device time is within
     * `windowMs` of `atMs` (or unreadable to the database; the caller compares exactly): where and when.
     * Sightings at the same checkpoint can never be an impossible journey, and those further apart
     * in time cannot either; index events_pass_time (migration 021) reads only the window, so a pass
     * checked thousands of times costs no more than one checked twice. `atMs` NaN: every sighting.
     */
    async sightings(passNo: string, checkpointId: number, atMs: number, windowMs: number): Promise<{ id: string; checkpoint_id: number; device_time: string; received_at: string; device_id: string }[]> {
      // A second of margin: the database's reading of the time is only the pre-filter.
      const rows = Number.isFinite(atMs)
        ? await sightingsWindow(passNo, checkpointId, Math.floor(atMs - windowMs - 1000), Math.ceil(atMs + windowMs + 1000)).execute()
        : await sightingsBase(passNo, checkpointId).execute();
      // By id, so both engines report the journeys (and number their rows) in the same order; no sort in the query,
      // which reads the index ranges alone.
      return rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    },
    /** The plan of the windowed sightings query (test/server/anomalies/plans.test.ts). */
    async sightingsPlan(): Promise<string[]> {
      return explain(sightingsWindow('p', 1, 0, 1).compile());
    },

    /**
     * Where the backfill stands: `done`, the position after which events are still to be examined, and
     * `upto`, the last event stored now (null when there are none). Events stored later are the ingest
     * observer's.
     */
    async backfillState(): Promise<{ upto: EventPosition | null; done: EventPosition } | undefined> {
      const row = await q().selectFrom('anomaly_backfill').select('done').where('id', '=', 1).executeTakeFirst();
      if (!row) return undefined;
      const last = await q().selectFrom('events').select(['received_at', 'id']).orderBy('received_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const upto = last ? { receivedAt: last.received_at, id: last.id } : null;
      let doneMs = row.done;
      if (engine === 'sqlite' && doneMs > 0 && doneMs < LEGACY_ROWID_BELOW) {
        // A rowid from before issue 16: every event after it is still to do, so the walk restarts just before
        // the earliest receipt among them (events before it seen twice: harmless).
        const first = await sql<{ at: string | null }>`SELECT min(received_at) AS at FROM events WHERE rowid > ${doneMs}`.execute(q());
        const at = first.rows[0]?.at;
        doneMs = at ? Date.parse(at) - 1 : upto ? Date.parse(upto.receivedAt) : 0;
      }
      // Everything received at or before doneMs is done: the walk goes on from the next millisecond.
      return { upto, done: { receivedAt: new Date(doneMs + 1).toISOString(), id: '' } };
    },
    /**
     * Records that every event received before `next` (and at or before it, with `complete`) was examined.
     * Stored at millisecond precision, never ahead of what was examined: a restart sees a few events twice.
     */
    async backfillDone(next: EventPosition, complete = false): Promise<void> {
      const ms = Date.parse(next.receivedAt) - (complete ? 0 : 1);
      await q().updateTable('anomaly_backfill').set({ done: ms }).where('id', '=', 1).execute();
    },

    /**
     * Makes the chain and reference anomalies match the flags: adds those set,
     * removes those a later upload cleared (a gap filled). With `scope` null,
     * every flagged event (partial index events_ac_anomaly: the flagged rows
     * only). Otherwise the chain flags of the given devices (index
     * events_flagged, whose WHERE term is repeated exactly) and the reference
     * flags of the given events (by id): never a walk over a device's events.
     */
    async syncChain(scope: { deviceIds: readonly string[]; eventIds: readonly string[] } | null, detectedAt: string): Promise<void> {
      if (scope === null) {
        await insertChain(detectedAt, CHAIN_KINDS, { all: true });
        await removeCleared({ all: true });
        return;
      }
      const chain = CHAIN_KINDS.slice(0, 3);
      const reference = CHAIN_KINDS.slice(3);
      for (const device of new Set(scope.deviceIds)) {
        await insertChain(detectedAt, chain, { deviceId: device });
        await removeCleared({ deviceId: device });
      }
      // One statement each for the whole upload: two per event were most of this observer's time.
      if (scope.eventIds.length === 0) return;
      const ids = [...new Set(scope.eventIds)];
      await insertChain(detectedAt, reference, { eventIds: ids });
      await removeCleared({ eventIds: ids });
    },

    /** The escort handovers that name one of these checks (their cross_checkpoint flag may have changed); index events_handover_check. */
    async handoversOf(checkIds: readonly string[]): Promise<string[]> {
      if (checkIds.length === 0) return [];
      const rows = await q()
        .selectFrom('events as e')
        .select('e.id')
        .distinct()
        .where('e.type', '=', sql.lit('escort_handover'))
        .where(inTexts(engine, jsonText(engine, sql.ref('e.payload'), 'checkEventId'), checkIds))
        .orderBy('e.id')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Charter check flags (migration 013, written once by the custody projector) as one anomaly per check. */
    async syncCharterFlags(eventIds: readonly string[] | null, detectedAt: string): Promise<void> {
      const one = (id: string | null) =>
        q()
          .insertInto('anomalies')
          .columns(['kind', 'severity', 'subject', 'at', 'event_id', 'device_id', 'checkpoint_id', 'pass_no', 'detected_at', 'details'])
          .expression(
            q()
              .selectFrom('charter_check_flags as f')
              .innerJoin('events as e', 'e.id', 'f.event_id')
              .innerJoin('devices as d', 'd.id', 'e.device_id')
              .select([
                sql.lit('charter_mismatch').as('kind'),
                sql.lit(ANOMALY_CATALOGUE.charter_mismatch.severity).as('severity'),
                'e.id',
                'e.received_at',
                'e.id as event_id',
                'e.device_id',
                'd.checkpoint_id',
                'e.ac_pass',
                sql.val(detectedAt).as('detected_at'),
                jsonObjectText(engine, [['flags', jsonArrayAggText(engine, sql.ref('f.kind'), sql.ref('f.id')), 'json']]).as('details'),
              ])
              .$if(id !== null, (qb) => qb.where('f.event_id', '=', id!))
              // PostgreSQL groups by the event's key and needs the device's column named too; the same groups.
              .groupBy(['e.id', 'd.checkpoint_id']),
          )
          .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
          .execute();
      if (eventIds === null) await one(null);
      else for (const id of eventIds) await one(id);
    },

    /**
     * Overdue escorts and isolations as the escort and custody sweeps recorded
     * them (escort_timeline kind 'overdue', charter_custody_overdue), after the
     * given row ids; returns the highest ids seen so the next call starts there.
     */
    async syncOverdue(after: { escort: number; custody: number }, detectedAt: string): Promise<{ escort: number; custody: number }> {
      await q()
        .insertInto('anomalies')
        .columns(['kind', 'severity', 'subject', 'at', 'event_id', 'device_id', 'checkpoint_id', 'pass_no', 'escort_request_id', 'detected_at', 'details'])
        .expression(
          q()
            .selectFrom('escort_timeline as t')
            .innerJoin('escort_requests as r', 'r.id', 't.request_id')
            .select([
              sql<string>`CASE WHEN ${jsonText(engine, sql.ref('t.detail'), 'kind')} IN ('wait', 'transit') THEN 'escort_overdue' ELSE 'isolation_overdue' END`.as('kind'),
              sql.lit('medium').as('severity'),
              sql<string>`'escort:' || CAST(${sql.ref('t.request_id')} AS TEXT) || ':' || ${sql.ref('t.ref')}`.as('subject'),
              't.at',
              'r.check_event_id',
              'r.device_id',
              'r.checkpoint_id',
              'r.pass_no',
              'r.id',
              sql.val(detectedAt).as('detected_at'),
              't.detail',
            ])
            .where('t.id', '>', after.escort)
            .where('t.kind', '=', sql.lit('overdue'))
            .where('t.ref', 'is not', null),
        )
        .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
        .execute();
      await q()
        .insertInto('anomalies')
        .columns(['kind', 'severity', 'subject', 'at', 'event_id', 'device_id', 'checkpoint_id', 'pass_no', 'custody_id', 'detected_at', 'details'])
        .expression(
          q()
            .selectFrom('charter_custody_overdue as o')
            .innerJoin('charter_custody as c', 'c.id', 'o.custody_id')
            .select([
              sql.lit('isolation_overdue').as('kind'),
              sql.lit('medium').as('severity'),
              sql<string>`'custody:' || CAST(${sql.ref('o.custody_id')} AS TEXT) || ':' || ${sql.ref('o.kind')}`.as('subject'),
              'o.since',
              'c.event_id',
              'c.device_id',
              'c.checkpoint_id',
              sql<string | null>`NULL`.as('pass_no'),
              'c.id',
              sql.val(detectedAt).as('detected_at'),
              jsonObjectText(engine, [['kind', sql.ref('o.kind')], ['since', sql.ref('o.since')], ['place', sql.ref('c.place')]]).as('details'),
            ])
            .where('o.id', '>', after.custody),
        )
        .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
        .execute();
      const escort = await q().selectFrom('escort_timeline').select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql.lit(0)).as('m')).executeTakeFirstOrThrow();
      const custody = await q().selectFrom('charter_custody_overdue').select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql.lit(0)).as('m')).executeTakeFirstOrThrow();
      return { escort: Number(escort.m), custody: Number(custody.m) };
    },

    /** One page, newest first by (at, id), and the cursor of the next (null on the last page). */
    async page(f: AnomalyFilter, cursor: Cursor | null, limit: number): Promise<{ items: AnomalyRow[]; next: Cursor | null }> {
      // The page's ids from one index range first; only those rows are joined to their checkpoint.
      const rows = await q()
        .selectFrom(idsPage(f, cursor, limit + 1).as('k'))
        .crossJoin('anomalies as a')
        .leftJoin('checkpoints as c', 'c.id', 'a.checkpoint_id')
        .selectAll('a')
        .select('c.name as checkpoint_name')
        .whereRef('a.id', '=', 'k.aid')
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map(toRow);
      const last = items.at(-1);
      return { items, next: more && last ? { a: last.at, i: last.id } : null };
    },

    /** How many anomalies of each kind match the filter (its kind term aside: the counts are the kind menu). */
    async countsByKind(f: AnomalyFilter): Promise<Partial<Record<AnomalyKind, number>>> {
      const rows = await filtered({ ...f, kind: undefined }, null)
        .select((eb) => ['a.kind', eb.fn.countAll<number>().as('n')])
        .groupBy('a.kind')
        .orderBy('a.kind')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    },

    async count(f: AnomalyFilter): Promise<number> {
      const row = await filtered(f, null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Every match, newest first, read a keyset page at a time. */
    async *iterate(f: AnomalyFilter, batch = 1000): AsyncGenerator<AnomalyRow> {
      let cursor: Cursor | null = null;
      do {
        const { items, next }: { items: AnomalyRow[]; next: Cursor | null } = await repo.page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor);
    },

    /** An event's anomalies, as the event or as either of a pair (the event page). */
    async forEvent(eventId: string): Promise<AnomalyRow[]> {
      const select = () => q().selectFrom('anomalies as a').leftJoin('checkpoints as c', 'c.id', 'a.checkpoint_id').selectAll('a').select('c.name as checkpoint_name');
      const rows = await select()
        .where('a.event_id', '=', eventId)
        .union(select().where('a.other_event_id', '=', eventId))
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRow);
    },

    /** The plan of the page's id query (test/server/anomalies/plans.test.ts). */
    async plan(f: AnomalyFilter, cursor: Cursor | null = null): Promise<string[]> {
      return explain(idsPage(f, cursor, 51).compile());
    },
  };
  return repo;
}
export type AnomaliesRepo = ReturnType<typeof anomaliesRepo>;
