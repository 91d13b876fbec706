import { DEFAULT_RETENTION_DAYS, retentionCutoff, retentionDaysSchema } from '../../../core/audit/retention.js';
import type { Repos } from '../../repositories.js';
import { BY_SYSTEM, type ActedBy } from '../../security/actor.js';
import type { Cutoff } from './repository.js';

/** How often the server runs the retention erasure (and once at start): features/retention/routes.tsx. */
export const RETENTION_EVERY_MS = 60 * 60_000;
/** Rows per transaction: a run on a large backlog never holds the write lock for long. */
export const RETENTION_BATCH = 500;

/**
 * The steps of a run, in order: requests before their isolations, timeline
 * and handover events (which follow the request's erasure), a charter run before its
 * passengers, pass and needs (which follow the run's erasure), the audit log's
 * personal fields last (they are kept while a request is).
 */
const STEPS = ['escortRequests', 'escortIsolations', 'escortTimeline', 'handoverEvents', 'eventConflicts', 'custodyIsolations', 'charterRuns', 'charterPassengers', 'charterPasses', 'charterNeeds', 'webhookDeliveries', 'passTokens', 'auditPersonal'] as const;
export type RetentionTable = (typeof STEPS)[number];

export interface RetentionReport {
  days: number;
  /** records before this instant (China midnight) were past the period */
  before: string;
  /** rows erased per step; all 0 when there was nothing to erase */
  tables: Record<RetentionTable, number>;
  total: number;
  /** the audit.retention_purge entry, null when nothing was erased (a run that changes nothing leaves no trace) */
  auditSeq: number | null;
}

/**
 * Retention (docs/audit-log.md "Personal fields and retention"): the period in
 * settings, and the run that erases what is older, audited with counts only.
 */
export function retentionService(repos: Repos) {
  const days = async (): Promise<number> => {
    const parsed = retentionDaysSchema.safeParse(await repos.retention.days());
    return parsed.success ? parsed.data : DEFAULT_RETENTION_DAYS;
  };
  return {
    days,
    /** Changes the period (validated by the caller's schema, again here), audited. */
    async setDays(next: number, by: ActedBy): Promise<void> {
      const after = retentionDaysSchema.parse(next);
      await repos.store.transaction(async () => {
        const before = await days();
        await repos.retention.setDays(after);
        await repos.audit.record({ actor: by.actor, action: 'audit.retention_setting', ip: by.ip ?? null, detail: { before, after } });
      });
    },
    cutoff: async (now: Date) => retentionCutoff(now, await days()),
    /** The latest audited erasure (its counts), for the page. */
    lastRun: async () => (await repos.audit.list({ action: 'audit.retention_purge', limit: 1 }))[0] ?? null,

    /**
     * Erases the personal data recorded before the cut-off, in batches of
     * RETENTION_BATCH rows, one transaction each; then one audit entry with the
     * counts. `before` (CLI) overrides the configured period's cut-off.
     */
    async run(now: Date = new Date(), opts: { by?: ActedBy; before?: Date } = {}): Promise<RetentionReport> {
      const by = opts.by ?? BY_SYSTEM;
      const period = await days();
      const cut = retentionCutoff(now, period);
      const at = opts.before ?? cut.at;
      const c: Cutoff = { before: at.toISOString(), day: opts.before ? retentionCutoff(opts.before, 0).day : cut.day, now: now.toISOString() };
      const tables = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<RetentionTable, number>;
      for (const step of STEPS) {
        for (;;) {
          const n = await repos.store.transaction(() => repos.retention[step](c, RETENTION_BATCH));
          tables[step] += n;
          if (n < RETENTION_BATCH) break;
        }
      }
      const total = STEPS.reduce((sum, s) => sum + tables[s], 0);
      let auditSeq: number | null = null;
      if (total > 0) {
        auditSeq = await repos.audit.record({
          actor: by.actor, action: 'audit.retention_purge', ip: by.ip ?? null,
          detail: { before: c.before, auditEntries: tables.auditPersonal, days: period, tables },
        });
      }
      return { days: period, before: c.before, tables, total, auditSeq };
    },
  };
}
export type RetentionService = ReturnType<typeof retentionService>;
