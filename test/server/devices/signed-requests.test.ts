import { Readable } from 'node:stream';
import t, { type Test } from 'tap';
import { setup } from '../../helpers/app.js';
import { logCapture } from '../../helpers/log-capture.js';
import { userActor } from '../../../src/server/security/actor.js';
import { countRows } from '../../helpers/rows.js';
import { loggedIn } from '../../helpers/client.js';
import { simulateDevice } from '../../helpers/device.js';
import { signDeviceRequest } from '../../../src/core/device/index.js';
import { DEVICE_MAX_SKEW_MS, NONCE_RETENTION_MS } from '../../../src/server/plugins/device-auth.js';
import { devicesMessages } from '../../../src/server/features/devices/messages.js';

async function world(t: Test, env?: Record<string, string>, opts?: Parameters<typeof setup>[2]) {
  const ctx = await setup(t, env, opts);
  const cp = await ctx.repos.checkpoints.insert({ name: '千灯出城卡口', location: 'S224 千灯段', regionCode: '320583', direction: 'outbound' });
  const device = await simulateDevice(ctx, cp.id);
  return { ctx, cp, device };
}

type Res = { statusCode: number; json: () => unknown; headers: Record<string, unknown> };
/** A 401 with this code and, when given, exactly this detail (device.auth.<detail>, in the default language). */
const refused401 = (t: Test, res: Res, code: string, detail?: string) => {
  t.equal(res.statusCode, 401, `401 ${code}`);
  t.match(String(res.headers['content-type']), /^application\/problem\+json/);
  t.match(res.json(), { code, status: 401 });
  if (detail) t.equal((res.json() as { detail?: string }).detail, devicesMessages[`device.auth.${detail}` as keyof typeof devicesMessages].zh, `detail ${detail}`);
};

t.test('a signed request is accepted and marks the device seen', async (t) => {
  const { ctx, cp, device } = await world(t);
  await ctx.repos.store.q().updateTable('devices').set({ last_seen_at: null }).where('id', '=', device.id).execute();
  const me = await device.request('GET', '/api/v1/devices/me');
  t.equal(me.statusCode, 200, me.body);
  t.match(me.json(), { deviceId: device.id, checkpoint: { id: cp.id, name: cp.name, direction: 'outbound' } });
  t.match((await ctx.repos.devices.get(device.id))!.lastSeenAt, /^\d{4}-/, 'last seen recorded');

  // The raw request target is signed, query string included.
  t.equal((await device.request('GET', '/api/v1/devices/me?probe=1&x=%E5%8D%A1')).statusCode, 200, 'with a query string');
  // HEAD is signed as HEAD.
  t.equal((await device.request('HEAD', '/api/v1/devices/me')).statusCode, 200, 'HEAD');

  const hb = await device.request('POST', '/api/v1/devices/heartbeat', { appVersion: '1.2.3', queueLength: 17, bundleAgeSec: 5400 });
  t.equal(hb.statusCode, 200, hb.body);
  t.match(await ctx.repos.devices.get(device.id), { appVersion: '1.2.3', queueLength: 17, bundleAgeSec: 5400, reportedAt: String });
  const bad = await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: -1, bundleAgeSec: null });
  t.equal(bad.statusCode, 400, 'a signed request is still validated');
  t.equal((await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: 0, bundleAgeSec: null })).statusCode, 200, 'no bundle yet');
  t.match(await ctx.repos.devices.get(device.id), { appVersion: '1.2.3', queueLength: 0, bundleAgeSec: null }, 'the app version is kept when not sent');
});

t.test('a replayed request is refused', async (t) => {
  const { device } = await world(t);
  const { headers, payload } = await device.sign('POST', '/api/v1/devices/heartbeat', { queueLength: 1, bundleAgeSec: 10 });
  t.equal((await device.send('POST', '/api/v1/devices/heartbeat', payload, headers)).statusCode, 200, 'first time');
  refused401(t, await device.send('POST', '/api/v1/devices/heartbeat', payload, headers), 'device_auth_failed', 'replayed');

  // The same nonce with a new signature (a new timestamp) is a replay too.
  const again = await device.sign('GET', '/api/v1/devices/me', undefined, { nonce: headers['x-kakou-nonce'] });
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, again.headers), 'device_auth_failed', 'replayed');
});

t.test('a stale or future timestamp is refused', async (t) => {
  const { ctx, device } = await world(t);
  const before = await countRows(ctx.repos.store, 'device_nonces');
  refused401(t, await device.request('GET', '/api/v1/devices/me', undefined, { now: Date.now() - 10 * 60_000 }), 'device_clock_skew', 'stale');
  refused401(t, await device.request('GET', '/api/v1/devices/me', undefined, { now: Date.now() + 10 * 60_000 }), 'device_clock_skew', 'stale');
  const after = await countRows(ctx.repos.store, 'device_nonces');
  t.equal(after, before, 'refused requests leave no nonce behind');
  t.equal((await device.request('GET', '/api/v1/devices/me', undefined, { now: Date.now() - 4 * 60_000 })).statusCode, 200, '4 minutes slow is within the window');
  t.equal(DEVICE_MAX_SKEW_MS, 300_000);
});

t.test('unsigned, half-signed, tampered and misdirected requests are refused', async (t) => {
  const { ctx, cp, device } = await world(t);
  const unsigned = await device.request('GET', '/api/v1/devices/me', undefined, { unsigned: true });
  refused401(t, unsigned, 'unauthenticated');

  const { headers } = await device.sign('GET', '/api/v1/devices/me');
  const { 'x-kakou-signature': _sig, ...noSignature } = headers;
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, noSignature), 'device_auth_failed', 'missing_headers');
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, { 'x-kakou-signature': headers['x-kakou-signature'] }), 'device_auth_failed', 'missing_headers');

  // Body changed after signing.
  const tampered = await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: 1, bundleAgeSec: 10 }, { sendPayload: JSON.stringify({ queueLength: 0, bundleAgeSec: 10 }) });
  refused401(t, tampered, 'device_auth_failed', 'bad_signature');
  // Same JSON, other bytes: the signature covers the bytes, not the parsed value.
  const respaced = await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: 1, bundleAgeSec: 10 }, { sendPayload: '{"queueLength": 1, "bundleAgeSec": 10}' });
  refused401(t, respaced, 'device_auth_failed', 'bad_signature');
  t.equal((await ctx.repos.devices.get(device.id))!.queueLength, null, 'nothing tampered was recorded');

  // Signed for one path or method, sent to another.
  const forMe = await device.sign('GET', '/api/v1/devices/me?a=1');
  refused401(t, await device.send('GET', '/api/v1/devices/me?a=2', undefined, forMe.headers), 'device_auth_failed', 'bad_signature');
  const forGet = await device.sign('GET', '/api/v1/devices/checkpoint-data');
  t.equal((await device.send('HEAD', '/api/v1/devices/checkpoint-data', undefined, forGet.headers)).statusCode, 401, 'GET signature sent as HEAD');

  // Another device's key under this device's id.
  const other = await simulateDevice(ctx, cp.id);
  const forged = await signDeviceRequest({ method: 'GET', path: '/api/v1/devices/me', deviceId: device.id, privateKey: other.privateKey });
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, forged), 'device_auth_failed', 'bad_signature');

  // An id nobody enrolled.
  const ghost = await signDeviceRequest({ method: 'GET', path: '/api/v1/devices/me', deviceId: 'dev_nobodyknowsme', privateKey: device.privateKey });
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, ghost), 'device_auth_failed', 'unknown_device');

  // A malformed header.
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, { ...headers, 'x-kakou-timestamp': 'yesterday' }), 'device_auth_failed', 'malformed');
});

t.test('a revoked device is refused from then on', async (t) => {
  const { ctx, device } = await world(t);
  await ctx.user('bureau_admin', 'boss');
  const admin = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.8.0.1' });
  t.equal((await device.request('GET', '/api/v1/devices/me')).statusCode, 200);
  // Signed before the revocation, sent after: refused too.
  const early = await device.sign('GET', '/api/v1/devices/me');

  t.equal((await admin.request('POST', `/api/v1/devices/${device.id}/revoke`, {})).statusCode, 400, 'a reason is required');
  const revoked = await admin.request('POST', `/api/v1/devices/${device.id}/revoke`, { reason: '设备丢失' });
  t.equal(revoked.statusCode, 200, revoked.body);
  t.match(revoked.json(), { id: device.id, status: 'revoked', revokedAt: String, revokeReason: '设备丢失' });
  t.match((await ctx.repos.audit.list({ action: 'device.revoke', limit: 5 })), [{ actorName: 'boss', subjectId: device.id, detail: { reason: '设备丢失' } }]);

  refused401(t, await device.request('GET', '/api/v1/devices/me'), 'device_revoked');
  refused401(t, await device.send('GET', '/api/v1/devices/me', undefined, early.headers), 'device_revoked');
  refused401(t, await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: 1, bundleAgeSec: 1 }), 'device_revoked');
  refused401(t, await device.request('GET', '/api/v1/devices/checkpoint-data'), 'device_revoked');
  t.equal((await admin.request('POST', `/api/v1/devices/${device.id}/revoke`, { reason: '再次' })).statusCode, 200, 'revoking again changes nothing');
  t.equal((await ctx.repos.audit.list({ action: 'device.revoke', limit: 5 })).length, 1);
  t.equal((await admin.request('POST', '/api/v1/devices/dev_nope/revoke', { reason: '不存在' })).statusCode, 404);
});

t.test('sessions are no devices, devices are no sessions', async (t) => {
  const { ctx, cp, device } = await world(t);
  const A = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  await ctx.user('enterprise_user', 'ent', A);
  await ctx.user('bureau_officer', 'clerk');
  await ctx.user('bureau_admin', 'boss');
  const enterprise = await loggedIn(ctx.app, 'ent', { remoteAddress: '10.8.1.3' });
  const officer = await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.8.1.1' });
  const admin = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.8.1.2' });
  for (const [who, c] of [['enterprise user', enterprise], ['officer', officer], ['admin', admin]] as const) {
    t.equal((await c.request('GET', '/api/v1/devices/me')).statusCode, 401, `${who}: GET me`);
    t.equal((await c.request('GET', '/api/v1/devices/checkpoint-data')).statusCode, 401, `${who}: checkpoint data`);
    t.equal((await c.request('POST', '/api/v1/devices/heartbeat', { queueLength: 1, bundleAgeSec: 1 })).statusCode, 401, `${who}: heartbeat (with CSRF token)`);
  }
  // A device's signed request to portal and admin routes: it has no session.
  for (const url of ['/api/v1/enterprises', '/api/v1/devices', '/api/v1/checkpoints', '/api/v1/keys']) {
    const res = await device.request('GET', url);
    t.equal(res.statusCode, 401, `device: GET ${url}`);
    t.match(res.json(), { code: 'unauthenticated' });
  }
  t.equal((await device.request('POST', `/api/v1/devices/${device.id}/revoke`, { reason: '自己停用自己' })).statusCode, 401, 'a device cannot revoke');
  const page = await device.request('GET', '/bureau/checkpoints');
  t.equal(page.statusCode, 303, 'a portal page sends it to sign in');
  t.match(String(page.headers.location), /^\/login\?next=/);

  // A signed device request that also carries an admin's cookie is the device's only:
  // the cookie neither helps it into admin routes nor turns it into a user request.
  const withCookie = await device.request('POST', '/api/v1/devices/heartbeat', { queueLength: 2, bundleAgeSec: 2 }, { headers: { cookie: admin.cookieHeader } });
  t.equal(withCookie.statusCode, 200, 'no CSRF token needed: the request is signed');
  t.equal((await ctx.repos.devices.get(device.id))!.queueLength, 2);
  const adminRouteWithDeviceHeaders = await device.request('GET', `/api/v1/devices?checkpointId=${cp.id}`, undefined, { headers: { cookie: admin.cookieHeader } });
  t.equal(adminRouteWithDeviceHeaders.statusCode, 200, 'on an admin route the signature headers mean nothing; the cookie is judged as usual');
  // …and a cookie session on an admin route still needs its CSRF token, device headers or not.
  const { headers } = await device.sign('POST', `/api/v1/devices/${device.id}/revoke`, { reason: '试图绕过' });
  const csrfless = await ctx.app.inject({
    method: 'POST', url: `/api/v1/devices/${device.id}/revoke`,
    headers: { ...headers, cookie: admin.cookieHeader, 'content-type': 'application/json' },
    payload: JSON.stringify({ reason: '试图绕过' }),
  });
  t.equal(csrfless.statusCode, 403, 'no CSRF token, no state change');
  t.match(csrfless.json(), { code: 'csrf' });
  t.equal((await ctx.repos.devices.get(device.id))!.status, 'active');
});

t.test('the nonce cache keeps each nonce for the whole window and is purged after', async (t) => {
  const { ctx, device } = await world(t);
  const { headers } = await device.sign('GET', '/api/v1/devices/me');
  t.equal((await device.send('GET', '/api/v1/devices/me', undefined, headers)).statusCode, 200);
  const row = await ctx.repos.store
    .q()
    .selectFrom('device_nonces')
    .selectAll()
    .where('device_id', '=', device.id)
    .where('nonce', '=', String(headers['x-kakou-nonce']))
    .executeTakeFirst();
  t.ok(row, 'stored');
  t.equal(row?.expires_at, Number(headers['x-kakou-timestamp']) + NONCE_RETENTION_MS, 'kept for timestamp + 2 × skew');
  t.ok(NONCE_RETENTION_MS >= DEVICE_MAX_SKEW_MS, 'at least as long as a request with it could pass');
  t.equal(await ctx.repos.devices.purgeNonces(Date.now()), 0, 'nothing to purge yet');
  t.equal(await ctx.repos.devices.purgeNonces(Date.now() + NONCE_RETENTION_MS + 1), 1, 'purged once past its window');
});

t.test('a signed body is read as far as the route’s limit, and no further', async (t) => {
  const { ctx, device } = await world(t);
  const MiB = 1024 * 1024;
  // Trailing spaces are still the same JSON: a body of exactly the given size.
  const padTo = (value: unknown, bytes: number) => {
    const json = JSON.stringify(value);
    return json + ' '.repeat(bytes - Buffer.byteLength(json));
  };
  const signed = async (url: string, payload: string) =>
    device.send('POST', url, payload, await signDeviceRequest({ method: 'POST', path: url, body: payload, deviceId: device.id, privateKey: device.privateKey }));

  const heartbeat = { queueLength: 3, bundleAgeSec: 3 };
  t.equal((await signed('/api/v1/devices/heartbeat', padTo(heartbeat, MiB))).statusCode, 200, 'exactly the app’s limit (1 MiB)');
  const over = await signed('/api/v1/devices/heartbeat', padTo(heartbeat, MiB + 1));
  t.equal(over.statusCode, 413, 'one byte over');
  t.equal(over.json().code, 'payload_too_large');
  // The event upload has a limit of its own (4 MiB): a 2 MiB body is read whole and judged on what it says.
  const upload = await signed('/api/v1/devices/events', padTo({ events: 'none' }, 2 * MiB));
  t.equal(upload.statusCode, 400, 'judged on its content, not refused for its size');
  t.equal(upload.json().code, 'validation');

  // A body that never ends (nothing has verified the headers yet: the signature covers the body):
  // reading stops at the limit rather than filling the memory.
  let sent = 0;
  const CHUNK = 64 * 1024;
  const endless = new Readable({
    read() {
      sent += CHUNK;
      this.push(Buffer.alloc(CHUNK, 0x20));
    },
  });
  const { headers } = await device.sign('POST', '/api/v1/devices/heartbeat', heartbeat);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/devices/heartbeat', headers: { ...headers, 'content-type': 'application/json' }, payload: endless });
  t.equal(res.statusCode, 413);
  t.equal(res.json().code, 'payload_too_large');
  t.ok(sent <= MiB + 4 * CHUNK, `read ${sent} bytes of an endless body`);
});

t.test('a GET or HEAD body is neither parsed nor signed', async (t) => {
  const { device } = await world(t);
  // Fastify never parses a body for these methods, so the signature covers none: one sent anyway changes nothing.
  for (const method of ['GET', 'HEAD'] as const) {
    const { headers } = await device.sign(method, '/api/v1/devices/me');
    const res = await device.send(method, '/api/v1/devices/me', JSON.stringify({ deviceId: 'dev_someoneelse' }), headers);
    t.equal(res.statusCode, 200, `${method} with a body`);
  }
});

t.test('refusals are logged for the operator: which device and why, never the signature', async (t) => {
  const { stream, lines } = logCapture();
  const { ctx, cp, device } = await world(t, { KAKOU_LOG_LEVEL: 'info' }, { logStream: stream });
  const { app } = ctx;
  const other = await simulateDevice(ctx, cp.id);
  const logged = (msg: string) =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg).map(({ level, device, reason }) => ({ level, device, reason }));

  const forged = await signDeviceRequest({ method: 'GET', path: '/api/v1/devices/me', deviceId: device.id, privateKey: other.privateKey });
  t.equal((await device.send('GET', '/api/v1/devices/me', undefined, forged)).statusCode, 401);
  t.same(logged('device request refused'), [{ level: 30, device: device.id, reason: 'bad_signature' }]);

  const { headers, payload } = await device.sign('GET', '/api/v1/devices/me');
  t.equal((await device.send('GET', '/api/v1/devices/me', payload, headers)).statusCode, 200);
  t.equal((await device.send('GET', '/api/v1/devices/me', payload, headers)).statusCode, 401);
  t.same(logged('device request replayed'), [{ level: 40, device: device.id, reason: undefined }], 'a replay is a warning');

  const boss = await app.repos.users.insert({ username: 'boss', displayName: 'boss', role: 'bureau_admin', enterpriseId: null, passwordHash: 'unused', mustChangePassword: false });
  await app.services.devices.revoke(userActor(boss), device.id, '设备丢失', '10.8.0.1');
  t.equal((await device.request('GET', '/api/v1/devices/me')).statusCode, 401);
  t.same(logged('revoked device refused'), [{ level: 30, device: device.id, reason: undefined }]);

  const log = lines.join('');
  for (const h of [forged, headers]) t.notOk(log.includes(h['x-kakou-signature']), 'no signature in the log');
});
