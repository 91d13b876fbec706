import { bucketCounts, quantile } from '../../../core/charts/index.js';
import { chinaToday, dayOf, chinaMidnightOfDay } from '../isolation/schema.js';
import { overdueOf } from '../escorts/overdue.js';
import { custodyOverdueOf } from '../custody/overdue.js';
import { SEARCH_DECISIONS } from '../audit-console/schema.js';
import type { Repos } from '../../repositories.js';
import type { EscortsService } from '../escorts/service.js';
import type { RuleSet } from '../../../core/rules/index.js';
import { dashboardRepo, type Bucket } from './repository.js';
import type { DashboardQuery, DashboardRange } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * An outbox this long means the scanner has not uploaded for a while (it
 * uploads after every check when online). No rule-set limit exists for it;
 * 20 is a working threshold, shown on the page.
 */
export const QUEUE_LONG = 20;
/** A device silent this long during operations is worth a look (shown on the page). */
export const UNSEEN_AFTER_SEC = 24 * 3600;
/** Minutes from the ESCORT decision to the handover: upper bounds of the histogram's buckets (the last is open). */
export const HANDOVER_EDGES_MIN = [15, 30, 60, 120, 240] as const;

/** The period the query string asks for, as China days and the receipt-time instants. */
export function rangeOf(q: DashboardQuery, nowMs: number): DashboardRange {
  const day = q.day ?? chinaToday(nowMs);
  const period = q.period ?? 'day';
  const last = dayOf(day);
  const first = period === 'week' ? last - 6 : last;
  return {
    day,
    period,
    firstDay: new Date(first * DAY_MS).toISOString().slice(0, 10),
    from: chinaMidnightOfDay(first),
    to: chinaMidnightOfDay(last + 1),
    checkpointId: q.checkpoint,
  };
}

/** The x axis: 24 China hours, or the period's China dates. */
export function bucketsOf(r: DashboardRange): { bucket: Bucket; keys: Array<string | number> } {
  if (r.period === 'day') return { bucket: 'hour', keys: Array.from({ length: 24 }, (_, h) => h) };
  const first = dayOf(r.firstDay);
  return { bucket: 'day', keys: Array.from({ length: 7 }, (_, i) => new Date((first + i) * DAY_MS).toISOString().slice(0, 10)) };
}

export type DeviceIssue = 'stale' | 'aging' | 'queue' | 'unseen';

export interface DashboardDeps {
  repos: Repos;
  escorts: Pick<EscortsService, 'limits'>;
  ruleSetAt(now: Date): RuleSet;
}

/**
 * Everything the dashboard shows, from the period's events (one grouped query
 * per panel, dashboardRepo) and from what is open now: escort requests and
 * custody tasks through the escort and custody features' own overdue rules,
 * devices against the rule set's trust-bundle age limits.
 */
export function dashboardService(deps: DashboardDeps) {
  const { repos } = deps;
  const repo = dashboardRepo(repos.store);

  return {
    repo,
    async data(r: DashboardRange, now: Date) {
      const nowMs = now.getTime();
      const cpNames = new Map((await repos.checkpoints.list()).map((c) => [c.id, c.name] as const));
      const nameOf = (id: number) => cpNames.get(id) ?? `#${id}`;
      const { bucket, keys } = bucketsOf(r);
      const index = new Map(keys.map((k, i) => [k, i] as const));

      // (1) decisions per bucket, (2) decisions in the period.
      const decisionRows = await repo.decisions(r, bucket);
      const decisions = SEARCH_DECISIONS.map((decision) => {
        const perBucket = keys.map(() => 0);
        for (const row of decisionRows) if (row.decision === decision && index.has(row.bucket)) perBucket[index.get(row.bucket)!]! += row.n;
        return { decision, perBucket, total: perBucket.reduce((a, b) => a + b, 0) };
      }).filter((d) => d.total > 0 || d.decision !== 'CUSTODY');

      // (1) per checkpoint per bucket (small multiples).
      const perCp = new Map<number, number[]>();
      for (const row of await repo.checkpoints(r, bucket)) {
        const arr = perCp.get(row.checkpointId) ?? keys.map(() => 0);
        if (index.has(row.bucket)) arr[index.get(row.bucket)!]! += row.n;
        perCp.set(row.checkpointId, arr);
      }
      const checkpoints = [...perCp.entries()]
        .map(([checkpointId, perBucket]) => ({ checkpointId, name: nameOf(checkpointId), perBucket, total: perBucket.reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
      const totalChecks = checkpoints.reduce((a, c) => a + c.total, 0);

      // (3) fever.
      const feverCp = new Map<number, { n: number; hold: number }>();
      for (const row of await repo.fever(r)) {
        const f = feverCp.get(row.checkpointId) ?? { n: 0, hold: 0 };
        f.n += row.n;
        if (row.decision === 'HOLD') f.hold += row.n;
        feverCp.set(row.checkpointId, f);
      }
      const fever = {
        byCheckpoint: [...feverCp.entries()].map(([checkpointId, f]) => ({ checkpointId, name: nameOf(checkpointId), ...f })).sort((a, b) => b.n - a.n),
        total: [...feverCp.values()].reduce((a, f) => a + f.n, 0),
        hold: [...feverCp.values()].reduce((a, f) => a + f.hold, 0),
      };

      // (5) ESCORT → handover, device times (the first handover when a check has several).
      const firstHandover = new Map<string, number | null>();
      for (const row of await repo.handovers(r)) {
        const at = row.handoverTime === null ? null : Date.parse(row.handoverTime);
        const had = firstHandover.get(row.checkEventId);
        const min = at === null ? (had ?? null) : had == null ? at - Date.parse(row.checkTime) : Math.min(had, at - Date.parse(row.checkTime));
        firstHandover.set(row.checkEventId, min);
      }
      const minutes = [...firstHandover.values()].filter((v): v is number => v !== null).map((ms) => Math.max(0, ms) / 60_000).sort((a, b) => a - b);
      const handover = {
        escortChecks: firstHandover.size,
        handedOver: minutes.length,
        pending: firstHandover.size - minutes.length,
        median: quantile(minutes, 0.5),
        p90: quantile(minutes, 0.9),
        buckets: bucketCounts(minutes, HANDOVER_EDGES_MIN),
      };

      // (4) escort requests open now, and (6) isolation owed, by the escort feature's rules.
      const limits = deps.escorts.limits(now);
      const active = (await repos.escorts.active()).filter((e) => r.checkpointId === undefined || e.checkpoint.id === r.checkpointId);
      const byStatus: Record<string, number> = { open: 0, dispatched: 0, in_transit: 0, arrived: 0 };
      const overdueKinds = { wait: 0, transit: 0, isolation_unrecorded: 0, isolation_end: 0 };
      let overdueRequests = 0;
      const today = chinaToday(nowMs);
      let escortEndingToday = 0;
      for (const e of active) {
        byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
        const o = overdueOf(e, limits, nowMs);
        if (o.length > 0) overdueRequests += 1;
        for (const x of o) overdueKinds[x.kind] += 1;
        escortEndingToday += e.isolations.filter((i) => i.endedOn === null && i.plannedEnd === today).length;
      }
      const escorts = { active: active.length, byStatus, overdue: overdueRequests, overdueKinds };

      // (6) charter custody isolation, by the custody feature's rules.
      const tasks = (await repos.custody.list({ status: 'active' })).items.filter((t) => r.checkpointId === undefined || t.checkpoint.id === r.checkpointId);
      const custody = { active: tasks.length, unrecorded: 0, endOverdue: 0, endingToday: 0 };
      for (const t of tasks) {
        for (const o of custodyOverdueOf(t, nowMs)) {
          if (o.kind === 'isolation_unrecorded') custody.unrecorded += 1;
          else custody.endOverdue += 1;
        }
        if (t.isolation && t.isolation.endedOn === null && t.isolation.plannedEnd === today) custody.endingToday += 1;
      }
      const isolation = {
        escortUnrecorded: overdueKinds.isolation_unrecorded,
        escortEndOverdue: overdueKinds.isolation_end,
        escortEndingToday,
        custodyUnrecorded: custody.unrecorded,
        custodyEndOverdue: custody.endOverdue,
        custodyEndingToday: custody.endingToday,
      };

      // (7) devices against the rule set's trust-bundle limits.
      const rules = deps.ruleSetAt(now);
      const devices = (await repos.devices.list({ status: 'active', ...(r.checkpointId === undefined ? {} : { checkpointId: r.checkpointId }) }))
        .map((d) => {
          // The age was reported at reported_at; it has grown since unless the device fetched a bundle (it would report again).
          const bundleAgeNow = d.bundleAgeSec === null || d.reportedAt === null ? null : d.bundleAgeSec + Math.max(0, Math.floor((nowMs - Date.parse(d.reportedAt)) / 1000));
          const issues: DeviceIssue[] = [];
          if (bundleAgeNow !== null && bundleAgeNow > rules.trustMaxAgeSec) issues.push('stale');
          else if (bundleAgeNow !== null && bundleAgeNow > rules.trustWarnAgeSec) issues.push('aging');
          if (d.queueLength !== null && d.queueLength >= QUEUE_LONG) issues.push('queue');
          if (d.lastSeenAt === null || nowMs - Date.parse(d.lastSeenAt) > UNSEEN_AFTER_SEC * 1000) issues.push('unseen');
          return { id: d.id, label: d.label, checkpointName: d.checkpointName, bundleAgeNow, queueLength: d.queueLength, lastSeenAt: d.lastSeenAt, issues };
        });
      const deviceCounts = {
        active: devices.length,
        stale: devices.filter((d) => d.issues.includes('stale')).length,
        aging: devices.filter((d) => d.issues.includes('aging')).length,
        queue: devices.filter((d) => d.issues.includes('queue')).length,
        unseen: devices.filter((d) => d.issues.includes('unseen')).length,
      };

      return {
        range: r,
        keys,
        bucket,
        decisions,
        checkpoints,
        totalChecks,
        fever,
        handover,
        escorts,
        isolation,
        devices: { rows: devices.filter((d) => d.issues.length > 0), counts: deviceCounts, maxAgeSec: rules.trustMaxAgeSec, warnAgeSec: rules.trustWarnAgeSec },
      };
    },
  };
}
export type DashboardData = Awaited<ReturnType<ReturnType<typeof dashboardService>['data']>>;
