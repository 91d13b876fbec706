import t from 'tap';
import { CompactSign, base64url, compactVerify, generateKeyPair, exportJWK, importJWK } from 'jose';
import {
  DEFAULT_CLOCK_TOLERANCE_SEC,
  PASS_TYP,
  encodePassQrText,
  exportPassPublicJwk,
  generatePassKeyPair,
  passJwks,
  signPass,
  verifyPass,
} from '../../../src/core/pass/index.js';
import type { VerifyPassResult } from '../../../src/core/pass/index.js';
import {
  DAY,
  T0,
  TEST_JWKS,
  TEST_KID,
  TEST_PUBLIC_JWK,
  decodeJwsPart,
  encodeJson,
  signOptions,
  signRaw,
  signTypical,
  typicalInput,
  verifyOptions,
} from './fixtures.js';

const jws = await signTypical();
const claims = decodeJwsPart(jws, 1);

function reasonOf(result: VerifyPassResult): string {
  return result.ok ? 'ok' : result.reason;
}

t.test('valid pass, as JWS and as QR text', async (t) => {
  for (const input of [jws, encodePassQrText(jws), `  ${encodePassQrText(jws)}\r\n`, encodePassQrText(jws).replace('KK', 'kk')]) {
    const result = await verifyPass(input, verifyOptions());
    t.equal(result.ok, true);
    if (!result.ok) continue;
    t.equal(result.kid, TEST_KID);
    t.same(result.header, { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP });
    t.equal(result.claims.pl, '苏E12345');
    t.same(result.claims.ppl, [
      ['张建国', '002X'],
      ['李卫东', '1234'],
    ]);
    t.equal(result.claims.ent, '91350100M000100Y43');
  }
});

t.test('time window', async (t) => {
  const exp = T0 + 14 * DAY;
  const at = (now: number | Date, clockToleranceSec = 60) => verifyPass(jws, verifyOptions({ now, clockToleranceSec }));

  t.equal(reasonOf(await at(exp + 61)), 'expired', 'expired beyond tolerance');
  t.equal(reasonOf(await at(exp + 60)), 'expired', 'exp is exclusive: exp + tolerance is already expired');
  t.equal(reasonOf(await at(exp + 59)), 'ok', 'within tolerance after exp');
  t.equal(reasonOf(await at(exp - 1, 0)), 'ok', 'last second without tolerance');
  t.equal(reasonOf(await at(exp, 0)), 'expired', 'exp itself without tolerance');

  // nbf = T0, midnight China time; the pass was signed hours before.
  t.equal(reasonOf(await at(T0 - 61)), 'not_yet_valid', 'before nbf beyond tolerance');
  t.equal(reasonOf(await at(T0 - 60)), 'ok', 'before nbf within tolerance');
  t.equal(reasonOf(await at(T0, 0)), 'ok', 'at nbf');
  t.equal(reasonOf(await at(T0 - 1, 0)), 'not_yet_valid', 'the last second before nbf');
  t.equal(reasonOf(await at(new Date((T0 + DAY) * 1000))), 'ok', 'now as a Date');

  const later = await signTypical({ nbf: T0 + 2 * DAY });
  t.equal(decodeJwsPart(later, 1).nbf, T0 + 2 * DAY, 'nbf carried');
  const r = await verifyPass(later, verifyOptions({ now: T0 + DAY }));
  t.equal(reasonOf(r), 'not_yet_valid');
  t.ok(!r.ok && r.claims?.pl === '苏E12345', 'claims shown once the signature holds');
  t.equal(reasonOf(await verifyPass(later, verifyOptions({ now: T0 + 2 * DAY - 30 }))), 'ok', 'nbf within tolerance');

  const expired = await at(exp + DAY);
  t.ok(!expired.ok && expired.claims?.jti === 'Q7mZ2xKp9A' && expired.kid === TEST_KID, 'expired result carries claims and kid');

  const defaultTolerance = await verifyPass(jws, { keys: TEST_JWKS, isRevoked: () => false, now: exp + DEFAULT_CLOCK_TOLERANCE_SEC - 1 });
  t.equal(reasonOf(defaultTolerance), 'ok', `default tolerance is ${DEFAULT_CLOCK_TOLERANCE_SEC}s`);
  t.equal(reasonOf(await at(exp + DAY, -5000)), 'expired', 'negative tolerance counts as zero');
  t.equal(reasonOf(await at(Number.NaN)), 'malformed', 'NaN time fails closed');
  t.equal(reasonOf(await at(new Date('nope'))), 'malformed', 'invalid Date fails closed');
  const realNow = await verifyPass(jws, { keys: TEST_JWKS, isRevoked: () => false });
  t.equal(reasonOf(realNow), 'expired', 'defaults to the current time (this 2020 pass has long expired)');
});

t.test('revocation by jti', async (t) => {
  const seen: string[] = [];
  const revoked = await verifyPass(jws, verifyOptions({ isRevoked: (jti) => (seen.push(jti), jti === 'Q7mZ2xKp9A') }));
  t.equal(reasonOf(revoked), 'revoked');
  t.same(seen, ['Q7mZ2xKp9A']);
  t.ok(!revoked.ok && revoked.claims?.pl === '苏E12345');

  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ isRevoked: async () => true }))), 'revoked', 'async callback');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ isRevoked: async () => false }))), 'ok');
  const broken = await verifyPass(jws, verifyOptions({ isRevoked: () => { throw new Error('list not synced'); } }));
  t.equal(reasonOf(broken), 'revoked', 'unknown status fails closed');
  t.match(!broken.ok && broken.detail, /list not synced/);
  const sloppy = await verifyPass(jws, verifyOptions({ isRevoked: (() => undefined) as unknown as () => boolean }));
  t.equal(reasonOf(sloppy), 'revoked', 'a callback that forgets to return counts as revoked');

  const expiredAndRevoked = await verifyPass(jws, verifyOptions({ now: T0 + 90 * DAY, isRevoked: () => true }));
  t.equal(reasonOf(expiredAndRevoked), 'expired', 'time is checked before revocation');
});

t.test('unknown kid and key set rules', async (t) => {
  const other = await generatePassKeyPair();
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: passJwks([other.publicJwk]) }))), 'unknown_kid');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [] } }))), 'unknown_kid');

  // Same kid but the key is not usable for this purpose.
  const variants: Array<[string, Record<string, unknown>]> = [
    ['use enc', { ...TEST_PUBLIC_JWK, use: 'enc' }],
    ['alg ES256', { ...TEST_PUBLIC_JWK, alg: 'ES256' }],
    ['alg Ed25519 (RFC 9864 name)', { ...TEST_PUBLIC_JWK, alg: 'Ed25519' }],
    ['key_ops without verify', { ...TEST_PUBLIC_JWK, key_ops: ['encrypt'] }],
    ['wrong crv', { ...TEST_PUBLIC_JWK, crv: 'X25519' }],
    ['private key in the trust list', { ...TEST_PUBLIC_JWK, d: 'e62pFAP3mWJzPj77qhpJm2uUWMDfGYpY5dO8oNAE5ag' }],
  ];
  for (const [name, jwk] of variants) {
    t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [jwk as never] } }))), 'unknown_kid', name);
  }
  // Usable variants: no use / no alg is fine (both optional in RFC 7517).
  const { use: _use, alg: _alg, ...bare } = TEST_PUBLIC_JWK;
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [bare] } }))), 'ok', 'no use, no alg');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [{ ...TEST_PUBLIC_JWK, key_ops: ['verify'] }] } }))), 'ok', 'key_ops verify');

  // A broken or wrong entry with the same kid must not hide the right one.
  const wrongSameKid = { ...other.publicJwk, kid: TEST_KID };
  const brokenSameKid = { ...TEST_PUBLIC_JWK, x: 'AAAA' };
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [brokenSameKid, wrongSameKid, TEST_PUBLIC_JWK] } }))), 'ok');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: { keys: [wrongSameKid] } }))), 'bad_signature', 'right kid, wrong key');

  for (const keys of [null, undefined, 'x', { keys: 'x' }, { keys: [null, 1, 'x'] }]) {
    t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: keys as never }))), 'unknown_kid', `key set ${JSON.stringify(keys)}`);
  }
});

t.test('header checks', async (t) => {
  const header = { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP };
  t.equal(reasonOf(await verifyPass(await signRaw(header, claims), verifyOptions())), 'ok', 'signRaw sanity');
  t.equal(reasonOf(await verifyPass(await signRaw({ ...header, typ: 'JWT' }, claims), verifyOptions())), 'wrong_typ');
  t.equal(reasonOf(await verifyPass(await signRaw({ ...header, typ: 'kkp+jwt' }, claims), verifyOptions())), 'wrong_typ', 'the pre-release typ');
  t.equal(reasonOf(await verifyPass(await signRaw({ ...header, typ: 'application/kkp' }, claims), verifyOptions())), 'wrong_typ', 'typ is compared exactly, not as a media type');
  t.equal(reasonOf(await verifyPass(await signRaw({ alg: 'EdDSA', kid: TEST_KID }, claims), verifyOptions())), 'wrong_typ', 'typ missing');
  t.equal(reasonOf(await verifyPass(await signRaw({ alg: 'EdDSA', typ: PASS_TYP }, claims), verifyOptions())), 'malformed', 'kid missing');
  t.equal(reasonOf(await verifyPass(await signRaw({ ...header, alg: 'Ed25519' }, claims), verifyOptions())), 'alg_not_allowed', 'the RFC 9864 name is not accepted: one algorithm only');
  t.equal(reasonOf(await verifyPass(await signRaw({ kid: TEST_KID, typ: PASS_TYP }, claims), verifyOptions())), 'alg_not_allowed', 'alg missing');
  t.equal(reasonOf(await verifyPass(`${encodeJson([1])}.${encodeJson(claims)}.AAAA`, verifyOptions())), 'malformed', 'header is not an object');
  const noisy = await verifyPass(await signRaw({ ...header, alg: 'x'.repeat(500) }, claims), verifyOptions());
  t.ok(!noisy.ok && (noisy.detail ?? '').length < 80, 'unverified header values are clipped in the detail');
});

t.test('alg none, hand-crafted', async (t) => {
  const unsigned = `${encodeJson({ alg: 'none', kid: TEST_KID, typ: PASS_TYP })}.${encodeJson(claims)}.`;
  t.equal(reasonOf(await verifyPass(unsigned, verifyOptions())), 'alg_not_allowed');
  t.equal(reasonOf(await verifyPass(encodePassQrText(unsigned), verifyOptions())), 'alg_not_allowed', 'via QR');
  const withJunkSig = `${encodeJson({ alg: 'none', kid: TEST_KID, typ: PASS_TYP })}.${encodeJson(claims)}.${jws.split('.')[2]}`;
  t.equal(reasonOf(await verifyPass(withJunkSig, verifyOptions())), 'alg_not_allowed');
  const emptySig = jws.slice(0, jws.lastIndexOf('.') + 1);
  t.equal(reasonOf(await verifyPass(emptySig, verifyOptions())), 'bad_signature', 'EdDSA header with the signature stripped');
});

t.test('HS256 key confusion: public key bytes as HMAC secret', async (t) => {
  const publicBytes = base64url.decode(TEST_PUBLIC_JWK.x);
  const secrets: Uint8Array[] = [
    publicBytes,
    new TextEncoder().encode(TEST_PUBLIC_JWK.x),
    new TextEncoder().encode(JSON.stringify(TEST_PUBLIC_JWK)),
    new TextEncoder().encode(JSON.stringify(TEST_JWKS)),
  ];
  for (const secret of secrets) {
    for (const alg of ['HS256', 'HS512']) {
      const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg, kid: TEST_KID, typ: PASS_TYP })
        .sign(secret);
      t.equal(reasonOf(await verifyPass(forged, verifyOptions())), 'alg_not_allowed', `${alg}, secret of ${secret.length} bytes`);
    }
  }
});

t.test('attacker key embedded in the header (jwk / jku) is ignored', async (t) => {
  const attacker = await generateKeyPair('Ed25519', { extractable: true });
  const attackerJwk = await exportPassPublicJwk(attacker.publicKey);
  const body = new TextEncoder().encode(JSON.stringify(claims));
  const embedded = await new CompactSign(body)
    .setProtectedHeader({ alg: 'EdDSA', kid: attackerJwk.kid, typ: PASS_TYP, jwk: await exportJWK(attacker.publicKey) })
    .sign(attacker.privateKey);
  t.equal(reasonOf(await verifyPass(embedded, verifyOptions())), 'unknown_kid');
  const borrowedKid = await new CompactSign(body)
    .setProtectedHeader({ alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP, jwk: await exportJWK(attacker.publicKey), jku: 'https://evil.example/jwks.json' })
    .sign(attacker.privateKey);
  t.equal(reasonOf(await verifyPass(borrowedKid, verifyOptions())), 'bad_signature');
});

t.test('crit', async (t) => {
  const header = { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP };
  const unknownCrit = await signRaw({ ...header, crit: ['kk-geo'], 'kk-geo': 1 }, claims);
  t.equal(reasonOf(await verifyPass(unknownCrit, verifyOptions())), 'crit_unsupported');
  // jose on its own refuses an unknown critical extension too (defence in depth).
  const key = await importJWK(TEST_PUBLIC_JWK, 'EdDSA');
  await t.rejects(compactVerify(unknownCrit, key, { algorithms: ['EdDSA'] }), { code: 'ERR_JOSE_NOT_SUPPORTED' });
  // b64 is an extension jose understands; passes never use it.
  const b64 = await signRaw({ ...header, crit: ['b64'], b64: true }, claims);
  t.equal(reasonOf(await verifyPass(b64, verifyOptions())), 'crit_unsupported');
  t.equal(reasonOf(await verifyPass(await signRaw({ ...header, crit: [] }, claims), verifyOptions())), 'crit_unsupported');
});

t.test('claims checked only after the signature, then strictly', async (t) => {
  const header = { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP };
  const r2 = await verifyPass(await signRaw(header, { ...claims, v: 2 }), verifyOptions());
  t.equal(reasonOf(r2), 'unsupported_version');
  t.equal(!r2.ok && r2.claims, undefined, 'no claims when they did not parse');
  t.equal(!r2.ok && r2.kid, TEST_KID);
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, v: '1' }), verifyOptions())), 'claims_invalid');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, phone: '13800000000' }), verifyOptions())), 'claims_invalid', 'unknown claim');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, ppl: [['张建国', '110105194912310021']] }), verifyOptions())), 'claims_invalid', 'full ID number');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, ppl: [] }), verifyOptions())), 'claims_invalid', 'no driver');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, exp: T0 }), verifyOptions())), 'claims_invalid', 'exp not after nbf');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, iat: T0 }), verifyOptions())), 'claims_invalid', 'iat is not a v1 claim');
  const { nbf: _nbf, ...noStart } = claims;
  t.equal(reasonOf(await verifyPass(await signRaw(header, noStart), verifyOptions())), 'claims_invalid', 'nbf missing');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, ent: ['某公司', '91350100M000100Y43'] }), verifyOptions())), 'claims_invalid', 'enterprise name in the token');
  t.equal(reasonOf(await verifyPass(await signRaw(header, { ...claims, pl: '苏e12345' }), verifyOptions())), 'claims_invalid', 'non-canonical plate');
  t.equal(reasonOf(await verifyPass(await signRaw(header, [claims]), verifyOptions())), 'claims_invalid', 'payload is an array');
  t.equal(reasonOf(await verifyPass(await signRaw(header, 'hello'), verifyOptions())), 'claims_invalid', 'payload is a string');

  // Invalid claims under a forged signature: bad_signature wins, nothing from the payload is reported.
  const forged = `${jws.split('.')[0]}.${encodeJson({ ...claims, v: 2 })}.${jws.split('.')[2]}`;
  const r = await verifyPass(forged, verifyOptions());
  t.equal(reasonOf(r), 'bad_signature');
  t.same(Object.keys(r).sort(), ['ok', 'reason'], 'no claims, no kid');
});

t.test('issuer pinning', async (t) => {
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ issuer: 'KSJT' }))), 'ok');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ issuer: ['other', 'KSJT'] }))), 'ok');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ issuer: 'ksjt' }))), 'claims_invalid', 'compared exactly');
  const r = await verifyPass(jws, verifyOptions({ issuer: 'other' }));
  t.equal(reasonOf(r), 'claims_invalid');
  t.ok(!r.ok && r.claims, 'authentic claims are still shown');
});

t.test('truncated and garbled input never throws', async (t) => {
  const qr = encodePassQrText(jws);
  for (let cut = 0; cut < jws.length; cut++) {
    const r = await verifyPass(jws.slice(0, cut), verifyOptions());
    if (r.ok) t.fail(`JWS truncated to ${cut} verified`);
  }
  for (let cut = 0; cut < qr.length; cut++) {
    const r = await verifyPass(qr.slice(0, cut), verifyOptions());
    if (r.ok) t.fail(`QR text truncated to ${cut} verified`);
  }
  t.equal(reasonOf(await verifyPass(jws.slice(0, jws.indexOf('.') + 5), verifyOptions())), 'malformed', 'cut inside the payload');
  t.equal(reasonOf(await verifyPass(qr.slice(0, -1), verifyOptions())), 'malformed', 'QR text with odd digit count');

  const cases: Array<[unknown, string]> = [
    ['', 'bad_prefix'],
    ['hello world', 'bad_prefix'],
    ['https://example.com/?p=1', 'bad_prefix'],
    ['KK2/0102', 'unsupported_version'],
    ['KK1/', 'malformed'],
    ['KK1/9999', 'malformed'],
    ['a.b.c', 'malformed'],
    ['a.b', 'malformed'],
    ['...', 'bad_prefix'],
    [`${jws}.x`, 'malformed'],
    [jws.replace('.', '..'), 'malformed'],
    [null, 'malformed'],
    [42, 'malformed'],
    [{ toString: () => jws }, 'malformed'],
    ['\u0000'.repeat(10), 'bad_prefix'],
    [`KK1/${'01'.repeat(5000)}`, 'malformed'],
  ];
  for (const [input, reason] of cases) {
    const label = typeof input === 'string' && input.length > 40 ? `${input.slice(0, 20)}… (${input.length} chars)` : JSON.stringify(input);
    t.equal(reasonOf(await verifyPass(input as string, verifyOptions())), reason, label);
  }
  // Options that are not even an object must not throw either.
  t.equal(reasonOf(await verifyPass(jws, undefined as never)), 'malformed');
});

t.test('non-canonical base64url spellings of the same signature are refused', async (t) => {
  // The last signature character carries 4 spare bits; lenient decoders map
  // 16 spellings to the same bytes. Only the canonical one may verify.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = jws.at(-1) ?? '';
  let ok = 0;
  for (const c of alphabet) {
    if (c === last) continue;
    if ((await verifyPass(jws.slice(0, -1) + c, verifyOptions())).ok) ok++;
  }
  t.equal(ok, 0);
});

t.test('a pass signed by a rotated-in key verifies once its public key is synced', async (t) => {
  const next = await generatePassKeyPair();
  const token = await signPass(typicalInput, { ...signOptions, privateKey: next.privateKey, kid: next.kid });
  t.equal(reasonOf(await verifyPass(token, verifyOptions())), 'unknown_kid', 'before sync');
  const both = passJwks([TEST_PUBLIC_JWK, next.publicJwk]);
  t.equal(reasonOf(await verifyPass(token, verifyOptions({ keys: both }))), 'ok', 'after sync');
  t.equal(reasonOf(await verifyPass(jws, verifyOptions({ keys: both }))), 'ok', 'old passes still verify');
});
