import t from 'tap';
import { setup } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';

t.test('authenticated answers are no-store unless the route chose its own caching', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('bureau_officer', 'officer1');
  await ctx.user('enterprise_user', 'ent1', e);
  const officer = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.6.0.1' });
  const ent = await loggedIn(ctx.app, 'ent1', { remoteAddress: '10.6.0.2' });
  const urls: Array<[Client, string]> = [
    [officer, '/api/v1/people'],
    [officer, '/api/v1/passes'],
    [officer, '/api/v1/enterprises'],
    [officer, `/api/v1/enterprises/${e}`],
    [officer, '/api/v1/events'],
    [officer, '/api/v1/vehicles'],
    [officer, '/api/v1/session'],
    [ent, '/api/v1/people'],
    [ent, '/api/v1/passes'],
    [ent, '/'],
    [officer, '/bureau/passes'],
  ];
  for (const [c, url] of urls) {
    const res = await c.request('GET', url);
    t.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
    t.equal(res.headers['cache-control'], 'no-store', `${url} is no-store`);
  }
  // Errors and sign-in answers too.
  t.equal((await ent.request('GET', '/api/v1/people/999999')).headers['cache-control'], 'no-store', 'a 404 problem');
  const anon = new Client(ctx.app, { remoteAddress: '10.6.0.3' });
  t.equal((await anon.request('GET', '/login')).headers['cache-control'], 'no-store', 'the sign-in page (it carries a CSRF token)');
  // Routes that chose their own caching keep it.
  t.match((await anon.request('GET', '/.well-known/jwks.json')).headers['cache-control'], /public, max-age=\d+/);
  t.match((await anon.request('GET', '/static/portal.css')).headers['cache-control'], /max-age=3600/);
});
