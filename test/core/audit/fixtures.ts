// Shared test data of the audit-log tests (no tests here; tap lists this file as skipped).
import { createHash } from 'node:crypto';
import { GENESIS_PREV, entryHash, personalDigest, splitPersonal, type AuditCheckpointClaim, type StoredAuditEntry } from '../../../src/core/audit/index.js';

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64url');

/** n chained entries; every third has personal fields. */
export function chain(n: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_PREV;
  for (let seq = 1; seq <= n; seq++) {
    const { open, personal } = splitPersonal(seq % 3 === 0 ? { plate: '苏E12345', escortName: '王强', phoneLast4: '5678' } : { plate: '苏E12345' }, ['escortName', 'phoneLast4']);
    const salt = `salt-${seq}`;
    const e = {
      seq, at: `2026-11-30T00:00:${String(seq % 60).padStart(2, '0')}.000Z`, actorType: 'user', actorId: 1, actorName: 'officer', action: 'escort.dispatch',
      subjectType: 'escort_request', subjectId: String(seq), enterpriseId: 7, reason: null, detail: open, ip: null,
      pd: personal ? personalDigest(salt, personal, sha256) : null, prev,
    };
    const hash = entryHash(e, sha256);
    out.push({ ...e, hash, personal: personal ? { salt, fields: personal } : null });
    prev = hash;
  }
  return out;
}

export const claim = (entries: StoredAuditEntry[], size: number, id = 1): AuditCheckpointClaim => ({ id, size, head: entries[size - 1]!.hash, signatureOk: true });
