import type { Db } from '../../db/open.js';
import { normalizePlate } from '../../../core/validate/plate.js';
import { EVENT_FLAGS_ALL, type CheckRow, type CheckSearchQuery, type Cursor } from './schema.js';
import { utcRange } from '../../../core/audit/time-range.js';

/** The search's filters after parsing: instants resolved, plate normalised, cursor decoded. */
export interface CheckFilter {
  from?: string | undefined;
  to?: string | undefined;
  checkpointId?: number | undefined;
  deviceId?: string | undefined;
  staff?: string | undefined;
  enterprise?: string | undefined;
  plate?: string | undefined;
  passNo?: string | undefined;
  name?: string | undefined;
  idLast4?: string | undefined;
  decision?: string | undefined;
  fever?: boolean | undefined;
  keyarea?: boolean | undefined;
  anomalies?: boolean | undefined;
}


/** The query string's filters as the repository takes them (zod has checked each already). */
export function toFilter(q: CheckSearchQuery): CheckFilter {
  return {
    ...utcRange(q),
    checkpointId: q.checkpoint,
    deviceId: q.device,
    staff: q.staff,
    enterprise: q.enterprise,
    plate: q.plate === undefined ? undefined : normalizePlate(q.plate),
    passNo: q.pass,
    name: q.name,
    idLast4: q.idLast4?.toUpperCase(),
    decision: q.decision,
    fever: q.fever !== undefined,
    keyarea: q.keyarea !== undefined,
    anomalies: q.anomalies !== undefined,
  };
}

export const encodeCursor = (c: Cursor): string => Buffer.from(`${c.r}|${c.i}`, 'utf8').toString('base64url');
export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const bar = raw.indexOf('|');
  if (bar < 1) return null;
  const r = raw.slice(0, bar);
  const i = raw.slice(bar + 1);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(r) || !/^[0-9a-f-]{1,64}$/.test(i)) return null;
  return { r, i };
}

/** Only device events that record a decision are checks. */
const CHECK_TYPES = `e.type IN ('check', 'charter_check')`;

/**
 * The WHERE clause of a filter, each condition written to match one index of
 * migration 015 (the generated columns ac_*, and the partial indexes' exact
 * WHERE terms: `ac_fever = 1` etc.). Named parameters only, never text from the request.
 */
export function whereOf(f: CheckFilter, cursor: Cursor | null): { sql: string; params: Record<string, string | number> } {
  const terms: string[] = [CHECK_TYPES];
  const params: Record<string, string | number> = {};
  const add = (sql: string, name?: string, value?: string | number) => {
    terms.push(sql);
    if (name !== undefined && value !== undefined) params[name] = value;
  };
  if (f.from !== undefined) add('e.received_at >= @from', 'from', f.from);
  if (f.to !== undefined) add('e.received_at < @to', 'to', f.to);
  if (f.checkpointId !== undefined) add('e.device_id IN (SELECT d.id FROM devices d WHERE d.checkpoint_id = @checkpointId)', 'checkpointId', f.checkpointId);
  if (f.deviceId !== undefined) add('e.device_id = @deviceId', 'deviceId', f.deviceId);
  if (f.staff !== undefined) add('e.ac_staff = @staff', 'staff', f.staff);
  if (f.enterprise !== undefined) add('e.ac_receiver = @enterprise', 'enterprise', f.enterprise);
  if (f.plate !== undefined) add('e.ac_plate = @plate', 'plate', f.plate);
  if (f.passNo !== undefined) add('e.ac_pass = @passNo', 'passNo', f.passNo);
  if (f.name !== undefined || f.idLast4 !== undefined) {
    const who: string[] = [];
    if (f.name !== undefined) {
      who.push('pe.name = @name');
      params.name = f.name;
    }
    if (f.idLast4 !== undefined) {
      who.push('pe.id_last4 = @idLast4');
      params.idLast4 = f.idLast4;
    }
    add(`e.ac_pass IN (SELECT p.pass_no FROM people pe JOIN pass_people pp ON pp.person_id = pe.id JOIN passes p ON p.id = pp.pass_id WHERE ${who.join(' AND ')})`);
  }
  if (f.decision !== undefined) add('e.ac_decision = @decision', 'decision', f.decision);
  if (f.fever) add('e.ac_fever = 1');
  if (f.keyarea) add('e.ac_keyarea = 1');
  if (f.anomalies) add('e.ac_anomaly = 1');
  if (cursor) {
    add('(e.received_at, e.id) < (@curR, @curI)');
    params.curR = cursor.r;
    params.curI = cursor.i;
  }
  return { sql: terms.join(' AND '), params };
}

interface Row {
  id: string;
  type: string;
  device_id: string;
  checkpoint_id: number;
  checkpoint_name: string;
  seq: number;
  device_time: string;
  received_at: string;
  clock_offset_ms: number;
  payload: string;
  gap: number;
  broken_link: number;
  fork: number;
  unknown_staff: number;
  cross_checkpoint: number;
}

export function toCheckRow(r: Row): CheckRow {
  const p = JSON.parse(r.payload) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const obs = (p.observations ?? {}) as Record<string, unknown>;
  return {
    id: r.id,
    type: r.type,
    deviceId: r.device_id,
    checkpointId: r.checkpoint_id,
    checkpointName: r.checkpoint_name,
    seq: r.seq,
    deviceTime: r.device_time,
    receivedAt: r.received_at,
    clockOffsetMs: r.clock_offset_ms,
    plate: str(p.plate),
    passNo: str(p.passNo),
    decision: str(p.decision),
    reasons: Array.isArray(p.reasons) ? p.reasons.filter((x): x is string => typeof x === 'string') : [],
    staffBadge: str(p.staffBadge),
    receivingEnterprise: str(obs.receivingEnterprise),
    ruleSetVersion: typeof p.ruleSetVersion === 'number' ? p.ruleSetVersion : null,
    flags: EVENT_FLAGS_ALL.filter((f) => r[f] === 1),
  };
}

/**
 * The rows of one page: the newest first, by (received_at, id). The inner
 * query walks one index and stops after `limit`; only those rows are joined
 * to their device and checkpoint. CROSS JOIN fixes that order: left to
 * itself the planner may scan the events and probe the page for each.
 */
function pageSql(where: string, limit: string): string {
  return `SELECT e.id, e.type, e.device_id, d.checkpoint_id, c.name AS checkpoint_name, e.seq, e.device_time, e.received_at,
      e.clock_offset_ms, e.payload, e.gap, e.broken_link, e.fork, e.unknown_staff, e.cross_checkpoint
    FROM (SELECT e.rowid AS rid FROM events e WHERE ${where} ORDER BY e.received_at DESC, e.id DESC ${limit}) k
    CROSS JOIN events e ON e.rowid = k.rid
    CROSS JOIN devices d ON d.id = e.device_id
    CROSS JOIN checkpoints c ON c.id = d.checkpoint_id
    ORDER BY e.received_at DESC, e.id DESC`;
}

export function auditConsoleRepo(db: Db) {
  // A filter's shape (which terms) decides the SQL text; each distinct text is prepared once.
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prep = <R>(sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      if (cache.size < 500) cache.set(sql, st);
    }
    return st as unknown as { all(p: Record<string, string | number>): R[]; get(p: Record<string, string | number>): R | undefined };
  };
  return {
    /** One page and the cursor of the next (null on the last page). */
    page(f: CheckFilter, cursor: Cursor | null, limit: number): { items: CheckRow[]; next: Cursor | null } {
      const { sql, params } = whereOf(f, cursor);
      const rows = prep<Row>(pageSql(sql, 'LIMIT @limit')).all({ ...params, limit: limit + 1 });
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map(toCheckRow);
      const last = items.at(-1);
      return { items, next: more && last ? { r: last.receivedAt, i: last.id } : null };
    },
    /** How many rows a filter matches (the export's size, shown before downloading). */
    count(f: CheckFilter): number {
      const { sql, params } = whereOf(f, null);
      return prep<{ n: number }>(`SELECT count(*) AS n FROM events e WHERE ${sql}`).get(params)!.n;
    },
    /**
     * Every matching row, newest first, one at a time (the CSV export). Walks
     * keyset pages of `batch` rows, so memory stays bounded whatever the plan
     * (even a filter whose page needs a sort) and the connection is never held
     * by an open statement between batches.
     */
    *iterate(f: CheckFilter, batch = 1000): Generator<CheckRow> {
      let cursor: Cursor | null = null;
      do {
        const { items, next }: { items: CheckRow[]; next: Cursor | null } = this.page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor);
    },
    /** EXPLAIN QUERY PLAN of a page's query: the details, one a line (tests, bench, docs). */
    plan(f: CheckFilter, cursor: Cursor | null = null): string[] {
      const { sql, params } = whereOf(f, cursor);
      return db
        .prepare<[Record<string, string | number>], { detail: string }>(`EXPLAIN QUERY PLAN ${pageSql(sql, 'LIMIT @limit')}`)
        .all({ ...params, limit: 51 })
        .map((r) => r.detail);
    },
    /** One event with its device, checkpoint and chain neighbours (the event page). */
    event(id: string) {
      const row = db
        .prepare<[string], Row & { prev_hash: string; hash: string; sig: string; redacted_at: string | null }>(
          `SELECT e.*, d.checkpoint_id, c.name AS checkpoint_name FROM events e JOIN devices d ON d.id = e.device_id
           JOIN checkpoints c ON c.id = d.checkpoint_id WHERE e.id = ?`,
        )
        .get(id);
      if (!row) return null;
      const near = db.prepare<[string, number], { id: string; seq: number; hash: string; prev_hash: string }>(
        'SELECT id, seq, hash, prev_hash FROM events WHERE device_id = ? AND seq = ? ORDER BY id',
      );
      return {
        row: toCheckRow(row),
        hash: row.hash,
        prevHash: row.prev_hash,
        /** retention erased the personal members (migration 017): the hash is the one the device signed */
        redactedAt: row.redacted_at ?? null,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        prev: near.all(row.device_id, row.seq - 1),
        next: near.all(row.device_id, row.seq + 1),
        twins: near.all(row.device_id, row.seq).filter((t) => t.id !== row.id),
      };
    },
  };
}
export type AuditConsoleRepo = ReturnType<typeof auditConsoleRepo>;
