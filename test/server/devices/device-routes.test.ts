import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { simulateDevice } from '../../helpers/device.js';
import { verifyBundle } from '../../../src/core/trust/verify.js';

const noPassDriver = (plate: string) => ({
  plate,
  people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [] }],
  staffKeyAreaFlag: false,
});

t.test('a device fetches the trust bundle and verifies it with the keys pinned at enrollment', async (t) => {
  const ctx = await setup(t);
  const cp = await ctx.repos.checkpoints.insert({ name: '陆家卡口', location: '陆家镇', regionCode: '320583', direction: 'both' });
  const device = await simulateDevice(ctx, cp.id);
  const res = await device.request('GET', '/api/v1/trust/bundle');
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  const { bundle, etag } = res.json() as { bundle: string; etag: string };
  const v = await verifyBundle(bundle, { trustedKeys: device.enrollment.bundleKeys });
  t.ok(v.ok, JSON.stringify(v).slice(0, 300));
  const again = await device.request('GET', '/api/v1/trust/bundle', undefined, { headers: { 'if-none-match': etag } });
  t.equal(again.statusCode, 304, 'same ETag behaviour as for users');
  t.equal((await device.request('GET', '/api/v1/trust/bundle/summary')).statusCode, 401, 'the summary is for the bureau only');
  t.equal((await device.request('GET', '/api/v1/trust/bundle', undefined, { unsigned: true })).statusCode, 401, 'unsigned: anonymous');
});

t.test('POST /api/v1/checks/evaluate is open to devices (signed, no CSRF token) and still to the bureau', async (t) => {
  const ctx = await setup(t);
  const cp = await ctx.repos.checkpoints.insert({ name: '张浦卡口', location: '张浦镇', regionCode: '320583', direction: 'both' });
  const device = await simulateDevice(ctx, cp.id);
  await ctx.user('bureau_officer', 'clerk');
  const officer = await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.5.0.1' });
  const body = { qrText: null, observed: noPassDriver('苏E54321') };

  const byDevice = await device.request('POST', '/api/v1/checks/evaluate', body);
  t.equal(byDevice.statusCode, 200, byDevice.body.slice(0, 300));
  t.match(byDevice.json(), { decision: { decision: 'RELEASE' } });
  const byOfficer = await officer.request('POST', '/api/v1/checks/evaluate', body);
  t.equal(byOfficer.statusCode, 200, 'the bureau keeps its playground');

  // The cookie path keeps its CSRF check: only a verified device request skips it.
  const noToken = await ctx.app.inject({
    method: 'POST', url: '/api/v1/checks/evaluate',
    headers: { cookie: officer.cookieHeader, 'content-type': 'application/json' }, payload: JSON.stringify(body),
  });
  t.equal(noToken.statusCode, 403);
  t.match(noToken.json(), { code: 'csrf' });
  // Claiming to be a device without a valid signature does not fall back to the cookie.
  const { headers } = await device.sign('POST', '/api/v1/checks/evaluate', body);
  const forged = await ctx.app.inject({
    method: 'POST', url: '/api/v1/checks/evaluate',
    headers: { ...headers, 'x-kakou-signature': headers['x-kakou-signature'].replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), cookie: officer.cookieHeader, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  t.equal(forged.statusCode, 401, 'a bad signature is refused, session or not');
  t.match(forged.json(), { code: 'device_auth_failed' });
  const tampered = await device.request('POST', '/api/v1/checks/evaluate', body, { sendPayload: JSON.stringify({ ...body, trustAgeSec: null }) });
  t.equal(tampered.statusCode, 401, 'a body changed after signing');

  await ctx.user('enterprise_user', 'ent', await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G'));
  const ent = await loggedIn(ctx.app, 'ent', { remoteAddress: '10.5.0.2' });
  t.equal((await ent.request('POST', '/api/v1/checks/evaluate', body)).statusCode, 403, 'enterprise users still may not');
});

t.test('the devices page shows what each device reported and revokes with a reason', async (t) => {
  const ctx = await setup(t);
  const cp = await ctx.repos.checkpoints.insert({ name: '巴城卡口', location: '巴城镇', regionCode: '320583', direction: 'inbound' });
  const device = await simulateDevice(ctx, cp.id, { label: '巴城 1 号机', appVersion: '2.0.1' });
  t.equal((await device.request('POST', '/api/v1/devices/heartbeat', { appVersion: '2.0.2', queueLength: 42, bundleAgeSec: 7200 })).statusCode, 200);
  await ctx.user('bureau_admin', 'boss');
  const admin = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.5.1.1' });

  const page = await admin.request('GET', `/bureau/devices?checkpointId=${cp.id}`);
  t.equal(page.statusCode, 200);
  for (const shown of [device.id, '巴城 1 号机', '巴城卡口', '2.0.2', '>42<', '2 小时|2 h']) t.match(page.body, new RegExp(shown), `shows ${shown}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  t.equal((await admin.form(`/bureau/devices/${device.id}/revoke`, { _csrf: csrf, reason: '' })).statusCode, 400, 'a reason is required');
  const revoked = await admin.form(`/bureau/devices/${device.id}/revoke`, { _csrf: csrf, reason: '设备丢失' });
  t.equal(revoked.statusCode, 303);
  t.match(String(revoked.headers.location), /done=revoked/);
  t.equal((await ctx.repos.devices.get(device.id))!.status, 'revoked');
  t.equal((await device.request('GET', '/api/v1/devices/me')).statusCode, 401);
  const after = await admin.request('GET', String(revoked.headers.location));
  t.match(after.body, /设备丢失/);
  t.notMatch(after.body, new RegExp(`/bureau/devices/${device.id}/revoke`), 'no revoke button for a revoked device');
});
