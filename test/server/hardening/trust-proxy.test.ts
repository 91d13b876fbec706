import t from 'tap';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import { setup } from '../../helpers/app.js';

const SECRET = 'x'.repeat(40);
const WRONG = 'definitely not it';

t.test('KAKOU_TRUST_PROXY: named addresses and ranges only', async (t) => {
  t.same(loadConfig({ KAKOU_COOKIE_SECRET: SECRET }).trustProxy, [], 'none by default');
  t.same(loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,::1,fd00::/8,loopback' }).trustProxy, [
    '10.0.0.5',
    '192.168.0.0/16',
    '::1',
    'fd00::/8',
    'loopback',
  ]);
  for (const bad of ['true', '*', '10.0.0.0/33', '::/129', '10.0.0.1/8/2', 'proxy.example', '10.0.0', '/8']) {
    t.throws(() => loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_TRUST_PROXY: bad }), ConfigError, `${bad} is refused`);
    try {
      loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_TRUST_PROXY: bad });
    } catch (err) {
      t.match((err as Error).message, /KAKOU_TRUST_PROXY/, 'the message names the variable');
    }
  }
});

const attempt = async (app: Awaited<ReturnType<typeof setup>>['app'], remoteAddress: string, forwardedFor?: string) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const session = await app.inject({ method: 'GET', url: '/api/v1/session', remoteAddress, headers });
  const csrf = (session.json() as { csrfToken: string }).csrfToken;
  const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress,
    headers: { ...headers, cookie, 'x-csrf-token': csrf },
    payload: JSON.stringify({ username: `probe${Math.random()}`, password: WRONG }),
  });
};

t.test('behind a trusted proxy, each client has its own per-address budget', async (t) => {
  const ctx = await setup(t, { KAKOU_TRUST_PROXY: '10.0.0.5' });
  // Ten failures from one client through the proxy fill that client's budget only.
  for (let i = 0; i < 10; i++) t.equal((await attempt(ctx.app, '10.0.0.5', '203.0.113.1')).statusCode, 401);
  t.equal((await attempt(ctx.app, '10.0.0.5', '203.0.113.1')).statusCode, 429, 'that client is refused');
  t.equal((await attempt(ctx.app, '10.0.0.5', '203.0.113.2')).statusCode, 401, 'another client behind the same proxy is not');
  const audit = (await ctx.repos.audit.list({ action: 'login.failed', limit: 50 }));
  t.ok(audit.some((a) => a.ip === '203.0.113.2'), 'the audit records the client address, not the proxy’s');

  // A client that is not the proxy cannot choose its address with the header.
  for (let i = 0; i < 10; i++) await attempt(ctx.app, '198.51.100.7', `198.51.100.${100 + i}`);
  t.equal((await attempt(ctx.app, '198.51.100.7', '198.51.100.250')).statusCode, 429, 'X-Forwarded-For from an untrusted peer is ignored');
});

t.test('with no proxy configured, X-Forwarded-For is ignored', async (t) => {
  const ctx = await setup(t);
  for (let i = 0; i < 10; i++) await attempt(ctx.app, '127.0.0.1', `203.0.113.${i}`);
  t.equal((await attempt(ctx.app, '127.0.0.1', '203.0.113.99')).statusCode, 429);
});
