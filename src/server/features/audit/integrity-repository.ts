import type { Db } from '../../db/open.js';

export interface AuditCheckpointRow {
  id: number;
  size: number;
  head: string;
  at: string;
  kid: string;
  jws: string;
}

export interface AuditVerificationRow {
  id: number;
  at: string;
  ok: boolean;
  entries: number;
  erased: number;
  checkpoints: number;
  head: string;
  failureKind: string | null;
  failureSeq: number | null;
  detail: string | null;
  byName: string;
}

interface VerificationDbRow {
  id: number;
  at: string;
  ok: number;
  entries: number;
  erased: number;
  checkpoints: number;
  head: string;
  failure_kind: string | null;
  failure_seq: number | null;
  detail: string | null;
  by_name: string;
}

/** Signed checkpoints of the audit log (append-only) and the results of its verifications. */
export function auditIntegrityRepo(db: Db) {
  const toVerification = (r: VerificationDbRow): AuditVerificationRow => ({
    id: r.id, at: r.at, ok: r.ok === 1, entries: r.entries, erased: r.erased, checkpoints: r.checkpoints, head: r.head,
    failureKind: r.failure_kind, failureSeq: r.failure_seq, detail: r.detail, byName: r.by_name,
  });
  return {
    insertCheckpoint(c: Omit<AuditCheckpointRow, 'id'>): AuditCheckpointRow {
      const id = Number(db.prepare('INSERT INTO audit_checkpoints (size, head, at, kid, jws) VALUES (@size, @head, @at, @kid, @jws)').run(c).lastInsertRowid);
      return { id, ...c };
    },
    checkpoints(): AuditCheckpointRow[] {
      return db.prepare<[], AuditCheckpointRow>('SELECT id, size, head, at, kid, jws FROM audit_checkpoints ORDER BY size, id').all();
    },
    latestCheckpoint(): AuditCheckpointRow | null {
      return db.prepare<[], AuditCheckpointRow>('SELECT id, size, head, at, kid, jws FROM audit_checkpoints ORDER BY size DESC, id DESC LIMIT 1').get() ?? null;
    },
    insertVerification(v: Omit<AuditVerificationRow, 'id' | 'at'> & { at: string }): number {
      return Number(
        db
          .prepare(
            `INSERT INTO audit_verifications (at, ok, entries, erased, checkpoints, head, failure_kind, failure_seq, detail, by_name)
             VALUES (@at, @ok, @entries, @erased, @checkpoints, @head, @failureKind, @failureSeq, @detail, @byName)`,
          )
          .run({ ...v, ok: v.ok ? 1 : 0 }).lastInsertRowid,
      );
    },
    lastVerification(): AuditVerificationRow | null {
      const r = db.prepare<[], VerificationDbRow>('SELECT * FROM audit_verifications ORDER BY id DESC LIMIT 1').get();
      return r ? toVerification(r) : null;
    },
  };
}
export type AuditIntegrityRepo = ReturnType<typeof auditIntegrityRepo>;
