import t, { type Test } from 'tap';
import { setup, type TestContext } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { browserKeyPair, enrollRequest, freshAddress } from '../../helpers/device.js';
import { parseEnrollmentQr, normalizeEnrollmentCode, splitEnrollmentCode } from '../../../src/core/device/enrollment.js';
import { ENROLLMENT_MAX_ATTEMPTS } from '../../../src/server/features/devices/service.js';

async function world(t: Test) {
  const ctx = await setup(t);
  const cp = await ctx.repos.checkpoints.insert({ name: '花桥收费站入城卡口', location: '沪宁高速花桥收费站', regionCode: '320583', direction: 'inbound' });
  await ctx.user('bureau_admin', 'boss');
  const admin = await loggedIn(ctx.app, 'boss', { remoteAddress: '10.9.0.1' });
  return { ctx, cp, admin };
}

const code = async (ctx: TestContext, checkpointId: number, now?: Date) => (await ctx.app.services.devices.createEnrollmentCode(null, checkpointId, null, now)).code;

const refused = (t: Test, res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> }, why: string) => {
  t.equal(res.statusCode, 403, `${why}: 403`);
  t.match(String(res.headers['content-type']), /^application\/problem\+json/);
  t.match(res.json(), { code: 'enrollment_refused', type: 'urn:kakou:problem:enrollment_refused' }, `${why}: enrollment_refused`);
};

t.test('enrollment: the admin makes a code, a browser-made key enrolls with it', async (t) => {
  const { ctx, cp, admin } = await world(t);
  const made = await admin.request('POST', `/api/v1/checkpoints/${cp.id}/enrollment-codes`);
  t.equal(made.statusCode, 201, made.body);
  t.equal(made.headers['cache-control'], 'no-store');
  const body = made.json() as { code: string; qrText: string; expiresAt: string; maxAttempts: number; checkpointId: number };
  t.match(body.code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/, 'four groups of four Crockford base32 characters');
  t.equal(body.maxAttempts, ENROLLMENT_MAX_ATTEMPTS);
  const ttl = Date.parse(body.expiresAt) - Date.now();
  t.ok(ttl > 14 * 60_000 && ttl <= 15 * 60_000, `expires in 15 minutes (${ttl} ms)`);
  const qr = parseEnrollmentQr(body.qrText);
  t.same(qr, { baseUrl: ctx.app.config.publicUrl, code: normalizeEnrollmentCode(body.code) }, 'the QR carries the server and the code');
  t.match(body.qrText, /^KKENROLL:http:\/\/localhost:\d+:[0-9A-Z-]{19}$/);

  // Only a hash is stored: the secret part appears nowhere in the database.
  const { id, secret } = splitEnrollmentCode(normalizeEnrollmentCode(body.code)!);
  const q = () => ctx.repos.store.q();
  const row = (await q().selectFrom('enrollment_codes').selectAll().where('id', '=', id).executeTakeFirst())!;
  t.ok(row, 'stored under its id');
  t.not(row.secret_hash, secret);
  const dump = JSON.stringify([
    await q().selectFrom('enrollment_codes').selectAll().execute(),
    await q().selectFrom('audit_log').selectAll().execute(),
  ]);
  t.notMatch(dump, secret, 'no secret in enrollment_codes or the audit log');

  const keys = await browserKeyPair();
  t.equal(keys.privateKey.extractable, false, 'the private key cannot be exported');
  const res = await enrollRequest(ctx, { code: body.code, publicJwk: keys.publicJwk, appVersion: '0.9.1', label: '入城 1 号机' });
  t.equal(res.statusCode, 201, res.body);
  const enrolled = res.json() as { deviceId: string; checkpoint: Record<string, unknown>; bundleKeys: { keys: Array<{ kid: string }> }; serverTime: string };
  t.match(enrolled.deviceId, /^dev_[A-Za-z0-9_-]{16}$/);
  t.same(enrolled.checkpoint, { id: cp.id, name: cp.name, location: cp.location, regionCode: '320583', direction: 'inbound', status: 'active' });
  const bundleKeys = await ctx.app.services.keys.publishedKeys(new Date(), 'bundle');
  t.ok(bundleKeys.keys.length >= 1, 'a bundle key exists');
  t.same(enrolled.bundleKeys, bundleKeys, 'the published bundle keys, to pin');
  t.ok(Math.abs(Date.parse(enrolled.serverTime) - Date.now()) < 60_000, 'server time to check the clock against');

  const device = (await ctx.repos.devices.get(enrolled.deviceId))!;
  t.match(device, { checkpointId: cp.id, status: 'active', label: '入城 1 号机', appVersion: '0.9.1' });
  t.same((await ctx.repos.devices.forAuth(enrolled.deviceId))!.publicJwk, keys.publicJwk, 'the public key is stored as sent');
  t.match(await ctx.repos.devices.code(id), { usedAt: String, deviceId: enrolled.deviceId }, 'the code is used up');
  const audit = (await ctx.repos.audit.list({ action: 'device.enroll', limit: 5 }));
  t.equal(audit.length, 1);
  t.match(audit[0], { actorType: 'device', actorName: enrolled.deviceId, subjectId: enrolled.deviceId, detail: { checkpointId: cp.id, codeId: id } });
  t.equal((await ctx.repos.audit.list({ action: 'enrollment_code.create', limit: 5 }))[0]?.actorName, 'boss', 'making the code is audited');

  // The list the bureau sees.
  const list = await admin.request('GET', `/api/v1/devices?checkpointId=${cp.id}`);
  t.equal(list.statusCode, 200);
  t.match(list.json(), [{ id: enrolled.deviceId, checkpointName: cp.name, status: 'active', enrolledAt: String, lastSeenAt: String, appVersion: '0.9.1' }]);
});

t.test('a code is typed forgivingly: case, spaces and O/I/L do not matter', async (t) => {
  const { ctx, cp } = await world(t);
  const c = await code(ctx, cp.id);
  const typed = c.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  const res = await enrollRequest(ctx, { code: typed, publicJwk: (await browserKeyPair()).publicJwk });
  t.equal(res.statusCode, 201, res.body);
});

t.test('a reused code is refused', async (t) => {
  const { ctx, cp } = await world(t);
  const c = await code(ctx, cp.id);
  t.equal((await enrollRequest(ctx, { code: c, publicJwk: (await browserKeyPair()).publicJwk })).statusCode, 201);
  refused(t, await enrollRequest(ctx, { code: c, publicJwk: (await browserKeyPair()).publicJwk }), 'second use');
  t.equal((await ctx.repos.devices.list()).length, 1, 'one device only');
});

t.test('an expired code is refused', async (t) => {
  const { ctx, cp } = await world(t);
  // Made 16 minutes ago: expired a minute ago.
  const old = await code(ctx, cp.id, new Date(Date.now() - 16 * 60_000));
  refused(t, await enrollRequest(ctx, { code: old, publicJwk: (await browserKeyPair()).publicJwk }), 'made 16 minutes ago');

  // And one whose expiry passes in the database.
  const c = await code(ctx, cp.id);
  const { id } = splitEnrollmentCode(normalizeEnrollmentCode(c)!);
  await ctx.repos.store.q().updateTable('enrollment_codes').set({ expires_at: Date.now() - 1 }).where('id', '=', id).execute();
  refused(t, await enrollRequest(ctx, { code: c, publicJwk: (await browserKeyPair()).publicJwk }), 'expiry passed');

  const fresh = await code(ctx, cp.id, new Date(Date.now() - 14 * 60_000));
  t.equal((await enrollRequest(ctx, { code: fresh, publicJwk: (await browserKeyPair()).publicJwk })).statusCode, 201, 'made 14 minutes ago: still good');
  t.equal((await ctx.repos.devices.list()).length, 1);
});

t.test('a guessed code is refused, and 5 wrong secrets burn the code', async (t) => {
  const { ctx, cp } = await world(t);
  const c = normalizeEnrollmentCode(await code(ctx, cp.id))!;
  const { id, secret } = splitEnrollmentCode(c);
  const wrong = (i: number) => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let s = secret;
    while (s === secret) s = Array.from({ length: 12 }, (_, k) => alphabet[(k * 7 + i * 3 + 1) % 32]).join('');
    return id + s;
  };
  const jwk = (await browserKeyPair()).publicJwk;

  for (let i = 1; i <= ENROLLMENT_MAX_ATTEMPTS; i++) {
    // Each guess from its own address, so only the per-code limit is at work.
    refused(t, await enrollRequest(ctx, { code: wrong(i), publicJwk: jwk }, freshAddress()), `wrong secret ${i}`);
    t.equal((await ctx.repos.devices.code(id))!.attempts, i, `attempt ${i} counted on the code`);
  }
  refused(t, await enrollRequest(ctx, { code: c, publicJwk: jwk }), 'the right secret after 5 wrong ones');
  t.equal((await ctx.repos.devices.list()).length, 0, 'nothing enrolled');
  t.equal((await ctx.repos.devices.code(id))!.usedAt, null, 'burnt, not used');
  const refusals = (await ctx.repos.audit.list({ action: 'device.enroll_refused', limit: 20 }));
  t.equal(refusals.length, ENROLLMENT_MAX_ATTEMPTS + 1, 'each refusal on a known code is audited');
  t.match(refusals[0], { detail: { codeId: id, reason: 'burnt' }, subjectId: String(cp.id) });
  t.match(refusals.at(-1), { detail: { reason: 'wrong_secret' } });

  // Unknown ids and malformed codes: refused the same way, nothing to count against.
  refused(t, await enrollRequest(ctx, { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', publicJwk: jwk }), 'unknown id');
  refused(t, await enrollRequest(ctx, { code: 'not a code', publicJwk: jwk }), 'malformed');
  refused(t, await enrollRequest(ctx, { code: '', publicJwk: jwk }), 'empty');

  // Another code of the same checkpoint is unaffected.
  t.equal((await enrollRequest(ctx, { code: await code(ctx, cp.id), publicJwk: jwk })).statusCode, 201, 'a fresh code works');
});

t.test('enrollment attempts are rate-limited per client address', async (t) => {
  const { ctx, cp } = await world(t);
  const ip = '203.0.113.50';
  const jwk = (await browserKeyPair()).publicJwk;
  for (let i = 1; i <= 10; i++) refused(t, await enrollRequest(ctx, { code: `ZZZZ-ZZZZ-ZZZZ-ZZZ${i % 10}`, publicJwk: jwk }, ip), `guess ${i}`);
  const good = await code(ctx, cp.id);
  const limited = await enrollRequest(ctx, { code: good, publicJwk: jwk }, ip);
  t.equal(limited.statusCode, 429, 'the 11th attempt in a minute is refused, even with a good code');
  t.match(limited.json(), { code: 'rate_limited' });
  t.ok(Number(limited.headers['retry-after']) > 0, 'retry-after');
  // Malformed bodies spend the budget too (counted before validation).
  t.equal((await enrollRequest(ctx, { nonsense: true }, ip)).statusCode, 429);
  t.equal((await enrollRequest(ctx, { code: good, publicJwk: jwk }, '203.0.113.51')).statusCode, 201, 'another address is unaffected');
});

t.test('keys: a private or off-curve key is refused, an enrolled key cannot enroll twice', async (t) => {
  const { ctx, cp } = await world(t);
  const c = await code(ctx, cp.id);
  const extractable = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', extractable.privateKey);
  const withD = await enrollRequest(ctx, { code: c, publicJwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, d: privateJwk.d } });
  t.equal(withD.statusCode, 400, 'a private key is refused');
  t.match(withD.json(), { code: 'validation' });
  const jwk = (await browserKeyPair()).publicJwk;
  const offCurve = { ...jwk, y: jwk.x };
  t.equal((await enrollRequest(ctx, { code: c, publicJwk: offCurve })).statusCode, 400, 'a point not on the curve is refused');
  t.equal((await enrollRequest(ctx, { code: c, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } })).statusCode, 400, 'not P-256');
  t.equal((await ctx.repos.devices.code(splitEnrollmentCode(normalizeEnrollmentCode(c)!).id))!.usedAt, null, 'the code survives a bad key');

  t.equal((await enrollRequest(ctx, { code: c, publicJwk: jwk })).statusCode, 201);
  const again = await enrollRequest(ctx, { code: await code(ctx, cp.id), publicJwk: jwk });
  t.equal(again.statusCode, 409, 'one key, one device');
  t.match(again.json(), { code: 'conflict' });
});

t.test('a closed checkpoint enrolls no device', async (t) => {
  const { ctx, cp, admin } = await world(t);
  const before = await code(ctx, cp.id);
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${cp.id}/close`)).statusCode, 200);
  refused(t, await enrollRequest(ctx, { code: before, publicJwk: (await browserKeyPair()).publicJwk }), 'a code made before closing');
  const made = await admin.request('POST', `/api/v1/checkpoints/${cp.id}/enrollment-codes`);
  t.equal(made.statusCode, 409, 'no new code for a closed checkpoint');
  t.equal((await admin.request('POST', '/api/v1/checkpoints/9999/enrollment-codes')).statusCode, 404);
});

t.test('enrollment needs no session and no CSRF token; only the admin makes codes', async (t) => {
  const { ctx, cp } = await world(t);
  await ctx.user('bureau_officer', 'clerk');
  const officer = await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.9.0.2' });
  t.equal((await officer.request('POST', `/api/v1/checkpoints/${cp.id}/enrollment-codes`)).statusCode, 403, 'officer');
  const anon = await ctx.app.inject({ method: 'POST', url: `/api/v1/checkpoints/${cp.id}/enrollment-codes` });
  t.equal(anon.statusCode, 401, 'anonymous');
  // With a session cookie and no CSRF token, enrollment still works: it reads no cookie.
  const res = await enrollRequest(ctx, { code: await code(ctx, cp.id), publicJwk: (await browserKeyPair()).publicJwk });
  t.equal(res.statusCode, 201);
  const withCookie = await ctx.app.inject({
    method: 'POST', url: '/api/v1/devices/enroll', remoteAddress: freshAddress(),
    headers: { 'content-type': 'application/json', cookie: officer.cookieHeader },
    payload: JSON.stringify({ code: await code(ctx, cp.id), publicJwk: (await browserKeyPair()).publicJwk }),
  });
  t.equal(withCookie.statusCode, 201, withCookie.body);
  const enrolls = (await ctx.repos.audit.list({ action: 'device.enroll', limit: 5 }));
  t.same(enrolls.map((a) => a.actorType), ['device', 'device'], 'both enrollments audited, never attributed to the session');
});
