import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { chinaDate, chinaHour, jsonText } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { SEARCH_DECISIONS } from '../audit-console/schema.js';
import type { DashboardRange } from './schema.js';

export type Bucket = 'hour' | 'day';

/**
 * A row's bucket from its receipt time alone (received_at is ISO UTC), so a
 * query that reads only an index on received_at never touches the row for it:
 * the China hour 0–23, or the China date.
 */
const bucketOf = (engine: Store['engine'], bucket: Bucket): RawBuilder<string | number> =>
  bucket === 'hour' ? chinaHour(engine, sql.ref<string>('e.received_at')) : chinaDate(engine, sql.ref<string>('e.received_at'));

/** The decisions as an IN list of literals: lets SQLite walk events_ac_decision one decision range at a time. */
const DECISION_LITERALS = SEARCH_DECISIONS.map((d) => sql.lit(d));
const CHECK_TYPES = [sql.lit('check'), sql.lit('charter_check')];

/** Where the query reads: the events received in the period, of one checkpoint's devices when it names one. */
type Period = { from: string; to: string; checkpointId?: number | undefined };

/**
 * Each event query of the dashboard, one per panel, as Kysely builders on the store's executor. Every one
 * is bounded by a receipt-time range and written to be served by an index of migration 015 (or 006's
 * handover index): see docs/audit-console.md, "Dashboard". Each ends its ORDER BY with its group's key
 * (or the row's), so both engines return the same list.
 */
export function dashboardQueries(q: Kysely<DB>, engine: Store['engine'], r: Period, bucket: Bucket) {
  const b = bucketOf(engine, bucket);
  const events = () =>
    q
      .selectFrom('events as e')
      .where('e.received_at', '>=', r.from)
      .where('e.received_at', '<', r.to)
      .$if(r.checkpointId !== undefined, (qb) =>
        qb.where('e.device_id', 'in', (eb) => eb.selectFrom('devices as d2').select('d2.id').where('d2.checkpoint_id', '=', r.checkpointId!)),
      );
  // CROSS JOIN keeps SQLite's join order as written: the events' range first, then each row's device.
  const withDevice = () => events().crossJoin('devices as d').whereRef('d.id', '=', 'e.device_id');
  return {
    // events_ac_decision (ac_decision, received_at, id) covers it: decision and time from the index, no row read without a checkpoint.
    decisions: events()
      .where('e.ac_decision', 'in', DECISION_LITERALS)
      .select((eb) => ['e.ac_decision as decision', b.as('bucket'), eb.fn.countAll<number>().as('n')])
      .groupBy(['e.ac_decision', b])
      .orderBy('e.ac_decision')
      .orderBy(b)
      .$narrowType<{ decision: string }>(),
    // A time range on events_ac_time; each row's device gives its checkpoint.
    checkpoints: withDevice()
      .where('e.type', 'in', CHECK_TYPES)
      .select((eb) => ['d.checkpoint_id as checkpointId', b.as('bucket'), eb.fn.countAll<number>().as('n')])
      .groupBy(['d.checkpoint_id', b])
      .orderBy('d.checkpoint_id')
      .orderBy(b),
    // The partial index events_ac_fever holds only fever rows: the range reads those alone (the literal 1 is its WHERE term).
    fever: withDevice()
      .where('e.ac_fever', '=', sql.lit(1))
      .select((eb) => ['d.checkpoint_id as checkpointId', 'e.ac_decision as decision', eb.fn.countAll<number>().as('n')])
      .groupBy(['d.checkpoint_id', 'e.ac_decision'])
      .orderBy('d.checkpoint_id')
      .orderBy('e.ac_decision', (o) => o.asc().nullsFirst()),
    // ESCORT checks of the period, each with its handover(s) through events_handover_check (migration 006).
    // On SQLite `+e.id` drops the column's TEXT affinity: compared as is, the expression index is only scanned, not searched.
    handovers: withDevice()
      .leftJoin('events as h', (j) =>
        j
          .on('h.type', '=', sql.lit('escort_handover'))
          .on(jsonText(engine, sql.ref<string>('h.payload'), 'checkEventId'), '=', engine === 'sqlite' ? sql<string>`+${sql.ref('e.id')}` : sql.ref<string>('e.id')),
      )
      .where('e.ac_decision', '=', sql.lit('ESCORT'))
      .select(['e.id as checkEventId', 'e.device_time as checkTime', 'd.checkpoint_id as checkpointId', 'h.device_time as handoverTime'])
      .orderBy('e.id')
      .orderBy('h.id'),
  };
}

export type DashboardQueryName = keyof ReturnType<typeof dashboardQueries>;

/** The dashboard's grouped event queries (reads only), on Kysely over a Store (issue 16). */
export function dashboardRepo(store: Store) {
  const queries = (r: Period, bucket: Bucket) => dashboardQueries(store.q(), store.engine, r, bucket);
  return {
    async decisions(r: DashboardRange, bucket: Bucket) {
      return queries(r, bucket).decisions.execute();
    },
    async checkpoints(r: DashboardRange, bucket: Bucket) {
      return queries(r, bucket).checkpoints.execute();
    },
    async fever(r: DashboardRange) {
      return queries(r, 'day').fever.execute();
    },
    async handovers(r: DashboardRange) {
      return queries(r, 'day').handovers.execute();
    },
    /** The plan of each query, one line a step (tests, bench, docs): EXPLAIN QUERY PLAN details on SQLite, EXPLAIN on PostgreSQL. */
    async plans(r: Period, bucket: Bucket = 'hour'): Promise<Record<DashboardQueryName, string[]>> {
      const all = queries(r, bucket);
      const out = {} as Record<DashboardQueryName, string[]>;
      for (const name of Object.keys(all) as DashboardQueryName[]) {
        const c = all[name].compile();
        if (store.engine === 'sqlite') {
          const res = await store.q().executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
          out[name] = res.rows.map((x) => x.detail);
        } else {
          const res = await store.q().executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]));
          out[name] = res.rows.map((x) => x['QUERY PLAN']);
        }
      }
      return out;
    },
  };
}
export type DashboardRepo = ReturnType<typeof dashboardRepo>;
