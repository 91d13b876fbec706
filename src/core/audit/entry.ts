import { canonicalize } from '../events/canonical.js';

/**
 * One audit-log entry as the chain sees it. The hash of an entry is
 *
 *   base64url(SHA-256(UTF-8(JCS({ seq, at, actorType, actorId, actorName,
 *     action, subjectType, subjectId, enterpriseId, reason, detail, ip,
 *     pd, prev }))))
 *
 * where `detail` is the detail WITHOUT its personal fields, `pd` is the
 * commitment to the personal fields (personalDigest below, null when the
 * entry has none) and `prev` the hash of the entry before (GENESIS_PREV for
 * seq 1). JCS is RFC 8785 (../events/canonical.ts).
 *
 * SHA-256 is injected: src/core runs in the scanner's browser page, where
 * only the asynchronous WebCrypto digest exists, while the server appends
 * inside synchronous SQLite transactions (node:crypto).
 */
export interface AuditChainEntry {
  seq: number;
  at: string;
  actorType: string;
  actorId: number | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  enterpriseId: number | null;
  reason: string | null;
  /** the detail without its personal fields */
  detail: Record<string, unknown>;
  ip: string | null;
  /** personalDigest(salt, fields), or null when the entry has no personal fields */
  pd: string | null;
  prev: string;
}

/** base64url(SHA-256(UTF-8(text))), synchronous. */
export type Sha256 = (text: string) => string;

/**
 * prev of the first entry: 43 'A's, the base64url spelling of 32 zero bytes
 * (the length of a real SHA-256 hash), which no real entry hashes to.
 */
export const GENESIS_PREV = 'A'.repeat(43);

export function canonicalEntry(e: AuditChainEntry): string {
  return canonicalize({
    seq: e.seq,
    at: e.at,
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    enterpriseId: e.enterpriseId,
    reason: e.reason,
    detail: e.detail,
    ip: e.ip,
    pd: e.pd,
    prev: e.prev,
  });
}

export const entryHash = (e: AuditChainEntry, sha256: Sha256): string => sha256(canonicalEntry(e));

/**
 * The commitment to an entry's personal fields: SHA-256 of JCS({ salt, fields }).
 *
 * Salted per entry (16 random bytes, kept beside the fields and erased with
 * them): the fields are often short and guessable (the last four digits of an
 * ID number are 10 000 values, a name a few thousand), so an unsalted hash
 * left in the log after retention would let anyone recover them by trying
 * every value. With the salt gone the hash reveals nothing, yet while the
 * fields are kept the chain still proves they were not changed.
 */
export const personalDigest = (salt: string, fields: Record<string, unknown>, sha256: Sha256): string => sha256(canonicalize({ salt, fields }));

/**
 * Splits a detail into what the chain hashes in clear and the personal
 * fields (top-level members named in `personalKeys`).
 */
export function splitPersonal(
  detail: Record<string, unknown>,
  personalKeys: readonly string[],
): { open: Record<string, unknown>; personal: Record<string, unknown> | null } {
  const open: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (personalKeys.includes(k)) personal[k] = v;
    else open[k] = v;
  }
  return { open, personal: Object.keys(personal).length ? personal : null };
}
