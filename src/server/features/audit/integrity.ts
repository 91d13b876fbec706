import { CompactSign } from 'jose';
import {
  AUDIT_CHECKPOINT_TYP,
  AuditChainVerifier,
  parseCheckpointPayload,
  type AuditCheckpointClaim,
  type AuditVerifyReport,
} from '../../../core/audit/index.js';
import { describeJwsFailure, parseJsonBytes, verifyCompactJws } from '../../../core/jws/index.js';
import type { Repos } from '../../repositories.js';
import type { KeysService } from '../keys/service.js';
import type { PassPublicJwk } from '../../../core/pass/index.js';
import { BY_SYSTEM, type ActedBy } from '../../security/actor.js';
import type { AuditCheckpointRow, AuditVerificationRow } from './integrity-repository.js';
import { sha256 } from './hash.js';

/** How often the server signs a checkpoint when the log grew (features/audit/routes.ts). */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

const actorName = (by: ActedBy): string => (by.actor.kind === 'user' ? by.actor.user.username : by.actor.name);

/**
 * Checks each checkpoint's JWS with the given audit keys (the published ones; every audit key stays
 * published for good) and its payload against the row. Apart from the keys it reads nothing, so a
 * copy of the log on another engine is checked the same way (src/cli/copy-to-postgres.ts).
 */
export async function checkpointClaims(rows: readonly AuditCheckpointRow[], jwks: { keys: Array<PassPublicJwk & { purpose: 'audit' }> }): Promise<AuditCheckpointClaim[]> {
  return Promise.all(
    rows.map(async (c): Promise<AuditCheckpointClaim> => {
      const base = { id: c.id, size: c.size, head: c.head };
      const v = await verifyCompactJws(c.jws, { typ: AUDIT_CHECKPOINT_TYP, keys: jwks, purpose: 'audit' });
      if (!v.ok) {
        const d = describeJwsFailure(v);
        return { ...base, signatureOk: false, signatureProblem: `signature: ${d.reason}${d.detail ? ` (${d.detail})` : ''}` };
      }
      let payload;
      try {
        payload = parseCheckpointPayload(parseJsonBytes(v.payload));
      } catch {
        payload = null;
      }
      if (!payload) return { ...base, signatureOk: false, signatureProblem: 'the signed payload is not a checkpoint' };
      if (payload.size !== c.size || payload.head !== c.head || payload.at !== c.at || v.kid !== c.kid) {
        return { ...base, signatureOk: false, signatureProblem: 'the signed size, head, time or kid differ from the stored checkpoint' };
      }
      return { ...base, signatureOk: true };
    }),
  );
}

/**
 * The tamper-evident log's server side (docs/audit-log.md): signed
 * checkpoints (key purpose 'audit'), verification of the whole log against
 * the chain and the checkpoints (recorded, and itself audited), and the
 * retention erasure of personal fields.
 */
export function auditIntegrity(repos: Repos, keys: KeysService) {
  /** Checks each checkpoint's JWS with the published audit keys and its payload against the row. */
  const claims = async (rows: readonly AuditCheckpointRow[], now: Date): Promise<AuditCheckpointClaim[]> => checkpointClaims(rows, await keys.publishedKeys(now, 'audit'));

  return {
    /**
     * Signs the log's size and head with the active audit key. Unless `force`,
     * nothing is signed when the log has not grown since the last checkpoint.
     */
    async signCheckpoint(opts: { now?: Date; force?: boolean; by?: ActedBy } = {}): Promise<AuditCheckpointRow | null> {
      const now = opts.now ?? new Date();
      await keys.ensureActiveKey('audit');
      await repos.audit.backfill();
      // Read inside a transaction: on SQLite a read outside one can run inside another request's open transaction
      // and see its uncommitted entries (docs/postgres-plan.md, the store's known gap), and a checkpoint signed over
      // an entry that then rolled back would fail every later verification.
      const { size, head, latest } = await repos.store.transaction(async () => ({
        ...(await repos.audit.head()),
        latest: await repos.auditIntegrity.latestCheckpoint(),
      }));
      if (!opts.force && latest && latest.size >= size) return null;
      const signer = await keys.activeSigner('audit');
      const at = now.toISOString();
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ size, head, at })))
        .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: AUDIT_CHECKPOINT_TYP })
        .sign(signer.privateKey);
      return repos.store.transaction(async () => {
        const row = await repos.auditIntegrity.insertCheckpoint({ size, head, at, kid: signer.kid, jws });
        // Signed on a person's request: audited. The periodic signing is not (it would grow the log it signs).
        if (opts.by) await repos.audit.record({ actor: opts.by.actor, action: 'audit.checkpoint', subjectId: row.id, ip: opts.by.ip ?? null, detail: { size, head, kid: signer.kid } });
        return row;
      });
    },

    /**
     * Recomputes the whole chain and checks every checkpoint; records the
     * result (audit_verifications) and audits the verification.
     */
    async verify(opts: { now?: Date; by?: ActedBy; record?: boolean } = {}): Promise<AuditVerifyReport & { verificationId: number | null }> {
      const now = opts.now ?? new Date();
      const by = opts.by ?? BY_SYSTEM;
      await repos.audit.backfill();
      // The checkpoints are read first: one signed after this read may cover entries the chain read below lacks.
      const verifier = new AuditChainVerifier(await claims(await repos.auditIntegrity.checkpoints(), now), sha256);
      for await (const e of repos.audit.chain()) verifier.push(e);
      const report = verifier.finish();
      if (opts.record === false) return { ...report, verificationId: null };
      const verificationId = await repos.store.transaction(async () => {
        const id = await repos.auditIntegrity.insertVerification({
          at: now.toISOString(), ok: report.ok, entries: report.entries, erased: report.erased, checkpoints: report.checkpoints, head: report.head,
          failureKind: report.failure?.kind ?? null, failureSeq: report.failure?.seq ?? null, detail: report.failure?.detail ?? null, byName: actorName(by),
        });
        await repos.audit.record({
          actor: by.actor, action: 'audit.verify', subjectId: id, ip: by.ip ?? null,
          detail: { ok: report.ok, entries: report.entries, checkpoints: report.checkpoints, failureKind: report.failure?.kind ?? null, failureSeq: report.failure?.seq ?? null },
        });
        return id;
      });
      return { ...report, verificationId };
    },

    /**
     * Retention: erases the personal fields of audit entries recorded before
     * `before` (audit_personal rows); the log and its chain stay as they are.
     */
    async purgePersonal(before: Date, opts: { by?: ActedBy } = {}): Promise<number> {
      const by = opts.by ?? BY_SYSTEM;
      return repos.store.transaction(async () => {
        const n = await repos.audit.purgePersonal(before);
        await repos.audit.record({ actor: by.actor, action: 'audit.retention_purge', ip: by.ip ?? null, detail: { before: before.toISOString(), auditEntries: n } });
        return n;
      });
    },

    latestCheckpoint: (): Promise<AuditCheckpointRow | null> => repos.auditIntegrity.latestCheckpoint(),
    lastVerification: (): Promise<AuditVerificationRow | null> => repos.auditIntegrity.lastVerification(),
  };
}
export type AuditIntegrity = ReturnType<typeof auditIntegrity>;
