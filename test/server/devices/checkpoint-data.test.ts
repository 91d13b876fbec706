import t, { type Test } from 'tap';
import { CompactSign } from 'jose';
import { setup } from '../../helpers/app.js';
import { loggedIn, type Client } from '../../helpers/client.js';
import { simulateDevice } from '../../helpers/device.js';
import { CHECKPOINT_DATA_TYP, verifyCheckpointData } from '../../../src/core/device/checkpoint-data.js';
import { verifyPin } from '../../../src/core/device/pin.js';
import { CHECKPOINT_DATA_TTL_SEC } from '../../../src/server/features/devices/service.js';

async function world(t: Test) {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  const admin = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.7.0.1' });
  const create = async (name: string) => {
    const res = await admin.request('POST', '/api/v1/checkpoints', { name, location: `${name}位置`, regionCode: '320583', direction: 'both' });
    if (res.statusCode !== 201) throw new Error(res.body);
    return (res.json() as { id: number }).id;
  };
  const north = await create('北门卡口');
  const south = await create('南门卡口');
  const staff = async (c: Client, cp: number, badge: string, name: string, pin: string) => {
    const res = await c.request('POST', `/api/v1/checkpoints/${cp}/staff`, { badge, name, pin });
    if (res.statusCode !== 201) throw new Error(res.body);
    return (res.json() as { id: number }).id;
  };
  const zhang = await staff(admin, north, 'KS-0107', '张卫国', '480915');
  await staff(admin, north, 'KS-0211', '王秀英', '731902');
  const gone = await staff(admin, north, 'KS-0300', '离岗人员', '902731');
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${north}/staff/${gone}/disable`)).statusCode, 200);
  await staff(admin, south, 'KS-0999', '南门值守', '246813');
  return { ctx, admin, north, south, zhang };
}

t.test('a device gets its checkpoint and staff, signed, and checks PINs offline', async (t) => {
  const { ctx, north } = await world(t);
  const device = await simulateDevice(ctx, north);
  const res = await device.request('GET', '/api/v1/devices/checkpoint-data');
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers['cache-control'], 'private, no-cache');
  const { data, etag } = res.json() as { data: string; etag: string };
  t.equal(res.headers.etag, etag);

  // With the keys pinned at enrollment, exactly as the scanner does it offline.
  const verified = await verifyCheckpointData(data, { trustedKeys: device.enrollment.bundleKeys, checkpointId: north });
  t.ok(verified.ok, JSON.stringify(verified));
  if (!verified.ok) return;
  const d = verified.data;
  t.match(d.checkpoint, { id: north, name: '北门卡口', location: '北门卡口位置', regionCode: '320583', direction: 'both', status: 'active' });
  t.same(d.staff.map((s) => s.badge), ['KS-0107', 'KS-0211'], 'enabled staff of this checkpoint only, by badge');
  t.equal(d.exp - d.iat, CHECKPOINT_DATA_TTL_SEC);
  t.equal(d.iss, 'KSJT');

  // …and with the bundle key as published in the JWKS.
  const jwks = (await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: Array<{ kid: string }> };
  const bundleKid = (await ctx.app.services.keys.activeSigner('bundle')).kid;
  t.equal(verified.kid, bundleKid, 'signed by the active bundle key');
  t.ok(jwks.keys.some((k) => k.kid === bundleKid), 'which is published');
  t.ok((await verifyCheckpointData(data, { trustedKeys: jwks, checkpointId: north })).ok, 'verifies against the published key set');

  // PINs, offline, with Web Crypto: the right one only.
  const zhang = d.staff.find((s) => s.badge === 'KS-0107')!;
  t.match(zhang.pinHash, /^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  t.equal(await verifyPin('480915', zhang.pinHash), true, 'the right PIN');
  t.equal(await verifyPin('480916', zhang.pinHash), false, 'a wrong PIN');
  t.equal(await verifyPin('731902', zhang.pinHash), false, "a colleague's PIN");
  t.equal(await verifyPin('480915 ', zhang.pinHash), false, 'not even with a stray space');
  const wang = d.staff.find((s) => s.badge === 'KS-0211')!;
  t.not(wang.pinHash.split('$')[2], zhang.pinHash.split('$')[2], 'a salt per staff member');

  // Refused where it must be.
  t.match(await verifyCheckpointData(data, { trustedKeys: device.enrollment.bundleKeys, checkpointId: north + 1 }), { ok: false, reason: 'wrong_checkpoint' });
  t.match(await verifyCheckpointData(data, { trustedKeys: device.enrollment.bundleKeys, now: d.exp + 3600 }), { ok: false, reason: 'expired' });
  const passKeys = await ctx.app.services.keys.publishedKeys(new Date(), 'pass');
  t.match(await verifyCheckpointData(data, { trustedKeys: passKeys }), { ok: false, reason: 'unknown_kid' }, 'a pass key does not vouch for it');
  const [h, p, s] = data.split('.');
  const flipped = `${h}.${p!.slice(0, -2)}${p!.slice(-2) === 'fQ' ? 'fX' : 'fQ'}.${s}`;
  t.notOk((await verifyCheckpointData(flipped, { trustedKeys: device.enrollment.bundleKeys })).ok, 'an altered payload fails');

  // A JWS of another type made with the same key is not checkpoint data.
  const signer = await ctx.app.services.keys.activeSigner('bundle');
  const payload = new TextEncoder().encode(Buffer.from(p!, 'base64url').toString());
  const otherTyp = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: 'kakou-bundle+jwt' }).sign(signer.privateKey);
  t.match(await verifyCheckpointData(otherTyp, { trustedKeys: device.enrollment.bundleKeys }), { ok: false, reason: 'wrong_typ' });
  const sameTyp = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: CHECKPOINT_DATA_TYP }).sign(signer.privateKey);
  t.ok((await verifyCheckpointData(sameTyp, { trustedKeys: device.enrollment.bundleKeys })).ok, 'control: the same payload with the right typ verifies');
});

t.test('ETag: 304 while nothing changed, fresh data once a PIN changes', async (t) => {
  const { ctx, admin, north, zhang } = await world(t);
  const device = await simulateDevice(ctx, north);
  const first = await device.request('GET', '/api/v1/devices/checkpoint-data');
  const etag = first.headers.etag as string;
  t.match(etag, /^"[A-Za-z0-9_-]{27}"$/);

  const same = await device.request('GET', '/api/v1/devices/checkpoint-data', undefined, { headers: { 'if-none-match': etag } });
  t.equal(same.statusCode, 304, 'not modified');
  t.equal(same.body, '');
  t.equal(same.headers.etag, etag);
  const again = await device.request('GET', '/api/v1/devices/checkpoint-data');
  t.equal((again.json() as { data: string }).data, (first.json() as { data: string }).data, 'the same signed bytes, not a new signature per request');
  const other = await simulateDevice(ctx, north);
  t.equal((await other.request('GET', '/api/v1/devices/checkpoint-data', undefined, { headers: { 'if-none-match': etag } })).statusCode, 304, 'devices of one checkpoint share it');

  const reset = await admin.request('POST', `/api/v1/checkpoints/${north}/staff/${zhang}/pin`, { pin: '572046' });
  t.equal(reset.statusCode, 200, reset.body);
  t.notMatch(reset.body, /pbkdf2|572046/, 'neither the PIN nor its hash in the answer');
  const changed = await device.request('GET', '/api/v1/devices/checkpoint-data', undefined, { headers: { 'if-none-match': etag } });
  t.equal(changed.statusCode, 200, 'changed');
  t.not(changed.headers.etag, etag);
  const v = await verifyCheckpointData((changed.json() as { data: string }).data, { trustedKeys: device.enrollment.bundleKeys });
  t.ok(v.ok);
  if (!v.ok) return;
  const hash = v.data.staff.find((s) => s.badge === 'KS-0107')!.pinHash;
  t.equal(await verifyPin('572046', hash), true, 'the new PIN');
  t.equal(await verifyPin('480915', hash), false, 'the old one no longer');

  // Renaming the checkpoint, closing it: both reach the device.
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${north}/close`)).statusCode, 200);
  const closed = await device.request('GET', '/api/v1/devices/checkpoint-data');
  const vc = await verifyCheckpointData((closed.json() as { data: string }).data, { trustedKeys: device.enrollment.bundleKeys });
  t.match(vc, { ok: true, data: { checkpoint: { status: 'closed' } } }, 'a closed checkpoint is in the data: the scanner stops');
});

t.test("a device sees its own checkpoint's staff, never another's", async (t) => {
  const { ctx, south } = await world(t);
  const device = await simulateDevice(ctx, south);
  const res = await device.request('GET', '/api/v1/devices/checkpoint-data');
  const v = await verifyCheckpointData((res.json() as { data: string }).data, { trustedKeys: device.enrollment.bundleKeys, checkpointId: south });
  t.match(v, { ok: true });
  if (v.ok) t.same(v.data.staff.map((s) => s.badge), ['KS-0999']);
  t.notMatch(res.body, /KS-0107|张卫国/);
});

t.test('the checkpoint data stays verifiable across a bundle key rotation', async (t) => {
  const { ctx, north } = await world(t);
  const device = await simulateDevice(ctx, north);
  const keys = ctx.app.services.keys;
  const before = (await device.request('GET', '/api/v1/devices/checkpoint-data')).json() as { data: string; etag: string };
  const oldKid = (await keys.activeSigner('bundle')).kid;
  await keys.addNextKey('bundle');
  await keys.promoteNext('bundle');
  const after = await device.request('GET', '/api/v1/devices/checkpoint-data', undefined, { headers: { 'if-none-match': before.etag } });
  t.equal(after.statusCode, 200, 'a new key re-signs');
  const v = await verifyCheckpointData((after.json() as { data: string }).data, { trustedKeys: await keys.publishedKeys(new Date(), 'bundle') });
  t.match(v, { ok: true });
  if (v.ok) t.not(v.kid, oldKid);
  t.ok((await keys.publishedKeys(new Date(), 'bundle')).keys.some((k) => k.kid === oldKid), 'the retired key stays published while its data is valid');
});
