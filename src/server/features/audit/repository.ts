import { sql, type Insertable } from 'kysely';
import type { AuditLogTable } from '../../db/tables.js';
import type { Store } from '../../db/store.js';
import type { AuditAction } from './catalogue.js';
import { GENESIS_PREV, entryHash, personalDigest, splitPersonal, type AuditChainEntry, type StoredAuditEntry } from '../../../core/audit/index.js';
import { newSalt, sha256 } from './hash.js';
import { personalFieldsOf } from './personal.js';
import { shownEntry, type AuditRow } from './row.js';
import { BULK_CHUNK } from '../../db/bulk-insert.js';

export interface AuditEntry {
  actorType: 'user' | 'device' | 'system';
  actorId: number | null;
  actorName: string;
  /** one of the catalogue (catalogue.ts) */
  action: AuditAction;
  subjectType: string;
  subjectId?: string | number | null;
  enterpriseId?: number | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'subjectId' | 'action'>> {
  /** as stored: a catalogue code for everything recorded by this version */
  action: string;
  seq: number;
  at: string;
  subjectId: string | null;
  /** true when retention erased this entry's personal fields (they are missing from `detail`) */
  erased: boolean;
}


/** A row as the chain verifier reads it (also used on a copy of the log in PostgreSQL: src/cli/copy-to-postgres.ts). */
export function chainEntry(r: AuditRow): StoredAuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    enterpriseId: r.enterprise_id,
    reason: r.reason,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    ip: r.ip,
    pd: r.pd,
    prev: r.prev_hash ?? '',
    hash: r.hash ?? '',
    personal: typeof r.p_salt === 'string' && r.p_fields !== null ? { salt: r.p_salt, fields: JSON.parse(r.p_fields) as Record<string, unknown> } : null,
  };
}

/**
 * The PostgreSQL advisory lock (transaction-level) that serialises appends to the audit chain across
 * nodes: "kakou" + "al" in hex, apart from the other advisory locks. Taken before an append reads the head
 * and held to the commit, so two nodes never chain onto one head (without it, 60 concurrent appends fork
 * the chain: docs/postgres-plan.md). On SQLite, BEGIN IMMEDIATE and the store's queue already serialise.
 */
export const AUDIT_CHAIN_LOCK_KEY = 0x6b616b6f616c;

/** Rows a page of chain() reads: the verifier's memory stays this many entries whatever the log's size. */
export const CHAIN_PAGE = 1000;

/**
 * The audit log: a hash chain (src/core/audit, docs/audit-log.md), on Kysely over a Store (issue 16).
 * Every append reads the head and inserts the next entry inside one transaction (its own when the caller
 * has none), so appends are serialised: on SQLite by BEGIN IMMEDIATE (another process waits) and the
 * store's queue, on PostgreSQL by AUDIT_CHAIN_LOCK_KEY, taken before reading the head. Two appends cannot
 * both chain onto one head (the second waits, or fails on the seq primary key rather than fork the chain).
 */
export function auditRepo(store: Store) {
  const q = () => store.q();
  const selectRows = () =>
    q()
      .selectFrom('audit_log as l')
      .leftJoin('audit_personal as p', 'p.seq', 'l.seq')
      .selectAll('l')
      .select(['p.salt as p_salt', 'p.fields as p_fields']);
  const headRow = () => q().selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let chained = false;

  /** Takes the chain's lock until the transaction ends (PostgreSQL; nothing to do on SQLite). Call inside one. */
  async function lockChain(): Promise<void> {
    if (store.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(q());
  }

  /** In the caller's transaction, or one of its own. */
  const inTransaction = <T>(fn: () => Promise<T>): Promise<T> => (store.inTransaction() ? fn() : store.transaction(fn));

  /** The personal members out of the detail, with their salted commitment. */
  function commit(action: string, detail: Record<string, unknown>) {
    const { open, personal } = splitPersonal(detail, personalFieldsOf(action));
    if (!personal) return { open, pd: null, salt: null, personal: null };
    const salt = newSalt();
    return { open, pd: personalDigest(salt, personal, sha256), salt, personal };
  }

  /** The personal fields of new entries, a few rows a statement. */
  async function insertPersonal(rows: ReadonlyArray<{ seq: number; salt: string; fields: string }>): Promise<void> {
    for (let start = 0; start < rows.length; start += BULK_CHUNK) await q().insertInto('audit_personal').values(rows.slice(start, start + BULK_CHUNK)).execute();
  }

  /**
   * Chains the rows written before migration 014 (hash NULL), once, in seq
   * order: the only UPDATE the audit_log trigger admits. Returns how many.
   * (A PostgreSQL database is filled by migrate-to-postgres from a chained
   * log, so there it finds nothing.)
   */
  async function backfill(): Promise<number> {
    if (chained) return 0;
    const n = await inTransaction(async () => {
      await lockChain();
      const rows = (await selectRows().where('l.hash', 'is', null).orderBy('l.seq').execute()) as AuditRow[];
      if (rows.length === 0) return 0;
      let prev = GENESIS_PREV;
      if (rows[0]!.seq !== 1) {
        const before = await q().selectFrom('audit_log').select('hash').where('seq', '=', rows[0]!.seq - 1).executeTakeFirst();
        prev = before?.hash ?? GENESIS_PREV;
      }
      const personal: Array<{ seq: number; salt: string; fields: string }> = [];
      for (const r of rows) {
        const c = commit(r.action, JSON.parse(r.detail) as Record<string, unknown>);
        const e: AuditChainEntry = { ...chainEntry(r), detail: c.open, pd: c.pd, prev };
        const hash = entryHash(e, sha256);
        await q().updateTable('audit_log').set({ detail: JSON.stringify(c.open), pd: c.pd, prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        if (c.personal) personal.push({ seq: r.seq, salt: c.salt!, fields: JSON.stringify(c.personal) });
        prev = hash;
      }
      await insertPersonal(personal);
      // The backfill itself is an entry of the chain it completed.
      chained = true;
      await append({ actorType: 'system', actorId: null, actorName: 'audit', action: 'audit.backfill', subjectType: 'audit_log', detail: { entries: rows.length } });
      return rows.length;
    });
    chained = true;
    return n;
  }

  /** The next entry of the chain after `prev`, hashed, with its personal fields apart. */
  function nextEntry(e: AuditEntry, seq: number, prev: string, at: string) {
    const c = commit(e.action, e.detail ?? {});
    const entry: AuditChainEntry = {
      seq,
      at,
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId == null ? null : String(e.subjectId),
      enterpriseId: e.enterpriseId ?? null,
      reason: e.reason ?? null,
      detail: c.open,
      ip: e.ip ?? null,
      pd: c.pd,
      prev,
    };
    return { entry, detail: JSON.stringify(c.open), hash: entryHash(entry, sha256), salt: c.salt, personal: c.personal };
  }

  async function append(e: AuditEntry): Promise<number> {
    return (await appendMany([e]))[0]!;
  }

  /**
   * Chains the entries after the head, in order, and inserts them: BULK_CHUNK rows a statement (15 columns,
   * far below SQLite's 32,766 and PostgreSQL's 65,535 parameters; db/bulk-insert.ts says why several rows a
   * statement). Inside a transaction: the chain's lock first (PostgreSQL), then the head.
   */
  async function appendMany(entries: readonly AuditEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    await lockChain();
    await backfill();
    const last = await headRow();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_PREV;
    const at = new Date().toISOString();
    const rows: Array<Insertable<AuditLogTable>> = [];
    const personal: Array<{ seq: number; salt: string; fields: string }> = [];
    for (const e of entries) {
      const c = nextEntry(e, ++seq, prev, at);
      const x = c.entry;
      rows.push({
        seq: x.seq, at: x.at, actor_type: x.actorType, actor_id: x.actorId, actor_name: x.actorName, action: x.action, subject_type: x.subjectType,
        subject_id: x.subjectId, enterprise_id: x.enterpriseId, reason: x.reason, detail: c.detail, ip: x.ip, pd: x.pd, prev_hash: x.prev, hash: c.hash,
      });
      if (c.personal) personal.push({ seq, salt: c.salt!, fields: JSON.stringify(c.personal) });
      prev = c.hash;
    }
    for (let start = 0; start < rows.length; start += BULK_CHUNK) await q().insertInto('audit_log').values(rows.slice(start, start + BULK_CHUNK)).execute();
    await insertPersonal(personal);
    return rows.map((r) => r.seq!);
  }

  return {
    /** Appends the entry to the chain, in the caller's transaction or one of its own; features record through the audit trail (trail.ts), never here. */
    insert(e: AuditEntry): Promise<number> {
      return inTransaction(() => append(e));
    },
    /** Appends the entries in order (one upload's receipts); the same chain as one insert() each, in far fewer statements. */
    insertMany(entries: readonly AuditEntry[]): Promise<number[]> {
      return inTransaction(() => appendMany(entries));
    },
    /** Chains rows left unchained by an older version (start-up); a no-op afterwards. */
    backfill,
    /**
     * Every entry in seq order with its kept personal fields, for the verifier: pages of `pageSize` by seq
     * (keyset), so memory stays constant on both engines. Entries appended while it reads come at the end.
     */
    async *chain(pageSize = CHAIN_PAGE): AsyncGenerator<StoredAuditEntry> {
      let after = 0;
      for (;;) {
        const rows = (await selectRows().where('l.seq', '>', after).orderBy('l.seq').limit(pageSize).execute()) as AuditRow[];
        for (const r of rows) yield chainEntry(r);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    /** size and head hash of the log now */
    async head(): Promise<{ size: number; head: string }> {
      const last = await headRow();
      return { size: last?.seq ?? 0, head: last?.hash ?? GENESIS_PREV };
    },
    /** Retention: erases the personal fields of entries recorded before `before`; the chain keeps their salted hash. */
    async purgePersonal(before: Date): Promise<number> {
      const r = await q()
        .deleteFrom('audit_personal')
        .where('seq', 'in', (eb) => eb.selectFrom('audit_log').select('seq').where('at', '<', before.toISOString()))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async list(filter: { enterpriseId?: number; action?: string; limit: number; beforeSeq?: number }): Promise<AuditRecord[]> {
      let query = selectRows();
      if (filter.enterpriseId !== undefined) query = query.where('l.enterprise_id', '=', filter.enterpriseId);
      if (filter.action !== undefined) query = query.where('l.action', '=', filter.action);
      if (filter.beforeSeq !== undefined) query = query.where('l.seq', '<', filter.beforeSeq);
      const rows = (await query.orderBy('l.seq', 'desc').limit(filter.limit).execute()) as AuditRow[];
      return rows.map(shownEntry);
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
