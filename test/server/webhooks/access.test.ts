import t from 'tap';
import { addEndpoint, hookWorld, localReceiver } from './harness.js';

t.test("an enterprise neither sees nor touches another's endpoints and deliveries", async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t);
  const b = await addEndpoint(t, w.b1, rx.url);
  const [bDelivery] = (await w.app.services.webhooks.enqueue(w.B, 'escort.requested', { requestId: 1 })).deliveryIds;
  await w.app.services.webhookWorker.tick();

  t.same((await w.a1.request('GET', '/api/v1/webhooks')).json(), [], "A's list is empty");
  const none = await w.a1.request('GET', '/api/v1/webhooks/99999');
  t.equal(none.statusCode, 404);
  const refusals: Array<[string, string, unknown?]> = [
    ['GET', `/api/v1/webhooks/${b.id}`],
    ['GET', `/api/v1/webhooks/${b.id}/deliveries`],
    ['PATCH', `/api/v1/webhooks/${b.id}`, { enabled: false }],
    ['DELETE', `/api/v1/webhooks/${b.id}`],
    ['POST', `/api/v1/webhooks/${b.id}/rotate-secret`],
    ['POST', `/api/v1/webhooks/${b.id}/test`],
    ['GET', `/api/v1/webhook-deliveries/${bDelivery}`],
    ['POST', `/api/v1/webhook-deliveries/${bDelivery}/resend`],
  ];
  for (const [method, url, body] of refusals) {
    const res = await w.a1.request(method as 'GET', url, body);
    t.equal(res.statusCode, 404, `${method} ${url}: 404`);
    t.same({ ...res.json(), instance: null }, { ...none.json(), instance: null }, "looks like an id that does not exist");
    t.notMatch(res.body, rx.url, "no B's URL");
  }
  for (const url of [`/enterprise/webhooks/${b.id}`]) t.equal((await w.a1.request('GET', url)).statusCode, 404, `page ${url}`);
  const page = await w.a1.request('GET', '/enterprise/webhooks');
  t.notMatch(page.body, rx.url, "B's URL is not on A's page");

  const stored = await w.store.q().selectFrom('webhook_endpoints').select(['enabled', 'deleted_at']).where('id', '=', b.id).executeTakeFirst();
  t.same(stored, { enabled: 1, deleted_at: null }, "B's endpoint untouched");
  const forB = await w.store
    .q()
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('enterprise_id', '=', w.B)
    .executeTakeFirstOrThrow();
  t.equal(Number(forB.n), 1, 'no delivery added for B');

  // The bureau reads everything and changes nothing.
  t.equal((await w.officer.request('GET', `/api/v1/webhooks/${b.id}`)).statusCode, 200);
  t.equal((await w.officer.request('GET', `/api/v1/webhooks/${b.id}/deliveries`)).statusCode, 200);
  t.equal((await w.officer.request('GET', `/api/v1/webhook-deliveries/${bDelivery}`)).statusCode, 200);
  t.equal((await w.officer.request('GET', '/bureau/webhooks')).statusCode, 200);
  t.equal((await w.officer.request('POST', '/api/v1/webhooks', { url: rx.url })).statusCode, 403);
  t.equal((await w.officer.request('POST', `/api/v1/webhooks/${b.id}/rotate-secret`)).statusCode, 403);
  t.equal((await w.officer.request('DELETE', `/api/v1/webhooks/${b.id}`)).statusCode, 403);
  t.equal((await w.b1.request('GET', '/bureau/webhooks')).statusCode, 403, 'the bureau page is not an enterprise’s');
});

t.test('every change is audited within the enterprise', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t, [500]);
  const { id } = await addEndpoint(t, w.a1, rx.url);
  t.equal((await w.a1.request('PATCH', `/api/v1/webhooks/${id}`, { url: `${rx.url}?v=2` })).statusCode, 200);
  t.equal((await w.a1.request('POST', `/api/v1/webhooks/${id}/rotate-secret`)).statusCode, 200);
  const test = await w.a1.request('POST', `/api/v1/webhooks/${id}/test`);
  t.equal(test.statusCode, 202);
  const testDelivery = (test.json() as { id: string; type: string }).id;
  t.equal((test.json() as { type: string }).type, 'webhook.test');
  // Fail it for good, then re-send it.
  for (let i = 0; i < 6; i++) {
    await w.app.services.webhookWorker.tick();
    w.clock.advance(6 * 3_600_000);
  }
  t.equal((await w.a1.request('GET', `/api/v1/webhook-deliveries/${testDelivery}`)).json().status, 'failed');
  const resent = await w.a1.request('POST', `/api/v1/webhook-deliveries/${testDelivery}/resend`);
  t.equal(resent.statusCode, 202);
  t.equal((await w.a1.request('DELETE', `/api/v1/webhooks/${id}`)).statusCode, 204);
  t.equal((await w.a1.request('GET', `/api/v1/webhooks/${id}`)).statusCode, 404, 'gone once deleted');
  const resentRows = await w.store.q().selectFrom('webhook_deliveries').select(['status', 'last_error']).where('resend_of', '=', testDelivery).execute();
  t.equal(resentRows.length, 1, 'one re-sent delivery');
  t.match(resentRows[0], { status: 'failed', last_error: 'endpoint deleted' }, 'its queue is dropped');

  // In the order written: seq is the audit log's own order (its chain), on both engines.
  const rows = await w.store
    .q()
    .selectFrom('audit_log')
    .select(['action', 'subject_type', 'subject_id', 'enterprise_id', 'actor_name', 'detail'])
    .where('action', 'like', 'webhook.%')
    .orderBy('seq')
    .execute();
  t.same(rows.map((r) => r.action), ['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.test', 'webhook.resend', 'webhook.delete']);
  t.ok(rows.every((r) => r.subject_type === 'webhook_endpoint' && r.subject_id === String(id) && r.enterprise_id === w.A && r.actor_name === 'alpha-one'), 'subject, enterprise, actor');
  t.same(JSON.parse(rows[1]!.detail), { before: { url: rx.url, enabled: true }, after: { url: `${rx.url}?v=2`, enabled: true } });
  t.match(JSON.parse(rows[4]!.detail), { resendOf: testDelivery, type: 'webhook.test' });
  t.notMatch(rows.map((r) => r.detail).join(''), /whsec_/, 'no secret in any detail');
});

t.test('limits and states', async (t) => {
  const w = await hookWorld(t);
  const rx = await localReceiver(t);
  for (let i = 0; i < 3; i++) await addEndpoint(t, w.a1, `${rx.url}?n=${i}`);
  const fourth = await w.a1.request('POST', '/api/v1/webhooks', { url: `${rx.url}?n=4` });
  t.equal(fourth.statusCode, 409, 'at most 3 endpoints');
  const id = ((await w.a1.request('GET', '/api/v1/webhooks')).json() as Array<{ id: number }>)[0]!.id;
  t.equal((await w.a1.request('PATCH', `/api/v1/webhooks/${id}`, {})).statusCode, 400, 'nothing to change');
  await w.a1.request('PATCH', `/api/v1/webhooks/${id}`, { enabled: false });
  t.equal((await w.a1.request('POST', `/api/v1/webhooks/${id}/test`)).statusCode, 409, 'no test to a disabled endpoint');
  t.equal((await w.a1.request('GET', '/api/v1/webhook-deliveries/not-a-uuid')).statusCode, 400);
  t.equal((await w.a1.request('GET', '/api/v1/webhooks/0x1')).statusCode, 400);
});

t.test('the duty sheet: the duty phone, and open requests from the source once it exists', async (t) => {
  const w = await hookWorld(t);
  const empty = await w.a1.request('GET', '/enterprise/escorts/duty-sheet');
  t.equal(empty.statusCode, 200);
  t.match(empty.body, '/static/print.css');
  t.match(empty.body, '051257001234', 'the duty phone');
  t.match(empty.body, /目前没有等候接车的车辆/, 'says none are waiting');
  t.equal((await w.officer.request('GET', '/enterprise/escorts/duty-sheet')).statusCode, 403);

  const asked: number[] = [];
  w.app.services.escortDutySheet = (enterpriseId) => {
    asked.push(enterpriseId);
    return [
      { plate: '鄂A12345', checkpointName: '昆山花桥卡口', checkpointLocation: 'G2 京沪高速花桥收费站', waitingSince: '2026-03-02T01:30:00.000Z', people: [{ name: '张三', maskedId: '**************002X' }], reasons: ['车辆登记地为重点地区'] },
      { plate: '苏E11111', checkpointName: '昆山千灯卡口', checkpointLocation: 'S224', waitingSince: '2026-03-02T01:00:00.000Z', people: [], reasons: [] },
    ];
  };
  const listed = await w.a1.request('GET', '/enterprise/escorts/duty-sheet');
  t.same(asked, [w.A], 'asked for its own enterprise only');
  t.match(listed.body, '鄂A12345');
  t.match(listed.body, '**************002X');
  t.match(listed.body, '2026-03-02 09:30', 'Beijing time');
  t.ok(listed.body.indexOf('苏E11111') < listed.body.indexOf('鄂A12345'), 'longest waiting first');

  w.app.services.escortDutySheet = () => [{ plate: '鄂A1', checkpointName: 'x', checkpointLocation: '', waitingSince: '2026-03-02T01:30:00.000Z', people: [{ name: '李四', maskedId: '11010519491231002X' }], reasons: [] }];
  const leak = await w.a1.request('GET', '/enterprise/escorts/duty-sheet');
  t.equal(leak.statusCode, 500, 'an unmasked ID from the source is refused, not printed');
  t.notMatch(leak.body, '11010519491231002X');
});
