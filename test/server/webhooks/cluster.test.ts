/**
 * Two nodes on one database (issue 16). The webhook queue needs no cluster lease: each delivery is claimed
 * by a conditional UPDATE before it is sent (repository.ts `claim`), so two nodes draining at once send
 * each delivery once. The second app over the same database stands for the second node: its own
 * repositories, store and jobs, with its own node id.
 */
import t from 'tap';
import { addEndpoint, hookWorld, localReceiver } from './harness.js';

t.test('two nodes draining the queue at once send each delivery once', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [200]);
  await addEndpoint(t, w.a1, rx.url);
  const node2 = await w.restart();
  t.not(node2.jobs.nodeId, w.app.jobs.nodeId, 'two node ids');
  for (let i = 1; i <= 3; i++) await w.app.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: i });

  await Promise.all([w.app.services.webhookWorker.tick(), node2.services.webhookWorker.tick()]);
  t.equal(rx.received.length, 3, 'each delivery sent once');
  t.same(rx.received.map((r) => (JSON.parse(r.body) as { data: { requestId: number } }).data.requestId).sort(), [1, 2, 3]);
  await Promise.all([w.app.services.webhookWorker.tick(), node2.services.webhookWorker.tick()]);
  t.equal(rx.received.length, 3, 'nothing left to send');
});

t.test('the retention job ran once when the first node was ready; the second found it not due', async (t) => {
  const w = await hookWorld(t);
  const first = await w.app.jobs.repo.get('retention');
  t.match(first, { holder: null, lastOutcome: 'ok' });
  const node2 = await w.restart();
  await node2.jobs.settled();
  t.same(await w.app.jobs.repo.get('retention'), first, 'no second run within the hour');
});
