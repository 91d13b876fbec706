import t from 'tap';
import { setup, PASSWORD } from '../helpers/app.js';
import { Client, loggedIn } from '../helpers/client.js';

const enterprise = (n: number) => ({
  name: `昆山测试物流有限公司${n}`,
  creditCode: ['91320583MA1XKCJ23G', '91350100M000100Y43'][n]!,
  address: '昆山市前进东路 1 号',
  regionCode: '320583',
  dutyPhone: '051257001234',
});

t.test('CSRF on cookie-authenticated state changes', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  await ctx.user('bureau_officer', 'officer2');
  const c = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.2.0.1' });
  const good = c.csrf;
  t.ok(good, 'a token was issued at login');

  const expectCsrf = (res: Awaited<ReturnType<Client['request']>>, what: string) => {
    t.equal(res.statusCode, 403, `${what}: 403`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.equal(res.json().code, 'csrf', `${what}: code csrf`);
  };
  const count = async () => (await ctx.repos.enterprises.list({ limit: 100, offset: 0 })).total;

  // No token at all.
  c.csrf = '';
  expectCsrf(await c.request('POST', '/api/v1/enterprises', enterprise(0)), 'no token');
  expectCsrf(await c.request('DELETE', '/api/v1/session'), 'logout without token');
  expectCsrf(await c.request('PUT', '/api/v1/me/locale', { locale: 'en' }), 'PUT without token');
  t.equal(await count(), 0, 'nothing created');
  t.equal((await c.request('GET', '/api/v1/session')).json().user?.username, 'officer1', 'the session survived');

  // Garbage and empty tokens.
  expectCsrf(await c.request('POST', '/api/v1/enterprises', enterprise(0), { 'x-csrf-token': 'garbage' }), 'garbage token');

  // A token from another user's session.
  const other = await loggedIn(ctx.app, 'officer2', { remoteAddress: '10.2.0.2' });
  c.csrf = other.csrf;
  expectCsrf(await c.request('POST', '/api/v1/enterprises', enterprise(0)), "another session's token");

  // Same browser (same CSRF secret cookie) but a token minted for a different session.
  const browser = new Client(ctx.app, { remoteAddress: '10.2.0.3' });
  const anonymous = (await browser.request('GET', '/api/v1/session')).json().csrfToken as string;
  browser.csrf = anonymous;
  const login = await browser.request('POST', '/api/v1/session', { username: 'officer2', password: PASSWORD });
  t.equal(login.statusCode, 200, 'the anonymous token is good for signing in');
  const fresh = login.json().csrfToken as string;
  t.not(fresh, anonymous, 'login hands out a new token');
  expectCsrf(await browser.request('POST', '/api/v1/enterprises', enterprise(0)), 'token issued before login, used after');
  const tokenOfSession1 = fresh;
  browser.csrf = fresh;
  // Sign in again in the same browser: the previous session's token is bound to a dead session.
  const relog = await browser.request('POST', '/api/v1/session', { username: 'officer2', password: PASSWORD });
  t.equal(relog.statusCode, 200);
  browser.csrf = tokenOfSession1;
  expectCsrf(await browser.request('POST', '/api/v1/enterprises', enterprise(0)), "previous session's token");
  t.equal(await count(), 0, 'still nothing created');

  // The right token works, in any of the accepted places.
  browser.csrf = relog.json().csrfToken as string;
  const created = await browser.request('POST', '/api/v1/enterprises', enterprise(0));
  t.equal(created.statusCode, 201, created.body);
  c.csrf = good;
  const created2 = await c.request('POST', '/api/v1/enterprises', enterprise(1));
  t.equal(created2.statusCode, 201, created2.body);
  t.equal(await count(), 2);

  // A token stays valid for the session, and GET /api/v1/session hands out more that also work.
  const more = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  c.csrf = more;
  t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode, 200);
  c.csrf = good;
  t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'zh' })).statusCode, 200);

  // Without the CSRF secret cookie even a well-formed token is refused.
  c.cookies.delete('_csrf');
  expectCsrf(await c.request('PUT', '/api/v1/me/locale', { locale: 'en' }), 'missing secret cookie');
});

t.test('GET needs no token; anonymous writes are 401 before CSRF', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.2.1.1' });
  c.csrf = '';
  t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 200, 'GET list');
  t.equal((await c.request('GET', '/api/v1/session')).statusCode, 200, 'GET session');
  t.equal((await c.request('GET', '/')).statusCode, 200, 'GET portal page');
  const anon = new Client(ctx.app);
  const res = await anon.request('POST', '/api/v1/enterprises', enterprise(0));
  t.equal(res.statusCode, 401, 'anonymous: unauthenticated comes first');
});

t.test('portal forms need _csrf', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = new Client(ctx.app, { remoteAddress: '10.2.2.1' });
  const token = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;

  const none = await c.form('/login', { username: 'officer1', password: PASSWORD });
  t.equal(none.statusCode, 403, 'POST /login without _csrf');
  t.match(none.headers['content-type'], /text\/html/, 'portal errors are pages');
  t.notOk(none.cookies.some((x) => x.name === 'kakou_sid'), 'no session');
  t.equal((await ctx.repos.audit.list({ action: 'login', limit: 5 })).length, 0, 'the password was never checked');

  const wrong = await c.form('/login', { _csrf: 'forged', username: 'officer1', password: PASSWORD });
  t.equal(wrong.statusCode, 403, 'forged _csrf');

  const ok = await c.form('/login', { _csrf: token, username: 'officer1', password: PASSWORD, next: '/bureau/enterprises' });
  t.equal(ok.statusCode, 303, ok.body);
  t.equal(ok.headers.location, '/bureau/enterprises', 'follows a local next');
  t.ok(c.cookies.get('kakou_sid'), 'signed in');

  // The anonymous token no longer serves once signed in.
  const out = await c.form('/logout', { _csrf: token });
  t.equal(out.statusCode, 403, 'logout with the pre-login token');
  t.equal((await c.request('GET', '/api/v1/session')).json().user?.username, 'officer1', 'still signed in');
  const sessionToken = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  t.equal((await c.form('/logout', { _csrf: sessionToken })).statusCode, 303);
  t.equal((await c.request('GET', '/api/v1/session')).json().user, null, 'signed out');

  // An off-site next is not followed.
  const t2 = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  const evil = await c.form('/login', { _csrf: t2, username: 'officer1', password: PASSWORD, next: '//evil.example.com/' });
  t.equal(evil.statusCode, 303);
  t.equal(evil.headers.location, '/', 'protocol-relative next ignored');
});
