import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { invalid, notFound, Problem } from '../../problem.js';
import { assertEnterpriseAccess, enterpriseFilter, isBureau } from '../enterprises/scope.js';
import type { StoredEvent } from '../ingest/repository.js';
import type { IngestObserver } from '../ingest/service.js';
import type { ApprovedManifest } from '../charter/service.js';
import { arrangementIssue, chinaToday, endIssue, type IsolationArrangementInput, type IsolationEndInput } from '../isolation/schema.js';
import { custodyProjector, type CustodyNotice, type CustodyOverdueNotice } from './projector.js';
import { SYSTEM } from '../../security/actor.js';
import { custodyOverdueOf, custodyStatusOf } from './overdue.js';
import type { CustodyRecord } from './repository.js';
import type { CharterCheckFlag, CustodyListQuery, CustodyTask } from './schema.js';

export interface CustodyDeps {
  repos: Repos;
  /** the charter service's approvedPlaces */
  approvedPlaces(runId: number): Promise<Omit<ApprovedManifest, 'md'> | null>;
  /** the rule set in force: its isolationDays is the shortest isolation accepted */
  isolationDaysAt(now: Date): number;
  /** called after a commit with the tasks it created */
  onHandover?: (notices: CustodyNotice[]) => void | Promise<void>;
  /** called after the overdue sweep committed, with the limits newly passed */
  onOverdue?: (notices: CustodyOverdueNotice[]) => void | Promise<void>;
}

/**
 * Custody tasks: made from charter checks (projector.ts), the isolation the
 * enterprise records for each, and what is overdue (overdue.ts). An enterprise
 * user reaches its own enterprise's tasks only (another's answers 404); the
 * bureau reads all and records nothing.
 */
export function custodyService(deps: CustodyDeps) {
  const { repos } = deps;
  const projector = custodyProjector({ repos, approvedPlaces: deps.approvedPlaces });

  const view = (t: CustodyRecord, now: Date): CustodyTask => ({
    id: t.id, runId: t.runId, plate: t.plate, place: t.place, passenger: t.passenger, enterpriseId: t.enterpriseId, enterpriseName: t.enterpriseName,
    checkpoint: t.checkpoint, eventId: t.eventId, handedOverAt: t.handedOverAt, status: custodyStatusOf(t), isolation: t.isolation,
    overdue: custodyOverdueOf(t, now.getTime()),
  });

  const loadOwn = async (actor: UserActor, id: number): Promise<CustodyRecord> => {
    const t = await repos.custody.get(id);
    if (!t) throw notFound();
    assertEnterpriseAccess(actor, t.enterpriseId);
    return t;
  };
  /** Only the enterprise records; the bureau reads. */
  const assertEnterpriseActs = (actor: UserActor) => {
    if (isBureau(actor)) throw new Problem('forbidden');
  };

  return {
    isolationDays: (now: Date = new Date()) => deps.isolationDaysAt(now),

    async list(actor: UserActor, q: CustodyListQuery, now: Date = new Date()): Promise<{ items: CustodyTask[]; total: number }> {
      const own = enterpriseFilter(actor);
      const enterpriseId = own ?? q.enterpriseId;
      if (q.overdue === 'yes') {
        // Overdue depends on the clock: filter the stored tasks, then page.
        const all = (await repos.custody.list({ enterpriseId, status: q.status })).items.map((t) => view(t, now)).filter((t) => t.overdue.length > 0);
        return { items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: all.length };
      }
      const { items, total } = await repos.custody.list({ enterpriseId, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: items.map((t) => view(t, now)), total };
    },

    async get(actor: UserActor, id: number, now: Date = new Date()): Promise<CustodyTask> {
      return view(await loadOwn(actor, id), now);
    },

    async recordIsolation(actor: UserActor, id: number, input: IsolationArrangementInput, ip: string | null, now: Date = new Date()): Promise<CustodyTask> {
      const at = now.toISOString();
      const isolationDays = deps.isolationDaysAt(now);
      await repos.store.transaction(async () => {
        const t = await loadOwn(actor, id);
        assertEnterpriseActs(actor);
        const exists = () => new Problem('conflict', { errors: [{ path: 'place', message: 'custody.err.isolation_exists' }] });
        if (t.isolation) throw exists();
        const issue = arrangementIssue(input, {
          notBefore: chinaToday(Date.parse(t.handedOverAt)), notBeforeMessage: 'custody.err.start_before_handover', isolationDays, nowMs: now.getTime(),
        });
        if (issue) throw invalid(issue);
        // Another request (on another node) may have recorded one since the read above: the same answer.
        if (!(await repos.custody.insertIsolation(id, { place: input.place, startDate: input.startDate, plannedEnd: input.plannedEnd, responsible: input.responsible }, actor.user.id, at))) {
          throw exists();
        }
        await repos.audit.record({
          actor, action: 'custody.isolation_start', subjectId: id, enterpriseId: t.enterpriseId, ip,
          detail: { place: input.place, startDate: input.startDate, plannedEnd: input.plannedEnd, responsible: input.responsible },
        });
      });
      return view((await repos.custody.get(id))!, now);
    },

    async endIsolation(actor: UserActor, id: number, input: IsolationEndInput, ip: string | null, now: Date = new Date()): Promise<CustodyTask> {
      const at = now.toISOString();
      await repos.store.transaction(async () => {
        const t = await loadOwn(actor, id);
        assertEnterpriseActs(actor);
        if (!t.isolation) throw new Problem('conflict', { errors: [{ path: 'endedOn', message: 'custody.err.isolation_unrecorded' }] });
        const ended = () => new Problem('conflict', { errors: [{ path: 'endedOn', message: 'escort.err.isolation_ended' }] });
        if (t.isolation.endedOn !== null) throw ended();
        const issue = endIssue(input.endedOn, t.isolation, now.getTime());
        if (issue) throw invalid(issue);
        // Another request (on another node) may have recorded the end since the read above: the same answer.
        if (!(await repos.custody.endIsolation(id, input.endedOn, actor.user.id, at))) throw ended();
        await repos.audit.record({ actor, action: 'custody.isolation_end', subjectId: id, enterpriseId: t.enterpriseId, ip, detail: { endedOn: input.endedOn, plannedEnd: t.isolation.plannedEnd } });
      });
      return view((await repos.custody.get(id))!, now);
    },

    /** Records each limit a task newly passed, once: in the audit log and as a notice (the enterprise's webhook). Run every minute. */
    async sweepOverdue(now: Date = new Date()): Promise<CustodyOverdueNotice[]> {
      const at = now.toISOString();
      const out: CustodyOverdueNotice[] = [];
      await repos.store.transaction(async () => {
        for (const t of (await repos.custody.list({ status: 'active' })).items) {
          for (const o of custodyOverdueOf(t, now.getTime())) {
            // Once across the nodes: the sweep runs under a job lease, and the record is ON CONFLICT DO NOTHING besides.
            if (!(await repos.custody.recordOverdue(t.id, o.kind, o.since, at))) continue;
            await repos.audit.record({ actor: SYSTEM, action: 'custody.overdue', subjectId: t.id, enterpriseId: t.enterpriseId, detail: { kind: o.kind, since: o.since } });
            out.push({ type: 'custody.overdue', enterpriseId: t.enterpriseId, taskId: t.id, kind: o.kind, since: o.since });
          }
        }
      });
      if (out.length > 0) await deps.onOverdue?.(out);
      return out;
    },

    /** Per enterprise, how many of its tasks are overdue now (the bureau's enterprise list marks them). */
    async overdueByEnterprise(now: Date = new Date()): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      for (const t of (await repos.custody.list({ status: 'active' })).items) {
        if (custodyOverdueOf(t, now.getTime()).length > 0) out.set(t.enterpriseId, (out.get(t.enterpriseId) ?? 0) + 1);
      }
      return out;
    },

    /** The bureau's list of charter checks the server could not back up. */
    async flags(actor: UserActor, page: { limit: number; offset?: number }): Promise<{ items: CharterCheckFlag[]; total: number }> {
      if (!isBureau(actor)) throw new Problem('forbidden');
      return repos.custody.flags(page);
    },

    /** Follows ingest: charter checks stored by an upload become tasks in the same transaction. */
    ingestObserver: {
      async stored(events: readonly StoredEvent[], receivedAt: string): Promise<() => void> {
        const out = await projector.project(events, receivedAt);
        return async () => {
          if (out.length > 0) await deps.onHandover?.(out);
        };
      },
    } satisfies IngestObserver,

    /** Projects charter checks stored before this feature existed (or without it); idempotent, run at start. */
    async catchUp(now: Date = new Date()): Promise<number> {
      const out = await repos.store.transaction(() => projector.catchUp(now.toISOString()));
      if (out.length > 0) await deps.onHandover?.(out);
      return out.length;
    },
  };
}
export type CustodyService = ReturnType<typeof custodyService>;
