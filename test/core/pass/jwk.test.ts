import t from 'tap';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import {
  PASS_KID_LENGTH,
  exportPassPublicJwk,
  generatePassKeyPair,
  importPassPrivateKey,
  kidFor,
  passJwks,
  signPass,
  verifyPass,
} from '../../../src/core/pass/index.js';
import { TEST_PRIVATE_JWK, TEST_PUBLIC_JWK, signOptions, typicalInput, verifyOptions } from './fixtures.js';

t.test('kid is the first 8 characters of the RFC 7638 thumbprint', async (t) => {
  const full = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: TEST_PUBLIC_JWK.x });
  t.equal(PASS_KID_LENGTH, 8);
  t.equal(await kidFor(TEST_PUBLIC_JWK), full.slice(0, 8));
  t.equal(await kidFor(TEST_PRIVATE_JWK), TEST_PUBLIC_JWK.kid, 'private JWK gives the same kid');
  t.equal(TEST_PUBLIC_JWK.kid, full.slice(0, 8), 'fixture is consistent');
  // RFC 8037 appendix A.3 thumbprint of its example Ed25519 key.
  t.equal(
    await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }),
    'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
  );
  t.equal(await kidFor({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }), 'kPrK_qmx');
});

t.test('generated key pair', async (t) => {
  const kp = await generatePassKeyPair();
  t.same(Object.keys(kp.publicJwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  t.match(kp.publicJwk, { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: kp.kid });
  t.equal(kp.kid.length, 8);
  t.equal(kp.privateKey.type, 'private');
  t.equal(kp.privateKey.extractable, true);
  t.match(kp.privateJwk, { kty: 'OKP', crv: 'Ed25519', kid: kp.kid, d: String });

  // Stored private JWK → import → sign → verify with the published public JWK.
  const imported = await importPassPrivateKey(kp.privateJwk);
  const jws = await signPass(typicalInput, { ...signOptions, privateKey: imported, kid: kp.kid });
  t.equal((await verifyPass(jws, verifyOptions({ keys: passJwks([kp.publicJwk]) }))).ok, true);
});

t.test('public JWK export never carries d', async (t) => {
  const pub = await exportPassPublicJwk(TEST_PRIVATE_JWK);
  t.same(pub, TEST_PUBLIC_JWK);
  t.notOk('d' in pub);
  const kp = await generatePassKeyPair();
  t.notOk('d' in (await exportPassPublicJwk(kp.privateKey)));
});

t.test('non-Ed25519 keys are refused', async (t) => {
  const ec = await generateKeyPair('ES256', { extractable: true });
  await t.rejects(exportPassPublicJwk(ec.publicKey), TypeError);
  await t.rejects(importPassPrivateKey(await exportJWK(ec.privateKey)), TypeError);
  await t.rejects(importPassPrivateKey(TEST_PUBLIC_JWK), TypeError, 'public JWK is not a private key');
});

t.test('passJwks copies', async (t) => {
  const jwks = passJwks([TEST_PUBLIC_JWK]);
  t.same(jwks, { keys: [TEST_PUBLIC_JWK] });
  t.not(jwks.keys[0], TEST_PUBLIC_JWK);
});

t.test('a JWK to publish needs kty OKP, crv Ed25519 and x, each on its own', async (t) => {
  const refused = { name: 'TypeError', message: 'pass keys must be Ed25519 (kty OKP, crv Ed25519)' };
  await t.rejects(exportPassPublicJwk({ ...TEST_PUBLIC_JWK, kty: 'EC' }), refused, 'kty');
  await t.rejects(exportPassPublicJwk({ ...TEST_PUBLIC_JWK, crv: 'X25519' }), refused, 'crv (X25519 is an encryption key)');
  const { x: _x, ...noX } = TEST_PUBLIC_JWK;
  await t.rejects(exportPassPublicJwk(noX), refused, 'x missing');
  const ec = await generateKeyPair('ES256', { extractable: true });
  await t.rejects(exportPassPublicJwk(ec.publicKey), refused, 'a CryptoKey of another algorithm');
});

t.test('a private JWK to import needs kty OKP, crv Ed25519 and d, each on its own', async (t) => {
  const refused = { name: 'TypeError', message: 'expected a private Ed25519 JWK' };
  await t.rejects(importPassPrivateKey({ ...TEST_PRIVATE_JWK, kty: 'EC' }), refused, 'kty');
  await t.rejects(importPassPrivateKey({ ...TEST_PRIVATE_JWK, crv: 'Ed448' }), refused, 'crv');
  await t.rejects(importPassPrivateKey(TEST_PUBLIC_JWK), refused, 'no d: a public key cannot sign');
  const key = await importPassPrivateKey(TEST_PRIVATE_JWK);
  t.match(key, { type: 'private', algorithm: { name: 'Ed25519' } }, 'control');
});

t.test('the stored private JWK is marked for EdDSA signatures, like the public one', async (t) => {
  const kp = await generatePassKeyPair();
  t.same(Object.keys(kp.privateJwk).sort(), ['alg', 'crv', 'd', 'kid', 'kty', 'use', 'x']);
  t.match(kp.privateJwk, { kty: 'OKP', crv: 'Ed25519', x: kp.publicJwk.x, kid: kp.kid, alg: 'EdDSA', use: 'sig' });
});
