import t from 'tap';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { addEndpoint, hookWorld, localReceiver, type Received } from './harness.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../../src/server/features/webhooks/delivery.js';
import type { Store } from '../../../src/server/db/store.js';

/**
 * Verifies a delivery exactly as docs/webhooks.md tells a receiver to, written
 * here from the recipe and not with the server's code: HMAC-SHA256 keyed with
 * the secret's text over "<x-kakou-timestamp>.<raw body>", hex, after "v1=".
 */
function verifyAsReceiver(r: Received, secret: string, nowSec: number, windowSec = 300): boolean {
  const ts = String(r.headers['x-kakou-timestamp'] ?? '');
  const sig = String(r.headers['x-kakou-signature'] ?? '');
  if (!/^\d+$/.test(ts) || Math.abs(nowSec - Number(ts)) > windowSec) return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex');
  return sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
}

/** A delivery's row as stored, on the engine under test. */
const deliveryRow = (store: Store, id: string) =>
  store
    .q()
    .selectFrom('webhook_deliveries')
    .select(['status', 'attempts', 'next_attempt_at', 'last_status', 'last_error'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const MASKED = { plate: '苏E12345', people: [{ name: '张三', maskedId: '**************002X', phone: '138****5678' }] };

t.test('a real local receiver gets a signed delivery it can verify on its own', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [200]);
  const { secret } = await addEndpoint(t, w.a1, rx.url);
  const { eventId, deliveryIds } = await w.app.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: 7, ...MASKED }, w.clock.now());
  t.equal(deliveryIds.length, 1);
  t.equal(await w.app.services.webhookWorker.tick(), 1, 'one delivery attempted');
  t.equal(rx.received.length, 1, 'the receiver got it');
  const r = rx.received[0]!;
  t.equal(r.method, 'POST');
  t.equal(r.url, '/kakou-hook');
  t.equal(r.headers['content-type'], 'application/json');
  t.equal(r.headers['x-kakou-event'], 'escort.requested');
  t.equal(r.headers['x-kakou-delivery'], deliveryIds[0]);
  t.equal(r.headers['x-kakou-timestamp'], String(Math.floor(w.clock.now().getTime() / 1000)));
  t.match(String(r.headers['x-kakou-signature']), /^v1=[0-9a-f]{64}$/);
  t.ok(verifyAsReceiver(r, secret, Math.floor(w.clock.now().getTime() / 1000)), 'the signature verifies with the recipe and the secret shown once');
  t.notOk(verifyAsReceiver(r, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), Math.floor(w.clock.now().getTime() / 1000)), 'not with another secret');
  t.notOk(verifyAsReceiver({ ...r, body: r.body.replace('苏E12345', '苏E99999') }, secret, Math.floor(w.clock.now().getTime() / 1000)), 'not over a changed body');
  t.notOk(verifyAsReceiver(r, secret, Math.floor(w.clock.now().getTime() / 1000) + 3600), 'not an hour later (replay window)');
  const body = JSON.parse(r.body) as Record<string, unknown>;
  t.same(body, { id: eventId, type: 'escort.requested', createdAt: w.clock.now().toISOString(), enterpriseId: w.A, data: { requestId: 7, ...MASKED } });
  t.notMatch(r.body, secret, 'the secret never travels');
  t.match(await deliveryRow(w.store, deliveryIds[0]!), { status: 'delivered', attempts: 1, next_attempt_at: null, last_status: 200 });
});

t.test('retries with backoff: 500, then 200 (clock moved by hand)', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [500, 503, 200]);
  await addEndpoint(t, w.a1, rx.url);
  const [id] = (await w.app.services.webhooks.enqueue(w.A, 'escort.dispatched', { requestId: 1 }, w.clock.now())).deliveryIds;
  const tick = () => w.app.services.webhookWorker.tick();

  await tick();
  let row = await deliveryRow(w.store, id!);
  t.match(row, { status: 'pending', attempts: 1, last_status: 500 }, 'first attempt: 500');
  t.equal(row.next_attempt_at, new Date(w.clock.now().getTime() + 30_000).toISOString(), 'next in 30 s');

  w.clock.advance(29_000);
  t.equal(await tick(), 0, 'not due before its time');
  w.clock.advance(1_000);
  t.equal(await tick(), 1);
  row = await deliveryRow(w.store, id!);
  t.match(row, { status: 'pending', attempts: 2, last_status: 503 });
  t.equal(row.next_attempt_at, new Date(w.clock.now().getTime() + 120_000).toISOString(), 'then 2 min');

  w.clock.advance(120_000);
  await tick();
  t.match(await deliveryRow(w.store, id!), { status: 'delivered', attempts: 3, last_status: 200, next_attempt_at: null, last_error: null });
  t.equal(rx.received.length, 3);
  t.equal(new Set(rx.received.map((r) => r.headers['x-kakou-delivery'])).size, 1, 'one delivery id across attempts');
  t.equal(new Set(rx.received.map((r) => r.body)).size, 1, 'the same body each time');
  t.not(rx.received[0]!.headers['x-kakou-timestamp'], rx.received[2]!.headers['x-kakou-timestamp'], 'each attempt signed at its own time');
});

t.test('gives up after the last attempt; the enterprise re-sends it', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [500]);
  const { id: endpointId } = await addEndpoint(t, w.a1, rx.url);
  const [id] = (await w.app.services.webhooks.enqueue(w.A, 'escort.overdue', { requestId: 3 }, w.clock.now())).deliveryIds;
  t.same(RETRY_DELAYS_MS, [30_000, 120_000, 600_000, 3_600_000, 21_600_000], 'the documented schedule');
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    t.equal(await w.app.services.webhookWorker.tick(), 1, `attempt ${i + 1}`);
    const row = await deliveryRow(w.store, id!);
    if (i < MAX_ATTEMPTS - 1) {
      t.equal(row.status, 'pending');
      w.clock.advance(RETRY_DELAYS_MS[i]!);
    }
  }
  t.match(await deliveryRow(w.store, id!), { status: 'failed', attempts: 6, next_attempt_at: null, last_status: 500 }, 'failed after 6 attempts');
  w.clock.advance(86_400_000);
  t.equal(await w.app.services.webhookWorker.tick(), 0, 'never tried again by itself');
  t.equal(rx.received.length, 6);

  // The log shows it; the enterprise re-sends it once the receiver is fixed.
  const log = (await w.a1.request('GET', `/api/v1/webhooks/${endpointId}/deliveries`)).json() as Array<{ id: string; status: string; attempts: number; lastStatus: number }>;
  t.match(log[0], { id, status: 'failed', attempts: 6, lastStatus: 500 });
  const health = (await w.officer.request('GET', `/api/v1/webhooks/${endpointId}`)).json() as { health: { failing: boolean; failed: number } };
  t.match(health.health, { failing: true, failed: 1 }, 'the bureau sees the endpoint failing');
  const bureauPage = await w.officer.request('GET', '/bureau/webhooks');
  t.match(bureauPage.body, /推送失败|Failing/, 'and on its page');

  rx.setStatuses([204]);
  const resent = await w.a1.request('POST', `/api/v1/webhook-deliveries/${id}/resend`);
  t.equal(resent.statusCode, 202);
  const again = resent.json() as { id: string; eventId: string; resendOf: string; status: string };
  t.match(again, { resendOf: id, status: 'pending' });
  t.not(again.id, id, 'a new delivery');
  await w.app.services.webhookWorker.tick();
  t.equal(rx.received.length, 7);
  t.equal(rx.received[6]!.headers['x-kakou-delivery'], again.id);
  t.equal((JSON.parse(rx.received[6]!.body) as { id: string }).id, (JSON.parse(rx.received[0]!.body) as { id: string }).id, 'the same event id in the body');
  t.match(await deliveryRow(w.store, again.id), { status: 'delivered', last_status: 204 });
  const after = (await w.officer.request('GET', `/api/v1/webhooks/${endpointId}`)).json() as { health: { failing: boolean } };
  t.equal(after.health.failing, false, 'no longer failing after a success');
  t.equal((await w.a1.request('POST', `/api/v1/webhook-deliveries/${again.id}/resend`)).statusCode, 202, 'a delivered one may be re-sent too');
  const pending = (await w.a1.request('GET', `/api/v1/webhooks/${endpointId}/deliveries`)).json() as Array<{ id: string; status: string }>;
  const stillPending = pending.find((d) => d.status === 'pending')!;
  t.equal((await w.a1.request('POST', `/api/v1/webhook-deliveries/${stillPending.id}/resend`)).statusCode, 409, 'not one still queued');
});

t.test('network failures and timeouts are failures too; a redirect is not followed', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [302]);
  const { id: endpointId } = await addEndpoint(t, w.a1, rx.url);
  const [redirected] = (await w.app.services.webhooks.enqueue(w.A, 'escort.closed', { requestId: 1 }, w.clock.now())).deliveryIds;
  await w.app.services.webhookWorker.tick();
  t.match(await deliveryRow(w.store, redirected!), { status: 'pending', last_status: 302, attempts: 1 }, '302 is not a success and is not followed');
  t.equal(rx.received.length, 1);

  // Nothing listens on the port any more: connection refused.
  await w.store.q().updateTable('webhook_endpoints').set({ url: 'http://127.0.0.1:9/closed' }).where('id', '=', endpointId).execute();
  w.clock.advance(30_000);
  await w.app.services.webhookWorker.tick();
  t.match(await deliveryRow(w.store, redirected!), { status: 'pending', attempts: 2, last_status: null, last_error: 'network: ECONNREFUSED' });
});

t.test('a receiver that does not answer in time: timeout', async (t) => {
  const { createServer } = await import('node:http');
  const hang = createServer(() => {});
  await new Promise<void>((done) => hang.listen(0, '127.0.0.1', done));
  t.teardown(() => {
    hang.closeAllConnections();
    hang.close();
  });
  const port = (hang.address() as import('node:net').AddressInfo).port;
  const { httpSender } = await import('../../../src/server/features/webhooks/sender.js');
  const send = httpSender({ allowHttpLoopback: true });
  const started = Date.now();
  await t.rejects(send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}', timeoutMs: 200 }), { name: 'TimeoutError', code: 'ETIMEDOUT' });
  t.ok(Date.now() - started < 2_000, 'gave up at the deadline');
  const { describeFailure } = await import('../../../src/server/features/webhooks/sender.js');
  t.equal(describeFailure(Object.assign(new Error('x'), { name: 'TimeoutError' })), 'timeout');
});

t.test('the queue survives a restart', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [500, 200]);
  await addEndpoint(t, w.a1, rx.url);
  const [id] = (await w.app.services.webhooks.enqueue(w.A, 'escort.arrived', { requestId: 5 }, w.clock.now())).deliveryIds;
  await w.app.services.webhookWorker.tick();
  t.match(await deliveryRow(w.store, id!), { status: 'pending', attempts: 1 });
  const queued = (await w.app.services.webhooks.enqueue(w.A, 'escort.closed', { requestId: 5 }, w.clock.now())).deliveryIds[0]!;
  await w.app.close();

  // A new process: same database file, same data folder (the key that decrypts the secret).
  const app2 = await w.restart();
  w.clock.advance(30_000);
  t.equal(await app2.services.webhookWorker.tick(), 2, 'both picked up after the restart');
  t.match(await deliveryRow(w.store, id!), { status: 'delivered', attempts: 2 });
  t.match(await deliveryRow(w.store, queued), { status: 'delivered', attempts: 1 });
  t.equal(rx.received.length, 3);
});

t.test('the worker starts with the app and stops on close', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [200]);
  await addEndpoint(t, w.a1, rx.url);
  const app2 = await w.restart({ autoStart: true, pollMs: 50, clock: () => new Date() });
  t.ok(app2.services.webhookWorker.started, 'started when ready');
  await app2.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: 9 });
  for (let i = 0; i < 100 && rx.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  t.equal(rx.received.length, 1, 'sent without anyone calling tick (enqueue kicks the worker)');
  await app2.close();
  t.notOk(app2.services.webhookWorker.started, 'stopped on close');
});

t.test('enqueue: fans out to enabled endpoints, no-op without one, refuses unknown types and full numbers', async (t) => {
  const w = await hookWorld(t);
  const hooks = w.app.services.webhooks;
  t.same((await hooks.enqueue(w.A, 'escort.requested', { requestId: 1 })).deliveryIds, [], 'no endpoint: nothing queued');
  const rx = await localReceiver(t);
  const one = await addEndpoint(t, w.a1, rx.url);
  const two = await addEndpoint(t, w.a1, `${rx.url}?second=1`);
  await w.a1.request('PATCH', `/api/v1/webhooks/${two.id}`, { enabled: false });
  const { deliveryIds } = await hooks.enqueue(w.A, 'escort.isolation_recorded', { requestId: 1 });
  t.equal(deliveryIds.length, 1, 'the disabled endpoint gets nothing');
  const queued = await w.store.q().selectFrom('webhook_deliveries').select('endpoint_id').where('id', '=', deliveryIds[0]!).executeTakeFirstOrThrow();
  t.equal(queued.endpoint_id, one.id);
  t.same((await hooks.enqueue(w.B, 'escort.requested', { requestId: 1 })).deliveryIds, [], "B has none: A's endpoints are A's");
  t.throws(() => hooks.enqueue(w.A, 'escort.teleported', {}), /unknown event type/);
  t.throws(() => hooks.enqueue(w.A, 'escort.requested', { people: [{ id: '11010519491231002X' }] }), /data\.people\.0\.id holds a full ID or phone number/);
  t.throws(() => hooks.enqueue(w.A, 'escort.requested', { escort: { phone: '13812345678' } }), /data\.escort\.phone/);
  await t.resolves(hooks.enqueue(w.A, 'escort.requested', MASKED), 'masked values pass');
});
