import t from 'tap';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setup } from '../helpers/app.js';
import { assertEveryRouteHasPolicy, checkAccess, policy, type Access, type RouteRecord } from '../../src/server/plugins/access.js';
import { Problem } from '../../src/server/problem.js';
import { roleSchema } from '../../src/server/features/users/schema.js';

const describe = (a: Access | undefined) =>
  !a ? 'NONE' : a.kind === 'public' ? 'public' : a.kind === 'device' ? 'device' : a.kind === 'user_or_device' ? `${a.roles.join('|')}|device` : a.roles.join('|');
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

t.test('every registered route declares an access policy', async (t) => {
  const ctx = await setup(t);
  const routes = ctx.app.routeTable;
  t.ok(routes.length > 10, `${routes.length} routes registered`);
  t.comment(
    'route policies:\n' +
      routes
        .filter((r) => r.method !== 'HEAD')
        .map((r) => `  ${r.method.padEnd(6)} ${r.url.padEnd(40)} ${describe(r.access)}`)
        .join('\n'),
  );
  const roles = new Set<string>(roleSchema.options);
  for (const r of routes) {
    const a = r.access;
    t.ok(a, `${r.method} ${r.url} has a policy`);
    if (!a) continue;
    if (a.kind === 'user' || a.kind === 'user_or_device') {
      t.ok(a.roles.length > 0 && a.roles.every((x) => roles.has(x)), `${r.method} ${r.url}: roles are known and non-empty`);
    } else {
      t.ok(a.kind === 'public' || a.kind === 'device', `${r.method} ${r.url}: kind is public, user, device or user_or_device`);
    }
  }
  t.doesNotThrow(() => assertEveryRouteHasPolicy(ctx.app));

  // HEAD routes Fastify adds for GET carry the GET route's policy.
  for (const head of routes.filter((r) => r.method === 'HEAD')) {
    const get = routes.find((r) => r.method === 'GET' && r.url === head.url);
    if (get) t.same(head.access, get.access, `HEAD ${head.url} matches GET`);
  }
});

t.test('policies follow the URL layout', async (t) => {
  const ctx = await setup(t);
  const find = (method: string, url: string) => ctx.app.routeTable.find((r) => r.method === method && r.url === url);
  const bureauOnly = (a: Access | undefined) => a?.kind === 'user' && a.roles.every((r) => r === 'bureau_admin' || r === 'bureau_officer');
  for (const r of ctx.app.routeTable) {
    const where = `${r.method} ${r.url}`;
    if (r.url.startsWith('/bureau/')) t.ok(bureauOnly(r.access), `${where}: bureau staff only`);
    if (r.url === '/enterprise' || r.url.startsWith('/enterprise/')) t.same(r.access, policy.enterprise, `${where}: enterprise users only`);
    if (r.url.startsWith('/api/v1/staff') || r.url.startsWith('/bureau/staff')) t.same(r.access, policy.admin, `${where}: administrators only`);
    if (r.url.startsWith('/api/v1/users/')) t.ok(bureauOnly(r.access), `${where}: account management is the bureau's`);
    if (r.url.startsWith('/api/v1/checkpoints') || r.url.startsWith('/bureau/checkpoints') || r.url.startsWith('/bureau/devices')) {
      t.same(r.access, policy.admin, `${where}: administrators only`);
    }
    // Devices reach only routes made for them; nothing else admits a device.
    const admitsDevice = r.access?.kind === 'device' || r.access?.kind === 'user_or_device';
    if (admitsDevice) {
      t.ok(r.url.startsWith('/api/v1/'), `${where}: a device route is an API route`);
      t.notOk(r.url.startsWith('/bureau') || r.url.startsWith('/enterprise') || r.url === '/', `${where}: no portal page admits devices`);
    }
  }
  for (const url of ['/api/v1/devices/me', '/api/v1/devices/checkpoint-data', '/api/v1/devices/charter-runs']) t.same(find('GET', url)?.access, policy.device, `GET ${url}: devices only`);
  t.same(find('POST', '/api/v1/devices/heartbeat')?.access, policy.device, 'POST /api/v1/devices/heartbeat: devices only');
  t.same(find('POST', '/api/v1/devices/enroll')?.access, policy.public, 'enrollment is public (the code is the credential)');
  t.same(find('GET', '/api/v1/devices')?.access, policy.admin);
  t.same(find('POST', '/api/v1/devices/:id/revoke')?.access, policy.admin);
  // The few routes that must be reachable without signing in, and must stay so.
  for (const [m, u] of [['GET', '/healthz'], ['GET', '/openapi.json'], ['GET', '/api/v1/session'], ['POST', '/api/v1/session'], ['GET', '/login'], ['POST', '/login']] as const) {
    t.same(find(m, u)?.access, policy.public, `${m} ${u} is public`);
  }
  // Carriers (item 7) sign in, change their password and land on their home page too.
  t.same(find('DELETE', '/api/v1/session')?.access, policy.anyAccount);
  t.same(find('POST', '/api/v1/me/password')?.access, policy.anyAccount);
  t.same(find('GET', '/')?.access, policy.anyAccount);
  // …but reach nothing of the freight-pass portal: anyUser is its roles only.
  t.notOk(policy.anyUser.roles.includes('carrier_user' as never));
  for (const r of ctx.app.routeTable) {
    if (r.access?.kind !== 'user' || !r.access.roles.includes('carrier_user')) continue;
    t.ok(/^\/(api\/v1\/(charter|session|me)\b|carrier\b|logout$|password$|$)/.test(r.url), `${r.method} ${r.url}: a carrier route is charter, session or home`);
  }
});

t.test('a route without a policy is refused', async (t) => {
  const fake = (routeTable: RouteRecord[]) => ({ routeTable }) as unknown as FastifyInstance;
  t.throws(
    () => assertEveryRouteHasPolicy(fake([{ method: 'GET', url: '/ok', access: policy.public }, { method: 'GET', url: '/x', access: undefined }])),
    /routes without an access policy: GET \/x$/,
  );
  t.throws(
    () => assertEveryRouteHasPolicy(fake([{ method: 'POST', url: '/a', access: undefined }, { method: 'PUT', url: '/b/:id', access: undefined }])),
    /POST \/a, PUT \/b\/:id/,
    'every missing route is named',
  );
  t.doesNotThrow(() => assertEveryRouteHasPolicy(fake([{ method: 'GET', url: '/ok', access: policy.bureau }])));

  // And at request time a missing policy fails closed.
  const request = { actor: null, routeOptions: { config: {} } } as unknown as FastifyRequest;
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      return err instanceof Problem ? { status: err.status, code: err.code } : { thrown: String(err) };
    }
    return null;
  };
  t.same(refusal(() => checkAccess(undefined, request)), { status: 403, code: 'forbidden' }, 'no policy: nobody may call it');
  t.same(refusal(() => checkAccess(policy.anyUser, request)), { status: 401, code: 'unauthenticated' });
  t.doesNotThrow(() => checkAccess(policy.public, request));
});

t.test('device policies: a device is no session, a session is no device', async (t) => {
  const officer = { kind: 'user', user: { role: 'bureau_officer', mustChangePassword: false } };
  const device = { id: 'dev_x', checkpointId: 1, publicJwk: {} };
  const request = (who: { actor?: unknown; device?: unknown; headers?: Record<string, string> }) =>
    ({ actor: who.actor ?? null, device: who.device ?? null, headers: who.headers ?? {}, routeOptions: { config: {} } }) as unknown as FastifyRequest;
  const refusal = (access: Access, r: FastifyRequest) => {
    try {
      checkAccess(access, r);
      return null;
    } catch (err) {
      return err instanceof Problem ? err.status : String(err);
    }
  };
  t.equal(refusal(policy.device, request({ device })), null, 'device route: a verified device passes');
  t.equal(refusal(policy.device, request({ actor: officer })), 401, 'device route: an officer session alone is refused');
  t.equal(refusal(policy.device, request({})), 401, 'device route: anonymous is refused');
  t.equal(refusal(policy.bureauOrDevice, request({ device })), null, 'bureau or device: a device passes');
  t.equal(refusal(policy.bureauOrDevice, request({ actor: officer })), null, 'bureau or device: an officer passes');
  t.equal(refusal(policy.bureauOrDevice, request({ actor: officer, headers: { 'x-kakou-device': 'dev_x' } })), 401, 'claiming to be a device without verifying is no fallback to the session');
  t.equal(refusal(policy.bureau, request({ device })), 401, 'a user route: a device alone is anonymous');
  t.equal(refusal(policy.admin, request({ device })), 401);
});

t.test('every /api/v1 route is documented in /openapi.json', async (t) => {
  const ctx = await setup(t);
  const res = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { security?: Record<string, string[]>[]; responses?: Record<string, unknown> }>> };
  t.match(doc.openapi, /^3\./);
  const apiRoutes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
  t.ok(apiRoutes.length >= 15, `${apiRoutes.length} API routes`);
  for (const r of apiRoutes) {
    const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()];
    t.ok(op, `${r.method} ${r.url} documented`);
    if (!op) continue;
    const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
    if (r.access?.kind === 'user' || r.access?.kind === 'user_or_device') {
      t.ok(schemes.includes('session'), `${r.method} ${r.url}: documents the session cookie`);
      if (r.method !== 'GET') t.ok(schemes.includes('csrf'), `${r.method} ${r.url}: documents the CSRF header`);
    }
    if (r.access?.kind === 'device' || r.access?.kind === 'user_or_device') {
      t.ok(schemes.includes('device'), `${r.method} ${r.url}: documents the device signature`);
    }
    if (r.access?.kind === 'device') t.notOk(schemes.includes('session'), `${r.method} ${r.url}: no session for a device route`);
  }
  // Nothing documented that does not exist, and no portal page leaks into the API description.
  const known = new Set(ctx.app.routeTable.map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`));
  for (const [path, ops] of Object.entries(doc.paths)) {
    t.notOk(path === '/' || path.startsWith('/bureau') || path === '/login' || path.startsWith('/enterprise/') || path === '/enterprise', `${path} is not a portal page`);
    for (const method of Object.keys(ops)) t.ok(known.has(`${method} ${path}`), `documented ${method} ${path} exists`);
  }
});
