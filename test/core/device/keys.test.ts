import t from 'tap';
import { devicePublicJwkSchema, exportDevicePublicJwk, generateDeviceKeyPair, importDevicePublicKey } from '../../../src/core/device/index.js';

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
