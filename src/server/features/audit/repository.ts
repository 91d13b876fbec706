import type { Db } from '../../db/open.js';
import type { AuditAction } from './catalogue.js';

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
}

interface AuditRow {
  seq: number;
  at: string;
  actor_type: AuditEntry['actorType'];
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  enterprise_id: number | null;
  reason: string | null;
  detail: string;
  ip: string | null;
}

export function auditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (actor_type, actor_id, actor_name, action, subject_type, subject_id, enterprise_id, reason, detail, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    /** The row as given; features record through the audit trail (trail.ts), never here. */
    insert(e: AuditEntry): void {
      insert.run(
        e.actorType,
        e.actorId,
        e.actorName,
        e.action,
        e.subjectType,
        e.subjectId == null ? null : String(e.subjectId),
        e.enterpriseId ?? null,
        e.reason ?? null,
        JSON.stringify(e.detail ?? {}),
        e.ip ?? null,
      );
    },
    list(filter: { enterpriseId?: number; action?: string; limit: number; beforeSeq?: number }): AuditRecord[] {
      const rows = db
        .prepare<[{ enterpriseId: number | null; action: string | null; beforeSeq: number | null; limit: number }], AuditRow>(
          `SELECT * FROM audit_log
           WHERE (@enterpriseId IS NULL OR enterprise_id = @enterpriseId) AND (@action IS NULL OR action = @action)
             AND (@beforeSeq IS NULL OR seq < @beforeSeq)
           ORDER BY seq DESC LIMIT @limit`,
        )
        .all({ enterpriseId: filter.enterpriseId ?? null, action: filter.action ?? null, beforeSeq: filter.beforeSeq ?? null, limit: filter.limit });
      return rows.map((r) => ({
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
      }));
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
