import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../../db/store.js';
import { jobLeasesRepo } from './repository.js';

/** What one tick of a job did on this node. */
export type JobOutcome = 'ran' | 'held' | 'failed';

/** What the runner needs of the timers: the real ones in the server, a hand-driven pair in tests. */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: unknown): void;
}

export interface ClusterJobsOptions {
  /** This node's name (KAKOU_NODE_ID; default the host name). The lease rows hold it with the pid and a random suffix, unique per process. */
  nodeName?: string;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  timers?: IntervalTimers;
  /** Where a failing job or a failing lease query is reported (the app's logger). */
  onError?: (error: unknown, job: string) => void;
  /** Runs before each job this node runs: brings the node's snapshots up to date (the published rule sets). */
  beforeRun?: () => Promise<void>;
}

export interface EveryOptions {
  /** Also tick once now (after the first tick the timer takes over). */
  runAtStart?: boolean;
  /** How long this node's run holds the lease if the node dies mid-run (default: the period). */
  leaseMs?: number;
}

/**
 * A timer that slips a little (a busy event loop, two clocks a few ms apart) must not skip a whole period:
 * a job is due when its last start is at least the period minus this ago.
 */
export const dueSlackMs = (periodMs: number): number => Math.min(1_000, Math.floor(periodMs / 10));

/**
 * Background jobs that run once across every node sharing the database (issue 16).
 *
 * `every(name, periodMs, fn)` ticks on each node every period, and each tick asks the database for the
 * job's lease (features/jobs/repository.ts). The node that gets it runs fn; the others skip (`held`). The
 * lease is taken only when the job is due (its last run, on any node, started a period ago or more), so
 * fn runs at most once a period across the cluster, whichever nodes tick. A run that throws is reported,
 * recorded as `failed` and frees the lease; the next period tries again. If the holder dies mid-run its
 * lease lapses after `leaseMs` (the period by default), and the next due tick on another node takes the job.
 *
 * `exclusive(name, fn)` runs fn under a lease with no period, for work that one node at a time must do,
 * and returns `held` when another node is running it. Nothing uses it yet: the webhook queue claims each
 * delivery itself (docs/database.md).
 *
 * `stop()` clears the timers and waits for the runs in flight; the app calls it on close.
 */
export function clusterJobs(store: Store, opts: ClusterJobsOptions = {}) {
  const repo = jobLeasesRepo(store);
  // Per process, not per name: a restarted node must not take over the leases its previous run held until they lapse,
  // and two processes given the same name by mistake must still not both run a job.
  const nodeId = `${opts.nodeName ?? hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const clock = opts.clock ?? Date.now;
  const timers = opts.timers ?? globalThis;
  const handles: unknown[] = [];
  const running = new Map<string, Promise<JobOutcome>>();
  let stopped = false;
  const report = (error: unknown, job: string) => {
    if (opts.onError) opts.onError(error, job);
    else process.emitWarning(`job ${job} failed: ${error instanceof Error ? error.message : String(error)}`, 'KakouJobWarning');
  };

  async function run(name: string, leaseMs: number, lastStartedBefore: ((now: number) => number) | null, fn: (now: Date) => unknown): Promise<JobOutcome> {
    const now = clock();
    try {
      const got = await repo.acquire(name, nodeId, { now, leaseUntil: now + leaseMs, ...(lastStartedBefore ? { lastStartedBefore: lastStartedBefore(now) } : {}) });
      if (!got) return 'held';
    } catch (error) {
      report(error, name);
      return 'failed';
    }
    let outcome: JobOutcome = 'ran';
    let message: string | null = null;
    try {
      await opts.beforeRun?.();
      await fn(new Date(now));
    } catch (error) {
      report(error, name);
      outcome = 'failed';
      message = error instanceof Error ? error.message : String(error);
    }
    try {
      await repo.release(name, nodeId, { now: clock(), outcome: outcome === 'ran' ? 'ok' : 'failed', error: message });
    } catch (error) {
      // The lease lapses by itself; the run happened.
      report(error, name);
    }
    return outcome;
  }

  /** One run at a time per job on this node: a tick while the last run is still going is `held`. */
  function once(name: string, go: () => Promise<JobOutcome>): Promise<JobOutcome> {
    if (stopped || running.has(name)) return Promise.resolve('held');
    const p = go().finally(() => running.delete(name));
    running.set(name, p);
    return p;
  }

  return {
    nodeId,
    repo,
    every(name: string, periodMs: number, fn: (now: Date) => unknown, o: EveryOptions = {}) {
      const leaseMs = o.leaseMs ?? periodMs;
      const slack = dueSlackMs(periodMs);
      const tick = (): Promise<JobOutcome> => once(name, () => run(name, leaseMs, (now) => now - periodMs + slack, fn));
      if (!stopped) {
        const handle = timers.setInterval(() => void tick(), periodMs);
        handle.unref?.();
        handles.push(handle);
        if (o.runAtStart) void tick();
      }
      return { name, periodMs, tick };
    },
    exclusive<T>(name: string, fn: () => Promise<T>, o: { leaseMs?: number } = {}): Promise<{ outcome: JobOutcome; value?: T }> {
      let value: T | undefined;
      return once(name, () =>
        run(name, o.leaseMs ?? 10 * 60_000, null, async () => {
          value = await fn();
        }),
      ).then((outcome) => (value === undefined ? { outcome } : { outcome, value }));
    },
    /** Waits for the runs in flight on this node. */
    async settled(): Promise<void> {
      await Promise.all([...running.values()]);
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const h of handles.splice(0)) timers.clearInterval(h);
      await Promise.all([...running.values()]);
    },
  };
}
export type ClusterJobs = ReturnType<typeof clusterJobs>;
