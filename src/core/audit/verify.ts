import { GENESIS_PREV, entryHash, personalDigest, type AuditChainEntry, type Sha256 } from './entry.js';

/** An entry as stored: the chain's fields, its stored hash and, unless erased, its personal fields. */
export interface StoredAuditEntry extends AuditChainEntry {
  hash: string;
  /** null once retention erased them (then `pd` is taken as stored), or when the entry has none */
  personal: { salt: string; fields: Record<string, unknown> } | null;
}

/** A signed statement that the log had `size` entries and the last one hashed to `head`; the caller checks the signature. */
export interface AuditCheckpointClaim {
  id: number;
  size: number;
  head: string;
  /** false when the JWS did not verify with a published audit key, or its payload differs from the row */
  signatureOk: boolean;
  signatureProblem?: string;
}

export type AuditFailureKind =
  /** the entry's content does not hash to its stored hash (a changed byte) */
  | 'hash_mismatch'
  /** the personal fields kept for the entry do not match their commitment `pd` */
  | 'personal_mismatch'
  /** prev is not the hash of the entry before */
  | 'broken_link'
  /** a seq is missing (an entry deleted) */
  | 'gap'
  /** entries stand out of order (the predecessor an entry names comes after it, or seqs go backwards) */
  | 'reordered'
  /** fewer entries than a signed checkpoint covers */
  | 'truncated'
  /** the chain's hash at a checkpoint's size is not the head it signed (the log was rewritten) */
  | 'checkpoint_mismatch'
  | 'bad_checkpoint_signature';

export interface AuditFailure {
  kind: AuditFailureKind;
  /** the first bad entry; for a checkpoint failure the checkpoint's last entry (truncated: the first missing one) */
  seq: number | null;
  checkpointId?: number;
  detail: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  /** entries whose personal fields retention erased (their commitment taken as stored) */
  erased: number;
  checkpoints: number;
  /** hash of the last entry (GENESIS_PREV for an empty log) */
  head: string;
  /** the first failure: entries first, in log order, then checkpoints by size; null when ok */
  failure: AuditFailure | null;
}

/** How far past a broken link the verifier looks for the entry it names, to tell a reorder from a plain break. */
export const REORDER_LOOKAHEAD = 1000;

/**
 * Verifies a log in one pass, in constant memory apart from the checkpoints:
 * push every entry in stored (seq) order, then finish(). The recomputed hash
 * chain is checked link by link; each checkpoint's head is compared with the
 * chain's own hash after `size` entries.
 */
export class AuditChainVerifier {
  private prev = GENESIS_PREV;
  private expectedSeq = 1;
  private count = 0;
  private erased = 0;
  private failure: AuditFailure | null = null;
  /** a broken link whose named predecessor may still turn up later (then: reordered) */
  private suspect: { failure: AuditFailure; wanted: string; left: number } | null = null;
  private readonly headAt = new Map<number, string>();
  private readonly checkpoints: readonly AuditCheckpointClaim[];

  constructor(
    checkpoints: readonly AuditCheckpointClaim[],
    private readonly sha256: Sha256,
  ) {
    this.checkpoints = [...checkpoints].sort((a, b) => a.size - b.size || a.id - b.id);
    for (const c of this.checkpoints) this.headAt.set(c.size, c.size === 0 ? GENESIS_PREV : '');
  }

  push(e: StoredAuditEntry): void {
    this.count++;
    if (e.personal === null && e.pd !== null) this.erased++;
    if (this.suspect) {
      if (e.hash === this.suspect.wanted) {
        this.failure = { ...this.suspect.failure, kind: 'reordered', detail: `entry ${this.suspect.failure.seq} names as its predecessor an entry stored after it (seq ${e.seq}): entries were moved` };
        this.suspect = null;
      } else if (--this.suspect.left <= 0) {
        this.failure = this.suspect.failure;
        this.suspect = null;
      }
      return;
    }
    if (this.failure) return;
    if (e.seq !== this.expectedSeq) {
      this.failure =
        e.seq < this.expectedSeq
          ? { kind: 'reordered', seq: e.seq, detail: `seq ${e.seq} stands after seq ${this.expectedSeq - 1}` }
          : { kind: 'gap', seq: this.expectedSeq, detail: `entry ${this.expectedSeq} is missing (the next one stored is ${e.seq})` };
      return;
    }
    if (e.prev !== this.prev) {
      const failure: AuditFailure = { kind: 'broken_link', seq: e.seq, detail: `prev ${e.prev} is not the hash of entry ${e.seq - 1} (${this.prev})` };
      this.suspect = { failure, wanted: e.prev, left: REORDER_LOOKAHEAD };
      return;
    }
    if (e.personal && personalDigest(e.personal.salt, e.personal.fields, this.sha256) !== e.pd) {
      this.failure = { kind: 'personal_mismatch', seq: e.seq, detail: 'the personal fields kept for this entry do not match the commitment in the chain' };
      return;
    }
    const h = entryHash(e, this.sha256);
    if (h !== e.hash) {
      this.failure = { kind: 'hash_mismatch', seq: e.seq, detail: `the entry's content hashes to ${h}, its stored hash is ${e.hash}` };
      return;
    }
    this.prev = h;
    this.expectedSeq++;
    if (this.headAt.has(this.count)) this.headAt.set(this.count, h);
  }

  finish(): AuditVerifyReport {
    if (this.suspect) {
      this.failure = this.suspect.failure;
      this.suspect = null;
    }
    if (!this.failure) this.failure = this.checkCheckpoints();
    return { ok: this.failure === null, entries: this.count, erased: this.erased, checkpoints: this.checkpoints.length, head: this.prev, failure: this.failure };
  }

  private checkCheckpoints(): AuditFailure | null {
    for (const c of this.checkpoints) {
      if (!c.signatureOk) {
        return { kind: 'bad_checkpoint_signature', seq: c.size || null, checkpointId: c.id, detail: `checkpoint ${c.id} (size ${c.size}): ${c.signatureProblem ?? 'the signature does not verify'}` };
      }
      if (c.size > this.count) {
        return { kind: 'truncated', seq: this.count + 1, checkpointId: c.id, detail: `checkpoint ${c.id} was signed over ${c.size} entries; the log has ${this.count}` };
      }
      if (this.headAt.get(c.size) !== c.head) {
        return { kind: 'checkpoint_mismatch', seq: c.size || null, checkpointId: c.id, detail: `checkpoint ${c.id}: the chain's hash after ${c.size} entries is not the signed head ${c.head}` };
      }
    }
    return null;
  }
}

/** Convenience over AuditChainVerifier for a log already in memory. */
export function verifyAuditLog(entries: Iterable<StoredAuditEntry>, checkpoints: readonly AuditCheckpointClaim[], sha256: Sha256): AuditVerifyReport {
  const v = new AuditChainVerifier(checkpoints, sha256);
  for (const e of entries) v.push(e);
  return v.finish();
}
