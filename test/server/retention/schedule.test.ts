import t from 'tap';
import { retentionSchedule } from '../../../src/server/features/retention/schedule.js';
import { RETENTION_EVERY_MS } from '../../../src/server/features/retention/service.js';
import { clusterJobs } from '../../../src/server/features/jobs/runner.js';
import { freshSqliteStore } from '../../helpers/engines.js';

/** Timers driven by hand: the callback is called when the test says an interval passed. */
function handTimers() {
  const state = { fn: null as (() => void) | null, ms: 0, unrefd: false, cleared: false };
  return {
    state,
    timers: {
      setInterval(fn: () => void, ms: number) {
        state.fn = fn;
        state.ms = ms;
        return { unref: () => (state.unrefd = true) };
      },
      clearInterval() {
        state.cleared = true;
      },
    },
  };
}

// A cluster job since issue 16 (features/jobs; its own tests cover several nodes): here, one node.
t.test('retention runs at start and then every hour at the clock\'s time; a failing run is reported and the next one runs', async (t) => {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const runs: string[] = [];
  const errors: unknown[] = [];
  const { state, timers } = handTimers();
  let fail = false;
  const jobs = clusterJobs(freshSqliteStore(t).store, { nodeName: 'node-a', clock: () => now, timers, onError: (e) => errors.push(e) });
  const s = await retentionSchedule({
    jobs,
    run: (at) => {
      if (fail) throw new Error('disk full');
      runs.push(at.toISOString());
    },
  });
  t.same(runs, ['2026-06-01T00:00:00.000Z'], 'once at start, before the schedule resolves');
  t.equal(state.ms, RETENTION_EVERY_MS);
  t.equal(RETENTION_EVERY_MS, 3_600_000, 'hourly');
  t.ok(state.unrefd, 'never keeps the process alive');
  now += RETENTION_EVERY_MS;
  state.fn!();
  await jobs.settled();
  fail = true;
  now += RETENTION_EVERY_MS;
  t.equal(await s.tick(), 'failed');
  fail = false;
  now += RETENTION_EVERY_MS;
  state.fn!();
  await jobs.settled();
  t.same(runs, ['2026-06-01T00:00:00.000Z', '2026-06-01T01:00:00.000Z', '2026-06-01T03:00:00.000Z']);
  t.equal(errors.length, 1);
  await jobs.stop();
  t.ok(state.cleared, 'stopped on close');
});

t.test('the server schedules it: a fresh app erases what is past the period when it is ready', async (t) => {
  const { setup } = await import('../../helpers/app.js');
  const ctx = await setup(t);
  t.equal(await ctx.app.services.retention.days(), 180);
  t.equal((await ctx.repos.audit.list({ action: 'audit.retention_purge', limit: 1 })).length, 0, 'nothing to erase leaves no entry');
});
