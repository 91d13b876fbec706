import t from 'tap';
import { logCapture } from '../../helpers/log-capture.js';
import { addEndpoint, hookWorld, localReceiver } from './harness.js';

/** Every page and API answer a GET can reach for the endpoint, as each viewer. */
async function everyGet(w: Awaited<ReturnType<typeof hookWorld>>, id: number): Promise<string[]> {
  const bodies: string[] = [];
  for (const url of ['/api/v1/webhooks', `/api/v1/webhooks/${id}`, `/api/v1/webhooks/${id}/deliveries`, '/enterprise/webhooks', `/enterprise/webhooks/${id}`]) {
    bodies.push((await w.a1.request('GET', url)).body);
  }
  for (const url of ['/api/v1/webhooks', `/api/v1/webhooks/${id}`, '/bureau/webhooks', `/bureau/webhooks/${id}`]) bodies.push((await w.officer.request('GET', url)).body);
  return bodies;
}

t.test('the signing secret is shown once, on creation and on rotation, and never again', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t);
  const res = await w.a1.request('POST', '/api/v1/webhooks', { url: rx.url });
  t.equal(res.statusCode, 201);
  t.equal(res.headers['cache-control'], 'no-store');
  const { secret, endpoint } = res.json() as { secret: string; endpoint: { id: number; secretHint: string } };
  t.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
  t.equal(endpoint.secretHint, `…${secret.slice(-4)}`, 'only the last four characters are kept visible');

  await w.app.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: 1 });
  await w.app.services.webhookWorker.tick();
  for (const body of await everyGet(w, endpoint.id)) t.notMatch(body, secret.slice(6), 'no GET answer holds the secret');

  const q = () => w.store.q();
  const stored = await q().selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
  for (const [column, value] of Object.entries(stored)) t.notMatch(String(value), secret.slice(6), `column ${column} is not the clear text`);
  t.match(String(stored.secret_enc), /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'stored encrypted with the data key');
  const auditText = JSON.stringify(await q().selectFrom('audit_log').selectAll().execute());
  t.notMatch(auditText, secret.slice(6), 'not in the audit log');
  t.notMatch(JSON.stringify(await q().selectFrom('webhook_deliveries').selectAll().execute()), secret.slice(6), 'not in the delivery log');

  // Rotation: a new secret, shown in that answer only; the next delivery is signed with it.
  const rotated = await w.a1.request('POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`);
  t.equal(rotated.statusCode, 200);
  t.equal(rotated.headers['cache-control'], 'no-store');
  const next = (rotated.json() as { secret: string }).secret;
  t.not(next, secret);
  for (const body of await everyGet(w, endpoint.id)) t.notMatch(body, next.slice(6), 'the new one is not shown again either');
  await w.app.services.webhooks.enqueue(w.A, 'escort.closed', { requestId: 1 });
  await w.app.services.webhookWorker.tick();
  const last = rx.received.at(-1)!;
  const { createHmac } = await import('node:crypto');
  const sig = (s: string) => 'v1=' + createHmac('sha256', s).update(`${String(last.headers['x-kakou-timestamp'])}.${last.body}`).digest('hex');
  t.equal(last.headers['x-kakou-signature'], sig(next), 'signed with the new secret');
  t.not(last.headers['x-kakou-signature'], sig(secret), 'not the old one');
});

t.test('the portal shows the secret in the answer to the form, not on the page after', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t);
  const page = await w.a1.request('GET', '/enterprise/webhooks');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const created = await w.a1.form('/enterprise/webhooks', { _csrf: csrf, url: rx.url });
  t.equal(created.statusCode, 201);
  t.equal(created.headers['cache-control'], 'no-store');
  const secret = /<code class="mono token-text">(whsec_[^<]+)<\/code>/.exec(created.body)?.[1];
  t.ok(secret, 'shown in the answer');
  const id = (await w.store.q().selectFrom('webhook_endpoints').select('id').executeTakeFirstOrThrow()).id;
  for (const body of await everyGet(w, id)) t.notMatch(body, secret!.slice(6));
  const rotated = await w.a1.form(`/enterprise/webhooks/${id}/rotate`, { _csrf: csrf });
  t.equal(rotated.statusCode, 200);
  const next = /<code class="mono token-text">(whsec_[^<]+)<\/code>/.exec(rotated.body)?.[1];
  t.ok(next && next !== secret, 'a new one, shown once');
  t.notMatch((await w.a1.request('GET', '/enterprise/webhooks')).body, /whsec_/, 'gone on the next GET');
});

t.test('the secret and the receiver URL never reach the log', async (t) => {
  const { stream, lines } = logCapture();
  const { buildApp } = await import('../../../src/server/app.js');
  const { loadConfig } = await import('../../../src/server/config.js');
  const { loggerOptions } = await import('../../../src/server/logging.js');
  const w = await hookWorld(t);
  const config = loadConfig({ KAKOU_DATA_DIR: w.dataDir, KAKOU_LOG_LEVEL: 'trace', KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1' });
  const app = await buildApp({ config, store: w.store, logger: loggerOptions(config, { stream }), webhooks: { autoStart: false, resolveAll: async () => [] } });
  t.teardown(() => app.close());
  const rx = await localReceiver(t, [500, 200]);
  const { loggedIn } = await import('../../helpers/client.js');
  const a1 = await loggedIn(app, 'alpha-one', { remoteAddress: '10.9.1.1' });
  const { secret } = await addEndpoint(t, a1, `${rx.url}?token=receiver-own-token`);
  await app.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: 1 });
  await app.services.webhookWorker.tick();
  const log = lines.join('');
  t.match(log, /webhook attempt failed; will retry/, 'the failure is logged');
  t.notMatch(log, secret.slice(6), 'never the secret');
  t.notMatch(log, 'receiver-own-token', 'never the URL (its query may be a credential)');
});
