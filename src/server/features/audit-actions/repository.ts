import type { Db } from '../../db/open.js';
import { AUDIT_ACTIONS, isAuditAction } from '../audit/catalogue.js';
import { shownEntry, type AuditRow } from '../audit/row.js';
import { SUBJECT_TYPES, type ActionRow, type ActionSearchQuery } from './schema.js';
import { utcRange } from '../../../core/audit/time-range.js';

/** The action log's filters after parsing: instants resolved, credit codes turned into ids by the route. */
export interface ActionFilter {
  from?: string | undefined;
  to?: string | undefined;
  userId?: number | undefined;
  actorName?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** null: the enterprise asked for is not registered here (no entry matches) */
  enterpriseId?: number | null | undefined;
  seq?: number | undefined;
  /** include device.event entries */
  devices?: boolean | undefined;
  /** only entries up to this seq (an export: the log as it was when it started, not its own entries after) */
  maxSeq?: number | undefined;
}

/** The query's time range as stored `at` values (ISO UTC): a China day is inclusive, up to the next day's start. */
export const timeRange = (q: Pick<ActionSearchQuery, 'from' | 'to'>): { from?: string | undefined; to?: string | undefined } => utcRange(q);

/** Whether a filter leaves device.event entries out: only when nothing names them. */
export const excludesDeviceEvents = (f: ActionFilter): boolean =>
  !f.devices && f.action === undefined && f.seq === undefined && f.subjectType !== 'event';

type Row = AuditRow & { actor_display: string | null };

function toActionRow(r: Row): ActionRow {
  return {
    ...shownEntry(r),
    actorDisplay: r.actor_display,
    label: isAuditAction(r.action) ? { ...AUDIT_ACTIONS[r.action].label } : null,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

/** A time range's seq bounds: one seek each in audit_log_at (migration 018). */
export const BOUND_SQL = {
  first: 'SELECT seq FROM audit_log WHERE at >= ? ORDER BY at, seq LIMIT 1',
  last: 'SELECT seq FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1',
} as const;

const SUBJECT_LIST = SUBJECT_TYPES.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ');

/**
 * The administrative action log: audit_log searched by time, actor, action,
 * subject and enterprise, newest first by seq with a keyset cursor (never
 * OFFSET). Each condition is written to match one index of migrations 001 and
 * 018; docs/audit-console.md "Action log" has the plans.
 */
export function auditActionsRepo(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prep = <T>(sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s as unknown as { all(p: Record<string, unknown>): T[]; get(p: Record<string, unknown>): T | undefined };
  };
  const firstAtOrAfter = db.prepare<[string], { seq: number }>(BOUND_SQL.first);
  const lastBefore = db.prepare<[string], { seq: number }>(BOUND_SQL.last);

  /**
   * The WHERE clause. A time range becomes a seq range too: the log is read in
   * seq order, and with `seq BETWEEN lo AND hi` any of the indexes below (each
   * ends with seq, the rowid) serves filter + range + order as one scan. The
   * bounds come from audit_log_at in two index seeks; they assume `at` does not
   * go backwards as seq grows (appends are serialised and stamped with the
   * server clock; a clock stepped back could hide entries at a range's edges).
   * The `at` terms stay, so a range never shows an entry outside it.
   */
  function whereOf(f: ActionFilter, cursor: number | null): { sql: string; params: Record<string, string | number> } {
    const terms: string[] = [];
    const params: Record<string, string | number> = {};
    const add = (sql: string, values: Record<string, string | number> = {}) => {
      terms.push(sql);
      Object.assign(params, values);
    };
    if (f.seq !== undefined) add('l.seq = @seq', { seq: f.seq });
    if (f.maxSeq !== undefined) add('l.seq <= @maxSeq', { maxSeq: f.maxSeq });
    if (f.from !== undefined) {
      const lo = firstAtOrAfter.get(f.from)?.seq;
      if (lo === undefined) add('0');
      else add('l.seq >= @lo AND l.at >= @from', { lo, from: f.from });
    }
    if (f.to !== undefined) {
      const hi = lastBefore.get(f.to)?.seq;
      if (hi === undefined) add('0');
      else add('l.seq <= @hi AND l.at < @to', { hi, to: f.to });
    }
    if (f.userId !== undefined) add(`l.actor_type = 'user' AND l.actor_id = @userId`, { userId: f.userId });
    if (f.actorName !== undefined) add('l.actor_name = @actorName', { actorName: f.actorName });
    if (f.action !== undefined) add('l.action = @action', { action: f.action });
    if (f.subjectType !== undefined) add('l.subject_type = @subjectType', { subjectType: f.subjectType });
    else if (f.subjectId !== undefined) add(`l.subject_type IN (${SUBJECT_LIST})`);
    if (f.subjectId !== undefined) add('l.subject_id = @subjectId', { subjectId: f.subjectId });
    if (f.enterpriseId === null) add('0');
    else if (f.enterpriseId !== undefined) add('l.enterprise_id = @enterpriseId', { enterpriseId: f.enterpriseId });
    // Exactly the partial index's WHERE term (audit_log_admin), or SQLite will not use it.
    if (excludesDeviceEvents(f)) add(`l.action <> 'device.event'`);
    if (cursor !== null) add('l.seq < @cursor', { cursor });
    return { sql: terms.length ? terms.join(' AND ') : '1', params };
  }

  // The page's seqs by one index walk that stops at the LIMIT, then only those rows joined.
  const pageSql = (where: string) => `
    SELECT l.*, p.fields AS p_fields, u.display_name AS actor_display
    FROM (SELECT l.seq FROM audit_log l WHERE ${where} ORDER BY l.seq DESC LIMIT @limit) k
    CROSS JOIN audit_log l ON l.seq = k.seq
    LEFT JOIN audit_personal p ON p.seq = l.seq
    LEFT JOIN users u ON l.actor_type = 'user' AND u.id = l.actor_id
    ORDER BY l.seq DESC`;

  return {
    page(f: ActionFilter, cursor: number | null, limit: number): { items: ActionRow[]; next: number | null } {
      const { sql, params } = whereOf(f, cursor);
      const rows = prep<Row>(pageSql(sql)).all({ ...params, limit: limit + 1 });
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map(toActionRow);
      return { items, next: more ? items.at(-1)!.seq : null };
    },
    count(f: ActionFilter): number {
      const { sql, params } = whereOf(f, null);
      return prep<{ n: number }>(`SELECT count(*) AS n FROM audit_log l WHERE ${sql}`).get(params)!.n;
    },
    /** Every matching entry, newest first, in keyset batches (the CSV export: bounded memory, no statement held open). */
    *iterate(f: ActionFilter, batch = 1000): Generator<ActionRow> {
      let cursor: number | null = null;
      do {
        const { items, next }: { items: ActionRow[]; next: number | null } = this.page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor !== null);
    },
    /** EXPLAIN QUERY PLAN of the page's inner query (tests, docs). */
    plan(f: ActionFilter, cursor: number | null = null): string[] {
      const { sql, params } = whereOf(f, cursor);
      return db
        .prepare<[Record<string, string | number>], { detail: string }>(`EXPLAIN QUERY PLAN SELECT l.seq FROM audit_log l WHERE ${sql} ORDER BY l.seq DESC LIMIT @limit`)
        .all({ ...params, limit: 51 })
        .map((r) => r.detail);
    },
    /** People who act in the portal, for the actor select. */
    users(): Array<{ id: number; username: string; displayName: string; role: string }> {
      return db
        .prepare<[], { id: number; username: string; displayName: string; role: string }>(
          `SELECT id, username, display_name AS displayName, role FROM users ORDER BY role <> 'bureau_admin', role <> 'bureau_officer', username`,
        )
        .all();
    },
    enterpriseIdByCredit(creditCode: string): number | null {
      return db.prepare<[string], { id: number }>('SELECT id FROM enterprises WHERE credit_code = ?').get(creditCode)?.id ?? null;
    },
    /**
     * A check event's place in the log: the device.event entry that recorded
     * its receipt, and the latest signed checkpoint that covers it (if any).
     */
    trace(eventId: string) {
      const entry = db
        .prepare<[string], { seq: number; at: string; hash: string | null; prev_hash: string | null }>(
          `SELECT seq, at, hash, prev_hash FROM audit_log WHERE subject_type = 'event' AND subject_id = ? AND action = 'device.event' ORDER BY seq LIMIT 1`,
        )
        .get(eventId);
      if (!entry) return null;
      const checkpoint = db
        .prepare<[number], { size: number; at: string; kid: string }>('SELECT size, at, kid FROM audit_checkpoints WHERE size >= ? ORDER BY id DESC LIMIT 1')
        .get(entry.seq);
      return { seq: entry.seq, at: entry.at, hash: entry.hash, prevHash: entry.prev_hash, checkpoint: checkpoint ?? null };
    },
  };
}
export type AuditActionsRepo = ReturnType<typeof auditActionsRepo>;
