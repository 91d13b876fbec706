import { actorColumns, type Actor } from '../../security/actor.js';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction, type AuditDetail } from './catalogue.js';
import type { AuditEntry, AuditRepo } from './repository.js';

/** One audited action, as a feature records it; the subject type comes from the catalogue. */
export interface AuditInput<A extends AuditAction> {
  actor: Actor;
  action: A;
  subjectId?: string | number | null;
  enterpriseId?: number | null;
  /** free text the acting user typed (a refusal, a revocation); kept apart from the detail */
  reason?: string | null;
  /** the catalogue's fields for this action, nothing else (stored as JSON; `{}` when absent) */
  detail?: AuditDetail<A>;
  ip?: string | null;
}

/**
 * The audit trail: the one way anything is recorded in the audit log. Built
 * once per connection with the repositories (repos.audit), so a service
 * records inside its own transaction: `await repos.audit.record({ actor, action, … })`.
 */
export function auditTrail(repo: AuditRepo, { strict = false }: { strict?: boolean } = {}) {
  return {
    /**
     * Appends to the hash chain, in the caller's transaction if any (one of its own otherwise); returns the
     * entry's seq. Await it: inside store.transaction an append left running would land after the commit.
     */
    async record<A extends AuditAction>(e: AuditInput<A>): Promise<number> {
      return repo.insert(entryOf(e, strict));
    },
    /** Several entries in order, in the caller's transaction if any (an upload's receipts); returns their seqs. */
    async recordMany<A extends AuditAction>(entries: readonly AuditInput<A>[]): Promise<number[]> {
      return repo.insertMany(entries.map((e) => entryOf(e, strict)));
    },
    list: repo.list,
    /** the chain in seq order, for the verifier */
    chain: repo.chain,
    head: repo.head,
    backfill: repo.backfill,
    purgePersonal: repo.purgePersonal,
  };
}
function entryOf<A extends AuditAction>(e: AuditInput<A>, strict: boolean): AuditEntry {
  if (strict) checkAgainstCatalogue(e.action, e.detail);
  return {
    ...actorColumns(e.actor),
    action: e.action,
    subjectType: AUDIT_ACTIONS[e.action].subject,
    subjectId: e.subjectId ?? null,
    enterpriseId: e.enterpriseId ?? null,
    reason: e.reason ?? null,
    detail: e.detail ?? {},
    ip: e.ip ?? null,
  };
}

/**
 * Strict mode (the tests, KAKOU_AUDIT_STRICT=1): an action missing from the
 * catalogue or a detail field it does not declare throws, so any test that
 * walks the code recording it fails. Production records as given.
 */
function checkAgainstCatalogue(action: string, detail: unknown): void {
  if (!isAuditAction(action)) throw new Error(`audit: ${action} is not in the catalogue (features/audit/catalogue.ts)`);
  const parsed = AUDIT_ACTIONS[action].detail.safeParse(detail ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(detail)'}: ${i.message}`).join('; ');
    throw new Error(`audit: the detail of ${action} is not what the catalogue declares: ${issues}`);
  }
}

export type AuditTrail = ReturnType<typeof auditTrail>;
