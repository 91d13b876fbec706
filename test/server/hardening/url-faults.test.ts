import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';

/**
 * Found by the API fuzz test: the router answers a path parameter over its
 * length limit (414) and a path that does not decode (400) itself, before
 * any hook, and used to do so as Fastify's own application/json. Both are a
 * 400 bad_request now: problem+json on the API, a short page in both
 * languages for a browser.
 */
const LONG = 'a'.repeat(101);
const FAULTS = [`/api/v1/enterprises/${LONG}`, '/api/v1/enterprises/%E4%B8', `/api/v1/passes/${LONG}/token`, '/api/v1/passes/%ZZ/token'];

t.test('URL faults on the API are 400 problem+json', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'admin1');
  const admin = await loggedIn(ctx.app, 'admin1', { remoteAddress: '10.5.9.1' });
  for (const url of FAULTS) {
    for (const res of [await ctx.app.inject({ method: 'GET', url }), await admin.request('POST', url, {})]) {
      t.equal(res.statusCode, 400, url);
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${url}: problem+json`);
      t.match(res.json(), { type: 'urn:kakou:problem:bad_request', status: 400, code: 'bad_request', title: /\S/ }, url);
      t.equal(res.headers['cache-control'], 'no-store');
    }
  }
  const en = await ctx.app.inject({ method: 'GET', url: FAULTS[0]!, headers: { 'accept-language': 'en' } });
  const zh = await ctx.app.inject({ method: 'GET', url: FAULTS[0]! });
  t.notMatch((en.json() as { title: string }).title, /[\u3400-\u9fff]/, 'English when asked');
  t.match((zh.json() as { title: string }).title, /[\u3400-\u9fff]/, 'Chinese by default');
  // A bearer request is a machine client wherever it goes.
  const bearer = await ctx.app.inject({ method: 'GET', url: `/bureau/enterprises/${LONG}`, headers: { authorization: 'Bearer kk_x' } });
  t.match(bearer.headers['content-type'], /^application\/problem\+json/);
});

t.test('URL faults on portal pages are a readable 400 page', async (t) => {
  const ctx = await setup(t);
  for (const url of [`/bureau/enterprises/${LONG}`, '/bureau/enterprises/%E4%B8']) {
    const res = await ctx.app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /^text\/html/, `${url}: a page`);
    t.match(res.body, /[\u3400-\u9fff]/, 'Chinese');
    t.match(res.body, /The request is malformed/, 'and English');
  }
});
