import type { Store } from '../../db/store.js';

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

/** Signed checkpoints of the audit log (append-only) and the results of its verifications, on Kysely over a Store (issue 16). */
export function auditIntegrityRepo(store: Store) {
  const q = () => store.q();
  const toVerification = (r: VerificationDbRow): AuditVerificationRow => ({
    id: r.id, at: r.at, ok: r.ok === 1, entries: r.entries, erased: r.erased, checkpoints: r.checkpoints, head: r.head,
    failureKind: r.failure_kind, failureSeq: r.failure_seq, detail: r.detail, byName: r.by_name,
  });
  const CHECKPOINT = ['id', 'size', 'head', 'at', 'kid', 'jws'] as const;
  return {
    async insertCheckpoint(c: Omit<AuditCheckpointRow, 'id'>): Promise<AuditCheckpointRow> {
      const { id } = await q()
        .insertInto('audit_checkpoints')
        .values({ size: c.size, head: c.head, at: c.at, kid: c.kid, jws: c.jws })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, ...c };
    },
    /** Every checkpoint, smallest first (ties by id). */
    async checkpoints(): Promise<AuditCheckpointRow[]> {
      return q().selectFrom('audit_checkpoints').select(CHECKPOINT).orderBy('size').orderBy('id').execute();
    },
    async latestCheckpoint(): Promise<AuditCheckpointRow | null> {
      return (await q().selectFrom('audit_checkpoints').select(CHECKPOINT).orderBy('size', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null;
    },
    async insertVerification(v: Omit<AuditVerificationRow, 'id' | 'at'> & { at: string }): Promise<number> {
      const { id } = await q()
        .insertInto('audit_verifications')
        .values({
          at: v.at, ok: v.ok ? 1 : 0, entries: v.entries, erased: v.erased, checkpoints: v.checkpoints, head: v.head,
          failure_kind: v.failureKind, failure_seq: v.failureSeq, detail: v.detail, by_name: v.byName,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    async lastVerification(): Promise<AuditVerificationRow | null> {
      const r = await q().selectFrom('audit_verifications').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r ? toVerification(r) : null;
    },
  };
}
export type AuditIntegrityRepo = ReturnType<typeof auditIntegrityRepo>;
