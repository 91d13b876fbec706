import t from 'tap';
import { setup, PASSWORD } from '../helpers/app.js';
import { Client, loggedIn } from '../helpers/client.js';
import { LOGIN_LIMITS } from '../../src/server/features/auth/limits.js';

const WRONG = 'definitely not it';

async function apiAttempt(c: Client, username: string, password: string) {
  await c.refreshCsrf();
  return c.request('POST', '/api/v1/session', { username, password });
}

t.test('per client address: after 10 failures in a minute the address is refused', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const attacker = new Client(ctx.app, { remoteAddress: '203.0.113.7' });
  // Spread over many accounts so only the per-address limit can trip.
  for (let i = 1; i <= 10; i++) {
    const res = await apiAttempt(attacker, `user${i}`, WRONG);
    t.equal(res.statusCode, 401, `attempt ${i} is judged on the password`);
  }
  const limited = await apiAttempt(attacker, 'officer1', PASSWORD);
  t.equal(limited.statusCode, 429, 'the 11th is refused even with the right password');
  t.match(limited.headers['content-type'], /^application\/problem\+json/);
  t.match(limited.json(), { code: 'rate_limited', status: 429, type: 'urn:kakou:problem:rate_limited' });
  t.match(limited.json().messages, { zh: /\S/, en: /Too many/ });
  const retry = Number(limited.headers['retry-after']);
  t.ok(Number.isInteger(retry) && retry > 0 && retry <= 60, `retry-after is a number of seconds within the minute (${limited.headers['retry-after']})`);
  t.notOk(limited.cookies.some((c) => c.name === 'kakou_sid'), 'no session for a refused attempt');
  t.equal((await ctx.repos.audit.list({ action: 'login', limit: 5 })).length, 0, 'no login happened');

  const other = new Client(ctx.app, { remoteAddress: '203.0.113.8' });
  t.equal((await other.login('officer1')).statusCode, 200, 'another address is unaffected');
});

t.test('successful sign-ins cost nothing: an office behind one address signs in all day', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  for (let i = 1; i <= 25; i++) {
    const res = await new Client(ctx.app, { remoteAddress: '192.0.2.77' }).login('officer1');
    t.equal(res.statusCode, 200, `sign-in ${i} from the same address`);
  }
});

t.test('per address and account: 5 failures refuse that pair for 15 minutes, not the account', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = new Client(ctx.app, { remoteAddress: '198.51.100.9' });
  for (let i = 1; i <= 5; i++) t.equal((await apiAttempt(c, 'officer1', WRONG)).statusCode, 401, `failure ${i}`);
  const refused = await apiAttempt(c, 'officer1', PASSWORD);
  t.equal(refused.statusCode, 429, 'the sixth from this address, right password or not');
  const retry = Number(refused.headers['retry-after']);
  t.ok(retry > 60 && retry <= 900, `retry-after counts down the 15 minutes (${retry})`);
  t.equal((await new Client(ctx.app, { remoteAddress: '198.51.100.10' }).login('officer1')).statusCode, 200, 'the owner elsewhere is not locked out');
});

t.test('strangers cannot lock an account out: failures from eleven addresses only slow it', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'admin');
  await ctx.user('bureau_officer', 'officer2');
  for (let i = 1; i <= 11; i++) {
    // Mixed case and spaces still name the same account.
    const name = i % 2 ? 'admin' : ' ADMIN';
    const res = await apiAttempt(new Client(ctx.app, { remoteAddress: `198.51.100.${i}` }), name, WRONG);
    t.equal(res.statusCode, 401, `failure ${i} from a new address`);
  }
  const owner = new Client(ctx.app, { remoteAddress: '198.51.100.200' });
  const started = Date.now();
  const res = await owner.login('admin');
  const waited = Date.now() - started;
  t.equal(res.statusCode, 200, 'the right password from a twelfth address signs in');
  // A lower bound only (no speed claim): the account is under attack, so every attempt is slowed.
  t.ok(waited >= LOGIN_LIMITS.accountGuard.delayMs * 0.9, `the attempt waited for the guard delay (${waited} ms)`);
  t.equal((await ctx.repos.audit.list({ action: 'login', limit: 5 })).length, 1, 'a real sign-in');

  const quick = Date.now();
  t.equal((await new Client(ctx.app, { remoteAddress: '198.51.100.201' }).login('officer2')).statusCode, 200, 'other accounts are not slowed');
  t.ok(Date.now() - quick < LOGIN_LIMITS.accountGuard.delayMs, 'no guard delay for an account not under attack');
});

t.test('the API and the login form share one budget', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const ip = '192.0.2.10';
  const c = new Client(ctx.app, { remoteAddress: ip });
  for (let i = 1; i <= 10; i++) t.equal((await apiAttempt(c, `probe${i}`, WRONG)).statusCode, 401);
  const csrf = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  const form = await c.form('/login', { _csrf: csrf, username: 'officer1', password: PASSWORD });
  t.equal(form.statusCode, 429, 'switching to the form does not reset the per-address count');
  t.match(form.headers['content-type'], /text\/html/);
  t.ok(Number(form.headers['retry-after']) > 0, 'the form page says when to retry too');
  t.notOk(form.cookies.some((x) => x.name === 'kakou_sid'));

  // And the other way round, per address and account.
  const f = new Client(ctx.app, { remoteAddress: '192.0.2.11' });
  for (let i = 1; i <= 5; i++) {
    const token = (await f.request('GET', '/api/v1/session')).json().csrfToken as string;
    t.equal((await f.form('/login', { _csrf: token, username: 'target1', password: WRONG })).statusCode, 401);
  }
  t.equal((await apiAttempt(f, 'target1', WRONG)).statusCode, 429, 'switching to the API does not reset the count');
});

t.test('password change: wrong current passwords are throttled like sign-in', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = await loggedIn(ctx.app, 'officer1', { remoteAddress: '192.0.2.30' });
  // A weak new password is not a guess at the current one.
  for (let i = 1; i <= 6; i++) {
    const weak = await c.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    t.equal(weak.statusCode, 400, `weak new password ${i}`);
  }
  for (let i = 1; i <= 5; i++) {
    const res = await c.request('POST', '/api/v1/me/password', { currentPassword: `guess ${i}`, newPassword: 'a new long password 1' });
    t.equal(res.statusCode, 400, `guess ${i}`);
    t.equal(res.json().code, 'wrong_password');
  }
  const limited = await c.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a new long password 1' });
  t.equal(limited.statusCode, 429, 'the sixth guess is refused, right or not');
  t.ok(Number(limited.headers['retry-after']) > 0);
  const csrf = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  const page = await c.form('/password', { _csrf: csrf, currentPassword: PASSWORD, newPassword: 'a new long password 1', confirmPassword: 'a new long password 1' });
  t.equal(page.statusCode, 429, 'the form shares the budget');
});
