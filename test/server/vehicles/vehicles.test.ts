import t from 'tap';
import type { Client } from '../../helpers/client.js';
import { actorOf, asyncStatusOf, twoEnterprises, type Problem } from '../../helpers/registry.js';
import { vehiclesService } from '../../../src/server/features/vehicles/service.js';

type Vehicle = { id: number; enterpriseId: number; plate: string; type: string; regionCode: string; regionName: string; archived: boolean };

t.test('an enterprise registers, lists, corrects, archives and restores its vehicles', async (t) => {
  const { a, entA } = await twoEnterprises(t);
  const created = await a.request('POST', '/api/v1/vehicles', { plate: ' 苏e·12345 ', type: 'truck' });
  t.equal(created.statusCode, 201, created.body);
  const v = created.json() as Vehicle;
  t.match(v, { enterpriseId: entA, plate: '苏E12345', type: 'truck', regionCode: '320500', regionName: '苏州市', archived: false });

  const got = await a.request('GET', `/api/v1/vehicles/${v.id}`);
  t.equal(got.statusCode, 200);
  t.same(got.json(), v);

  const list = await a.request('GET', '/api/v1/vehicles');
  t.equal(list.statusCode, 200);
  t.match(list.json(), { total: 1, items: [{ id: v.id, plate: '苏E12345' }] });

  const put = await a.request('PUT', `/api/v1/vehicles/${v.id}`, { plate: '鄂A12345', type: 'refrigerated' });
  t.equal(put.statusCode, 200, put.body);
  t.match(put.json(), { plate: '鄂A12345', type: 'refrigerated', regionCode: '420100' });

  const archived = await a.request('POST', `/api/v1/vehicles/${v.id}/archive`);
  t.equal(archived.statusCode, 200, archived.body);
  t.equal((archived.json() as Vehicle).archived, true);
  t.equal((await a.request('GET', '/api/v1/vehicles')).json().total, 0, 'archived vehicles are not listed by default');
  t.equal((await a.request('GET', '/api/v1/vehicles?status=archived')).json().total, 1);
  t.equal((await a.request('GET', '/api/v1/vehicles?status=all')).json().total, 1);
  t.equal((await a.request('GET', `/api/v1/vehicles/${v.id}`)).statusCode, 200, 'still readable: passes refer to it');

  const restored = await a.request('POST', `/api/v1/vehicles/${v.id}/restore`);
  t.equal((restored.json() as Vehicle).archived, false);

});

t.test('the registration region comes from the plate prefix', async (t) => {
  const { a } = await twoEnterprises(t);
  const cases: Array<[string, string]> = [
    ['鄂A12345', '420100'],
    ['苏E12345', '320500'],
    ['京A12345', '110000'],
    ['苏U1234挂', '320500'],
    ['鄂M12345', '429004'],
    ['浙B12345', '330200'], // Zhejiang city letters are in the table (宁波)
    ['粤B12345', '440000'], // Guangdong letters are not: the province
  ];
  for (const [plate, region] of cases) {
    const res = await a.request('POST', '/api/v1/vehicles', { plate, type: plate.endsWith('挂') ? 'trailer' : 'truck' });
    t.equal(res.statusCode, 201, `${plate}: ${res.body}`);
    t.equal((res.json() as Vehicle).regionCode, region, plate);
  }
});

t.test('bad input is a problem+json with field paths', async (t) => {
  const { a } = await twoEnterprises(t);
  const cases: Array<[unknown, string, string]> = [
    [{ plate: '苏I12345', type: 'truck' }, 'body.plate', '号牌发牌机关代号'],
    [{ plate: '苏E1234', type: 'truck' }, 'body.plate', '号牌号码长度'],
    [{ plate: 'XE12345', type: 'truck' }, 'body.plate', '号牌省份'],
    [{ plate: '苏E12345', type: 'bus' }, 'body.type', ''],
    [{ type: 'truck' }, 'body.plate', ''],
  ];
  for (const [body, path, text] of cases) {
    const res = await a.request('POST', '/api/v1/vehicles', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const p = res.json() as Problem;
    t.equal(p.code, 'validation');
    const err = p.errors?.find((e) => e.path === path);
    t.ok(err, `${JSON.stringify(body)} → ${path} in ${JSON.stringify(p.errors)}`);
    if (text) t.match(err?.message, text);
  }
  t.equal((await a.request('GET', '/api/v1/vehicles')).json().total, 0);
});

t.test('one plate per enterprise: a duplicate is a 409, another enterprise may have it', async (t) => {
  const { a, b } = await twoEnterprises(t);
  t.equal((await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).statusCode, 201);
  const dup = await a.request('POST', '/api/v1/vehicles', { plate: '苏 E 12345', type: 'van' });
  t.equal(dup.statusCode, 409, dup.body);
  t.match(dup.headers['content-type'], /^application\/problem\+json/);
  t.match(dup.json(), { code: 'conflict', errors: [{ path: 'plate' }] });
  t.equal((await b.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).statusCode, 201);

  // An archived vehicle keeps its plate; the answer says to restore it.
  const other = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E54321', type: 'truck' })).json() as Vehicle;
  await a.request('POST', `/api/v1/vehicles/${other.id}/archive`);
  const again = await a.request('POST', '/api/v1/vehicles', { plate: '苏E54321', type: 'truck' });
  t.equal(again.statusCode, 409);
  t.match((again.json() as Problem).errors?.[0]?.message, /归档|archived/);
  // Correcting one vehicle onto another's plate is refused the same way.
  const third = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E11111', type: 'truck' })).json() as Vehicle;
  t.equal((await a.request('PUT', `/api/v1/vehicles/${third.id}`, { plate: '苏E12345', type: 'truck' })).statusCode, 409);
});

t.test("an enterprise cannot see or touch another enterprise's vehicles", async (t) => {
  const { a, b, entA, entB } = await twoEnterprises(t);
  const bv = (await b.request('POST', '/api/v1/vehicles', { plate: '鄂A99999', type: 'tanker' })).json() as Vehicle;
  await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' });

  const list = await a.request('GET', '/api/v1/vehicles?status=all');
  t.equal(list.statusCode, 200);
  t.notMatch(list.body, '鄂A99999');
  t.equal(list.json().total, 1);
  const asked = await a.request('GET', `/api/v1/vehicles?enterpriseId=${entB}`);
  t.equal(asked.statusCode, 403);
  t.notMatch(asked.body, '鄂A99999');
  t.equal((await a.request('GET', `/api/v1/vehicles?enterpriseId=${entA}`)).statusCode, 200, 'asking for its own is fine');

  for (const [method, url, body] of [
    ['GET', `/api/v1/vehicles/${bv.id}`, undefined],
    ['PUT', `/api/v1/vehicles/${bv.id}`, { plate: '苏E00001', type: 'truck' }],
    ['POST', `/api/v1/vehicles/${bv.id}/archive`, undefined],
    ['POST', `/api/v1/vehicles/${bv.id}/restore`, undefined],
  ] as const) {
    const res = await a.request(method, url, body);
    t.equal(res.statusCode, 404, `${method} ${url}`);
    t.notMatch(res.body, '鄂A99999');
  }
  const still = (await b.request('GET', `/api/v1/vehicles/${bv.id}`)).json() as Vehicle;
  t.match(still, { plate: '鄂A99999', type: 'tanker', archived: false }, 'unchanged');

  // The owning enterprise comes from the session, never from the body.
  const sneaky = await a.request('POST', '/api/v1/vehicles', { plate: '苏E77777', type: 'truck', enterpriseId: entB });
  t.equal(sneaky.statusCode, 201);
  t.equal((sneaky.json() as Vehicle).enterpriseId, entA);
});

t.test('the bureau reads every enterprise’s vehicles, filters by enterprise, and does not edit them', async (t) => {
  const { a, b, officer, entA, entB } = await twoEnterprises(t);
  const av = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).json() as Vehicle;
  await b.request('POST', '/api/v1/vehicles', { plate: '鄂A99999', type: 'tanker' });
  const all = await officer.request('GET', '/api/v1/vehicles');
  t.equal(all.json().total, 2);
  const onlyB = await officer.request('GET', `/api/v1/vehicles?enterpriseId=${entB}`);
  t.match(onlyB.json(), { total: 1, items: [{ plate: '鄂A99999', enterpriseName: '昆山乙物流有限公司' }] });
  t.equal((await officer.request('GET', `/api/v1/vehicles?enterpriseId=${entA}&type=tanker`)).json().total, 0);
  t.equal((await officer.request('GET', `/api/v1/vehicles?q=E123`)).json().total, 1);
  t.equal((await officer.request('GET', `/api/v1/vehicles/${av.id}`)).statusCode, 200);
  t.equal((await officer.request('POST', '/api/v1/vehicles', { plate: '苏E00002', type: 'truck' })).statusCode, 403);
  t.equal((await officer.request('PUT', `/api/v1/vehicles/${av.id}`, { plate: '苏E00002', type: 'truck' })).statusCode, 403);
  t.equal((await officer.request('POST', `/api/v1/vehicles/${av.id}/archive`)).statusCode, 403);
});

t.test('changes are audited', async (t) => {
  const { ctx, a, entA } = await twoEnterprises(t);
  const v = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).json() as Vehicle;
  await a.request('PUT', `/api/v1/vehicles/${v.id}`, { plate: '苏E12345', type: 'van' });
  await a.request('POST', `/api/v1/vehicles/${v.id}/archive`);
  const actions = (await ctx.repos.audit.list({ enterpriseId: entA, limit: 10 })).map((e) => e.action).filter((x) => x.startsWith('vehicle.'));
  t.same(actions, ['vehicle.archive', 'vehicle.update', 'vehicle.create']);
});

t.test('the plate cannot change while a submitted or valid pass names the vehicle', async (t) => {
  const { ctx, a, entA, userA } = await twoEnterprises(t);
  const v = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).json() as Vehicle;
  const far = new Date(Date.now() + 86400_000).toISOString();
  await ctx.repos.store
    .q()
    .insertInto('passes')
    .values({
      pass_no: 'P-TEST-1',
      enterprise_id: entA,
      vehicle_id: v.id,
      status: 'issued',
      valid_from: new Date().toISOString(),
      valid_to: far,
      origin_region: '320583',
      destination: '昆山',
      cargo_category: 'parts',
      created_by: userA,
    })
    .execute();
  const res = await a.request('PUT', `/api/v1/vehicles/${v.id}`, { plate: '苏E54321', type: 'truck' });
  t.equal(res.statusCode, 409, res.body);
  t.match(res.json(), { errors: [{ path: 'plate' }] });
  t.equal((await a.request('PUT', `/api/v1/vehicles/${v.id}`, { plate: '苏E12345', type: 'van' })).statusCode, 200, 'the type may change');
});

t.test('getForEnterprise: the record after the access check', async (t) => {
  const { ctx, a, b, entA, entB, userA, officerId } = await twoEnterprises(t);
  const av = (await a.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' })).json() as Vehicle;
  const bv = (await b.request('POST', '/api/v1/vehicles', { plate: '鄂A99999', type: 'truck' })).json() as Vehicle;
  const svc = vehiclesService(ctx.repos);
  const actorA = await actorOf(ctx, userA);
  t.equal((await svc.getForEnterprise(actorA, av.id)).plate, '苏E12345');
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(actorA, bv.id)), 404);
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(actorA, 999999)), 404);
  const officer = await actorOf(ctx, officerId);
  t.equal((await svc.getForEnterprise(officer, bv.id)).enterpriseId, entB);
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(officer, bv.id, { enterpriseId: entA })), 404, 'must belong to the given enterprise');
  await svc.archive(actorA, av.id, '127.0.0.1');
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(actorA, av.id, { activeOnly: true })), 409);
});

t.test('the API is documented', async (t) => {
  const { ctx } = await twoEnterprises(t);
  const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  t.ok(doc.paths['/api/v1/vehicles']?.get);
  t.ok(doc.paths['/api/v1/vehicles']?.post);
  t.ok(doc.paths['/api/v1/vehicles/{id}']?.put);
  t.ok(doc.paths['/api/v1/vehicles/{id}/archive']?.post);
});

t.test('portal pages', async (t) => {
  const { ctx, a, b, officer } = await twoEnterprises(t);
  const form = (c: Client, url: string, fields: Record<string, string>) => c.form(url, { _csrf: c.csrf, ...fields });

  const empty = await a.request('GET', '/enterprise/vehicles');
  t.equal(empty.statusCode, 200);
  t.match(empty.body, '/enterprise/vehicles/new');
  t.equal((await a.request('GET', '/enterprise/vehicles/new')).statusCode, 200);

  const bad = await form(a, '/enterprise/vehicles', { plate: '苏I12345', type: 'truck' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, 'value="苏I12345"', 'the typed plate is kept');
  t.match(bad.body, '号牌发牌机关代号');

  const ok = await form(a, '/enterprise/vehicles', { plate: '苏E12345', type: 'van' });
  t.equal(ok.statusCode, 303, ok.body);
  t.equal(ok.headers.location, '/enterprise/vehicles?done=saved');
  const listed = await a.request('GET', '/enterprise/vehicles?done=saved');
  t.match(listed.body, '苏E12345');
  t.match(listed.body, '厢式货车');
  t.match(listed.body, '已保存');

  const dup = await form(a, '/enterprise/vehicles', { plate: '苏E12345', type: 'van' });
  t.equal(dup.statusCode, 409);
  t.match(dup.body, '本企业已登记该号牌的车辆');

  const id = (await ctx.repos.vehicles.list({ status: 'all', limit: 10, offset: 0 })).items[0]!.id;
  const edit = await a.request('GET', `/enterprise/vehicles/${id}/edit`);
  t.equal(edit.statusCode, 200);
  t.match(edit.body, 'value="苏E12345"');
  const saved = await form(a, `/enterprise/vehicles/${id}`, { plate: '鄂A12345', type: 'van' });
  t.equal(saved.statusCode, 303);
  t.equal((await ctx.repos.vehicles.get(id))?.regionCode, '420100');

  t.equal((await b.request('GET', `/enterprise/vehicles/${id}/edit`)).statusCode, 404, "another enterprise's edit page");
  t.equal((await form(b, `/enterprise/vehicles/${id}`, { plate: '苏E00001', type: 'van' })).statusCode, 404);
  t.equal((await form(b, `/enterprise/vehicles/${id}/archive`, {})).statusCode, 404);
  t.notMatch((await b.request('GET', '/enterprise/vehicles')).body, '鄂A12345');
  t.equal((await b.request('GET', '/bureau/vehicles')).statusCode, 403);
  t.equal((await form(a, `/enterprise/vehicles/${id}/archive`, { _csrf: 'forged' })).statusCode, 403, 'CSRF checked');

  const archived = await form(a, `/enterprise/vehicles/${id}/archive`, {});
  t.equal(archived.statusCode, 303);
  t.equal((await ctx.repos.vehicles.get(id))?.archived, true);

  await form(b, '/enterprise/vehicles', { plate: '京A12345', type: 'tractor' });
  const bureau = await officer.request('GET', '/bureau/vehicles?status=all');
  t.equal(bureau.statusCode, 200);
  t.match(bureau.body, '鄂A12345');
  t.match(bureau.body, '京A12345');
  t.match(bureau.body, '昆山乙物流有限公司');
  const filtered = await officer.request('GET', `/bureau/vehicles?enterpriseId=${(await ctx.repos.vehicles.get(id))!.enterpriseId}&q=&type=&status=all`);
  t.equal(filtered.statusCode, 200);
  t.notMatch(filtered.body, '京A12345');
  t.equal((await officer.request('GET', '/enterprise/vehicles')).statusCode, 403);
});
