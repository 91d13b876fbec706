import t from 'tap';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escortWorld, escortCheck, handover, upload, deviceTime } from './fixtures.js';
import { simulateDevice } from '../../helpers/device.js';
import { SimDevice } from '../ingest/fixtures.js';
import { deviceEscortRequestsResponseSchema } from '../../../src/core/sync/index.js';
import type { Client } from '../../helpers/client.js';
import { chinaDate } from '../../helpers/fleet.js';
import { TEST_ENGINE } from '../../helpers/app.js';
import { sql } from 'kysely';

const LIST = '/api/v1/escort-requests';

async function requestId(c: Pick<Client, 'request'>): Promise<number> {
  const res = await c.request('GET', `${LIST}?status=all`);
  return (res.json() as { items: Array<{ id: number }> }).items[0]!.id;
}

t.test('the JSON API: scoped reads, enterprise writes, problems', async (t) => {
  const w = await escortWorld(t);
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const id = await requestId(w.a);

  const list = await w.a.request('GET', LIST);
  t.equal(list.statusCode, 200);
  t.match(list.json(), { total: 1, items: [{ id, plate: '苏E12345', status: 'open', people: [{ name: '张建国' }, { name: '李卫东' }] }] });
  t.same((await w.b.request('GET', LIST)).json(), { items: [], total: 0 }, 'B sees nothing of A');
  t.equal((await w.b.request('GET', `${LIST}?enterpriseId=${w.entA}`)).statusCode, 403, 'and may not ask for A');
  for (const url of [`${LIST}/${id}`, `${LIST}/${id}/timeline`]) {
    const res = await w.b.request('GET', url);
    t.equal(res.statusCode, 404, `B: ${url}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.notMatch(res.body, '苏E12345', 'no trace of the request in the refusal');
  }
  t.equal((await w.b.request('POST', `${LIST}/${id}/dispatch`, { escortName: '李四', escortPhone: '13800001234' })).statusCode, 404);
  t.equal((await w.officer.request('GET', `${LIST}/${id}`)).statusCode, 200, 'the bureau reads');
  t.equal((await w.officer.request('POST', `${LIST}/${id}/dispatch`, { escortName: '李四', escortPhone: '13800001234' })).statusCode, 403, 'but does not act');
  t.equal((await w.officer.request('GET', `${LIST}?checkpointId=${w.checkpointId}`)).json().total, 1, 'per checkpoint');

  const bad = await w.a.request('POST', `${LIST}/${id}/dispatch`, { escortName: '', escortPhone: '123' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { code: 'validation', errors: [{ path: 'body.escortName' }, { path: 'body.escortPhone' }] });
  const idInName = await w.a.request('POST', `${LIST}/${id}/dispatch`, { escortName: '13800001234', escortPhone: '13800001234' });
  t.equal(idInName.statusCode, 400, 'no phone number in a name field');

  const ok = await w.a.request('POST', `${LIST}/${id}/dispatch`, { escortName: '王强', escortPhone: '138 0000 5678', dispatchedAt: '2020-02-25T14:30' });
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json(), { status: 'dispatched', dispatch: { escortName: '王强', phoneMasked: '138****5678', dispatchedAt: '2020-02-25T06:30:00.000Z' } });
  t.notMatch(ok.body, '13800005678', 'the full phone never comes back');

  const hand = await w.dev.next({ ...handover(check.id, '王强', '5678', w.creditA), deviceTime: deviceTime(Date.parse('2020-02-25T07:00:00Z')) });
  await upload(w.scanner, [hand]);
  const again = await w.a.request('POST', `${LIST}/${id}/dispatch`, { escortName: '赵六', escortPhone: '13800001234' });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'escort_wrong_step');

  t.equal((await w.a.request('POST', `${LIST}/${id}/arrival`, {})).statusCode, 200);
  const short = await w.a.request('POST', `${LIST}/${id}/isolations`, { personIndex: 0, place: '企业隔离宿舍', startDate: chinaDate(0), plannedEnd: chinaDate(3), responsible: '李调度' });
  t.equal(short.statusCode, 400);
  t.match(short.json(), { errors: [{ path: 'body.plannedEnd' }] });
  const timeline = await w.a.request('GET', `${LIST}/${id}/timeline`);
  t.same((timeline.json() as { items: Array<{ kind: string }> }).items.map((e) => e.kind), ['requested', 'dispatched', 'handed_over', 'arrived']);
});

t.test('the device route: its own checkpoint, the last 48 hours, in the sync contract\'s shape', async (t) => {
  const w = await escortWorld(t);
  const now = Date.now();
  const recent = await w.dev.next({ ...escortCheck(w), deviceTime: deviceTime(now - 3_600_000) });
  await upload(w.scanner, [recent]);
  const old = await w.dev.next({ ...escortCheck(w), deviceTime: deviceTime(now - 49 * 3_600_000) });
  await upload(w.scanner, [old]);
  const items = (await w.a.request('GET', `${LIST}?status=all`)).json().items as Array<{ id: number; checkEventId: string }>;
  const recentId = items.find((r) => r.checkEventId === recent.id)!.id;
  await w.a.request('POST', `${LIST}/${recentId}/dispatch`, { escortName: '王强', escortPhone: '13800005678' });

  const res = await w.scanner.request('GET', '/api/v1/devices/escort-requests');
  t.equal(res.statusCode, 200);
  const body = deviceEscortRequestsResponseSchema.parse(res.json());
  t.same(body.items.map((i) => [i.checkEventId, i.status, i.escort?.name, i.escort?.phoneLast4]), [[recent.id, 'dispatched', '王强', '5678']], 'the old one is out of the window');
  t.notMatch(res.body, '13800005678');

  const other = await w.ctx.repos.checkpoints.insert({ name: '陆家卡口', location: '昆山 S224', regionCode: '320583', direction: 'both' });
  const elsewhere = await simulateDevice(w.ctx, other.id);
  t.same((await elsewhere.request('GET', '/api/v1/devices/escort-requests')).json(), { items: [] }, "another checkpoint's device sees none of them");
  t.equal((await w.a.request('GET', '/api/v1/devices/escort-requests')).statusCode, 401, 'no session gets in');
});

t.test('portal pages: the enterprise home lists open requests first; forms; the bureau list; the history', async (t) => {
  const w = await escortWorld(t);
  const check = await w.dev.next(escortCheck(w));
  const release = await w.dev.next({ type: 'check', payload: { ...escortCheck(w).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  await upload(w.scanner, [check, release]);
  const id = await requestId(w.a);

  const home = await w.a.request('GET', '/enterprise');
  t.equal(home.statusCode, 200);
  t.match(home.body, 'id="escort-requests"');
  t.match(home.body, `/enterprise/escorts/${id}`);
  t.match(home.body, '花桥收费站入城');
  t.match(home.body, '张建国');
  t.match(home.body, /\*{14}[0-9X]{4}/, 'masked IDs');
  t.match(home.body, '/static/escorts.js');
  t.ok(home.body.indexOf('id="escort-requests"') < home.body.indexOf('aria-labelledby="facts"'), 'before the enterprise details');
  t.notMatch((await w.b.request('GET', '/enterprise')).body, '苏E12345', "B's home shows nothing of A");

  const page = await w.a.request('GET', `/enterprise/escorts/${id}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, `action="/enterprise/escorts/${id}/dispatch"`);
  t.equal((await w.b.request('GET', `/enterprise/escorts/${id}`)).statusCode, 404);

  await w.a.refreshCsrf();
  const refused = await w.a.form(`/enterprise/escorts/${id}/dispatch`, { _csrf: w.a.csrf, escortName: '', escortPhone: 'x' });
  t.equal(refused.statusCode, 400);
  const sent = await w.a.form(`/enterprise/escorts/${id}/dispatch`, { _csrf: w.a.csrf, escortName: '王强', escortPhone: '13800005678', dispatchedAt: '' });
  t.equal(sent.statusCode, 303);
  t.equal(sent.headers.location, `/enterprise/escorts/${id}?done=dispatched`);
  const arrived = await w.a.form(`/enterprise/escorts/${id}/arrival`, { _csrf: w.a.csrf });
  t.equal(arrived.statusCode, 303);
  const after = await w.a.request('GET', `/enterprise/escorts/${id}?done=arrived`);
  t.match(after.body, `action="/enterprise/escorts/${id}/isolations"`, 'the isolation form once arrived');

  const bureau = await w.officer.request('GET', `/bureau/escorts?checkpointId=${w.checkpointId}`);
  t.equal(bureau.statusCode, 200);
  t.match(bureau.body, `/bureau/escorts/${id}`);
  t.equal((await w.officer.request('GET', `/bureau/escorts/${id}`)).statusCode, 200);
  t.equal((await w.a.request('GET', '/bureau/escorts')).statusCode, 403);
  const enterprises = await w.officer.request('GET', '/bureau/enterprises');
  t.match(enterprises.body, 'class="flagged"', 'an enterprise with an arrived key-area person without isolation stands out');

  const history = await w.a.request('GET', '/api/v1/pass-checks');
  t.same((history.json() as { items: Array<{ decision: string }> }).items.map((c) => c.decision).sort(), ['ESCORT', 'RELEASE'], 'both checks of its pass');
  t.equal((await w.b.request('GET', '/api/v1/pass-checks')).json().total, 0, 'nothing of A for B');
  const historyPage = await w.a.request('GET', '/enterprise/checks');
  t.match(historyPage.body, '花桥收费站入城');
});

/** Reads a server-sent event stream over a real connection until `until` holds. */
function openStream(url: string, cookie: string) {
  let buffer = '';
  let res: IncomingMessage | undefined;
  const req = httpRequest(url, { headers: { cookie, accept: 'text/event-stream' } }, (r) => {
    res = r;
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => (buffer += chunk));
  });
  req.end();
  const waitFor = async (pattern: RegExp, ms = 5000) => {
    const start = Date.now();
    while (!pattern.test(buffer)) {
      if (Date.now() - start > ms) throw new Error(`no ${pattern} in ${JSON.stringify(buffer)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { waitFor, text: () => buffer, response: () => res, close: () => req.destroy() };
}

t.test('server-sent events deliver a change to its enterprise only, over a real connection', async (t) => {
  const w = await escortWorld(t);
  await w.ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(w.ctx.app.server.address() as AddressInfo).port}`;
  const a = openStream(`${base}/enterprise/escorts/stream`, w.a.cookieHeader);
  const b = openStream(`${base}/enterprise/escorts/stream`, w.b.cookieHeader);
  t.teardown(() => { a.close(); b.close(); });
  await a.waitFor(/event: ready/);
  await b.waitFor(/event: ready/);
  t.match(a.response()?.headers['content-type'], /^text\/event-stream/);

  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  await a.waitFor(/event: escort\ndata: .*escort\.requested/);
  const data = JSON.parse(/event: escort\ndata: (.*)\n/.exec(a.text())![1]!) as { type: string; requestId: number; status: string };
  t.match(data, { type: 'escort.requested', status: 'open' });
  const id = await requestId(w.a);
  t.equal(data.requestId, id);

  await w.a.request('POST', `${LIST}/${id}/dispatch`, { escortName: '王强', escortPhone: '13800005678' });
  await a.waitFor(/escort\.dispatched/);
  await new Promise((r) => setTimeout(r, 100));
  t.notMatch(b.text(), /event: escort/, "B's stream heard nothing of A's request");

  const anon = openStream(`${base}/enterprise/escorts/stream`, '');
  t.teardown(() => anon.close());
  await new Promise((r) => setTimeout(r, 200));
  t.equal(anon.response()?.statusCode, 303, 'no session, no stream: sent to sign in');
});

t.test("the node's link to the other nodes lost and back: its open streams end, so browsers connect again and fetch afresh", { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: on SQLite there is one node and no link to lose' }, async (t) => {
  const w = await escortWorld(t);
  await w.ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(w.ctx.app.server.address() as AddressInfo).port}`;
  const a = openStream(`${base}/enterprise/escorts/stream`, w.a.cookieHeader);
  t.teardown(() => a.close());
  await a.waitFor(/event: ready/);
  let ended = false;
  a.response()!.on('end', () => (ended = true));
  // As a failover would: the server ends the node's LISTEN connection.
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(w.ctx.repos.store.q());
  const start = Date.now();
  while (!ended && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 50));
  t.ok(ended, 'the stream ended once the link was back');
  const again = openStream(`${base}/enterprise/escorts/stream`, w.a.cookieHeader);
  t.teardown(() => again.close());
  await again.waitFor(/event: ready/);
  await upload(w.scanner, [await w.dev.next(escortCheck(w))]);
  await again.waitFor(/escort\.requested/);
  t.pass('a new stream hears the next change');
});
