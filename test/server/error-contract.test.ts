import t from 'tap';
import { setup } from '../helpers/app.js';
import { loggedIn } from '../helpers/client.js';
import { creditCode } from '../helpers/credit-code.js';
import { chinaDate, fleet } from '../helpers/fleet.js';
import { messages } from '../../src/server/i18n/messages.js';
import { Problem, problem, problemCodes, problems, problemSchema, problemStatus, qualifyPath } from '../../src/server/problem.js';
import { explicitLocale } from '../../src/server/i18n/locale.js';

interface Body {
  code: string;
  status: number;
  title: string;
  detail?: string;
  messages: { zh: string; en: string };
  errors?: { path: string; message: string }[];
}

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
/** Everything in the body except `messages` (which carries the title in both languages by design). */
const chosenLanguageText = (b: Body) => JSON.stringify({ ...b, messages: undefined });

t.test('problem registry: each code once, with its status and both titles', async (t) => {
  t.ok(problemCodes.length >= 20, `${problemCodes.length} codes`);
  for (const code of problemCodes) {
    const p = problems[code];
    t.ok(Number.isInteger(p.status) && p.status >= 400 && p.status <= 599, `${code}: status ${p.status}`);
    const title = messages[`problem.${code}`];
    t.ok(title.zh && CJK.test(title.zh), `${code}: Chinese title`);
    t.ok(title.en && !CJK.test(title.en), `${code}: English title`);
    t.equal(new Problem(code).status, p.status, `${code}: a Problem takes its status from the code`);
  }
  t.equal(problemStatus('invalid_state'), 409);
  t.equal(problem('device_auth_failed').status, 401, 'features declare their own codes (devices)');
  t.equal(problem('no_rule_set').status, 409, 'features declare their own codes (rules)');
  t.same([...problemSchema.shape.code.options].sort(), [...problemCodes].sort(), 'the documented enum is the registry');
});

t.test('field paths: one rule', async (t) => {
  t.equal(qualifyPath('plate'), 'body.plate');
  t.equal(qualifyPath('escortIds.0'), 'body.escortIds.0');
  t.equal(qualifyPath('body.publicJwk.x'), 'body.publicJwk.x');
  t.equal(qualifyPath('query.page'), 'query.page');
  t.equal(qualifyPath('params.id'), 'params.id');
});

t.test('Accept-Language parsing honours q-values', async (t) => {
  t.equal(explicitLocale(undefined), undefined);
  t.equal(explicitLocale('fr-FR, de;q=0.5'), undefined, 'neither of ours');
  t.equal(explicitLocale('en'), 'en');
  t.equal(explicitLocale('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  t.equal(explicitLocale('zh;q=0.5, en;q=0.9'), 'en');
  t.equal(explicitLocale('en;q=0, zh;q=0.1'), 'zh', 'q=0 refuses');
  t.equal(explicitLocale('en ; q=0.7, zh-TW ; q=0.6'), 'en', 'spaces around parameters');
  t.equal(explicitLocale('english'), undefined, 'a tag, not a prefix');
});

t.test('the API error contract', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(1));
  const b = await ctx.enterprise('昆山另一家物流有限公司', creditCode(2));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('enterprise_user', 'b1', b);
  await ctx.user('bureau_admin', 'boss');
  const ea = await loggedIn(ctx.app, 'a1', { remoteAddress: '10.9.0.1' });
  const eb = await loggedIn(ctx.app, 'b1', { remoteAddress: '10.9.0.2' });
  const boss = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.9.0.3' });
  const crew = await fleet(ea);
  const other = await fleet(eb, '苏E99999', '2');
  const en = { 'accept-language': 'en' };
  const zh = { 'accept-language': 'zh-CN' };

  t.test('a bad plate and a duplicate plate are both body.plate', async (t) => {
    const bad = (await ea.request('POST', '/api/v1/vehicles', { plate: 'XX', type: 'truck' }, en)).json() as Body;
    t.equal(bad.code, 'validation');
    t.ok(bad.errors?.some((e) => e.path === 'body.plate'), `bad plate: ${JSON.stringify(bad.errors)}`);
    const dupRes = await ea.request('POST', '/api/v1/vehicles', { plate: '苏E12345', type: 'truck' }, en);
    t.equal(dupRes.statusCode, 409);
    const dup = dupRes.json() as Body;
    t.same(dup.errors?.map((e) => e.path), ['body.plate'], 'the 409 names the field');
    t.notMatch(chosenLanguageText(dup), CJK, 'English throughout');
  });

  t.test('pass application errors: body.<field> everywhere', async (t) => {
    const application = {
      vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
      validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '420100',
      destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2 京沪高速',
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['schema: unknown region', { originRegion: '999999' }, 'body.originRegion'],
      ["service: another enterprise's vehicle", { vehicleId: other.vehicleId }, 'body.vehicleId'],
      ['service: driver not a driver', { driverId: crew.escortId, escortIds: [] }, 'body.driverId'],
      ['service: window too long', { validTo: chinaDate(40) }, 'body.validTo'],
      ['service: escort twice', { escortIds: [crew.escortId, crew.escortId] }, 'body.escortIds'],
    ];
    for (const [what, change, path] of cases) {
      const res = await ea.request('POST', '/api/v1/passes', { ...application, ...change }, en);
      t.equal(res.statusCode, 400, what);
      const body = res.json() as Body;
      t.ok(body.errors?.some((e) => e.path === path), `${what}: ${path} (${JSON.stringify(body.errors)})`);
      t.notMatch(chosenLanguageText(body), CJK, `${what}: English throughout`);
    }
    const tooLong = (await ea.request('POST', '/api/v1/passes', { ...application, validTo: chinaDate(40) }, en)).json() as Body;
    t.match(tooLong.errors?.[0]?.message, /at most 14 days/, 'the limit is a parameter of the message');

    // A detail that used to be Chinese in every language.
    const draft = (await ea.request('POST', '/api/v1/passes', application)).json() as { id: number };
    t.equal((await ea.request('POST', `/api/v1/passes/${draft.id}/submit`)).statusCode, 200);
    const again = await ea.request('POST', `/api/v1/passes/${draft.id}/submit`, undefined, en);
    t.equal(again.statusCode, 409);
    const againBody = again.json() as Body;
    t.equal(againBody.code, 'invalid_state');
    t.equal(againBody.detail, 'Only a draft can be submitted');
    t.notOk(againBody.errors, 'a state conflict: no single field applies');
    const againZh = (await ea.request('POST', `/api/v1/passes/${draft.id}/submit`, undefined, zh)).json() as Body;
    t.equal(againZh.detail, '只有草稿可以提交');
  });

  t.test('publishing an unchanged draft: 409 that says no field applies', async (t) => {
    const res = await boss.request('POST', '/api/v1/rules/draft/publish', { reason: 'nothing new' }, en);
    t.equal(res.statusCode, 409);
    const body = res.json() as Body;
    t.equal(body.code, 'conflict');
    t.notOk(body.errors, 'no errors member: no field applies');
    t.match(body.detail, /same as the newest version/);
  });

  t.test("zod's own messages in the chosen language", async (t) => {
    const enterprise = { name: 'x', creditCode: creditCode(7), address: '昆山市前进东路 1 号', regionCode: '320583', dutyPhone: '051257001234' };
    const english = (await boss.request('POST', '/api/v1/enterprises', enterprise, en)).json() as Body;
    const name = english.errors?.find((e) => e.path === 'body.name');
    t.ok(name, `name reported (${JSON.stringify(english.errors)})`);
    t.notMatch(name?.message, CJK, `English: ${name?.message}`);
    t.notMatch(chosenLanguageText(english), CJK, 'no Chinese in the English body');
    const chinese = (await boss.request('POST', '/api/v1/enterprises', enterprise, zh)).json() as Body;
    const nameZh = chinese.errors?.find((e) => e.path === 'body.name');
    t.match(nameZh?.message, CJK, `Chinese: ${nameZh?.message}`);
    for (const text of [chinese.title, ...(chinese.errors ?? []).map((e) => e.message)]) t.match(text, CJK, `Chinese: ${text}`);
    t.notMatch((chinese.errors ?? []).map((e) => e.message).join(' '), /\b(expected|Too|Invalid|string)\b/, "none of zod's English");

    const query = (await boss.request('GET', '/api/v1/enterprises?pageSize=100000', undefined, en)).json() as Body;
    t.ok(query.errors?.some((e) => e.path === 'query.pageSize'), `query.pageSize (${JSON.stringify(query.errors)})`);
    const params = (await boss.request('GET', '/api/v1/enterprises/abc', undefined, en)).json() as Body;
    t.ok(params.errors?.some((e) => e.path === 'params.id'), `params.id (${JSON.stringify(params.errors)})`);
  });

  t.test('Accept-Language beats the saved language of a signed-in user', async (t) => {
    t.equal((await ea.request('PUT', '/api/v1/me/locale', { locale: 'zh' })).statusCode, 200);
    const res = (await ea.request('POST', '/api/v1/vehicles', { plate: 'XX', type: 'truck' }, { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' })).json() as Body;
    t.equal(res.title, 'The submitted data is not valid');
    t.match(res.errors?.[0], { path: 'body.plate', message: /^Plate / });
    const saved = (await ea.request('POST', '/api/v1/vehicles', { plate: 'XX', type: 'truck' })).json() as Body;
    t.equal(saved.title, '提交的数据不符合要求', 'no header: the saved language');
  });

  t.test('the CSRF refusal tells a script what to do', async (t) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'accept-language': 'en', 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'a1', password: 'x' }) });
    t.equal(res.statusCode, 403);
    const body = res.json() as Body;
    t.equal(body.code, 'csrf');
    t.match(body.detail, /GET \/api\/v1\/session/);
    t.match(body.detail, /x-csrf-token/);
  });
});
