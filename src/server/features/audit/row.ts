import type { AuditEntry, AuditRecord } from './repository.js';

/** An audit_log row as SQLite returns it, joined with its kept personal fields (audit_personal). */
export interface AuditRow {
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
  prev_hash: string | null;
  hash: string | null;
  pd: string | null;
  /** from audit_personal; null when the entry has none or they were erased (p_salt is read only for verification) */
  p_salt?: string | null;
  p_fields: string | null;
}

/**
 * A row as people read it: the personal members are shown where they were
 * recorded, until retention erases them (then `erased` says so). The chain's
 * own view of a row (core/audit's StoredAuditEntry) keeps them apart instead.
 */
export function shownEntry(r: AuditRow): AuditRecord {
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
    detail: { ...(JSON.parse(r.detail) as Record<string, unknown>), ...(r.p_fields ? (JSON.parse(r.p_fields) as Record<string, unknown>) : {}) },
    ip: r.ip,
    erased: r.pd !== null && r.p_fields === null,
  };
}
