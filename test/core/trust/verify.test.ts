import t from 'tap';
import { CompactSign, base64url } from 'jose';
import { generatePassKeyPair, passJwks, signPass, verifyPass } from '../../../src/core/pass/index.js';
import {
  BUNDLE_ERROR_CODES,
  BUNDLE_ERROR_TEXT,
  BUNDLE_TYP,
  BundleError,
  DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC,
  bundleAgeSec,
  enterpriseDirectory,
  isNewerBundle,
  revocationChecker,
  signBundle,
  verifyBundle,
} from '../../../src/core/trust/index.js';
import type { VerifyBundleResult } from '../../../src/core/trust/index.js';
import { HOUR, MAX_AGE, T0, bundleKey, encodeJson, passKey, payload, signRaw, trustedKeys } from './fixtures.js';

const jws = await signBundle(payload, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
const NOW = T0 + HOUR;
const opts = { trustedKeys, now: NOW, clockToleranceSec: 60 };
const reasonOf = (r: VerifyBundleResult | { ok: boolean; reason?: string }) => (r.ok ? 'ok' : r.reason);
const [h = '', p = '', s = ''] = jws.split('.');

/** Replaces one character in the middle of a segment: a different byte, still canonical base64url. */
function changeOne(segment: string): string {
  const at = Math.floor(segment.length / 2);
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
}

t.test('sign/verify round trip', async (t) => {
  const header = JSON.parse(new TextDecoder().decode(base64url.decode(h))) as unknown;
  t.same(header, { alg: 'EdDSA', kid: bundleKey.kid, typ: 'kakou-bundle+jwt' });
  const r = await verifyBundle(jws, opts);
  t.equal(r.ok, true);
  if (!r.ok) return;
  t.equal(r.kid, bundleKey.kid);
  t.same(r.bundle, payload);
  t.equal(reasonOf(await verifyBundle(`${jws}\n`, opts)), 'ok', 'trailing newline from a file or response');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: new Date(NOW * 1000) })), 'ok', 'now as a Date');
});

t.test('the bundle drives pass verification', async (t) => {
  const r = await verifyBundle(jws, opts);
  if (!r.ok) throw new Error('fixture');
  const pass = await signPass(
    { jti: 'Q7mZ2xKp9A', plate: '苏E12345', driver: { name: '张建国', id4: '002X' }, enterprise: { uscc: '91350100M000100Y43' }, origin: '320583', nbf: T0, exp: T0 + 14 * 86400 },
    { privateKey: passKey.privateKey, kid: passKey.kid, issuer: 'KSJT' },
  );
  const isRevoked = revocationChecker(r.bundle.revocations);
  t.equal(reasonOf(await verifyPass(pass, { keys: r.bundle.jwks, now: NOW, isRevoked })), 'revoked');
  t.equal((await verifyPass(pass, { keys: r.bundle.jwks, now: NOW, isRevoked: () => false })).ok, true);
  t.same(enterpriseDirectory(r.bundle).get('91350100M000100Y43'), { uscc: '91350100M000100Y43', name: '昆山示例精密机械有限公司', dutyPhone: '0512-57501234' });
  t.equal(bundleAgeSec(r.bundle, NOW), HOUR);
  t.equal(bundleAgeSec(r.bundle, T0 - 100), 0, 'a device clock behind the issuer is not a negative age');
});

t.test('tampering: one byte of the payload, one byte of the signature', async (t) => {
  const payloadChanged = `${h}.${changeOne(p)}.${s}`;
  t.not(payloadChanged, jws);
  t.equal(reasonOf(await verifyBundle(payloadChanged, opts)), 'bad_signature', 'payload byte');
  const sigChanged = `${h}.${p}.${changeOne(s)}`;
  t.equal(reasonOf(await verifyBundle(sigChanged, opts)), 'bad_signature', 'signature byte');
  // A revocation removed, re-encoded cleanly, keeping the original signature.
  const fewer = encodeJson({ ...payload, revocations: { version: 7, passNos: [] } });
  t.equal(reasonOf(await verifyBundle(`${h}.${fewer}.${s}`, opts)), 'bad_signature', 'revocation removed');
  t.equal(reasonOf(await verifyBundle(`${h}.${p}.`, opts)), 'bad_signature', 'signature stripped');
});

t.test('validity window', async (t) => {
  const exp = T0 + MAX_AGE;
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: exp + 61 })), 'expired');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: exp + 60 })), 'expired', 'exp is exclusive');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: exp + 59 })), 'ok', 'within tolerance');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: exp, clockToleranceSec: 0 })), 'expired');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: exp + 30 * 86400 })), 'expired', 'long expired');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: T0 - 61 })), 'not_yet_valid', 'device clock far behind');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: T0 - 59 })), 'ok', 'within tolerance before iat');
  t.equal(reasonOf(await verifyBundle(jws, { trustedKeys, now: exp + DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC - 1 })), 'ok', 'default tolerance');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: Number.NaN })), 'malformed', 'NaN time never passes');
  const r = await verifyBundle(jws, { ...opts, now: exp + HOUR });
  t.ok(!r.ok && !('bundle' in r), 'an expired bundle is not handed out');
});

t.test('unknown kid and key selection', async (t) => {
  const stranger = await generatePassKeyPair();
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [stranger.publicJwk] } })), 'unknown_kid');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [] } })), 'unknown_kid');
  // Same kid, wrong key: an attacker cannot pick the key by naming it.
  const impostor = { ...stranger.publicJwk, kid: bundleKey.kid };
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [impostor] } })), 'bad_signature');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [impostor, bundleKey.publicJwk] } })), 'ok', 'the right one among equal kids');
  // The pass keys inside the bundle do not sign bundles.
  const byPassKey = await signBundle(payload, { privateKey: passKey.privateKey, kid: passKey.kid });
  t.equal(reasonOf(await verifyBundle(byPassKey, opts)), 'unknown_kid');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [{ ...bundleKey.publicJwk, alg: 'ES256' }] } })), 'unknown_kid', 'key published for another alg');
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, trustedKeys: null as never })), 'unknown_kid');
});

t.test('wrong typ', async (t) => {
  const pass = await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: 'kkp' }, payload);
  t.equal(reasonOf(await verifyBundle(pass, opts)), 'wrong_typ', 'a pass-typed token');
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid }, payload), opts)), 'wrong_typ', 'no typ');
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: 'JWT' }, payload), opts)), 'wrong_typ');
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP }, payload), opts)), 'ok', 'control: same bytes, right typ');
});

t.test('algorithm forgeries', async (t) => {
  const none = `${encodeJson({ alg: 'none', kid: bundleKey.kid, typ: BUNDLE_TYP })}.${encodeJson(payload)}.`;
  t.equal(reasonOf(await verifyBundle(none, opts)), 'alg_not_allowed', 'alg none');

  // HS256 keyed with the public key: the classic confusion attack, in the two spellings a confused verifier might use.
  for (const secret of [base64url.decode(bundleKey.publicJwk.x), new TextEncoder().encode(JSON.stringify(bundleKey.publicJwk))]) {
    const hs = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'HS256', kid: bundleKey.kid, typ: BUNDLE_TYP })
      .sign(secret);
    t.equal(reasonOf(await verifyBundle(hs, opts)), 'alg_not_allowed', 'HS256 with the public key');
  }
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'Ed25519', kid: bundleKey.kid, typ: BUNDLE_TYP }, payload), opts)), 'alg_not_allowed', 'fully-specified Ed25519 is not v1');
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP, crit: ['exp'] }, payload), opts)), 'malformed', 'crit');
  t.equal(reasonOf(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP, jwk: zeroJwk() }, payload), opts)), 'ok', 'an embedded jwk is ignored, not used');
});

function zeroJwk() {
  return { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(new Uint8Array(32)) };
}

t.test('valid signature, invalid payload → claims_invalid', async (t) => {
  const header = { alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP };
  const cases: [string, unknown][] = [
    ['v 2', { ...payload, v: 2 }],
    ['unknown member', { ...payload, extra: true }],
    ['exp before iat', { ...payload, exp: T0 - 1 }],
    ['private key in jwks', { ...payload, jwks: { keys: [{ ...passKey.privateJwk }] } }],
    ['revocations not a list', { ...payload, revocations: { version: 7, passNos: 'Q7mZ2xKp9A' } }],
    ['enterprise without phone', { ...payload, enterprises: [['91350100M000100Y43', '昆山示例']] }],
    ['enterprise twice', { ...payload, enterprises: [payload.enterprises[0], payload.enterprises[0]] }],
    ['rule set not an object', { ...payload, ruleSets: { active: 3, scheduled: [] } }],
    ['array payload', [payload]],
    ['missing seq', { ...payload, seq: undefined }],
  ];
  for (const [name, body] of cases) {
    const r = await verifyBundle(await signRaw(header, body), opts);
    t.equal(reasonOf(r), 'claims_invalid', name);
  }
  t.equal(reasonOf(await verifyBundle(await signRaw(header, 'not json {'), opts)), 'claims_invalid', 'payload not JSON');
  t.equal(reasonOf(await verifyBundle(await signRaw(header, { ...payload, seq: 'c2hhMjU2LWNvbnRlbnQtaGFzaA' }), opts)), 'ok', 'seq may be a content hash');
});

t.test('malformed input never throws', async (t) => {
  for (const bad of ['', 'a.b', 'a.b.c.d', `${h}.${p}`, `${h}x.${p}.${s}`, '..', '...', `${encodeJson([1])}.${p}.${s}`, 42, null, undefined]) {
    const r = await verifyBundle(bad as string, opts);
    t.equal(r.ok, false, JSON.stringify(bad)?.slice(0, 20) ?? 'undefined');
  }
  t.equal(reasonOf(await verifyBundle(`${h}.${p}.${s.slice(0, -1)}B`, opts)), 'malformed', 'non-canonical base64url spelling');
});

t.test('signBundle refuses what verifiers would refuse', async (t) => {
  const sign = (body: unknown) => signBundle(body as typeof payload, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
  await t.rejects(sign({ ...payload, jwks: { keys: [bundleKey.privateJwk] } }), BundleError, 'a private key in the bundle');
  await t.rejects(sign({ ...payload, exp: payload.iat }), BundleError);
  await t.rejects(sign({ ...payload, enterprises: [['91350100M000100Y43', ' 名称', '0512-1234567']] }), BundleError, 'padded name');
  await t.rejects(sign({ ...payload, enterprises: [['91350100M000100Y43', '名称', 'call me']] }), BundleError, 'phone');
  await t.rejects(signBundle(payload, { privateKey: bundleKey.privateKey, kid: '' }), TypeError);
  t.ok(BUNDLE_ERROR_CODES.every((c) => BUNDLE_ERROR_TEXT[c].zh.length > 0 && BUNDLE_ERROR_TEXT[c].en.length > 0), 'every code has zh and en text');
});

t.test('rotation: keys learned from a verified bundle', async (t) => {
  const next = await generatePassKeyPair();
  const announcing = await signBundle({ ...payload, seq: 43, bundleKeys: passJwks([bundleKey.publicJwk, next.publicJwk]) }, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
  const r = await verifyBundle(announcing, opts);
  if (!r.ok || !r.bundle.bundleKeys) throw new Error('fixture');
  const bySuccessor = await signBundle({ ...payload, seq: 44 }, { privateKey: next.privateKey, kid: next.kid });
  t.equal(reasonOf(await verifyBundle(bySuccessor, opts)), 'unknown_kid', 'not before it was announced');
  t.equal(reasonOf(await verifyBundle(bySuccessor, { ...opts, trustedKeys: r.bundle.bundleKeys })), 'ok', 'after');
});

t.test('isNewerBundle', async (t) => {
  t.equal(isNewerBundle({ iat: T0, seq: 5 }, null), true);
  t.equal(isNewerBundle({ iat: T0, seq: 5 }, { iat: T0, seq: 4 }), true);
  t.equal(isNewerBundle({ iat: T0 + 10, seq: 3 }, { iat: T0, seq: 4 }), false, 'counters decide over clocks');
  t.equal(isNewerBundle({ iat: T0, seq: 4 }, { iat: T0, seq: 4 }), false);
  t.equal(isNewerBundle({ iat: T0 + 1, seq: 'hashB-xxxxxx' }, { iat: T0, seq: 'hashA-xxxxxx' }), true);
  t.equal(isNewerBundle({ iat: T0, seq: 'hashB-xxxxxx' }, { iat: T0, seq: 'hashA-xxxxxx' }), false);
});

t.test('refusals carry a detail where it helps, and no detail key where there is none', async (t) => {
  t.same(await verifyBundle(42 as never, opts), { ok: false, reason: 'malformed', detail: 'input is not a string' });
  t.same(await verifyBundle('a.b', opts), { ok: false, reason: 'malformed', detail: 'not a compact JWS' });
  const badSig = await verifyBundle(`${h}.${p}.${changeOne(s)}`, opts);
  t.same(badSig, { ok: false, reason: 'bad_signature' });
  t.same(Object.keys(badSig), ['ok', 'reason'], 'not even an undefined detail');
  t.same(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: 'JWT' }, payload), opts), { ok: false, reason: 'wrong_typ', detail: 'typ "JWT"' });
  t.same(await verifyBundle(jws, { ...opts, trustedKeys: { keys: [] } }), { ok: false, reason: 'unknown_kid', detail: `kid ${JSON.stringify(bundleKey.kid)}` });
});

t.test('a length limit of 32 MiB, checked before anything else', async (t) => {
  const limit = 32 * 1024 * 1024;
  t.same(await verifyBundle('a'.repeat(limit + 1), opts), { ok: false, reason: 'malformed', detail: `longer than ${limit} characters` });
  t.same(await verifyBundle('a'.repeat(limit), opts), { ok: false, reason: 'malformed', detail: 'not a compact JWS' }, 'exactly the limit goes on');
});

t.test('crit and b64 headers are refused alike', async (t) => {
  const unsupported = { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
  t.same(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP, crit: ['exp'] }, payload), opts), unsupported, 'crit');
  // b64 would change what the signature covers; with no crit jose ignores it, so refusing it is this check's alone.
  t.same(await verifyBundle(await signRaw({ alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP, b64: true }, payload), opts), unsupported, 'b64 without crit');
});

t.test('only keys published for bundles (or unmarked) verify a bundle', async (t) => {
  // `purpose` is Kakou's own JWK member (docs/pass-format.md, section 4), unknown to jose's JWK type.
  const marked = (purpose: string) => ({ ...opts, trustedKeys: { keys: [{ ...bundleKey.publicJwk, purpose }] } as never });
  t.equal(reasonOf(await verifyBundle(jws, marked('bundle'))), 'ok', 'purpose bundle');
  t.equal(reasonOf(await verifyBundle(jws, marked('pass'))), 'unknown_kid', 'purpose pass');
  t.equal(reasonOf(await verifyBundle(jws, marked('audit'))), 'unknown_kid', 'purpose audit');
});

t.test('claims_invalid says why', async (t) => {
  const header = { alg: 'EdDSA', kid: bundleKey.kid, typ: BUNDLE_TYP };
  const notJson = await verifyBundle(await signRaw(header, 'not json {'), opts);
  t.match(notJson, { ok: false, reason: 'claims_invalid', detail: /^payload is not JSON: ./ });
  const twice = await verifyBundle(await signRaw(header, `{"v":1,"v":1}`), opts);
  t.same(twice, { ok: false, reason: 'claims_invalid', detail: 'payload is not JSON: duplicate member "v"' }, 'a member twice');
  t.match(await verifyBundle(await signRaw(header, { ...payload, exp: T0 }), opts), { ok: false, reason: 'claims_invalid', detail: /exp must be after iat/ });
});

t.test('validity window: details name the times; iat minus the tolerance is the first valid second', async (t) => {
  const exp = T0 + MAX_AGE;
  t.same(await verifyBundle(jws, { ...opts, now: T0 - 61 }), { ok: false, reason: 'not_yet_valid', detail: `iat ${T0}, now ${T0 - 61}` });
  t.equal(reasonOf(await verifyBundle(jws, { ...opts, now: T0 - 60 })), 'ok');
  t.same(await verifyBundle(jws, { ...opts, now: exp + 60 }), { ok: false, reason: 'expired', detail: `exp ${exp}, now ${exp + 60}` });
  t.same(await verifyBundle(jws, { ...opts, now: Number.NaN }), { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' });
});

t.test('never throws, even on options it cannot use', async (t) => {
  t.match(await verifyBundle(jws, null as never), { ok: false, reason: 'malformed', detail: /^unexpected: .+/ });
});

t.test('signBundle: the refusal says what is wrong', async (t) => {
  await t.rejects(signBundle(payload, { privateKey: bundleKey.privateKey, kid: '' }), new TypeError('kid is required'));
  await t.rejects(signBundle(payload, { privateKey: bundleKey.privateKey } as never), new TypeError('kid is required'), 'no kid at all');
  await t.rejects(signBundle({ ...payload, exp: payload.iat }, { privateKey: bundleKey.privateKey, kid: bundleKey.kid }), {
    name: 'BundleError',
    code: 'claims_invalid',
    detail: /exp must be after iat/,
    message: /^The trust bundle contents do not match the required format \(the scanner may need an update\): .*exp must be after iat/s,
  });
});
