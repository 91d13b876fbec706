import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
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

/**
 * A time range's seq bounds: one seek each in audit_log_at (migration 018). Exported for the plan test,
 * which compiles them to check that seek on SQLite.
 */
export const BOUND_QUERIES = {
  first: (q: Kysely<DB>, at: string) => q.selectFrom('audit_log').select('seq').where('at', '>=', at).orderBy('at').orderBy('seq').limit(1),
  last: (q: Kysely<DB>, at: string) => q.selectFrom('audit_log').select('seq').where('at', '<', at).orderBy('at', 'desc').orderBy('seq', 'desc').limit(1),
} as const;

/** The subject types as literals, as the old IN list was: SQLite plans `subject_type IN (…) AND subject_id = ?` on audit_subject. */
const SUBJECT_LITERALS = SUBJECT_TYPES.map((s) => sql.lit(s));
/** Exactly the partial index's WHERE term (audit_log_admin), as a literal, or neither engine can use that index. */
const DEVICE_EVENT = sql.lit('device.event');

/**
 * The administrative action log: audit_log searched by time, actor, action,
 * subject and enterprise, newest first by seq with a keyset cursor (never
 * OFFSET). Each condition is written to match one index of migrations 001 and
 * 018; docs/audit-console.md "Action log" has the plans. Kysely over a Store
 * (issue 16): the same statements on SQLite and PostgreSQL.
 */
export function auditActionsRepo(store: Store) {
  /**
   * The matching rows, before any selection. A time range becomes a seq range too: the log is read in
   * seq order, and with `seq BETWEEN lo AND hi` any of the indexes below (each ends with seq, the rowid,
   * on SQLite) serves filter + range + order as one scan. The bounds come from audit_log_at in two
   * index seeks; they assume `at` does not go backwards as seq grows (appends are serialised and
   * stamped with the server clock; a clock stepped back could hide entries at a range's edges).
   * The `at` terms stay, so a range never shows an entry outside it.
   */
  async function matching(f: ActionFilter, cursor: number | null) {
    const lo = f.from === undefined ? undefined : ((await BOUND_QUERIES.first(store.q(), f.from).executeTakeFirst())?.seq ?? null);
    const hi = f.to === undefined ? undefined : ((await BOUND_QUERIES.last(store.q(), f.to).executeTakeFirst())?.seq ?? null);
    let qb = store.q().selectFrom('audit_log as l');
    if (f.seq !== undefined) qb = qb.where('l.seq', '=', f.seq);
    if (f.maxSeq !== undefined) qb = qb.where('l.seq', '<=', f.maxSeq);
    if (f.from !== undefined) qb = lo === null || lo === undefined ? qb.where((eb) => eb.lit(false)) : qb.where('l.seq', '>=', lo).where('l.at', '>=', f.from);
    if (f.to !== undefined) qb = hi === null || hi === undefined ? qb.where((eb) => eb.lit(false)) : qb.where('l.seq', '<=', hi).where('l.at', '<', f.to);
    if (f.userId !== undefined) qb = qb.where('l.actor_type', '=', sql.lit('user')).where('l.actor_id', '=', f.userId);
    if (f.actorName !== undefined) qb = qb.where('l.actor_name', '=', f.actorName);
    if (f.action !== undefined) qb = qb.where('l.action', '=', f.action);
    if (f.subjectType !== undefined) qb = qb.where('l.subject_type', '=', f.subjectType);
    else if (f.subjectId !== undefined) qb = qb.where('l.subject_type', 'in', SUBJECT_LITERALS);
    if (f.subjectId !== undefined) qb = qb.where('l.subject_id', '=', f.subjectId);
    if (f.enterpriseId === null) qb = qb.where((eb) => eb.lit(false));
    else if (f.enterpriseId !== undefined) qb = qb.where('l.enterprise_id', '=', f.enterpriseId);
    if (excludesDeviceEvents(f)) qb = qb.where('l.action', '<>', DEVICE_EVENT);
    if (cursor !== null) qb = qb.where('l.seq', '<', cursor);
    return qb;
  }

  /** The page's seqs: one index walk that stops at the LIMIT (only these rows are then joined). */
  const pageSeqs = async (f: ActionFilter, cursor: number | null, limit: number) =>
    (await matching(f, cursor)).select('l.seq').orderBy('l.seq', 'desc').limit(limit);

  async function page(f: ActionFilter, cursor: number | null, limit: number): Promise<{ items: ActionRow[]; next: number | null }> {
    const inner = await pageSeqs(f, cursor, limit + 1);
    // CROSS JOIN keeps SQLite's join order as written (the page's seqs first, then each row by its key).
    const rows = await store
      .q()
      .selectFrom(inner.as('k'))
      .crossJoin('audit_log as l')
      .leftJoin('audit_personal as p', 'p.seq', 'l.seq')
      .leftJoin('users as u', (j) => j.on('l.actor_type', '=', sql.lit('user')).onRef('u.id', '=', 'l.actor_id'))
      .whereRef('l.seq', '=', 'k.seq')
      .selectAll('l')
      .select(['p.fields as p_fields', 'u.display_name as actor_display'])
      .orderBy('l.seq', 'desc')
      .$narrowType<{ actor_type: Row['actor_type'] }>()
      .execute();
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toActionRow);
    return { items, next: more ? items.at(-1)!.seq : null };
  }

  return {
    page,
    async count(f: ActionFilter): Promise<number> {
      const row = await (await matching(f, null)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Every matching entry, newest first, in keyset batches (the CSV export: bounded memory, no statement held open). */
    async *iterate(f: ActionFilter, batch = 1000): AsyncGenerator<ActionRow> {
      let cursor: number | null = null;
      do {
        const { items, next }: { items: ActionRow[]; next: number | null } = await page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor !== null);
    },
    /**
     * The plan of the page's inner query (tests, docs): SQLite's EXPLAIN QUERY PLAN details, or
     * PostgreSQL's EXPLAIN lines.
     */
    async plan(f: ActionFilter, cursor: number | null = null): Promise<string[]> {
      const c = (await pageSeqs(f, cursor, 51)).compile();
      if (store.engine === 'sqlite') {
        const r = await store.q().executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
        return r.rows.map((x) => x.detail);
      }
      const r = await store.q().executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]));
      return r.rows.map((x) => x['QUERY PLAN']);
    },
    /** People who act in the portal, for the actor select: the bureau's admins, then its officers, then the rest, by name. */
    async users(): Promise<Array<{ id: number; username: string; displayName: string; role: string }>> {
      return store
        .q()
        .selectFrom('users')
        .select(['id', 'username', 'display_name as displayName', 'role'])
        .orderBy((eb) => eb('role', '<>', 'bureau_admin'))
        .orderBy((eb) => eb('role', '<>', 'bureau_officer'))
        .orderBy('username')
        .orderBy('id')
        .execute();
    },
    async enterpriseIdByCredit(creditCode: string): Promise<number | null> {
      return (await store.q().selectFrom('enterprises').select('id').where('credit_code', '=', creditCode).executeTakeFirst())?.id ?? null;
    },
    /**
     * A check event's place in the log: the device.event entry that recorded
     * its receipt, and the latest signed checkpoint that covers it (if any).
     */
    async trace(eventId: string) {
      const entry = await store
        .q()
        .selectFrom('audit_log')
        .select(['seq', 'at', 'hash', 'prev_hash'])
        .where('subject_type', '=', 'event')
        .where('subject_id', '=', eventId)
        .where('action', '=', 'device.event')
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      if (!entry) return null;
      const checkpoint = await store
        .q()
        .selectFrom('audit_checkpoints')
        .select(['size', 'at', 'kid'])
        .where('size', '>=', entry.seq)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return { seq: entry.seq, at: entry.at, hash: entry.hash, prevHash: entry.prev_hash, checkpoint: checkpoint ?? null };
    },
  };
}
export type AuditActionsRepo = ReturnType<typeof auditActionsRepo>;
