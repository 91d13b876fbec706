import type { Db } from '../../db/open.js';
import { SEARCH_DECISIONS } from '../audit-console/schema.js';
import type { DashboardRange } from './schema.js';

export type Bucket = 'hour' | 'day';

/**
 * A row's bucket from its receipt time alone (received_at is ISO UTC), so a
 * query that reads only an index on received_at never touches the row for it:
 * the China hour 0–23, or the China date.
 */
const BUCKET_SQL: Record<Bucket, string> = {
  hour: `CAST(strftime('%H', e.received_at, '+8 hours') AS INTEGER)`,
  day: `date(e.received_at, '+8 hours')`,
};

/** The decisions as an IN list of literals: lets SQLite walk events_ac_decision one decision range at a time. */
const DECISION_LIST = SEARCH_DECISIONS.map((d) => `'${d}'`).join(', ');

const CHECKPOINT_TERM = 'e.device_id IN (SELECT d2.id FROM devices d2 WHERE d2.checkpoint_id = @checkpointId)';

type Params = Record<string, string | number>;

function rangeParams(r: { from: string; to: string; checkpointId?: number | undefined }): Params {
  const p: Params = { from: r.from, to: r.to };
  if (r.checkpointId !== undefined) p.checkpointId = r.checkpointId;
  return p;
}

/**
 * The SQL of each event query of the dashboard, one per panel. Every one is
 * bounded by a receipt-time range and written to be served by an index of
 * migration 015 (or 006's handover index): see docs/audit-console.md, "Dashboard".
 */
export function dashboardSql(bucket: Bucket, byCheckpoint: boolean) {
  const cp = byCheckpoint ? ` AND ${CHECKPOINT_TERM}` : '';
  const b = BUCKET_SQL[bucket];
  return {
    // events_ac_decision (ac_decision, received_at, id) covers it: decision and time from the index, no row read without a checkpoint.
    decisions: `SELECT e.ac_decision AS decision, ${b} AS bucket, count(*) AS n FROM events e
      WHERE e.ac_decision IN (${DECISION_LIST}) AND e.received_at >= @from AND e.received_at < @to${cp}
      GROUP BY 1, 2`,
    // A time range on events_ac_time; each row's device gives its checkpoint.
    checkpoints: `SELECT d.checkpoint_id AS checkpointId, ${b} AS bucket, count(*) AS n FROM events e
      CROSS JOIN devices d ON d.id = e.device_id
      WHERE e.received_at >= @from AND e.received_at < @to AND e.type IN ('check', 'charter_check')${cp}
      GROUP BY 1, 2`,
    // The partial index events_ac_fever holds only fever rows: the range reads those alone.
    fever: `SELECT d.checkpoint_id AS checkpointId, e.ac_decision AS decision, count(*) AS n FROM events e
      CROSS JOIN devices d ON d.id = e.device_id
      WHERE e.ac_fever = 1 AND e.received_at >= @from AND e.received_at < @to${cp}
      GROUP BY 1, 2`,
    // ESCORT checks of the period, each with its handover(s) through events_handover_check (migration 006).
    // `+e.id` drops the column's TEXT affinity: compared as is, the expression index is only scanned, not searched.
    handovers: `SELECT e.id AS checkEventId, e.device_time AS checkTime, d.checkpoint_id AS checkpointId, h.device_time AS handoverTime
      FROM events e
      CROSS JOIN devices d ON d.id = e.device_id
      LEFT JOIN events h ON h.type = 'escort_handover' AND json_extract(h.payload, '$.checkEventId') = +e.id
      WHERE e.ac_decision = 'ESCORT' AND e.received_at >= @from AND e.received_at < @to${cp}`,
  };
}

export type DashboardQueryName = keyof ReturnType<typeof dashboardSql>;

export function dashboardRepo(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prep = <R>(sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st as unknown as { all(p: Params): R[] };
  };
  const sql = (r: DashboardRange, bucket: Bucket) => dashboardSql(bucket, r.checkpointId !== undefined);
  return {
    decisions(r: DashboardRange, bucket: Bucket) {
      return prep<{ decision: string; bucket: string | number; n: number }>(sql(r, bucket).decisions).all(rangeParams(r));
    },
    checkpoints(r: DashboardRange, bucket: Bucket) {
      return prep<{ checkpointId: number; bucket: string | number; n: number }>(sql(r, bucket).checkpoints).all(rangeParams(r));
    },
    fever(r: DashboardRange) {
      return prep<{ checkpointId: number; decision: string | null; n: number }>(sql(r, 'day').fever).all(rangeParams(r));
    },
    handovers(r: DashboardRange) {
      return prep<{ checkEventId: string; checkTime: string; checkpointId: number; handoverTime: string | null }>(sql(r, 'day').handovers).all(rangeParams(r));
    },
    /** EXPLAIN QUERY PLAN of each query, the details one a line (tests, bench, docs). */
    plans(r: { from: string; to: string; checkpointId?: number | undefined }, bucket: Bucket = 'hour'): Record<DashboardQueryName, string[]> {
      const all = dashboardSql(bucket, r.checkpointId !== undefined);
      const out = {} as Record<DashboardQueryName, string[]>;
      for (const [name, text] of Object.entries(all) as Array<[DashboardQueryName, string]>) {
        out[name] = db.prepare<[Params], { detail: string }>(`EXPLAIN QUERY PLAN ${text}`).all(rangeParams(r)).map((x) => x.detail);
      }
      return out;
    },
  };
}
export type DashboardRepo = ReturnType<typeof dashboardRepo>;
