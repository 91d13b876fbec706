import t from 'tap';
import { setup, PASSWORD } from '../helpers/app.js';
import { Client } from '../helpers/client.js';

const WRONG = 'definitely not it';

async function apiAttempt(c: Client, username: string, password: string) {
  await c.refreshCsrf();
  return c.request('POST', '/api/v1/session', { username, password });
}

t.test('per client address: the 11th attempt in a minute is refused', async (t) => {
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
  t.ok(Number.isInteger(retry) && retry > 0 && retry <= 60, `retry-after is a number of seconds (${limited.headers['retry-after']})`);
  t.notOk(limited.cookies.some((c) => c.name === 'kakou_sid'), 'no session for a refused attempt');
  t.equal(ctx.repos.audit.list({ action: 'login', limit: 5 }).length, 0, 'no login happened');

  const other = new Client(ctx.app, { remoteAddress: '203.0.113.8' });
  t.equal((await other.login('officer1')).statusCode, 200, 'another address is unaffected');
});

t.test('per account: attempts from many addresses on one username', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  await ctx.user('bureau_officer', 'officer2');
  for (let i = 1; i <= 10; i++) {
    // Mixed case and spaces still name the same account.
    const name = i % 2 ? 'officer1' : ' OFFICER1';
    const res = await apiAttempt(new Client(ctx.app, { remoteAddress: `198.51.100.${i}` }), name, WRONG);
    t.equal(res.statusCode, 401, `attempt ${i} from a new address`);
  }
  const fresh = new Client(ctx.app, { remoteAddress: '198.51.100.200' });
  const limited = await fresh.login('officer1');
  t.equal(limited.statusCode, 429, 'the account is locked for a while, whatever the address');
  t.equal(limited.json().code, 'rate_limited');
  t.ok(limited.headers['retry-after'], 'retry-after set');

  const otherAccount = new Client(ctx.app, { remoteAddress: '198.51.100.201' });
  t.equal((await otherAccount.login('officer2')).statusCode, 200, 'a different account from a fresh address is allowed');
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
  t.notOk(form.cookies.some((x) => x.name === 'kakou_sid'));

  // And the other way round, per account.
  for (let i = 1; i <= 10; i++) {
    const f = new Client(ctx.app, { remoteAddress: `192.0.2.${100 + i}` });
    const token = (await f.request('GET', '/api/v1/session')).json().csrfToken as string;
    t.equal((await f.form('/login', { _csrf: token, username: 'target1', password: WRONG })).statusCode, 401);
  }
  const api = await apiAttempt(new Client(ctx.app, { remoteAddress: '192.0.2.250' }), 'target1', WRONG);
  t.equal(api.statusCode, 429, 'switching to the API does not reset the per-account count');
});
