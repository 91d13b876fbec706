import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { TEST_ENGINE } from '../../helpers/app.js';
import type { Client } from '../../helpers/client.js';
import { actorOf, asyncStatusOf, twoEnterprises, type Problem } from '../../helpers/registry.js';
import { peopleService } from '../../../src/server/features/people/service.js';

const ID = '11010519491231002X';
const ID_MASKED = '**************002X';
const PHONE = '13812345678';
// Another valid ID (check character computed by GB 11643) and a landline (not the test enterprises' duty phone, which is stored in clear).
const ID2 = '320583199003070017';
const LANDLINE = '051257889900';

type Person = {
  id: number;
  enterpriseId: number;
  name: string;
  role: string;
  idMasked: string;
  idLast4: string;
  phoneMasked: string;
  stays: Array<{ code: string; name: string }>;
  staysDeclaredAt: string | null;
  archived: boolean;
};

const driver = (over: Record<string, unknown> = {}) => ({ name: '张三', role: 'driver', idNumber: ID, phone: PHONE, stays: ['420100', '320583'], ...over });

t.test('an enterprise registers a driver; the ID number and phone come back masked', async (t) => {
  const { a, entA } = await twoEnterprises(t);
  const before = Date.now();
  const res = await a.request('POST', '/api/v1/people', driver({ idNumber: '110105 19491231 002x', phone: '138-1234-5678' }));
  t.equal(res.statusCode, 201, res.body);
  const p = res.json() as Person;
  t.match(p, {
    enterpriseId: entA, name: '张三', role: 'driver', idMasked: ID_MASKED, idLast4: '002X', phoneMasked: '138****5678', archived: false,
    stays: [{ code: '420100', name: '湖北省 武汉市' }, { code: '320583', name: '江苏省 苏州市 昆山市' }],
  });
  t.ok(Date.parse(p.staysDeclaredAt!) >= before - 1000, 'declared now');
  t.notMatch(res.body, ID);
  t.notMatch(res.body, PHONE);

  const got = await a.request('GET', `/api/v1/people/${p.id}`);
  t.same(got.json(), p);
  const list = await a.request('GET', '/api/v1/people');
  t.match(list.json(), { total: 1, items: [{ id: p.id, idMasked: ID_MASKED }] });
  for (const body of [got.body, list.body]) {
    t.notMatch(body, ID);
    t.notMatch(body, PHONE);
  }
  t.equal((await a.request('GET', '/api/v1/people?q=002x')).json().total, 1, 'search by the last 4');
  t.equal((await a.request('GET', '/api/v1/people?q=张')).json().total, 1, 'search by name');
  t.equal((await a.request('GET', '/api/v1/people?role=escort')).json().total, 0);

  const escort = await a.request('POST', '/api/v1/people', { name: '李四', role: 'escort', idNumber: ID2, phone: LANDLINE });
  t.equal(escort.statusCode, 201, escort.body);
  t.match(escort.json(), { phoneMasked: '051*****9900', staysDeclaredAt: null, stays: [] }, 'no declaration yet');
});

t.test('bad input is a problem+json with field paths', async (t) => {
  const { ctx, a, userA } = await twoEnterprises(t);
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [driver({ idNumber: '110105194912310021' }), 'body.idNumber', '校验位'],
    [driver({ idNumber: '11010519491331002X' }), 'body.idNumber', '出生日期'],
    [driver({ idNumber: '1101051949123' }), 'body.idNumber', '18 位'],
    [driver({ stays: ['420100', '990000'] }), 'body.stays.1', '不存在'],
    [driver({ stays: ['4201'] }), 'body.stays.0', '6 位'],
    [driver({ phone: '12345' }), 'body.phone', '电话'],
    [driver({ role: 'passenger' }), 'body.role', ''],
    [driver({ name: '' }), 'body.name', ''],
  ];
  for (const [body, path, text] of cases) {
    const res = await a.request('POST', '/api/v1/people', body);
    t.equal(res.statusCode, 400, `${path}: ${res.body}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const p = res.json() as Problem;
    t.equal(p.code, 'validation');
    const err = p.errors?.find((e) => e.path === path);
    t.ok(err, `${path} in ${JSON.stringify(p.errors)}`);
    if (text) t.match(err?.message, text);
  }
  // A user who reads English gets the field messages in English (the saved account language wins).
  await ctx.repos.users.setLocale(userA, 'en');
  const en = await a.request('POST', '/api/v1/people', driver({ idNumber: '110105194912310021' }));
  t.equal(en.statusCode, 400);
  t.match(en.json(), { title: 'The submitted data is not valid', errors: [{ path: 'body.idNumber', message: 'Citizen ID check character is wrong' }] });
  t.equal((await a.request('GET', '/api/v1/people')).json().total, 0, 'nothing saved');

  const future = new Date(Date.now() + 86400_000).toISOString();
  const old = new Date(Date.now() - 20 * 86400_000).toISOString();
  for (const at of [future, old]) {
    const res = await a.request('POST', '/api/v1/people', driver({ staysDeclaredAt: at }));
    t.equal(res.statusCode, 400, at);
    t.match(res.json(), { errors: [{ path: 'staysDeclaredAt' }] });
  }
  const yesterday = new Date(Date.now() - 86400_000).toISOString();
  const ok = await a.request('POST', '/api/v1/people', driver({ staysDeclaredAt: yesterday }));
  t.equal(ok.statusCode, 201, ok.body);
  t.equal((ok.json() as Person).staysDeclaredAt, yesterday);
});

t.test('one ID number per enterprise: a duplicate is a 409, another enterprise may have it', async (t) => {
  const { a, b } = await twoEnterprises(t);
  t.equal((await a.request('POST', '/api/v1/people', driver())).statusCode, 201);
  const dup = await a.request('POST', '/api/v1/people', driver({ name: '张叁', idNumber: ID.toLowerCase(), phone: '13900000000' }));
  t.equal(dup.statusCode, 409, dup.body);
  t.match(dup.headers['content-type'], /^application\/problem\+json/);
  t.match(dup.json(), { code: 'conflict', errors: [{ path: 'idNumber' }] });
  t.notMatch(dup.body, ID);
  t.equal((await b.request('POST', '/api/v1/people', driver())).statusCode, 201);

  const other = (await a.request('POST', '/api/v1/people', driver({ idNumber: ID2 }))).json() as Person;
  const clash = await a.request('PATCH', `/api/v1/people/${other.id}`, { idNumber: ID });
  t.equal(clash.statusCode, 409, 'changing to a taken ID is refused too');
});

t.test('updates re-encrypt; stays sent make a new declaration; archive instead of delete', async (t) => {
  const { ctx, a, entA } = await twoEnterprises(t);
  const p = (await a.request('POST', '/api/v1/people', driver({ stays: undefined }))).json() as Person;
  t.equal(p.staysDeclaredAt, null);
  const stored = () => ctx.repos.store.q().selectFrom('people').select(['id_number_enc', 'phone_enc', 'id_hmac']).where('id', '=', p.id).executeTakeFirstOrThrow();
  const encBefore = await stored();

  const phone = await a.request('PATCH', `/api/v1/people/${p.id}`, { phone: '13987654321' });
  t.equal(phone.statusCode, 200, phone.body);
  t.match(phone.json(), { phoneMasked: '139****4321', idMasked: ID_MASKED, name: '张三', staysDeclaredAt: null });

  const id = await a.request('PATCH', `/api/v1/people/${p.id}`, { idNumber: ID2, role: 'escort', stays: ['320583'] });
  t.equal(id.statusCode, 200, id.body);
  const after = id.json() as Person;
  t.match(after, { idMasked: '**************0017', idLast4: '0017', role: 'escort', stays: [{ code: '320583' }] });
  t.ok(after.staysDeclaredAt);
  const encAfter = await stored();
  t.not(encAfter.id_number_enc, encBefore.id_number_enc);
  t.not(encAfter.phone_enc, encBefore.phone_enc);
  t.not(encAfter.id_hmac, encBefore.id_hmac);
  t.equal((await ctx.repos.people.getByIdNumber(entA, ID2))?.id, p.id, 'the blind index follows the new number');
  t.equal(await ctx.repos.people.getByIdNumber(entA, ID), undefined);

  const bad = await a.request('PATCH', `/api/v1/people/${p.id}`, { idNumber: '110105194912310021' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { errors: [{ path: 'body.idNumber' }] });

  const archived = await a.request('POST', `/api/v1/people/${p.id}/archive`);
  t.equal((archived.json() as Person).archived, true);
  t.equal((await a.request('GET', '/api/v1/people')).json().total, 0);
  t.equal((await a.request('GET', '/api/v1/people?status=archived')).json().total, 1);
  const again = await a.request('POST', '/api/v1/people', driver({ idNumber: ID2 }));
  t.equal(again.statusCode, 409, 'an archived person keeps the ID number');
  t.match((again.json() as Problem).errors?.[0]?.message, /归档/);
  t.equal(((await a.request('POST', `/api/v1/people/${p.id}/restore`)).json() as Person).archived, false);

  const actions = (await ctx.repos.audit.list({ enterpriseId: entA, limit: 20 })).map((e) => e.action).filter((x) => x.startsWith('person.'));
  t.same(actions, ['person.restore', 'person.archive', 'person.update', 'person.update', 'person.create']);
});

t.test('name and ID number are fixed while a submitted or valid pass carries the person', async (t) => {
  const { ctx, a, entA, userA } = await twoEnterprises(t);
  const p = (await a.request('POST', '/api/v1/people', driver())).json() as Person;
  const v = await ctx.repos.vehicles.insert({ enterpriseId: entA, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  const q = () => ctx.repos.store.q();
  const { id: passId } = await q()
    .insertInto('passes')
    .values({
      pass_no: 'P-TEST-2',
      enterprise_id: entA,
      vehicle_id: v.id,
      status: 'submitted',
      valid_from: new Date().toISOString(),
      valid_to: new Date(Date.now() + 86400_000).toISOString(),
      origin_region: '320583',
      destination: '昆山',
      cargo_category: 'parts',
      created_by: userA,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q().insertInto('pass_people').values({ pass_id: passId, person_id: p.id, position: 0, role: 'driver' }).execute();
  t.equal((await a.request('PATCH', `/api/v1/people/${p.id}`, { name: '张三丰' })).statusCode, 409);
  t.equal((await a.request('PATCH', `/api/v1/people/${p.id}`, { idNumber: ID2 })).statusCode, 409);
  t.equal((await a.request('PATCH', `/api/v1/people/${p.id}`, { idNumber: ID, name: '张三' })).statusCode, 200, 'the same values are not a change');
  t.equal((await a.request('PATCH', `/api/v1/people/${p.id}`, { phone: '13900000000', stays: [] })).statusCode, 200);
});

t.test("an enterprise cannot see or touch another enterprise's people", async (t) => {
  const { a, b, entB } = await twoEnterprises(t);
  const bp = (await b.request('POST', '/api/v1/people', driver({ name: '王五' }))).json() as Person;
  await a.request('POST', '/api/v1/people', driver({ idNumber: ID2 }));

  const list = await a.request('GET', '/api/v1/people?status=all');
  t.equal(list.json().total, 1);
  t.notMatch(list.body, '王五');
  const asked = await a.request('GET', `/api/v1/people?enterpriseId=${entB}`);
  t.equal(asked.statusCode, 403);
  t.notMatch(asked.body, '王五');
  for (const [method, url, body] of [
    ['GET', `/api/v1/people/${bp.id}`, undefined],
    ['PATCH', `/api/v1/people/${bp.id}`, { name: '改名' }],
    ['POST', `/api/v1/people/${bp.id}/archive`, undefined],
    ['POST', `/api/v1/people/${bp.id}/restore`, undefined],
  ] as const) {
    const res = await a.request(method, url, body);
    t.equal(res.statusCode, 404, `${method} ${url}`);
    t.notMatch(res.body, '王五');
  }
  t.equal((await a.request('POST', `/api/v1/people/${bp.id}/reveal`, {})).statusCode, 403, 'reveal is the bureau’s');
  t.match((await b.request('GET', `/api/v1/people/${bp.id}`)).json(), { name: '王五', archived: false }, 'unchanged');
});

t.test('only the bureau reveals the full values, audited and never cached', async (t) => {
  const { ctx, a, b, officer, entA, officerId } = await twoEnterprises(t);
  const p = (await a.request('POST', '/api/v1/people', driver())).json() as Person;

  for (const c of [a, b]) {
    const res = await c.request('POST', `/api/v1/people/${p.id}/reveal`, {});
    t.equal(res.statusCode, 403);
    t.notMatch(res.body, ID);
  }
  const listed = await officer.request('GET', '/api/v1/people');
  t.match(listed.json(), { total: 1, items: [{ idMasked: ID_MASKED, phoneMasked: '138****5678', enterpriseName: '昆山甲精密机械有限公司' }] });
  t.notMatch(listed.body, ID);
  t.notMatch((await officer.request('GET', `/api/v1/people/${p.id}`)).body, ID, 'the bureau too sees masked values unless it reveals');

  const res = await officer.request('POST', `/api/v1/people/${p.id}/reveal`, { reason: '卡口核验身份' });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { id: p.id, idNumber: ID, phone: PHONE });
  t.equal(res.headers['cache-control'], 'no-store');
  const noReason = await officer.request('POST', `/api/v1/people/${p.id}/reveal`);
  t.equal(noReason.statusCode, 200, noReason.body);
  t.equal((await officer.request('POST', '/api/v1/people/99999/reveal', {})).statusCode, 404);

  const reveals = (await ctx.repos.audit.list({ action: 'person.reveal', limit: 10 }));
  t.equal(reveals.length, 2);
  t.match(reveals[1], { actorId: officerId, actorName: 'officer', subjectType: 'person', subjectId: String(p.id), enterpriseId: entA, reason: '卡口核验身份' });
  t.equal(reveals[0]?.reason, null);
  t.notMatch(JSON.stringify(reveals), ID, 'the audit log does not hold the value');
});

t.test('encryption at rest: the database file never holds the full ID number or phone', async (t) => {
  const { ctx, a } = await twoEnterprises(t);
  t.equal((await a.request('POST', '/api/v1/people', driver({ name: '赵六特征名' }))).statusCode, 201);
  const id = ((await a.request('POST', '/api/v1/people', driver({ name: '钱七', idNumber: ID2, phone: LANDLINE }))).json() as Person).id;
  // An update writes new ciphertext; the old page content must not hold plaintext either.
  t.equal((await a.request('PATCH', `/api/v1/people/${id}`, { phone: '13912345678', idNumber: ID2 })).statusCode, 200);
  // And a failed duplicate attempt stores nothing.
  t.equal((await a.request('POST', '/api/v1/people', driver())).statusCode, 409);

  // On either engine: no stored row of the people or the audit log holds them.
  const q = () => ctx.repos.store.q();
  const stored = JSON.stringify([await q().selectFrom('people').selectAll().execute(), await q().selectFrom('audit_log').selectAll().execute(), await q().selectFrom('audit_personal').selectAll().execute()]);
  t.ok(stored.includes('赵六特征名'), 'sanity: these rows hold the people');
  for (const secret of [ID, ID.toLowerCase(), PHONE, ID2, LANDLINE, '13912345678', '110105194912310', '138123']) t.notOk(stored.includes(secret), `${secret} is in no stored row`);
  await t.test('the SQLite file', { skip: TEST_ENGINE === 'postgres' && 'reads the SQLite database file on disk' }, async (t) => {
    ctx.repos.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(ctx.dataDir, 'kakou.sqlite'));
    t.ok(bytes.includes(Buffer.from('赵六特征名')), 'sanity: this is the file that holds the people');
    for (const secret of [ID, ID.toLowerCase(), PHONE, ID2, LANDLINE, '13912345678', '110105194912310', '138123']) {
      t.notOk(bytes.includes(Buffer.from(secret)), `${secret} is not in the file`);
    }
    t.notOk(bytes.includes(Buffer.from(ID, 'utf16le')), 'not as UTF-16 either');
  });
  const row = await q().selectFrom('people').select(['id_number_enc', 'phone_enc', 'id_last4']).where('name', '=', '赵六特征名').executeTakeFirstOrThrow();
  t.match(row.id_number_enc, /^v1\./);
  t.match(row.phone_enc, /^v1\./);
  t.equal(row.id_last4, '002X');
});

t.test('service API for pass applications', async (t) => {
  const { ctx, a, b, entA, entB, userA, officerId } = await twoEnterprises(t);
  const ap = (await a.request('POST', '/api/v1/people', driver())).json() as Person;
  const bp = (await b.request('POST', '/api/v1/people', driver({ name: '王五' }))).json() as Person;
  const svc = peopleService(ctx.repos);
  const actorA = await actorOf(ctx, userA);
  const officer = await actorOf(ctx, officerId);

  const mine = await svc.getForEnterprise(actorA, ap.id);
  t.equal(mine.name, '张三');
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(actorA, bp.id)), 404);
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(officer, bp.id, { enterpriseId: entA })), 404);
  t.equal((await svc.getForEnterprise(officer, bp.id, { enterpriseId: entB })).name, '王五');
  t.same(svc.passView(mine), { name: '张三', id4: '002X', role: 'driver' });
  t.same(Object.keys(svc.passView(mine)).sort(), ['id4', 'name', 'role'], 'nothing else goes into a token');
  await svc.archive(actorA, ap.id, '127.0.0.1');
  t.equal(await asyncStatusOf(() => svc.getForEnterprise(actorA, ap.id, { activeOnly: true })), 409);
  t.equal(await asyncStatusOf(() => svc.reveal(actorA, ap.id, undefined, '127.0.0.1')), 403);
});

t.test('the API is documented', async (t) => {
  const { ctx } = await twoEnterprises(t);
  const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  t.ok(doc.paths['/api/v1/people']?.get);
  t.ok(doc.paths['/api/v1/people']?.post);
  t.ok(doc.paths['/api/v1/people/{id}']?.patch);
  t.ok(doc.paths['/api/v1/people/{id}/archive']?.post);
  t.ok(doc.paths['/api/v1/people/{id}/reveal']?.post);
});

t.test('portal pages', async (t) => {
  const { ctx, a, b, officer, entA } = await twoEnterprises(t);
  const form = (c: Client, url: string, fields: Record<string, string>) => c.form(url, { _csrf: c.csrf, ...fields });
  const fields = { name: '张三', role: 'driver', idNumber: ID, phone: PHONE, stays: '420100, 320583', declare: 'on' };

  t.equal((await a.request('GET', '/enterprise/people/new')).statusCode, 200);
  const bad = await form(a, '/enterprise/people', { ...fields, idNumber: '110105194912310021', stays: '420100 990000' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '公民身份号码校验位错误');
  t.match(bad.body, '行政区划代码不存在');
  t.match(bad.body, 'value="张三"', 'typed values are kept');
  const undeclared = await form(a, '/enterprise/people', { ...fields, declare: '' });
  t.equal(undeclared.statusCode, 400);
  t.match(undeclared.body, '须勾选申报确认');

  const ok = await form(a, '/enterprise/people', fields);
  t.equal(ok.statusCode, 303, ok.body);
  t.equal(ok.headers.location, '/enterprise/people?done=saved');
  const list = await a.request('GET', '/enterprise/people');
  t.equal(list.statusCode, 200);
  t.match(list.body, ID_MASKED);
  t.match(list.body, '138****5678');
  t.match(list.body, '武汉市');
  t.notMatch(list.body, ID);
  t.notMatch(list.body, PHONE);

  const dup = await form(a, '/enterprise/people', { ...fields, name: '张叁' });
  t.equal(dup.statusCode, 409);
  t.match(dup.body, '本企业已登记该身份证号的人员');

  const id = (await ctx.repos.people.list({ enterpriseId: entA, status: 'all', limit: 10, offset: 0 })).items[0]!.id;
  const edit = await a.request('GET', `/enterprise/people/${id}/edit`);
  t.equal(edit.statusCode, 200);
  t.match(edit.body, ID_MASKED);
  t.notMatch(edit.body, ID, 'the edit form never shows the full number');
  t.notMatch(edit.body, PHONE);

  const changedStays = await form(a, `/enterprise/people/${id}`, { name: '张三', role: 'driver', idNumber: '', phone: '', stays: '320583' });
  t.equal(changedStays.statusCode, 400, 'changed places need the declaration tick');
  const saved = await form(a, `/enterprise/people/${id}`, { name: '张三', role: 'escort', idNumber: '', phone: '13900001111', stays: '320583', declare: 'on' });
  t.equal(saved.statusCode, 303, saved.body);
  t.match(await ctx.repos.people.get(id), { role: 'escort', phoneMasked: '139****1111', idMasked: ID_MASKED, stays: [{ code: '320583' }] });

  t.equal((await b.request('GET', `/enterprise/people/${id}/edit`)).statusCode, 404);
  t.equal((await form(b, `/enterprise/people/${id}`, { name: 'x', role: 'driver' })).statusCode, 404);
  t.equal((await b.request('GET', '/bureau/people')).statusCode, 403);
  t.equal((await b.request('GET', `/bureau/people/${id}`)).statusCode, 403);
  t.equal((await form(a, `/bureau/people/${id}/reveal`, {})).statusCode, 403, 'not even the owning enterprise');

  const bureauList = await officer.request('GET', `/bureau/people?enterpriseId=${entA}&q=&role=&status=active`);
  t.equal(bureauList.statusCode, 200);
  t.match(bureauList.body, '张三');
  t.notMatch(bureauList.body, ID);
  const detail = await officer.request('GET', `/bureau/people/${id}`);
  t.equal(detail.statusCode, 200);
  t.match(detail.body, ID_MASKED);
  t.notMatch(detail.body, ID);
  t.match(detail.body, `/bureau/people/${id}/reveal`);

  const revealed = await form(officer, `/bureau/people/${id}/reveal`, { reason: '复核' });
  t.equal(revealed.statusCode, 200, revealed.body.slice(0, 500));
  t.match(revealed.body, ID);
  t.match(revealed.body, '13900001111');
  t.match(String(revealed.headers['cache-control']), 'no-store');
  t.match((await ctx.repos.audit.list({ action: 'person.reveal', limit: 1 }))[0], { actorName: 'officer', reason: '复核' });

  const archived = await form(a, `/enterprise/people/${id}/archive`, {});
  t.equal(archived.statusCode, 303);
  t.equal((await ctx.repos.people.get(id))?.archived, true);
});
