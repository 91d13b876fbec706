import t from 'tap';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { setup } from '../helpers/app.js';
import { loggedIn } from '../helpers/client.js';
import { creditCode } from '../helpers/credit-code.js';
import { simulateDevice } from '../helpers/device.js';
import { createToken } from '../helpers/bearer.js';
import { chinaDate, fleet } from '../helpers/fleet.js';
import { signDeviceRequest } from '../../src/core/device/index.js';
import type { Access } from '../../src/server/plugins/access.js';
import type { App } from '../../src/server/app.js';
import { FUZZ_SEED, applyJsonEdit, countCases, contractViolation, fuzz, hostileJsonValue, jsonEdit, replayHint, watchForCrashes } from '../helpers/fuzz.js';
import { arbitraryFor, type Schema } from '../helpers/json-schema-arbitrary.js';

/**
 * Every API route in the app's route table, called by every kind of caller
 * with bodies, query strings and path parameters drawn from the route's own
 * OpenAPI schema and then broken (fields replaced, removed, added; hostile
 * strings; raw bytes). Invariants: never a 5xx, every refusal an RFC 9457
 * problem+json whose status is the HTTP status, and no caller the route's
 * policy does not admit ever gets a success.
 */
watchForCrashes(t);
const target = 'API validation';

// A validation fuzz, not a durability test: the database lives in memory-backed /dev/shm where there is one,
// so the many small writes (sessions' last-seen, refused-login counters) do not each wait for a disk flush.
if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
const ctx = await setup(t);
const A = await ctx.enterprise('昆山模糊测试甲公司', creditCode(701));
const B = await ctx.enterprise('苏州模糊测试乙公司', creditCode(702));
const users = {
  a1: await ctx.user('enterprise_user', 'fz-a1', A),
  b1: await ctx.user('enterprise_user', 'fz-b1', B),
  officer: await ctx.user('bureau_officer', 'fz-officer'),
  admin: await ctx.user('bureau_admin', 'fz-admin'),
};
const carrier = await ctx.repos.charter.insertCarrier({ name: '模糊测试客运公司', creditCode: creditCode(703), dutyPhone: '051257009999' });
const passwordHash = (await ctx.repos.users.getWithHash('fz-a1'))!.passwordHash;
const carrierUser = (await ctx.repos.users.insert({ username: 'fz-coach', displayName: 'fz-coach', role: 'carrier_user', enterpriseId: null, carrierId: carrier.id, passwordHash, mustChangePassword: false })).id;
const ownUserIds = new Set([...Object.values(users), carrierUser].map(String));

const a1 = await loggedIn(ctx.app, 'fz-a1', { remoteAddress: '10.66.0.1' });
const officer = await loggedIn(ctx.app, 'fz-officer', { remoteAddress: '10.66.0.2' });
const admin = await loggedIn(ctx.app, 'fz-admin', { remoteAddress: '10.66.0.3' });
const coach = await loggedIn(ctx.app, 'fz-coach', { remoteAddress: '10.66.0.4' });
const b1 = await loggedIn(ctx.app, 'fz-b1', { remoteAddress: '10.66.0.5' });

// Something real for ids to hit: A's and B's fleet, a draft and a submitted pass, a token, checkpoints, a device.
const crewA = await fleet(a1, '苏E12345', '1');
const crewB = await fleet(b1, '苏E54321', '2');
const application = { vehicleId: crewA.vehicleId, driverId: crewA.driverId, escortIds: [crewA.escortId], validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '420100', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2' };
const draft = (await a1.request('POST', '/api/v1/passes', application)).json() as { id: number };
const submitted = (await a1.request('POST', '/api/v1/passes', application)).json() as { id: number };
await a1.request('POST', `/api/v1/passes/${submitted.id}/submit`);
const token = await createToken(admin, { name: '模糊测试', role: 'enterprise_user', enterpriseId: A, scopes: ['fleet:read', 'fleet:write', 'passes:read', 'passes:write'] });
const checkpoint = await ctx.repos.checkpoints.insert({ name: '模糊测试卡口', location: '昆山 G312', regionCode: '320583', direction: 'both' });
const spareCheckpoint = await ctx.repos.checkpoints.insert({ name: '模糊测试备用卡口', location: '昆山 S224', regionCode: '320583', direction: 'both' });
const device = await simulateDevice(ctx, checkpoint.id);

const knownIds = [A, B, crewA.vehicleId, crewA.driverId, crewA.escortId, crewB.vehicleId, crewB.driverId, draft.id, submitted.id, checkpoint.id, spareCheckpoint.id, carrier.id, 1, 2, 3].map(String);

type Role = 'bureau_admin' | 'bureau_officer' | 'enterprise_user' | 'carrier_user';
interface Caller {
  name: string;
  role: Role | 'anonymous' | 'device';
  send(method: string, url: string, payload: string | undefined, headers: Record<string, string>, breakCredentials: boolean): Promise<InjectResponse>;
}

type InjectResponse = Awaited<ReturnType<App['inject']>>;
const inject = (method: string, url: string, payload: string | undefined, headers: Record<string, string>, remoteAddress: string): Promise<InjectResponse> =>
  ctx.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress });

/** A signed-in browser: the cookie and CSRF token it was given at sign-in, never updated by a fuzzed answer. */
const session = (name: string, role: Role, c: typeof a1, address: string): Caller => ({
  name, role,
  send: (method, url, payload, headers, breakCredentials) =>
    inject(method, url, payload, {
      cookie: c.cookieHeader,
      ...(method !== 'GET' ? { 'x-csrf-token': breakCredentials ? `${c.csrf.slice(0, -2)}x` : c.csrf } : {}),
      ...headers,
    }, address),
});

const callers: Caller[] = [
  { name: 'anonymous', role: 'anonymous', send: (m, u, p, h) => inject(m, u, p, h, '10.66.1.1') },
  session('enterprise user', 'enterprise_user', a1, '10.66.0.1'),
  session('bureau officer', 'bureau_officer', officer, '10.66.0.2'),
  session('bureau admin', 'bureau_admin', admin, '10.66.0.3'),
  session('carrier user', 'carrier_user', coach, '10.66.0.4'),
  {
    name: 'API token (enterprise)', role: 'enterprise_user',
    send: (m, u, p, h, breakCredentials) => inject(m, u, p, { authorization: `Bearer ${breakCredentials ? token.token.slice(0, -1) : token.token}`, ...h }, '10.66.0.6'),
  },
  {
    name: 'device', role: 'device',
    async send(method, url, payload, headers, breakCredentials) {
      const signed = await signDeviceRequest({ method, path: url, body: payload, deviceId: device.id, privateKey: device.privateKey });
      const sig = breakCredentials ? { ...signed, 'x-kakou-timestamp': String(Number(signed['x-kakou-timestamp']) + 1) } : signed;
      return inject(method, url, payload, { ...sig, ...headers }, device.remoteAddress);
    },
  },
];

function admits(access: Access | undefined, caller: Caller): boolean {
  if (!access) return false;
  if (access.kind === 'public') return true;
  if (caller.role === 'device') return access.kind === 'device' || access.kind === 'user_or_device';
  if (caller.role === 'anonymous' || access.kind === 'device') return false;
  return (access.roles as readonly string[]).includes(caller.role);
}

// The OpenAPI document: each route's body, query and path schemas.
const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};
const components = doc.components.schemas;

const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !(r.method === 'DELETE' && r.url === '/api/v1/session'));
t.ok(routes.length > 100, `${routes.length} API routes under fuzz`);

interface Case { route: number; caller: number; params: Record<string, string>; query: string; body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string } | { kind: 'none' }; breakCredentials: boolean }

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('0', '-1', '01', '0x1', '1e3', ' 1', '1.5', '9007199254740993', '99999999999999999999', '%', '%ZZ', '..', '../..', '\u0000', '𠮷', 'null', 'undefined', '__proto__', 'a'.repeat(3000), '2026-02-30'),
);

const routeCases = routes.map((r) => {
  const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  const names = [...r.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const pathSchemas = new Map((op?.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
  const queryParams = (op?.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op?.requestBody?.content['application/json']?.schema;

  const param = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...knownIds) },
      { weight: 2, arbitrary: arbitraryFor(pathSchemas.get(name), components).map(String) },
      { weight: 2, arbitrary: hostileText },
    );
  const params = fc.tuple(...names.map(param)).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]!])));

  const queryValue = (s: Schema) => fc.oneof({ weight: 3, arbitrary: arbitraryFor(s, components).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) }, { weight: 1, arbitrary: hostileText });
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(queryValue(p.schema), { nil: undefined }))),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'page', '__proto__', 'q[]'), fc.string({ maxLength: 8 })), hostileText), { maxLength: 2 }),
      fc.option(fc.constantFrom('%', '%ZZ', '&&=', 'a[b]=1', 'page=1&page=2', '=x', '%E4%B8'), { nil: undefined }),
    )
    .map(([values, extra, raw]) => {
      const pairs = queryParams.flatMap((p, i) => (values[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${encodeURIComponent(values[i]!)}`]));
      for (const [k, v] of extra) pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
      if (raw) pairs.push(raw);
      return pairs.join('&');
    });

  const validish = arbitraryFor(bodySchema, components);
  const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
  const body: fc.Arbitrary<Case['body']> = hasBody
    ? fc.oneof(
        { weight: 3, arbitrary: validish.map((value) => ({ kind: 'json' as const, value })) },
        { weight: 3, arbitrary: fc.tuple(validish, fc.array(jsonEdit, { minLength: 1, maxLength: 3 })).map(([v, edits]) => ({ kind: 'json' as const, value: edits.reduce(applyJsonEdit, v) })) },
        { weight: 1, arbitrary: hostileJsonValue.map((value) => ({ kind: 'json' as const, value })) },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('raw' as const),
            text: fc.oneof(fc.string({ maxLength: 100 }), fc.constantFrom('{', '{"a":', '[', 'nul', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', '\ufeff{}', '')),
            type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/xml', 'multipart/form-data; boundary=x'),
          }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      )
    : fc.oneof({ weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) }, { weight: 1, arbitrary: hostileJsonValue.map((value) => ({ kind: 'json' as const, value })) });
  return { route: r, params, query, body };
});

function urlOf(template: string, params: Record<string, string>): string {
  let url = template.replace(/:(\w+)/g, (_, name: string) => {
    let v = params[name] ?? '1';
    // Keep the fuzzers' own accounts usable (a disabled or reset account would only answer 401/403 afterwards).
    if (template.startsWith('/api/v1/users/') && ownUserIds.has(v)) v = '999999';
    return encodeURIComponent(v);
  });
  url = url.replace('*', encodeURIComponent(params['*'] ?? 'x'));
  // The device's own checkpoint stays open, so later device requests are still about the handler, not a closed post.
  if (url === `/api/v1/checkpoints/${checkpoint.id}/close`) url = `/api/v1/checkpoints/${spareCheckpoint.id}/close`;
  return url;
}

async function run(c: Case): Promise<string | null> {
  const { route } = routeCases[c.route]!;
  const caller = callers[c.caller]!;
  const url = urlOf(route.url, c.params) + (c.query ? `?${c.query}` : '');
  let payload: string | undefined;
  const headers: Record<string, string> = {};
  if (c.body.kind === 'json' && c.body.value !== undefined) {
    payload = JSON.stringify(c.body.value);
    headers['content-type'] = 'application/json';
  } else if (c.body.kind === 'raw') {
    payload = c.body.text;
    headers['content-type'] = c.body.type;
  }
  const res = await caller.send(route.method, url, payload, headers, c.breakCredentials);
  const where = `${caller.name} ${route.method} ${url.slice(0, 200)} ${payload === undefined ? '' : `body ${payload.slice(0, 200)}`}`;
  const violation = contractViolation(res);
  if (violation) return `${where}: ${violation}`;
  if (res.statusCode < 400 && !admits(route.access, caller)) return `${where}: ${res.statusCode} for a caller the route's policy (${JSON.stringify(route.access)}) does not admit`;
  if (res.statusCode < 400 && c.breakCredentials && route.access?.kind !== 'public' && !(route.method === 'GET' && caller.role !== 'device' && caller.name !== 'API token (enterprise)')) {
    return `${where}: ${res.statusCode} with broken credentials`;
  }
  return null;
}

const caseFor = (route: number, caller: fc.Arbitrary<number>): fc.Arbitrary<Case> => {
  const rc = routeCases[route]!;
  return fc.record({ route: fc.constant(route), caller, params: rc.params, query: rc.query, body: rc.body, breakCredentials: fc.boolean() });
};

t.test('every route × every caller, one schema-shaped request each', async (t) => {
  const failures: string[] = [];
  let n = 0;
  for (let route = 0; route < routeCases.length; route++) {
    for (let caller = 0; caller < callers.length; caller++) {
      const [c] = fc.sample(caseFor(route, fc.constant(caller)).map((x) => ({ ...x, breakCredentials: false })), { numRuns: 1, seed: FUZZ_SEED + route * 31 + caller });
      const problem = await run(c!);
      n++;
      if (problem) failures.push(problem);
    }
  }
  countCases(target, n);
  t.same(failures, [], `${n} requests (${replayHint()})`);
});

t.test('random routes, callers and broken input', async (t) => {
  const anyCase = fc.nat({ max: routeCases.length - 1 }).chain((route) => caseFor(route, fc.nat({ max: callers.length - 1 })));
  await fuzz(t, target, 'random requests', fc.asyncProperty(anyCase, async (c) => {
    const problem = await run(c);
    if (problem) throw new Error(problem);
    return true;
  }), 5);
});
