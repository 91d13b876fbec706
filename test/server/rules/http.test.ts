import t from 'tap';
import { setup, type TestContext } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import type { ActedBy } from '../../../src/server/security/actor.js';
import { t as translate } from '../../../src/server/i18n/messages.js';

async function people(ctx: TestContext) {
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'clerk');
  const ent = await ctx.enterprise('昆山市精密机械制造有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'factory', ent);
  return {
    admin: await loggedIn(ctx.app, 'boss', { remoteAddress: '10.1.0.1' }),
    officer: await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.1.0.2' }),
    entUser: await loggedIn(ctx.app, 'factory', { remoteAddress: '10.1.0.3' }),
  };
}

type Json = Record<string, any>;

t.test('API: versions, active, draft, regions', async (t) => {
  const ctx = await setup(t);
  const { officer } = await people(ctx);

  const list = await officer.request('GET', '/api/v1/rules');
  t.equal(list.statusCode, 200);
  const versions = list.json() as Json[];
  t.equal(versions.length, 1, 'version 1 exists on a fresh install');
  t.match(versions[0], { version: 1, status: 'active', authorId: null, authorName: 'system', ruleSet: { version: 1, keyAreas: ['420000'], feverThresholdC: 37.3 } });

  const active = await officer.request('GET', '/api/v1/rules/active');
  t.equal(active.statusCode, 200);
  t.equal((active.json() as Json).ruleSet.version, 1);
  t.equal((await officer.request('GET', '/api/v1/rules/1')).statusCode, 200);
  const missing = await officer.request('GET', '/api/v1/rules/99');
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
  t.equal((await officer.request('GET', '/api/v1/rules/abc')).statusCode, 400);

  const draft = (await officer.request('GET', '/api/v1/rules/draft')).json() as Json;
  t.match(draft, { basedOn: 1, nextVersion: 2, activeVersion: 1, updatedAt: null, fields: { keyAreas: ['420000'] } });
  t.equal(draft.coveredCounties, ctx.app.services.rules.coveredCounties(['420000']));
  t.same(draft.comparedWithActive.changes, []);

  const wuhan = await officer.request('GET', `/api/v1/regions?q=${encodeURIComponent('武汉')}`);
  t.equal(wuhan.statusCode, 200);
  const found = (wuhan.json() as Json[]).find((r) => r.code === '420100');
  t.match(found, { code: '420100', name: '武汉市', level: 'city', fullName: '湖北省 武汉市' });
  t.ok(found!.counties > 10);
  const byCode = (await officer.request('GET', '/api/v1/regions?q=420102')).json() as Json[];
  t.match(byCode[0], { code: '420102', level: 'county', fullName: '湖北省 武汉市 江岸区', counties: 1 });
  t.same((await officer.request('GET', '/api/v1/regions?q=')).json(), []);
});

t.test('API: draft validation errors carry a field path; publish creates the next version', async (t) => {
  const ctx = await setup(t);
  const { admin, officer } = await people(ctx);
  const fields = ((await admin.request('GET', '/api/v1/rules/draft')).json() as Json).fields;

  const hot = await admin.request('PUT', '/api/v1/rules/draft', { ...fields, feverThresholdC: 45 });
  t.equal(hot.statusCode, 400);
  t.match(hot.headers['content-type'], /^application\/problem\+json/);
  const body = hot.json() as Json;
  t.equal(body.code, 'validation');
  t.same(
    body.errors.find((e: Json) => e.path === 'body.feverThresholdC'),
    { path: 'body.feverThresholdC', message: translate('zh', 'rules.err.feverThresholdC') },
    'the field path, and the message in the reader’s language',
  );

  const order = await admin.request('PUT', '/api/v1/rules/draft', { ...fields, plausibleMaxC: 39, feverThresholdC: 39.5 });
  t.equal(order.statusCode, 400);
  t.match((order.json() as Json).errors, [{ path: 'feverThresholdC', message: translate('zh', 'rules.err.threshold_order') }]);
  const unknown = await admin.request('PUT', '/api/v1/rules/draft', { ...fields, extra: 1 });
  t.equal(unknown.statusCode, 400, 'unknown fields are refused');

  t.equal((await officer.request('PUT', '/api/v1/rules/draft', { ...fields, keyAreas: [] })).statusCode, 403, 'officers cannot edit');
  const saved = await admin.request('PUT', '/api/v1/rules/draft', { ...fields, keyAreas: ['420100', '420000'], stayLookbackDays: 21 });
  t.equal(saved.statusCode, 200);
  t.match(saved.json(), { fields: { keyAreas: ['420000', '420100'], stayLookbackDays: 21 }, updatedBy: 'boss' });

  t.equal((await officer.request('POST', '/api/v1/rules/draft/publish', { reason: '武汉' })).statusCode, 403, 'officers cannot publish');
  const noReason = await admin.request('POST', '/api/v1/rules/draft/publish', {});
  t.equal(noReason.statusCode, 400);
  const past = await admin.request('POST', '/api/v1/rules/draft/publish', { reason: 'x', effectiveFrom: '2020-01-01T00:00:00+08:00' });
  t.equal(past.statusCode, 400);
  t.match((past.json() as Json).errors, [{ path: 'effectiveFrom' }]);

  const published = await admin.request('POST', '/api/v1/rules/draft/publish', { reason: '追溯期延长至 21 天' });
  t.equal(published.statusCode, 201);
  t.match(published.json(), { version: 2, status: 'active', authorName: 'boss', ruleSet: { version: 2, stayLookbackDays: 21, reason: '追溯期延长至 21 天', author: 'boss' } });
  t.equal(((await officer.request('GET', '/api/v1/rules/active')).json() as Json).ruleSet.version, 2);
  const again = await admin.request('POST', '/api/v1/rules/draft/publish', { reason: 'again' });
  t.equal(again.statusCode, 409, 'an unchanged draft is not published again');

  const future = new Date(Date.now() + 86_400_000).toISOString();
  await admin.request('PUT', '/api/v1/rules/draft', { ...fields, keyAreas: [] });
  const scheduled = await admin.request('POST', '/api/v1/rules/draft/publish', { reason: '解除', effectiveFrom: future });
  t.equal(scheduled.statusCode, 201);
  t.match(scheduled.json(), { version: 3, status: 'scheduled' });
  t.same(((await officer.request('GET', '/api/v1/rules')).json() as Json[]).map((v) => [v.version, v.status]), [[3, 'scheduled'], [2, 'active'], [1, 'superseded']]);
});

t.test('API access: enterprise users 403, anonymous 401, all documented in OpenAPI', async (t) => {
  const ctx = await setup(t);
  const { entUser } = await people(ctx);
  const anon = new Client(ctx.app, { remoteAddress: '10.1.0.9' });
  await anon.refreshCsrf();
  const routes: Array<[method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown]> = [
    ['GET', '/api/v1/rules'],
    ['GET', '/api/v1/rules/active'],
    ['GET', '/api/v1/rules/1'],
    ['GET', '/api/v1/rules/draft'],
    ['PUT', '/api/v1/rules/draft', { keyAreas: [] }],
    ['POST', '/api/v1/rules/draft/publish', { reason: 'x' }],
    ['GET', '/api/v1/regions?q=4201'],
  ];
  for (const [method, url, body] of routes) {
    t.equal((await entUser.request(method, url, body)).statusCode, 403, `enterprise user: ${method} ${url}`);
    t.equal((await anon.request(method, url, body)).statusCode, 401, `anonymous: ${method} ${url}`);
  }
  const doc = (await anon.request('GET', '/openapi.json')).json() as Json;
  for (const path of ['/api/v1/rules', '/api/v1/rules/active', '/api/v1/rules/{version}', '/api/v1/rules/draft', '/api/v1/rules/draft/publish', '/api/v1/regions']) {
    t.ok(doc.paths[path], `${path} documented`);
  }
  t.ok(doc.paths['/api/v1/rules/draft'].put.requestBody, 'PUT body documented');
  t.match(doc.paths['/api/v1/rules/draft/publish'].post.description, /Access: signed-in bureau_admin/);
});

/** A portal visitor: cookies, and the form token of the last page seen. */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  static seq = 1;
  readonly ip = `10.8.0.${Browser.seq++}`;
  constructor(readonly app: TestContext['app']) {}
  private keep<R extends { cookies: unknown; body: string }>(res: R): R {
    for (const c of res.cookies as Array<{ name: string; value: string }>) this.cookies.set(c.name, c.value);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
  private get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie }, remoteAddress: this.ip }));
  }
  async post(url: string, fields: Record<string, string>) {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
        remoteAddress: this.ip,
      }),
    );
  }
  async login(username: string) {
    await this.get('/login');
    const res = await this.post('/login', { username, password: 'correct horse battery', next: '/' });
    if (res.statusCode !== 303) throw new Error(`login ${username}: ${res.statusCode}`);
    await this.get('/');
    return this;
  }
}

/** The decision shown in one column of the playground's side-by-side table. */
const decisionIn = (html: string, column: 'draft' | 'active') =>
  new RegExp(`data-column="${column}"[^>]*>[\\s\\S]*?data-decision="([A-Z]+)"`).exec(html)?.[1];

t.test('pages: versions, draft editing with the region picker, publishing', async (t) => {
  const ctx = await setup(t);
  await people(ctx);
  const admin = await new Browser(ctx.app).login('boss');

  const list = await admin.get('/bureau/rules');
  t.equal(list.statusCode, 200);
  t.match(list.body, /href="\/bureau\/rules\/1"/);
  t.match(list.body, /badge badge-ok">现行/);

  const draft = await admin.get('/bureau/rules/draft');
  t.equal(draft.statusCode, 200);
  const hubei = ctx.app.services.rules.coveredCounties(['420000']);
  t.match(draft.body, new RegExp(`覆盖 ${hubei} 个县级单位`));
  t.match(draft.body, /草稿与现行版本相同/);

  const search = await admin.get(`/bureau/rules/draft?q=${encodeURIComponent('温州')}`);
  t.match(search.body, /330300/);
  t.match(search.body, /action="\/bureau\/rules\/draft\/areas\/add"/);

  const added = await admin.post('/bureau/rules/draft/areas/add', { code: '330300', q: '温州' });
  t.equal(added.statusCode, 303);
  t.match(added.headers.location, /^\/bureau\/rules\/draft\?q=%E6%B8%A9%E5%B7%9E&done=added&code=330300#areas$/);
  const after = await admin.get(String(added.headers.location).replace(/#.*/, ''));
  t.match(after.body, /已加入 330300/);
  t.match(after.body, /新增重点疫区/);
  t.match(after.body, /温州市/);
  const wenzhou = ctx.app.services.rules.coveredCounties(['330300']);
  t.match(after.body, new RegExp(`覆盖 ${hubei + wenzhou} 个县级单位`));

  const bad = await admin.post('/bureau/rules/draft/areas/add', { code: '999999', q: '' });
  t.equal(bad.statusCode, 400);

  const hot = await admin.post('/bureau/rules/draft', {
    feverThresholdC: '45', plausibleMinC: '35', plausibleMaxC: '42', retestRequired: 'yes',
    stayLookbackDays: '14', clockToleranceSec: '300', trustWarnAgeHours: '24', trustMaxAgeHours: '72',
  });
  t.equal(hot.statusCode, 400);
  t.match(hot.body, /发热阈值须在 35–41 ℃ 之间/);
  t.match(hot.body, /value="45"/, 'the typed value is kept');

  const ok = await admin.post('/bureau/rules/draft', {
    feverThresholdC: '37,5', plausibleMinC: '35', plausibleMaxC: '42', retestRequired: 'no',
    stayLookbackDays: '14', clockToleranceSec: '300', trustWarnAgeHours: '12', trustMaxAgeHours: '48',
  });
  t.equal(ok.statusCode, 303);
  const fields = (await ctx.app.services.rules.getDraft()).fields;
  t.match(fields, { feverThresholdC: 37.5, retestRequired: false, trustWarnAgeSec: 43_200, trustMaxAgeSec: 172_800, keyAreas: ['330300', '420000'] });

  await admin.get('/bureau/rules/draft');
  const noReason = await admin.post('/bureau/rules/draft/publish', { reason: '', effectiveFrom: '' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, /请填写发布理由/);
  const published = await admin.post('/bureau/rules/draft/publish', { reason: '温州市列为重点地区', effectiveFrom: '' });
  t.equal(published.statusCode, 303);
  t.equal(published.headers.location, '/bureau/rules/2?done=published');
  const v2 = await admin.get('/bureau/rules/2?done=published');
  t.equal(v2.statusCode, 200);
  t.match(v2.body, /已发布第 2 版/);
  t.match(v2.body, /与第 1 版相比的变化/);
  t.match(v2.body, /温州市列为重点地区/);

  // A scheduled version, in China time from the form.
  await admin.post('/bureau/rules/draft/areas/remove', { code: '330300', q: '' });
  const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  const scheduled = await admin.post('/bureau/rules/draft/publish', { reason: '温州解除', effectiveFrom: tomorrow });
  t.equal(scheduled.statusCode, 303);
  const v3 = ctx.app.services.rules.get(3)!;
  t.equal(v3.status, 'scheduled');
  t.equal(v3.ruleSet.effectiveFrom, new Date(`${tomorrow}:00+08:00`).toISOString());
  t.match((await admin.get('/bureau/rules')).body, /badge badge-pending">待生效/);
  t.equal((await admin.get('/bureau/rules/99')).statusCode, 404);
});

t.test('playground: draft and active side by side; adding 420100 turns a Wuhan plate from RELEASE to ESCORT in the draft only', async (t) => {
  const ctx = await setup(t);
  await people(ctx);
  const rules = ctx.app.services.rules;
  const boss = (await ctx.repos.users.getWithHash('boss'))!;
  const { passwordHash: _hash, ...bossUser } = boss;
  const by: ActedBy = { actor: { kind: 'user', user: bossUser } };
  // Active: no key areas at all.
  await rules.saveDraft(by, { ...(await rules.getDraft()).fields, keyAreas: [] });
  await rules.publish(by, { reason: '无重点疫区' });

  const officer = await new Browser(ctx.app).login('clerk');
  const before = await officer.get('/bureau/rules/playground?example=wuhan_plate');
  t.equal(before.statusCode, 200);
  t.equal(decisionIn(before.body, 'draft'), 'RELEASE');
  t.equal(decisionIn(before.body, 'active'), 'RELEASE');
  t.match(before.body, /草稿与现行规则的结果相同/);

  await rules.addKeyArea(by, '420100');
  const after = await officer.get('/bureau/rules/playground?example=wuhan_plate');
  t.equal(decisionIn(after.body, 'draft'), 'ESCORT', 'the draft column escorts');
  t.equal(decisionIn(after.body, 'active'), 'RELEASE', 'the active column still releases');
  t.match(after.body, /判定不同:现行规则为“直接放行”,草稿为“企业接车”/);
  t.match(after.body, /草稿\(第 3 版\)/);
  t.match(after.body, /现行第 2 版/);
  t.match(after.body, /鄂A12345/);

  // The same scenario typed into the form.
  const typed = await officer.get(`/bureau/rules/playground?pass=valid&origin=320583&plate=${encodeURIComponent('鄂A12345')}&receiver=yes&trustAgeHours=1&p1_readings=36.5&p2_present=no&run=1`);
  t.equal(decisionIn(typed.body, 'draft'), 'ESCORT');
  t.equal(decisionIn(typed.body, 'active'), 'RELEASE');

  const examples: Record<string, string> = { fever_retest: 'HOLD', single_high: 'MANUAL', expired_pass: 'REFUSE', stale_trust: 'MANUAL', wuhan_stay: 'ESCORT' };
  for (const [name, want] of Object.entries(examples)) {
    const res = await officer.get(`/bureau/rules/playground?example=${name}`);
    t.equal(decisionIn(res.body, 'draft'), want, `${name}: ${want} under the draft`);
  }

  const wrong = await officer.get('/bureau/rules/playground?p1_readings=hot&run=1');
  t.equal(wrong.statusCode, 400);
  t.match(wrong.body, /读数须为数字/);

  await officer.post('/lang', { locale: 'en', next: '/bureau/rules/playground' });
  const english = await officer.get('/bureau/rules/playground?example=wuhan_plate');
  t.match(english.body, /The draft decides differently: active rules “Release”, draft “Escort”/);
  t.match(english.body, /Plate 鄂A12345 is registered in 420100, in key area 420100/, 'reasons in the reader’s language, with their facts');
  t.match(english.body, /keyarea\.plate/);
});

t.test('page access: officers use the playground but cannot edit or publish; enterprise users get 403', async (t) => {
  const ctx = await setup(t);
  await people(ctx);
  const officer = await new Browser(ctx.app).login('clerk');
  const ent = await new Browser(ctx.app).login('factory');

  t.equal((await officer.get('/bureau/rules/playground')).statusCode, 200);
  t.equal((await officer.get('/bureau/rules/1')).statusCode, 200, 'officers can read a version');
  t.equal((await officer.get('/bureau/rules')).statusCode, 403);
  t.equal((await officer.get('/bureau/rules/draft')).statusCode, 403);
  await officer.get('/bureau/rules/playground');
  for (const url of ['/bureau/rules/draft', '/bureau/rules/draft/publish', '/bureau/rules/draft/areas/add', '/bureau/rules/draft/discard']) {
    t.equal((await officer.post(url, { reason: 'x', code: '420100' })).statusCode, 403, `officer POST ${url}`);
  }
  t.equal(ctx.app.services.rules.list().length, 1, 'nothing published');
  const nav = (await officer.get('/bureau/rules/playground')).body;
  t.match(nav, /href="\/bureau\/rules\/playground"/);
  t.notMatch(nav, /href="\/bureau\/rules"/, 'no Rules link for officers');

  for (const url of ['/bureau/rules', '/bureau/rules/draft', '/bureau/rules/playground', '/bureau/rules/1']) {
    t.equal((await ent.get(url)).statusCode, 403, `enterprise GET ${url}`);
  }
  await ent.get('/');
  for (const url of ['/bureau/rules/draft', '/bureau/rules/draft/publish', '/bureau/rules/draft/areas/add']) {
    t.equal((await ent.post(url, { reason: 'x', code: '420100' })).statusCode, 403, `enterprise POST ${url}`);
  }
  const anon = new Browser(ctx.app);
  const redirect = await anon.get('/bureau/rules/playground');
  t.equal(redirect.statusCode, 303);
  t.match(redirect.headers.location, /^\/login\?next=/);
});

t.test('the rule-set snapshot is refreshed before each request that may read it, not before files', async (t) => {
  const ctx = await setup(t);
  const { officer } = await people(ctx);
  const rules = ctx.app.services.rules;
  const refresh = rules.refresh;
  let refreshes = 0;
  rules.refresh = () => {
    refreshes += 1;
    return refresh();
  };
  t.teardown(() => {
    rules.refresh = refresh;
  });
  const count = async (url: string, fetch: () => Promise<{ statusCode: number }>, want: number, status?: number) => {
    refreshes = 0;
    const res = await fetch();
    // The scanner app answers 200 when it is built and a problem when it is not: either way it sends no table.
    if (status !== undefined) t.equal(res.statusCode, status, `${url} answers`);
    t.equal(refreshes, want, `${url}: ${want} refresh`);
  };
  await count('/static/print.css', () => ctx.app.inject({ method: 'GET', url: '/static/print.css' }), 0, 200);
  await count('/scanner/', () => ctx.app.inject({ method: 'GET', url: '/scanner/' }), 0);
  await count('/api/v1/rules/active', () => officer.request('GET', '/api/v1/rules/active'), 1, 200);
  await count('/healthz', () => ctx.app.inject({ method: 'GET', url: '/healthz' }), 1, 200);
});
