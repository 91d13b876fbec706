/**
 * A signed checkpoint of the audit log: compact JWS (EdDSA, a key of purpose
 * `audit` from the server's JWKS) with header typ AUDIT_CHECKPOINT_TYP and
 * the JSON payload below. Verify with verifyCompactJws(jws, { typ, keys, purpose: 'audit' }).
 */
export const AUDIT_CHECKPOINT_TYP = 'kakou-audit-checkpoint+jws';

export interface AuditCheckpointPayload {
  /** entries covered: seq 1..size */
  size: number;
  /** hash of entry `size` (GENESIS_PREV for 0) */
  head: string;
  /** ISO UTC time of signing */
  at: string;
}

export function parseCheckpointPayload(value: unknown): AuditCheckpointPayload | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.size) || (v.size as number) < 0 || typeof v.head !== 'string' || typeof v.at !== 'string') return null;
  return { size: v.size as number, head: v.head, at: v.at };
}
