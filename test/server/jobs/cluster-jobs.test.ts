/**
 * Background jobs run once across the nodes sharing a database (issue 16; features/jobs), on both engines.
 * Two runners on one database stand for two nodes; their timers are driven by hand and their clocks are
 * the test's, so "a period later" is exact.
 */
import t from 'tap';
import { onEachEngine } from '../../helpers/engines.js';
import { clusterJobs, dueSlackMs, type IntervalTimers } from '../../../src/server/features/jobs/runner.js';
import { jobLeasesRepo } from '../../../src/server/features/jobs/repository.js';

const T0 = Date.parse('2026-12-01T04:00:00.000Z');
const PERIOD = 60_000;

function handTimers() {
  const state = { fns: [] as (() => void)[], ms: [] as number[], unrefd: 0, cleared: 0 };
  const timers: IntervalTimers = {
    setInterval(fn, ms) {
      state.fns.push(fn);
      state.ms.push(ms);
      return { unref: () => void state.unrefd++ };
    },
    clearInterval() {
      state.cleared++;
    },
  };
  return { state, timers };
}

await onEachEngine(t, 'two nodes on one database: the job runs once per period, whichever node ticks', async (t, store) => {
  let now = T0;
  const clock = () => now;
  const runs: string[] = [];
  const a = clusterJobs(store, { nodeName: 'node-a', clock, timers: handTimers().timers });
  const b = clusterJobs(store, { nodeName: 'node-b', clock, timers: handTimers().timers });
  const ja = a.every('sweep', PERIOD, () => void runs.push(`a@${now - T0}`));
  const jb = b.every('sweep', PERIOD, () => void runs.push(`b@${now - T0}`));

  t.same((await Promise.all([ja.tick(), jb.tick()])).sort(), ['held', 'ran'], 'both tick at once: one runs, the other is held');
  now += PERIOD / 2;
  t.same([await ja.tick(), await jb.tick()], ['held', 'held'], 'half a period later neither runs it again');
  now = T0 + PERIOD - dueSlackMs(PERIOD);
  t.equal(await jb.tick(), 'ran', 'a period later (within the slack for a slipping timer) B gets it');
  t.equal(await ja.tick(), 'held', 'and A, ticking just after, does not');
  now = T0 + 2 * PERIOD;
  t.same((await Promise.all([jb.tick(), ja.tick()])).sort(), ['held', 'ran']);
  t.same(runs.map((r) => r.slice(2)), ['0', '59000', '120000'], `once per period in all (${runs.join(', ')})`);
  t.equal(runs[1], 'b@59000');

  const row = await jobLeasesRepo(store).get('sweep');
  t.match(row, { holder: null, lastStartedAt: T0 + 2 * PERIOD, lastEndedAt: T0 + 2 * PERIOD, lastOutcome: 'ok' }, 'released, with the last run recorded');
  await a.stop();
  await b.stop();
});

await onEachEngine(t, 'concurrent ticks from several nodes: exactly one runs', async (t, store) => {
  const now = T0;
  let ran = 0;
  const nodes = Array.from({ length: 6 }, (_, i) => clusterJobs(store, { nodeName: `node-${i}`, clock: () => now, timers: handTimers().timers }));
  const jobs = nodes.map((n) => n.every('checkpoint', PERIOD, async () => void ran++));
  const outcomes = await Promise.all(jobs.map((j) => j.tick()));
  t.equal(outcomes.filter((o) => o === 'ran').length, 1, `one ran: ${outcomes.join(', ')}`);
  t.equal(outcomes.filter((o) => o === 'held').length, 5);
  t.equal(ran, 1);
  await Promise.all(nodes.map((n) => n.stop()));
});

await onEachEngine(t, 'a holder that died mid-run: its lease lapses and another node takes over', async (t, store) => {
  let now = T0;
  const clock = () => now;
  const errors: unknown[] = [];
  // Node A takes the lease and "dies": its run never ends, so it never releases.
  const leases = jobLeasesRepo(store);
  t.ok(await leases.acquire('retention', 'node-a', { now, leaseUntil: now + PERIOD, lastStartedBefore: now - PERIOD }), 'A holds it');
  const b = clusterJobs(store, { nodeName: 'node-b', clock, timers: handTimers().timers, onError: (e) => errors.push(e) });
  let ran = 0;
  const jb = b.every('retention', PERIOD, () => void ran++);
  now += PERIOD / 2;
  t.equal(await jb.tick(), 'held', 'while A\'s lease runs, B waits');
  now = T0 + PERIOD;
  t.equal(await jb.tick(), 'ran', 'once it has lapsed, B runs the job');
  t.equal(ran, 1);
  t.equal(await leases.release('retention', 'node-a', { now, outcome: 'ok' }), false, 'A coming back cannot release B\'s run');
  t.match(await leases.get('retention'), { holder: null, lastOutcome: 'ok', lastStartedAt: T0 + PERIOD });
  t.same(errors, []);
  await b.stop();
});

await onEachEngine(t, 'a failing run is reported, recorded and frees the lease; the next period tries again', async (t, store) => {
  let now = T0;
  const errors: string[] = [];
  const a = clusterJobs(store, { nodeName: 'node-a', clock: () => now, timers: handTimers().timers, onError: (e, job) => errors.push(`${job}: ${(e as Error).message}`) });
  let fail = true;
  const ja = a.every('overdue', PERIOD, () => {
    if (fail) throw new Error('disk full');
  });
  t.equal(await ja.tick(), 'failed');
  t.same(errors, ['overdue: disk full']);
  t.match(await a.repo.get('overdue'), { holder: null, lastOutcome: 'failed', lastError: 'disk full' });
  fail = false;
  t.equal(await ja.tick(), 'held', 'not again within the period');
  now += PERIOD;
  t.equal(await ja.tick(), 'ran');
  t.match(await a.repo.get('overdue'), { lastOutcome: 'ok', lastError: null });
  await a.stop();
});

await onEachEngine(t, 'exclusive: a run lease without a period, held while another node runs it', async (t, store) => {
  const now = T0;
  const a = clusterJobs(store, { nodeName: 'node-a', clock: () => now, timers: handTimers().timers });
  const b = clusterJobs(store, { nodeName: 'node-b', clock: () => now, timers: handTimers().timers });
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first = a.exclusive('webhooks.deliver', async () => {
    await gate;
    return 3;
  });
  // Let A's acquire land before B asks.
  while ((await a.repo.get('webhooks.deliver'))?.holder !== a.nodeId) await new Promise((r) => setImmediate(r));
  t.same(await b.exclusive('webhooks.deliver', async () => 1), { outcome: 'held' }, 'B is held while A runs');
  t.same(await a.exclusive('webhooks.deliver', async () => 1), { outcome: 'held' }, 'and A does not start a second run of its own');
  release();
  t.same(await first, { outcome: 'ran', value: 3 });
  t.same(await b.exclusive('webhooks.deliver', async () => 2), { outcome: 'ran', value: 2 }, 'free again: no period to wait for');
  await a.stop();
  await b.stop();
});

await onEachEngine(t, 'two processes given one KAKOU_NODE_ID by mistake still never run a job twice', async (t, store) => {
  const now = T0;
  const a = clusterJobs(store, { nodeName: 'kunshan-1', clock: () => now, timers: handTimers().timers });
  const b = clusterJobs(store, { nodeName: 'kunshan-1', clock: () => now, timers: handTimers().timers });
  t.match(a.nodeId, new RegExp(`^kunshan-1:${process.pid}:[0-9a-f]{8}$`), 'the lease holder is the name, the pid and a suffix');
  t.not(a.nodeId, b.nodeId, 'unique per process');
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first = a.exclusive('slow', () => gate);
  while ((await a.repo.get('slow'))?.holder !== a.nodeId) await new Promise((r) => setImmediate(r));
  t.same(await b.exclusive('slow', async () => 1), { outcome: 'held' }, 'the namesake is held');
  release();
  t.match(await first, { outcome: 'ran' });
  await a.stop();
  await b.stop();
});

t.test('timers: unref\'d, one per job at its period, cleared by stop(), which waits for the run in flight', async (t) => {
  const { freshSqliteStore } = await import('../../helpers/engines.js');
  const { store } = freshSqliteStore(t);
  const { state, timers } = handTimers();
  const jobs = clusterJobs(store, { nodeName: 'node-a', timers });
  let finished = false;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  jobs.every('slow', 5_000, async () => {
    await gate;
    finished = true;
  }, { runAtStart: true });
  jobs.every('other', 60_000, () => {});
  t.same(state.ms, [5_000, 60_000]);
  t.equal(state.unrefd, 2, 'never keeps the process alive');
  while ((await jobs.repo.get('slow'))?.holder !== jobs.nodeId) await new Promise((r) => setImmediate(r));
  const stopping = jobs.stop();
  t.equal(state.cleared, 2);
  setTimeout(release, 20);
  await stopping;
  t.ok(finished, 'stop() waited for the run');
  const after = clusterJobs(store, { nodeName: 'node-b', timers });
  await after.stop();
  t.equal(await after.every('late', 1_000, () => {}).tick(), 'held', 'a stopped runner runs nothing');
});
