import t from 'tap';
import { addEndpoint, hookWorld, localReceiver } from './harness.js';
import { countRows } from '../../helpers/rows.js';
import { classifyAddress, urlProblem } from '../../../src/server/features/webhooks/address-policy.js';
import { guardedLookup, httpSender } from '../../../src/server/features/webhooks/sender.js';

const strict = { allowHttpLoopback: false };
const dev = { allowHttpLoopback: true };

t.test('which addresses are public', async (t) => {
  for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '121.43.1.1']) t.equal(classifyAddress(a), 'public', a);
  for (const a of ['127.0.0.1', '127.8.9.10', '::1']) t.equal(classifyAddress(a), 'loopback', a);
  for (const a of [
    '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '192.0.2.1', '198.18.0.1', '::', 'fe80::1', 'fd00::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1', 'not-an-ip',
  ]) {
    t.equal(classifyAddress(a), 'refused', a);
  }
  t.equal(classifyAddress('172.32.0.1'), 'public', 'just outside 172.16/12');
});

t.test('which URLs may be saved', async (t) => {
  t.equal(urlProblem('https://hooks.example.com/kakou', strict), null);
  t.equal(urlProblem('https://8.8.8.8/hook', strict), null);
  t.equal(urlProblem('https://[2606:4700:4700::1111]/hook', strict), null);
  const refused: Array<[string, string]> = [
    ['http://hooks.example.com/kakou', 'webhook.url.https_only'],
    ['ftp://hooks.example.com/kakou', 'webhook.url.https_only'],
    ['not a url', 'webhook.url.invalid'],
    ['https://user:pw@hooks.example.com/', 'webhook.url.credentials'],
    ['https://127.0.0.1/hook', 'webhook.url.address'],
    ['https://localhost/hook', 'webhook.url.address'],
    ['https://api.localhost/hook', 'webhook.url.address'],
    ['https://10.1.2.3/hook', 'webhook.url.address'],
    ['https://169.254.169.254/latest/meta-data', 'webhook.url.address'],
    ['https://[::1]/hook', 'webhook.url.address'],
    ['https://[::ffff:7f00:1]/hook', 'webhook.url.address'],
    ['https://[fe80::1]/hook', 'webhook.url.address'],
    ['https://2130706433/hook', 'webhook.url.address'], // 127.0.0.1 as a number: URL() normalises it
    ['https://0x7f.1/hook', 'webhook.url.address'],
    ['https://printer.local/hook', 'webhook.url.address'],
    ['https://intranet/hook', 'webhook.url.address'],
    ['http://127.0.0.1:8080/hook', 'webhook.url.https_only'],
  ];
  for (const [url, why] of refused) t.equal(urlProblem(url, strict), why, url);
  // Development setting: plain http and loopback, and nothing else opens up.
  t.equal(urlProblem('http://127.0.0.1:8080/hook', dev), null);
  t.equal(urlProblem('http://localhost:8080/hook', dev), null);
  t.equal(urlProblem('http://[::1]:8080/hook', dev), null);
  t.equal(urlProblem('http://10.0.0.1/hook', dev), 'webhook.url.https_only');
  t.equal(urlProblem('https://192.168.1.1/hook', dev), 'webhook.url.address');
  t.equal(urlProblem('http://hooks.example.com/', dev), 'webhook.url.https_only');
});

t.test('the API refuses non-public targets, naming the field', async (t) => {
  const w = await hookWorld(t, { env: { KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '0' } });
  for (const url of ['http://hooks.example.com/x', 'https://169.254.169.254/x', 'https://127.0.0.1:3000/api', 'https://[::1]/x', 'https://localhost:3000/']) {
    const res = await w.a1.request('POST', '/api/v1/webhooks', { url });
    t.equal(res.statusCode, 400, url);
    t.match(res.json(), { code: 'validation', errors: [{ path: 'body.url' }] });
  }
  t.equal(await countRows(w.store, 'webhook_endpoints'), 0, 'none saved');
});

t.test('a name resolving to a private address is refused when saved', async (t) => {
  const resolved: Record<string, string[]> = { 'rebind.example.com': ['93.184.216.34', '10.0.0.7'], 'ok.example.com': ['93.184.216.34'] };
  const w = await hookWorld(t, { env: { KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '0' }, webhooks: { resolveAll: async (h) => resolved[h] ?? [] } });
  const bad = await w.a1.request('POST', '/api/v1/webhooks', { url: 'https://rebind.example.com/hook' });
  t.equal(bad.statusCode, 400, 'one private address among public ones is enough to refuse');
  t.match(bad.json(), { errors: [{ path: 'body.url' }] });
  const ok = await w.a1.request('POST', '/api/v1/webhooks', { url: 'https://ok.example.com/hook' });
  t.equal(ok.statusCode, 201);
  const id = (ok.json() as { endpoint: { id: number } }).endpoint.id;
  const change = await w.a1.request('PATCH', `/api/v1/webhooks/${id}`, { url: 'https://rebind.example.com/hook' });
  t.equal(change.statusCode, 400, 'and when the URL is changed');
});

t.test('at delivery time the resolved addresses are checked again (DNS may change after saving)', async (t) => {
  // The resolver answers with what the attacker's DNS says now, not what it said when the URL was saved.
  const lookup = guardedLookup(strict, (host, cb) => cb(null, host === 'meta.example.com' ? [{ address: '169.254.169.254', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]));
  const result = await new Promise<{ err: Error | null; address: unknown }>((done) => lookup('meta.example.com', { all: true }, (err, address) => done({ err, address })));
  t.match(result.err, { code: 'EKAKOU_BLOCKED_ADDRESS' }, 'refused at connect time');
  const fine = await new Promise<{ err: Error | null; address: unknown }>((done) => lookup('hooks.example.com', {}, (err, address) => done({ err, address })));
  t.equal(fine.err, null);
  t.equal(fine.address, '93.184.216.34');

  // The real sender, to a name that resolves to this machine and to literal private addresses: no connection is made.
  const rx = await localReceiver(t);
  const send = httpSender(strict, (_host, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]));
  await t.rejects(send({ url: `https://hooks.example.com:${rx.port}/kakou-hook`, headers: {}, body: '{}', timeoutMs: 2000 }), { code: 'EKAKOU_BLOCKED_ADDRESS' });
  await t.rejects(httpSender(strict)({ url: 'https://10.0.0.1/x', headers: {}, body: '{}', timeoutMs: 2000 }), { code: 'EKAKOU_BLOCKED_ADDRESS' });
  await t.rejects(httpSender(strict)({ url: 'https://[::ffff:7f00:1]/x', headers: {}, body: '{}', timeoutMs: 2000 }), { code: 'EKAKOU_BLOCKED_ADDRESS' });
  await t.rejects(httpSender(strict)({ url: `http://127.0.0.1:${rx.port}/kakou-hook`, headers: {}, body: '{}', timeoutMs: 2000 }), { code: 'EKAKOU_BLOCKED_ADDRESS' });
  t.equal(rx.received.length, 0, 'the local receiver was never reached');
});

t.test('a stored endpoint that points inside is refused at delivery and the log says why', async (t) => {
  // Saved while the development setting was on; the server now runs without it.
  const w = await hookWorld(t);
  const rx = await localReceiver(t);
  const { id } = await addEndpoint(t, w.a1, rx.url);
  const strictApp = await w.restart({ send: httpSender(strict) });
  const [deliveryId] = (await strictApp.services.webhooks.enqueue(w.A, 'escort.requested', { requestId: 1 })).deliveryIds;
  await strictApp.services.webhookWorker.tick();
  t.equal(rx.received.length, 0, 'nothing reached the loopback receiver');
  const row = await w.store.q().selectFrom('webhook_deliveries').select(['status', 'last_error']).where('id', '=', deliveryId!).executeTakeFirstOrThrow();
  t.match(row, { status: 'pending', last_error: 'refused: not a public address' });
  const page = await w.a1.request('GET', `/enterprise/webhooks/${id}`);
  t.match(page.body, 'refused: not a public address', 'shown in the delivery log');
});
