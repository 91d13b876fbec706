import type { Db } from '../../db/open.js';
import type { AuditAction } from './catalogue.js';
import { GENESIS_PREV, entryHash, personalDigest, splitPersonal, type AuditChainEntry, type StoredAuditEntry } from '../../../core/audit/index.js';
import { newSalt, sha256 } from './hash.js';
import { personalFieldsOf } from './personal.js';
import { shownEntry, type AuditRow } from './row.js';
import { bulkInserter } from '../../db/bulk-insert.js';

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


const SELECT = `SELECT l.*, p.salt AS p_salt, p.fields AS p_fields FROM audit_log l LEFT JOIN audit_personal p ON p.seq = l.seq`;

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
 * The audit log: a hash chain (src/core/audit, docs/audit-log.md). Every
 * append reads the head and inserts the next entry inside one transaction
 * (BEGIN IMMEDIATE when the caller has none), so appends are serialised: two
 * connections cannot both chain onto one head (the second waits, or fails on
 * the seq primary key rather than fork the chain). On PostgreSQL this becomes
 * a transaction-level advisory lock (pg_advisory_xact_lock) taken before
 * reading the head.
 */
export function auditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, actor_type, actor_id, actor_name, action, subject_type, subject_id, enterprise_id, reason, detail, ip, pd, prev_hash, hash)
     VALUES (@seq, @at, @actorType, @actorId, @actorName, @action, @subjectType, @subjectId, @enterpriseId, @reason, @detail, @ip, @pd, @prev, @hash)`,
  );
  const insertPersonal = db.prepare('INSERT INTO audit_personal (seq, salt, fields) VALUES (?, ?, ?)');
  const head = db.prepare<[], { seq: number; hash: string | null }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let chained = false;

  /** The personal members out of the detail, with their salted commitment. */
  function commit(action: string, detail: Record<string, unknown>) {
    const { open, personal } = splitPersonal(detail, personalFieldsOf(action));
    if (!personal) return { open, pd: null, salt: null, personal: null };
    const salt = newSalt();
    return { open, pd: personalDigest(salt, personal, sha256), salt, personal };
  }

  /**
   * Chains the rows written before migration 014 (hash NULL), once, in seq
   * order: the only UPDATE the audit_log trigger admits. Returns how many.
   */
  function backfill(): number {
    if (chained) return 0;
    const n = db.transaction(() => {
      const rows = db.prepare<[], AuditRow>(`${SELECT} WHERE l.hash IS NULL ORDER BY l.seq`).all();
      if (rows.length === 0) return 0;
      const update = db.prepare('UPDATE audit_log SET detail = @detail, pd = @pd, prev_hash = @prev, hash = @hash WHERE seq = @seq');
      let prev = rows[0]!.seq === 1 ? GENESIS_PREV : (db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?').get(rows[0]!.seq - 1)?.hash ?? GENESIS_PREV);
      for (const r of rows) {
        const c = commit(r.action, JSON.parse(r.detail) as Record<string, unknown>);
        const e: AuditChainEntry = { ...chainEntry(r), detail: c.open, pd: c.pd, prev };
        const hash = entryHash(e, sha256);
        update.run({ seq: r.seq, detail: JSON.stringify(c.open), pd: c.pd, prev, hash });
        if (c.personal) insertPersonal.run(r.seq, c.salt, JSON.stringify(c.personal));
        prev = hash;
      }
      // The backfill itself is an entry of the chain it completed.
      chained = true;
      append({ actorType: 'system', actorId: null, actorName: 'audit', action: 'audit.backfill', subjectType: 'audit_log', detail: { entries: rows.length } });
      return rows.length;
    }).immediate();
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
    return { row: { ...entry, detail: JSON.stringify(c.open), hash: entryHash(entry, sha256) }, salt: c.salt, personal: c.personal };
  }
  type ChainedRow = ReturnType<typeof nextEntry>['row'];
  const insertRows = bulkInserter<ChainedRow>(db, 'audit_log', {
    seq: (r) => r.seq, at: (r) => r.at, actor_type: (r) => r.actorType, actor_id: (r) => r.actorId, actor_name: (r) => r.actorName,
    action: (r) => r.action, subject_type: (r) => r.subjectType, subject_id: (r) => r.subjectId, enterprise_id: (r) => r.enterpriseId,
    reason: (r) => r.reason, detail: (r) => r.detail, ip: (r) => r.ip, pd: (r) => r.pd, prev_hash: (r) => r.prev, hash: (r) => r.hash,
  });

  function append(e: AuditEntry): number {
    return appendMany([e])[0]!;
  }

  /** Chains the entries after the head, in order, and inserts them (a few statements for the lot). */
  function appendMany(entries: readonly AuditEntry[]): number[] {
    if (entries.length === 0) return [];
    backfill();
    const last = head.get();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_PREV;
    const at = new Date().toISOString();
    const rows: ChainedRow[] = [];
    const personal: Array<{ seq: number; salt: string; fields: string }> = [];
    for (const e of entries) {
      const c = nextEntry(e, ++seq, prev, at);
      rows.push(c.row);
      if (c.personal) personal.push({ seq, salt: c.salt!, fields: JSON.stringify(c.personal) });
      prev = c.row.hash;
    }
    if (rows.length === 1) insert.run(rows[0]!);
    else insertRows(rows);
    for (const p of personal) insertPersonal.run(p.seq, p.salt, p.fields);
    return rows.map((r) => r.seq);
  }

  return {
    /** Appends the entry to the chain; features record through the audit trail (trail.ts), never here. */
    insert(e: AuditEntry): number {
      return db.inTransaction ? append(e) : db.transaction(append).immediate(e);
    },
    /** Appends the entries in order (one upload's receipts); the same chain as one insert() each, in far fewer statements. */
    insertMany(entries: readonly AuditEntry[]): number[] {
      return db.inTransaction ? appendMany(entries) : db.transaction(appendMany).immediate(entries);
    },
    /** Chains rows left unchained by an older version (start-up); a no-op afterwards. */
    backfill,
    /** Every entry in seq order with its kept personal fields, for the verifier (streams: constant memory). */
    *chain(): Generator<StoredAuditEntry> {
      for (const r of db.prepare<[], AuditRow>(`${SELECT} ORDER BY l.seq`).iterate()) yield chainEntry(r);
    },
    /** size and head hash of the log now */
    head(): { size: number; head: string } {
      const last = head.get();
      return { size: last?.seq ?? 0, head: last?.hash ?? GENESIS_PREV };
    },
    /** Retention: erases the personal fields of entries recorded before `before`; the chain keeps their salted hash. */
    purgePersonal(before: Date): number {
      return db
        .prepare('DELETE FROM audit_personal WHERE seq IN (SELECT seq FROM audit_log WHERE at < ?)')
        .run(before.toISOString()).changes;
    },
    list(filter: { enterpriseId?: number; action?: string; limit: number; beforeSeq?: number }): AuditRecord[] {
      const rows = db
        .prepare<[{ enterpriseId: number | null; action: string | null; beforeSeq: number | null; limit: number }], AuditRow>(
          `${SELECT}
           WHERE (@enterpriseId IS NULL OR l.enterprise_id = @enterpriseId) AND (@action IS NULL OR l.action = @action)
             AND (@beforeSeq IS NULL OR l.seq < @beforeSeq)
           ORDER BY l.seq DESC LIMIT @limit`,
        )
        .all({ enterpriseId: filter.enterpriseId ?? null, action: filter.action ?? null, beforeSeq: filter.beforeSeq ?? null, limit: filter.limit });
      return rows.map(shownEntry);
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
