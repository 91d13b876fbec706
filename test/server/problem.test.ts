import t, { type Test } from 'tap';
import { setup } from '../helpers/app.js';
import { loggedIn } from '../helpers/client.js';
import { loadMigrations } from '../../src/server/db/migrate.js';
import { problemSchema } from '../../src/server/problem.js';

const valid = {
  name: '昆山测试物流有限公司',
  creditCode: '91350100M000100Y43',
  address: '昆山市前进东路 1 号',
  regionCode: '320583',
  dutyPhone: '051257001234',
};

const isProblem = (t: Test, res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) => {
  t.equal(res.statusCode, status, `status ${status}`);
  t.match(String(res.headers['content-type']), /^application\/problem\+json; charset=utf-8$/, 'problem+json');
  const body = res.json() as Record<string, unknown>;
  t.ok(problemSchema.safeParse(body).success, 'body matches the Problem schema');
  t.match(body, { status, code, type: `urn:kakou:problem:${code}`, title: String, messages: { zh: String, en: String } });
  return body as { title: string; messages: { zh: string; en: string }; errors?: { path: string; message: string }[]; detail?: string; instance?: string };
};

t.test('problem+json responses', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.4.0.1' });

  t.test('malformed JSON', async (t) => {
    const bad = await ctx.app.inject({
      method: 'POST', url: '/api/v1/enterprises',
      headers: { cookie: c.cookieHeader, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    const body = isProblem(t, bad, 400, 'bad_request');
    t.equal(body.messages.zh, '请求格式错误');
    t.equal(body.messages.en, 'The request is malformed');
    t.equal(body.instance, '/api/v1/enterprises');
    t.notMatch(bad.body, /at \w+ \(|node_modules|\.ts:\d+/, 'no stack');
  });

  t.test('validation errors name the fields', async (t) => {
    const res = await c.request('POST', '/api/v1/enterprises', { ...valid, creditCode: '91350100M000100Y44', dutyPhone: '12345' });
    const body = isProblem(t, res, 400, 'validation');
    const paths = (body.errors ?? []).map((e) => e.path);
    t.ok(paths.some((p) => /(^|\.)creditCode$/.test(p)), `creditCode reported (${paths.join(', ')})`);
    t.ok(paths.some((p) => /(^|\.)dutyPhone$/.test(p)), 'dutyPhone reported');
    t.notOk(paths.some((p) => /name|address|regionCode/.test(p)), 'valid fields not reported');
    t.ok(body.errors!.every((e) => e.message.length > 0 && !/^[a-z]+\.[a-z_]+$/.test(e.message)), 'messages are text, not catalogue keys');
    t.equal((await ctx.repos.enterprises.list({ limit: 10, offset: 0 })).total, 0, 'nothing created');

    const missing = await c.request('POST', '/api/v1/enterprises', {});
    const m = isProblem(t, missing, 400, 'validation');
    t.ok((m.errors ?? []).length >= 5, 'every missing field listed');

    const query = await c.request('GET', '/api/v1/enterprises?pageSize=100000');
    const q = isProblem(t, query, 400, 'validation');
    t.ok((q.errors ?? []).some((e) => /pageSize/.test(e.path)), 'querystring field named');

    const param = await c.request('GET', '/api/v1/enterprises/abc');
    const p = isProblem(t, param, 400, 'validation');
    t.ok((p.errors ?? []).some((e) => /id/.test(e.path)), 'path parameter named');

    const ok = await c.request('POST', '/api/v1/enterprises', valid);
    t.equal(ok.statusCode, 201, 'the valid code is accepted');
    const dup = await c.request('POST', '/api/v1/enterprises', { ...valid, name: '另一家公司' });
    isProblem(t, dup, 409, 'enterprise_exists');
  });

  t.test('content type and size', async (t) => {
    const text = await ctx.app.inject({
      method: 'POST', url: '/api/v1/enterprises',
      headers: { cookie: c.cookieHeader, 'x-csrf-token': c.csrf, 'content-type': 'application/xml' },
      payload: '<enterprise/>',
    });
    isProblem(t, text, 415, 'unsupported_media_type');
    const big = await ctx.app.inject({
      method: 'POST', url: '/api/v1/enterprises',
      headers: { cookie: c.cookieHeader, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...valid, address: 'x'.repeat(1024 * 1024 + 10) }),
    });
    isProblem(t, big, 413, 'payload_too_large');
  });

  t.test('unknown routes', async (t) => {
    const res = await c.request('GET', '/api/v1/no-such-thing?x=1');
    const body = isProblem(t, res, 404, 'not_found');
    t.equal(body.instance, '/api/v1/no-such-thing', 'instance without the query');
    const anon = await ctx.app.inject({ method: 'GET', url: '/api/v1/nope' });
    isProblem(t, anon, 404, 'not_found');
    const wrongMethod = await c.request('PATCH', '/api/v1/staff', {});
    t.equal(wrongMethod.statusCode, 404, 'unrouted method is a 404 problem');
    const page = await ctx.app.inject({ method: 'GET', url: '/no-such-page' });
    t.equal(page.statusCode, 404);
    t.match(String(page.headers['content-type']), /^text\/html/, 'portal paths get an HTML error page');
  });

  t.test('language', async (t) => {
    const anon = (lang: string) => ctx.app.inject({ method: 'GET', url: '/api/v1/enterprises', headers: { 'accept-language': lang } });
    const en = isProblem(t, await anon('en-GB,en;q=0.9'), 401, 'unauthenticated');
    t.equal(en.title, 'Please sign in first');
    const zh = isProblem(t, await anon('zh-CN,zh;q=0.9,en;q=0.8'), 401, 'unauthenticated');
    t.equal(zh.title, '请先登录');
    const none = isProblem(t, await ctx.app.inject({ method: 'GET', url: '/api/v1/enterprises' }), 401, 'unauthenticated');
    t.equal(none.title, '请先登录', 'Chinese by default');
    t.same(en.messages, zh.messages, 'messages carry both languages regardless');
    t.same(en.messages, { zh: '请先登录', en: 'Please sign in first' });

    // For the API an explicit Accept-Language wins over a signed-in user's saved language…
    t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode, 200);
    const asked = isProblem(t, await c.request('GET', '/api/v1/staff', undefined, { 'accept-language': 'zh-CN' }), 403, 'forbidden');
    t.equal(asked.title, '无权执行此操作', 'Accept-Language zh-CN wins over the saved en');
    const qValues = isProblem(t, await c.request('GET', '/api/v1/staff', undefined, { 'accept-language': 'zh;q=0.4, en-US;q=0.8, fr' }), 403, 'forbidden');
    t.equal(qValues.title, 'You are not allowed to do this', 'q-values are honoured (fr is not ours)');
    const refused = isProblem(t, await c.request('GET', '/api/v1/staff', undefined, { 'accept-language': 'en;q=0, zh;q=0.1' }), 403, 'forbidden');
    t.equal(refused.title, '无权执行此操作', 'q=0 refuses a language');
    // …and without one (or naming neither language) the saved language applies.
    const saved = isProblem(t, await c.request('GET', '/api/v1/staff', undefined, { 'accept-language': 'fr-FR' }), 403, 'forbidden');
    t.equal(saved.title, 'You are not allowed to do this');
    const fieldEn = isProblem(t, await c.request('POST', '/api/v1/enterprises', { ...valid, creditCode: '91350100M000100Y44' }), 400, 'validation');
    t.equal(fieldEn.title, 'The submitted data is not valid');
    t.notMatch(JSON.stringify({ ...fieldEn, messages: undefined }), /[\u4e00-\u9fff]/, 'no Chinese in an English body (messages aside)');
    t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'zh' })).statusCode, 200);
  });

  t.test('internal errors reveal nothing', async (t) => {
    const secret = 'SQLITE_CORRUPT: secret internal detail at /var/lib/kakou/kakou.sqlite';
    const original = ctx.repos.enterprises.list;
    ctx.repos.enterprises.list = () => {
      throw new Error(secret);
    };
    t.teardown(() => {
      ctx.repos.enterprises.list = original;
    });
    const res = await c.request('GET', '/api/v1/enterprises');
    const body = isProblem(t, res, 500, 'internal');
    t.notOk(body.detail, 'no detail');
    t.notMatch(res.body, 'secret internal detail');
    t.notMatch(res.body, 'SQLITE');
    t.notMatch(res.body, /kakou\.sqlite|stack|\.ts:\d+/);
    t.equal(body.messages.en, 'Internal server error; please try again later');

    const page = await c.request('GET', '/bureau/enterprises');
    if (page.statusCode !== 404) {
      t.equal(page.statusCode, 500, 'the portal page fails with 500 too');
      t.notMatch(page.body, 'secret internal detail', 'and says nothing either');
    }
    ctx.repos.enterprises.list = original;
    t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 200, 'recovers');
  });

  t.test('healthz and openapi', async (t) => {
    const h = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    t.equal(h.statusCode, 200);
    t.same(h.json(), { status: 'ok', schemaVersion: loadMigrations().at(-1)!.version });
    t.equal(h.headers['cache-control'], 'no-store');

    const o = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    t.equal(o.statusCode, 200);
    const doc = o.json() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, { name: string }> };
    };
    t.match(doc.openapi, /^3\.\d+\.\d+$/);
    t.ok(doc.paths['/api/v1/enterprises']?.get, 'GET /api/v1/enterprises');
    t.ok(doc.paths['/api/v1/enterprises']?.post, 'POST /api/v1/enterprises');
    const problem = doc.components.schemas.Problem;
    t.ok(problem, 'Problem schema');
    t.same(Object.keys(problem?.properties ?? {}).sort(), ['code', 'detail', 'errors', 'instance', 'messages', 'status', 'title', 'type']);
    t.same([...(problem?.required ?? [])].sort(), ['code', 'messages', 'status', 'title', 'type']);
    const err400 = JSON.stringify(doc.paths['/api/v1/enterprises']!.post!.responses['400']);
    t.match(err400, /#\/components\/schemas\/Problem/, 'error responses refer to Problem');
    t.equal(doc.components.securitySchemes.session?.name, 'kakou_sid');
    t.equal(doc.components.securitySchemes.csrf?.name, 'x-csrf-token');
    t.notOk(doc.paths['/'] ?? doc.paths['/login'], 'portal pages not documented');
  });
});
