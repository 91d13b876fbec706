import t from 'tap';
import { deviceIdSchema, devicePublicJwkSchema, exportDevicePublicJwk, generateDeviceKeyPair, importDevicePublicKey } from '../../../src/core/device/index.js';
import { resolveDeviceVerifyKey, signWithDeviceKey, verifyWithDeviceKey } from '../../../src/core/device/keys.js';

t.test('generated key pair', async (t) => {
  const pair = await generateDeviceKeyPair();
  t.equal(pair.privateKey.extractable, false, 'private key is non-extractable');
  await t.rejects(crypto.subtle.exportKey('jwk', pair.privateKey), 'and cannot be exported');
  t.same(Object.keys(pair.publicJwk).sort(), ['crv', 'kty', 'x', 'y'], 'only the public point');
  t.ok(devicePublicJwkSchema.safeParse(pair.publicJwk).success);
  t.same(await exportDevicePublicJwk(pair.publicKey), pair.publicJwk);
  const key = await importDevicePublicKey(pair.publicJwk);
  t.equal(key.type, 'public');
});

t.test('import refuses what is not a public P-256 key', async (t) => {
  const extractable = await generateDeviceKeyPair({ extractable: true });
  const privateJwk = await crypto.subtle.exportKey('jwk', extractable.privateKey);
  await t.rejects(importDevicePublicKey(privateJwk), TypeError, 'private JWK');
  await t.rejects(importDevicePublicKey({ ...extractable.publicJwk, crv: 'P-384' }), TypeError);
  await t.rejects(importDevicePublicKey({ kty: 'OKP', crv: 'Ed25519', x: extractable.publicJwk.x }), TypeError);
  await t.rejects(importDevicePublicKey(null), TypeError);
  // A point that is not on the curve.
  await t.rejects(importDevicePublicKey({ ...extractable.publicJwk, y: extractable.publicJwk.x }));
});

const pair = await generateDeviceKeyPair();
const data = new TextEncoder().encode('KAKOU-DEVICE-V1\nGET\n/api/v1/devices/me');
const signature = await signWithDeviceKey(pair.privateKey, data);
const issuesOf = (jwk: unknown) => {
  const r = devicePublicJwkSchema.safeParse(jwk);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

t.test('public JWK schema: whole coordinates, no private part, each refusal says why', async (t) => {
  const { x, y } = pair.publicJwk;
  t.same(issuesOf({ ...pair.publicJwk, x: `A${x}` }), [{ path: ['x'], message: 'x: 32 bytes, canonical base64url' }], 'a character before x');
  t.same(issuesOf({ ...pair.publicJwk, x: `${x}A` }), [{ path: ['x'], message: 'x: 32 bytes, canonical base64url' }], 'a character after x');
  t.same(issuesOf({ ...pair.publicJwk, y: `${y}\n` }), [{ path: ['y'], message: 'y: 32 bytes, canonical base64url' }], 'a newline after y');
  t.same(issuesOf({ ...pair.publicJwk, y: `=${y}` }), [{ path: ['y'], message: 'y: 32 bytes, canonical base64url' }]);
  t.same(issuesOf({ ...pair.publicJwk, d: x }), [{ path: ['d'], message: 'a private key has no place here' }]);
  t.same(issuesOf({ ...pair.publicJwk, alg: 'ES256', use: 'sig' }), [], 'other members are tolerated');
});

t.test('device ids: the first character a letter or digit, 1–64 in all', async (t) => {
  for (const ok of ['d', 'dev-ks-001', 'a:b.c_d', 'A'.repeat(64)]) t.ok(deviceIdSchema.safeParse(ok).success, ok);
  for (const bad of ['-dev', '.dev', ':dev', 'dev 1', 'dev\n', 'A'.repeat(65), '']) {
    const r = deviceIdSchema.safeParse(bad);
    t.same(r.success ? [] : r.error.issues.map((i) => i.message), ['device id: 1–64 of A–Z a–z 0–9 _ . : -'], JSON.stringify(bad));
  }
});

t.test('export refuses a key that is not ECDSA P-256', async (t) => {
  const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
  await t.rejects(exportDevicePublicJwk(p384.publicKey), new TypeError('device keys must be ECDSA P-256'), 'P-384');
  const ed = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  await t.rejects(exportDevicePublicJwk(ed.publicKey), new TypeError('device keys must be ECDSA P-256'), 'Ed25519');
});

t.test('import: refusals say what was wrong; the imported key exports back to the same JWK', async (t) => {
  await t.rejects(importDevicePublicKey({ ...pair.publicJwk, d: pair.publicJwk.x }), { name: 'TypeError', message: /^not a public P-256 JWK: .*a private key has no place here/s });
  await t.rejects(importDevicePublicKey(null), { name: 'TypeError', message: /^not a public P-256 JWK: / });
  // The server stores what it imported; a key it could not export again would be a dead end.
  t.same(await exportDevicePublicJwk(await importDevicePublicKey(pair.publicJwk)), pair.publicJwk);
});

t.test('resolveDeviceVerifyKey: a CryptoKey only if it is a public P-256 ECDSA verify key', async (t) => {
  t.equal(await resolveDeviceVerifyKey(pair.publicKey), pair.publicKey, 'the public key as is');
  t.equal(await resolveDeviceVerifyKey(pair.privateKey), undefined, 'a private key');
  const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
  t.equal(await resolveDeviceVerifyKey(p384.publicKey), undefined, 'P-384');
  const ecdh = await crypto.subtle.importKey('jwk', { ...pair.publicJwk }, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
  t.equal(await resolveDeviceVerifyKey(ecdh), undefined, 'the same point as an ECDH key');
  const noVerify = await crypto.subtle.importKey('jwk', { ...pair.publicJwk }, { name: 'ECDSA', namedCurve: 'P-256' }, true, []);
  t.equal(await resolveDeviceVerifyKey(noVerify), undefined, 'a key not allowed to verify');
});

t.test('resolveDeviceVerifyKey: a JWK is imported, whatever extra members it has', async (t) => {
  // A key record may carry members named like a CryptoKey's; its `kty` still makes it a JWK.
  const extras = [
    { type: 'public' },
    { usages: ['verify'], type: 'public' },
    { algorithm: { name: 'ECDSA', namedCurve: 'P-256' }, type: 'public' },
    { algorithm: { name: 'ECDSA', namedCurve: 'P-256' }, usages: ['verify'], type: 'public' },
  ];
  for (const extra of extras) {
    const key = await resolveDeviceVerifyKey({ ...pair.publicJwk, ...extra } as never);
    t.equal(key?.type, 'public', Object.keys(extra).join(' '));
    t.equal(key && (await verifyWithDeviceKey(key, signature, data)), true);
  }
  t.equal(await resolveDeviceVerifyKey(null as never), undefined);
});

t.test('verifyWithDeviceKey: the canonical signature, nothing around it', async (t) => {
  t.equal(await verifyWithDeviceKey(pair.publicKey, signature, data), true);
  // The base64url decoder skips whitespace, so only the pattern stops these.
  t.equal(await verifyWithDeviceKey(pair.publicKey, `${signature}\n`, data), false, 'trailing newline');
  t.equal(await verifyWithDeviceKey(pair.publicKey, ` ${signature}`, data), false, 'leading space');
  t.equal(await verifyWithDeviceKey(pair.publicKey, undefined, data), false);
  t.equal(await verifyWithDeviceKey(pair.publicKey, signature, new TextEncoder().encode('other')), false);
  const ed = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  t.equal(await verifyWithDeviceKey(ed.publicKey, signature, data), false, 'a key Web Crypto refuses to use: false, not a throw');
});
