// The access plugin on its own: a small Fastify app with the real error, cookie, CSRF and i18n plugins,
// and two stand-ins for what the full app derives from its database: who is signed in (the session
// plugin, here a test header) and whether a device signature verified (device-auth, here a header
// value). Sessions, tokens and device signatures are tested for real in auth, tokens and devices/.
import { createHash } from 'node:crypto';
import t, { type Test } from 'tap';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import errorsPlugin from '../../../src/server/plugins/errors.js';
import i18nPlugin from '../../../src/server/plugins/i18n.js';
import accessPlugin, {
  admitsDevice,
  assertEveryRouteHasPolicy,
  claimsDevice,
  markRoutesFilesOnly,
  markRoutesPublic,
  policy,
  type Access,
} from '../../../src/server/plugins/access.js';
import type { User } from '../../../src/server/security/identity.js';
import type { Role } from '../../../src/server/features/users/schema.js';

const user = (role: Role, username: string, mustChangePassword = false): User => ({
  id: username.length,
  username,
  displayName: username,
  role,
  enterpriseId: role === 'enterprise_user' ? 1 : null,
  carrierId: null,
  mustChangePassword,
  locale: 'zh',
  disabled: false,
  createdAt: '2020-02-10T00:00:00.000Z',
});

interface As {
  role: Role;
  username: string;
  mustChangePassword?: boolean;
  /** Present: the request came with an API token of these scopes. */
  scopes?: string[];
}

/** Stands in for plugins/session.ts and bearer-auth.ts: the signed-in user is the `x-test-as` header. */
const standInSession = fp(
  async (app) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('sessionTokenHash', null);
    app.addHook('onRequest', async (request) => {
      const as = request.headers['x-test-as'];
      if (typeof as !== 'string') return;
      const a = JSON.parse(as) as As;
      request.actor = { kind: 'user', user: user(a.role, a.username, a.mustChangePassword), ...(a.scopes ? { token: { id: 'tok', scopes: a.scopes } } : {}) };
      request.sessionTokenHash = a.scopes ? null : `session-of-${a.username}`;
    });
  },
  { name: 'kakou-session', dependencies: ['@fastify/cookie'] },
);

/**
 * Stands in for plugins/device-auth.ts, on the same hook and with the same effect once a signature
 * verifies (the device set, any session dropped). A signature other than 'good' leaves the request as
 * it was: what the access plugin sees should device-auth be missing, which it must refuse on its own.
 */
const standInDeviceAuth = fp(async (app) => {
  app.decorateRequest('device', null);
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (admitsDevice(request.routeOptions.config.access) && request.headers['x-kakou-signature'] === 'good') {
      request.device = { id: 'dev-1', checkpointId: 1, publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } };
      request.actor = null;
      request.sessionTokenHash = null;
    }
    return payload;
  });
});

const ok = async () => ({ ok: true });

async function harness(t: Test): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: 'error' } });
  t.teardown(() => app.close());
  await app.register(errorsPlugin);
  await app.register(cookie, { secret: 'a cookie secret of enough length for tests' });
  await app.register(standInSession);
  await app.register(i18nPlugin);
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: true },
    getUserInfo: (request) => request.sessionTokenHash ?? 'anonymous',
    csrfOpts: { hmacKey: createHash('sha256').update('csrf key for tests').digest() },
  });
  await app.register(accessPlugin);
  await app.register(standInDeviceAuth);

  const route = (method: string, url: string, access: Access | undefined, extra: Record<string, unknown> = {}) =>
    app.route({ method, url, config: { ...(access ? { access } : {}), ...extra }, handler: ok });
  app.get('/api/v1/csrf', { config: { access: policy.public } }, async (request, reply) => ({
    token: reply.generateCsrf({ userInfo: request.sessionTokenHash ?? 'anonymous' }),
  }));
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) route(method, '/api/v1/open', policy.public);
  route('POST', '/api/v1/enroll', policy.public, { csrfExempt: true });
  route('POST', '/api/v1/exempt-but-user', policy.anyUser, { csrfExempt: true });
  route('GET', '/api/v1/passes', policy.anyUser);
  route('POST', '/api/v1/passes', policy.anyUser);
  route('GET', '/api/v1/bureau', policy.bureau);
  route('GET', '/api/v1/password', policy.anyAccount, { allowWithOneTimePassword: true });
  route('POST', '/api/v1/device', policy.device);
  route('GET', '/api/v1/device', policy.device);
  route('POST', '/api/v1/either', policy.bureauOrDevice);
  route('GET', '/api/v1/either', policy.bureauOrDevice);
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    markRoutesFilesOnly(scope);
    scope.get('/static/app.js', async (request) => ({ filesOnly: request.routeOptions.config.filesOnly ?? null }));
  });
  app.get('/api/v1/not-files', { config: { access: policy.public } }, async (request) => ({ filesOnly: request.routeOptions.config.filesOnly ?? null }));
  await app.ready();
  return app;
}

const as = (a: As) => ({ 'x-test-as': JSON.stringify(a) });
const officer = as({ role: 'bureau_officer', username: 'officer' });
const DEVICE = { 'x-kakou-device': 'dev-1', 'x-kakou-signature': 'good' };

/** A CSRF token and its cookie for the given session (or none), as the portal hands them out. */
async function csrfFor(app: FastifyInstance, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/csrf', headers });
  const secret = res.cookies.find((c) => c.name === '_csrf');
  if (!secret || res.statusCode !== 200) throw new Error(`no CSRF token: ${res.statusCode} ${res.body}`);
  return { 'x-csrf-token': res.json().token as string, cookie: `_csrf=${secret.value}` };
}

t.test('admitsDevice and claimsDevice', async (t) => {
  t.equal(admitsDevice(policy.device), true);
  t.equal(admitsDevice(policy.bureauOrDevice), true);
  t.equal(admitsDevice(policy.anyUserOrDevice), true);
  t.equal(admitsDevice(policy.public), false);
  t.equal(admitsDevice(policy.bureau), false);
  t.equal(admitsDevice(undefined), false, 'a route without a policy admits no device');
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
  t.equal(claimsDevice(req({})), false);
  t.equal(claimsDevice(req({ 'x-kakou-device': 'd' })), true, 'the device header alone');
  t.equal(claimsDevice(req({ 'x-kakou-signature': 's' })), true, 'the signature header alone');
  t.equal(claimsDevice(req({ 'x-kakou-timestamp': '1' })), false, 'other headers are no claim');
});

t.test('who reaches which route', async (t) => {
  const app = await harness(t);
  const status = async (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method, url, headers });
    return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.json().code}`;
  };
  t.equal(await status('GET', '/api/v1/open'), 200, 'public: anyone');
  t.equal(await status('GET', '/api/v1/bureau'), '401 unauthenticated', 'user route, nobody signed in');
  t.equal(await status('GET', '/api/v1/bureau', officer), 200, 'user route, a role it lists');
  t.equal(await status('GET', '/api/v1/bureau', as({ role: 'enterprise_user', username: 'ent' })), '403 forbidden', 'a role it does not list');
  t.equal(await status('GET', '/api/v1/nowhere', officer), '404 not_found', 'an unknown route is not found, not forbidden');
  t.equal(await status('POST', '/api/v1/nowhere', { ...DEVICE }), '404 not_found', 'nor for a device');

  t.equal(await status('GET', '/api/v1/bureau', as({ role: 'bureau_officer', username: 'new', mustChangePassword: true })), '403 password_change_required');
  t.equal(await status('GET', '/api/v1/password', as({ role: 'bureau_officer', username: 'new', mustChangePassword: true })), 200, 'except where a one-time password may go');

  // Devices.
  t.equal(await status('GET', '/api/v1/device', DEVICE), 200, 'device route, a verified device');
  t.equal(await status('GET', '/api/v1/device'), '401 unauthenticated', 'device route, nobody');
  t.equal(await status('GET', '/api/v1/device', officer), '401 unauthenticated', 'a session is no device');
  t.equal(await status('GET', '/api/v1/either', DEVICE), 200, 'user-or-device route, a verified device');
  t.equal(await status('GET', '/api/v1/either', officer), 200, 'user-or-device route, a user');
  t.equal(await status('GET', '/api/v1/either', as({ role: 'enterprise_user', username: 'ent' })), '403 forbidden', 'a user without the role');
  // Signature headers that nothing verified: refused even where a signed-in user would be let in.
  const claims: Record<string, string>[] = [{ 'x-kakou-device': 'dev-1' }, { 'x-kakou-signature': 'forged' }, { 'x-kakou-device': 'dev-1', 'x-kakou-signature': 'forged' }];
  for (const claim of claims) {
    const what = Object.keys(claim).join(' and ');
    t.equal(await status('GET', '/api/v1/device', claim), '401 unauthenticated', `device route, unverified ${what}`);
    t.equal(await status('GET', '/api/v1/either', { ...officer, ...claim }), '401 unauthenticated', `user-or-device route, a user with unverified ${what}`);
    t.equal(await status('GET', '/api/v1/bureau', { ...officer, ...claim }), 200, `a user-only route ignores ${what}`);
  }
});

t.test('API tokens reach only the routes their scopes list', async (t) => {
  const app = await harness(t);
  const reader = as({ role: 'enterprise_user', username: 'ent', scopes: ['passes:read'] });
  t.equal((await app.inject({ method: 'GET', url: '/api/v1/passes', headers: reader })).statusCode, 200);
  const res = await app.inject({ method: 'POST', url: '/api/v1/passes', headers: { ...reader, 'accept-language': 'en' } });
  t.equal(res.statusCode, 403);
  t.equal(res.json().code, 'forbidden');
  t.equal(res.json().detail, 'This route is outside the API token’s scopes');
  const writer = as({ role: 'enterprise_user', username: 'ent', scopes: ['passes:write'] });
  t.equal((await app.inject({ method: 'POST', url: '/api/v1/passes', headers: writer })).statusCode, 200, 'a token needs no CSRF token');
  t.equal((await app.inject({ method: 'GET', url: '/api/v1/passes', headers: writer })).statusCode, 403, 'write is not read');
});

t.test('CSRF: every cookie-authenticated state change needs a token', async (t) => {
  const app = await harness(t);
  const code = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, headers: Record<string, string>) => {
    const res = await app.inject({ method, url, headers });
    return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.json().code}`;
  };
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    t.equal(await code(method, '/api/v1/open', {}), '403 csrf', `${method} without a token, nobody signed in`);
    t.equal(await code(method, '/api/v1/open', { ...(await csrfFor(app)) }), 200, `${method} with the anonymous token`);
    t.equal(await code(method, '/api/v1/open', { ...officer, ...(await csrfFor(app)) }), '403 csrf', `${method}: the anonymous token is not the session's`);
    t.equal(await code(method, '/api/v1/open', { ...officer, ...(await csrfFor(app, officer)) }), 200, `${method} with the session's token`);
  }
  t.equal(await code('GET', '/api/v1/open', officer), 200, 'GET needs none');
  t.equal(await code('POST', '/api/v1/passes', officer), '403 csrf', 'a user route');
  t.equal(await code('POST', '/api/v1/either', officer), '403 csrf', 'a user-or-device route called by a user');
  t.equal(await code('POST', '/api/v1/either', { ...officer, ...(await csrfFor(app, officer)) }), 200);
  t.equal(await code('POST', '/api/v1/enroll', {}), 200, 'an exempt public route');
  t.equal(await code('POST', '/api/v1/exempt-but-user', officer), '403 csrf', 'the exemption is ignored off public routes');
  // A verified device request carries its own signature over the body, and any session it came with is dropped.
  t.equal(await code('POST', '/api/v1/device', DEVICE), 200, 'a device on a device route');
  t.equal(await code('POST', '/api/v1/either', { ...officer, ...DEVICE }), 200, 'a device on a user-or-device route, session cookie and all');
});

t.test('files-only and public marks apply to their own scope', async (t) => {
  const app = await harness(t);
  const inScope = await app.inject({ method: 'GET', url: '/static/app.js' });
  t.equal(inScope.statusCode, 200, 'marked public');
  t.same(inScope.json(), { filesOnly: true });
  t.same((await app.inject({ method: 'GET', url: '/api/v1/not-files' })).json(), { filesOnly: null });
});

t.test('the route table, and routes without a policy', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(cookie);
  await app.register(standInSession);
  await app.register(csrf);
  await app.register(accessPlugin);
  app.get('/with', { config: { access: policy.bureau } }, ok);
  app.post('/without', ok);
  await app.ready();
  t.same(
    app.routeTable.map((r) => [r.method, r.url, r.access?.kind ?? null]),
    [
      ['GET', '/with', 'user'],
      ['HEAD', '/with', 'user'],
      ['POST', '/without', null],
    ],
  );
  t.throws(() => assertEveryRouteHasPolicy(app), { message: 'routes without an access policy: POST /without' });
  const res = await app.inject({ method: 'POST', url: '/without', payload: {} });
  t.equal(res.statusCode, 403, 'and such a route is nobody’s');
  t.ok(app.hasPlugin('kakou-access'));
});

t.test('the plugin needs the session and CSRF plugins', async (t) => {
  const bare = Fastify();
  await bare.register(accessPlugin).ready().then(
    () => t.fail('registered without its dependencies'),
    (err: Error) => t.match(err.message, /kakou-session/),
  );
  await bare.close();
  const noCsrf = Fastify();
  await noCsrf.register(cookie);
  await noCsrf.register(standInSession);
  await noCsrf.register(accessPlugin).ready().then(
    () => t.fail('registered without CSRF protection'),
    (err: Error) => t.match(err.message, /@fastify\/csrf-protection/),
  );
  await noCsrf.close();
});
