import { sql, type Kysely } from 'kysely';
import { jsonText } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { maskIdLast4 } from '../../../core/validate/mask.js';
import type { IsolationRecord } from '../isolation/schema.js';
import type { CharterCheckFlag, CharterCheckFlagKind, CustodyStatus } from './schema.js';

/** A custody task as stored, before the clock says what is overdue. */
export interface CustodyRecord {
  id: number;
  runId: number;
  plate: string;
  place: number;
  passenger: { id: number; name: string; idMasked: string };
  enterpriseId: number;
  enterpriseName: string;
  checkpoint: { id: number; name: string; location: string };
  eventId: string;
  handedOverAt: string;
  createdAt: string;
  isolation: IsolationRecord | null;
}

export interface NewCustody {
  runId: number; passengerId: number; place: number; enterpriseId: number; eventId: string; deviceId: string; checkpointId: number; handedOverAt: string; at: string;
}

export interface CustodyFilter {
  enterpriseId?: number | undefined;
  status?: CustodyStatus | 'active' | 'all';
  ids?: number[];
}

/** The tasks with their run, passenger, enterprise, checkpoint and isolation record (if any), before any columns. */
const fromTasks = (db: Kysely<DB>) =>
  db
    .selectFrom('charter_custody as t')
    .innerJoin('charter_runs as r', 'r.id', 't.run_id')
    .innerJoin('charter_passengers as p', 'p.id', 't.passenger_id')
    .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('checkpoints as c', 'c.id', 't.checkpoint_id')
    .leftJoin('charter_custody_isolations as i', 'i.custody_id', 't.id');
type TasksQuery = ReturnType<typeof fromTasks>;
const taskColumns = (qb: TasksQuery) =>
  qb
    .selectAll('t')
    .select([
      'r.plate', 'p.name as passenger_name', 'p.id_last4', 'e.name as enterprise_name', 'c.name as checkpoint_name', 'c.location as checkpoint_location',
      'i.place as iso_place', 'i.start_date', 'i.planned_end', 'i.responsible', 'i.recorded_at', 'i.ended_on',
    ]);
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskColumns>['executeTakeFirstOrThrow']>>;

/**
 * The status filter, on the task's left-joined isolation: unrecorded without one, isolating with one not ended,
 * ended with its end recorded; `active` is every task not ended (without an isolation, `ended_on` is NULL too).
 */
const whereStatus = (qb: TasksQuery, status: CustodyStatus | 'active'): TasksQuery =>
  status === 'unrecorded'
    ? qb.where('i.id', 'is', null)
    : status === 'isolating'
      ? qb.where('i.id', 'is not', null).where('i.ended_on', 'is', null)
      : status === 'ended'
        ? qb.where('i.ended_on', 'is not', null)
        : qb.where('i.ended_on', 'is', null);

const toRecord = (r: TaskRow): CustodyRecord => ({
  id: r.id,
  runId: r.run_id,
  plate: r.plate,
  place: r.place,
  passenger: { id: r.passenger_id, name: r.passenger_name, idMasked: maskIdLast4(r.id_last4) },
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  checkpoint: { id: r.checkpoint_id, name: r.checkpoint_name, location: r.checkpoint_location },
  eventId: r.event_id,
  handedOverAt: r.handed_over_at,
  createdAt: r.created_at,
  isolation:
    r.iso_place === null
      ? null
      : { place: r.iso_place, startDate: r.start_date!, plannedEnd: r.planned_end!, responsible: r.responsible!, recordedAt: r.recorded_at!, endedOn: r.ended_on },
});

/**
 * Custody tasks, their isolation records and the charter check flags (migrations/013_charter_checks.sql), on either
 * engine (issue 16): Kysely over a Store, every statement through store.q(), so inside store.transaction it is the
 * transaction's.
 *
 * What two nodes can race on is settled by the database, the same on both engines: a task is inserted
 * `ON CONFLICT (run_id, passenger_id) DO NOTHING` (two uploads of checks of one coach make one task) and its
 * hand-over moved by a conditional UPDATE; an isolation is inserted `ON CONFLICT (custody_id) DO NOTHING` and ended
 * by an UPDATE `WHERE ended_on IS NULL`, each saying whether it wrote; overdue records and flags are inserted
 * `ON CONFLICT DO NOTHING` on their UNIQUE keys.
 */
export function custodyRepo(store: Store) {
  const q = () => store.q();

  return {
    /**
     * One task per (run, passenger). A check of the same coach with a later (device time, event id)
     * changes nothing; an earlier one, stored later, moves the hand-over to it while no isolation is
     * recorded, so the end state does not depend on the order of uploads.
     */
    async insert(t: NewCustody): Promise<{ id: number; change: 'created' | 'moved' | 'none' }> {
      // ON CONFLICT: another node's upload may insert the same (run, passenger) between a look-up and the insert.
      const created = await q()
        .insertInto('charter_custody')
        .values({
          run_id: t.runId, passenger_id: t.passengerId, place: t.place, enterprise_id: t.enterpriseId, event_id: t.eventId, device_id: t.deviceId,
          checkpoint_id: t.checkpointId, handed_over_at: t.handedOverAt, created_at: t.at,
        })
        .onConflict((oc) => oc.columns(['run_id', 'passenger_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (created) return { id: created.id, change: 'created' };
      const { id } = await q().selectFrom('charter_custody').select('id').where('run_id', '=', t.runId).where('passenger_id', '=', t.passengerId).executeTakeFirstOrThrow();
      const moved = await q()
        .updateTable('charter_custody')
        .set({ event_id: t.eventId, device_id: t.deviceId, checkpoint_id: t.checkpointId, handed_over_at: t.handedOverAt })
        .where('id', '=', id)
        .where((eb) => eb(eb.refTuple('handed_over_at', 'event_id'), '>', eb.tuple(t.handedOverAt, t.eventId)))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('charter_custody_isolations as i').select(eb.lit(1).as('one')).whereRef('i.custody_id', '=', 'charter_custody.id'))))
        .executeTakeFirst();
      return { id, change: Number(moved.numUpdatedRows) === 1 ? 'moved' : 'none' };
    },
    async get(id: number): Promise<CustodyRecord | undefined> {
      const r = await taskColumns(fromTasks(q())).where('t.id', '=', id).executeTakeFirst();
      return r && toRecord(r);
    },
    /** Unrecorded first (oldest hand-over first), then isolating, then ended; newest first within those. */
    async list(f: CustodyFilter & { limit?: number; offset?: number }): Promise<{ items: CustodyRecord[]; total: number }> {
      const status = f.status ?? 'all';
      if (f.ids?.length === 0) return { items: [], total: 0 };
      let base = fromTasks(q());
      if (f.enterpriseId !== undefined) base = base.where('t.enterprise_id', '=', f.enterpriseId);
      if (status !== 'all') base = whereStatus(base, status);
      if (f.ids) base = base.where('t.id', 'in', f.ids);
      let items = taskColumns(base)
        .orderBy((eb) => eb.case().when('i.id', 'is', null).then(eb.lit(0)).when('i.ended_on', 'is', null).then(eb.lit(1)).else(eb.lit(2)).end())
        // Only unrecorded tasks have this key, and the key above sets them apart, so where each engine sorts the others' NULL does not matter.
        .orderBy((eb) => eb.case().when('i.id', 'is', null).then(eb.ref('t.handed_over_at')).end(), 'asc')
        .orderBy('t.handed_over_at', 'desc')
        .orderBy('t.id', 'desc');
      // SQLite takes no OFFSET without a LIMIT.
      if (f.limit !== undefined) items = items.limit(f.limit);
      else if (f.offset) items = items.limit(Number.MAX_SAFE_INTEGER);
      if (f.offset) items = items.offset(f.offset);
      const rows = await items.execute();
      const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(counted.n) };
    },
    /** Records the task's isolation; false when one is recorded already (another request, maybe on another node, got there first). */
    async insertIsolation(custodyId: number, iso: { place: string; startDate: string; plannedEnd: string; responsible: string }, by: number, at: string): Promise<boolean> {
      const res = await q()
        .insertInto('charter_custody_isolations')
        .values({ custody_id: custodyId, place: iso.place, start_date: iso.startDate, planned_end: iso.plannedEnd, responsible: iso.responsible, recorded_at: at, recorded_by: by })
        .onConflict((oc) => oc.column('custody_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Records the end of the task's isolation; false when there is none or its end is recorded already. */
    async endIsolation(custodyId: number, endedOn: string, by: number, at: string): Promise<boolean> {
      const res = await q()
        .updateTable('charter_custody_isolations')
        .set({ ended_on: endedOn, end_recorded_at: at, ended_by: by })
        .where('custody_id', '=', custodyId)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Records that a task passed a limit; false when already recorded. */
    async recordOverdue(custodyId: number, kind: string, since: string, at: string): Promise<boolean> {
      const res = await q()
        .insertInto('charter_custody_overdue')
        .values({ custody_id: custodyId, kind, since, recorded_at: at })
        .onConflict((oc) => oc.columns(['custody_id', 'kind']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** The server's own enterprise of each passenger of a run (never the device's `ent`). */
    async passengerEnterprises(runId: number): Promise<Map<number, number>> {
      const rows = await q().selectFrom('charter_passengers').select(['id', 'enterprise_id']).where('run_id', '=', runId).execute();
      return new Map(rows.map((r) => [r.id, r.enterprise_id]));
    },

    /** Writes a flag once (a re-projected event adds nothing); returns whether it is new. */
    async flag(f: { eventId: string; kind: CharterCheckFlagKind; place?: number; detail: Record<string, unknown>; at: string }): Promise<boolean> {
      const res = await q()
        .insertInto('charter_check_flags')
        .values({ event_id: f.eventId, kind: f.kind, place: f.place ?? -1, detail: JSON.stringify(f.detail), created_at: f.at })
        .onConflict((oc) => oc.columns(['event_id', 'kind', 'place']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async flags(f: { limit: number; offset?: number }): Promise<{ items: CharterCheckFlag[]; total: number }> {
      const rows = await q()
        .selectFrom('charter_check_flags as f')
        .innerJoin('events as ev', 'ev.id', 'f.event_id')
        .innerJoin('devices as d', 'd.id', 'ev.device_id')
        .innerJoin('checkpoints as c', 'c.id', 'd.checkpoint_id')
        .select(['f.event_id', 'f.kind', 'f.place', 'f.detail', 'f.created_at', 'ev.device_time', 'd.checkpoint_id', 'c.name as checkpoint_name'])
        .select((eb) => [
          jsonText(store.engine, eb.ref('ev.payload'), 'runId').as('run_id'),
          jsonText(store.engine, eb.ref('ev.payload'), 'plate').as('plate'),
          jsonText(store.engine, eb.ref('ev.payload'), 'decision').as('decision'),
        ])
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(f.limit)
        .offset(f.offset ?? 0)
        .execute();
      const items = rows.map((r) => ({
        // The CHECK on charter_check_flags.kind admits only flag kinds.
        eventId: r.event_id, kind: r.kind as CharterCheckFlagKind, place: r.place < 0 ? null : r.place, detail: JSON.parse(r.detail) as Record<string, unknown>, createdAt: r.created_at,
        deviceTime: r.device_time, checkpoint: { id: r.checkpoint_id, name: r.checkpoint_name }, runId: r.run_id, plate: r.plate as string, decision: r.decision as string,
      }));
      const { n } = await q().selectFrom('charter_check_flags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items, total: Number(n) };
    },
    /** Charter checks with neither a task nor a flag from them: stored before this feature, or by a path without it. */
    async unprojected(): Promise<string[]> {
      const rows = await q()
        .selectFrom('events as e')
        .select('e.id')
        .where('e.type', '=', sql.lit('charter_check'))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('charter_custody as t').select(eb.lit(1).as('one')).whereRef('t.event_id', '=', 'e.id'))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('charter_check_flags as f').select(eb.lit(1).as('one')).whereRef('f.event_id', '=', 'e.id'))))
        .orderBy('e.received_at')
        .orderBy('e.id')
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
export type CustodyRepo = ReturnType<typeof custodyRepo>;
