import t from 'tap';
import { base64url, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { clockToleranceOf, describeJwsFailure, epochSecondsOf, trustedKeysFor, verifyCompactJws } from '../../../src/core/jws/index.js';
import type { CompactJwsResult } from '../../../src/core/jws/index.js';

const TYP = 'test+jwt';
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
const keys = { keys: [publicJwk] };

const enc = (value: unknown): string => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

async function signRaw(header: Record<string, unknown>, body: unknown = { hello: 'world' }): Promise<string> {
  const input = `${enc(header)}.${enc(body)}`;
  const signature = await crypto.subtle.sign('Ed25519', privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

const good = { alg: 'EdDSA', typ: TYP, kid: 'k1' };
const jws = await signRaw(good);
const stepOf = (result: CompactJwsResult): string => (result.ok ? 'ok' : result.step);

t.test('a good token returns its header, kid and the raw payload', async (t) => {
  const result = await verifyCompactJws(jws, { typ: TYP, keys });
  t.equal(result.ok, true);
  if (!result.ok) return;
  t.equal(result.kid, 'k1');
  t.same(result.header, good);
  t.same(JSON.parse(new TextDecoder().decode(result.payload)), { hello: 'world' });
});

t.test('each check in order', async (t) => {
  const at = async (token: string, refuseB64 = false) => stepOf(await verifyCompactJws(token, { typ: TYP, keys, refuseB64 }));
  t.equal(await at('abc.def'), 'shape', 'two parts');
  t.equal(await at(`${jws}.x`), 'shape', 'four parts');
  // 64 signature bytes leave two spare bits in the last character: setting the lowest gives a second spelling of the same bytes.
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const respelled = jws.slice(0, -1) + B64URL[B64URL.indexOf(jws.slice(-1)) ^ 1];
  t.same(base64url.decode(respelled.split('.')[2]!), base64url.decode(jws.split('.')[2]!), 'control: the same bytes');
  t.equal(await at(respelled), 'encoding', 'spare bits in the signature');
  t.equal(await at(`${base64url.encode('[1]')}.${jws.split('.')[1]}.`), 'header', 'header is an array');
  t.equal(await at(await signRaw({ ...good, alg: 'none' })), 'alg');
  t.equal(await at(await signRaw({ ...good, typ: 'JWT' })), 'typ');
  t.equal(await at(await signRaw({ ...good, crit: ['exp'], exp: 1 })), 'crit');
  t.equal(await at(await signRaw({ ...good, b64: true })), 'ok', 'a lone b64 is ignored by default');
  t.equal(await at(await signRaw({ ...good, b64: true }), true), 'crit', 'and refused with refuseB64');
  t.equal(await at(await signRaw({ alg: 'EdDSA', typ: TYP })), 'kid');
  t.equal(await at(await signRaw({ ...good, kid: '' })), 'kid');
  t.equal(await at(await signRaw({ ...good, kid: 'other' })), 'unknown_kid');
  const [h, p] = jws.split('.');
  const other = (await signRaw(good, { hello: 'there' })).split('.')[2];
  t.equal(await at(`${h}.${p}.${other}`), 'signature', 'signature of another payload');
});

t.test('failure values are carried for the detail', async (t) => {
  const alg = await verifyCompactJws(await signRaw({ ...good, alg: 'HS256' }), { typ: TYP, keys });
  t.same(describeJwsFailure(alg as Extract<CompactJwsResult, { ok: false }>), { reason: 'alg_not_allowed', detail: 'alg "HS256"' });
  const unknown = await verifyCompactJws(await signRaw({ ...good, kid: 'x'.repeat(100) }), { typ: TYP, keys });
  const described = describeJwsFailure(unknown as Extract<CompactJwsResult, { ok: false }>);
  t.equal(described.reason, 'unknown_kid');
  t.ok((described.detail ?? '').length < 80, 'unverified values are clipped');
  t.same(describeJwsFailure({ ok: false, step: 'signature', kid: 'k1' }), { reason: 'bad_signature' }, 'no detail for a bad signature');
});

t.test('trusted key lookup', async (t) => {
  const kidsOf = (list: unknown[]) => trustedKeysFor({ keys: list }, 'k1').length;
  t.equal(kidsOf([publicJwk]), 1);
  t.equal(kidsOf([{ ...publicJwk, alg: undefined, use: undefined }]), 1, 'alg and use may be absent');
  t.equal(kidsOf([{ ...publicJwk, kid: 'k2' }]), 0, 'other kid');
  t.equal(kidsOf([{ ...publicJwk, d: 'x' }]), 0, 'private key');
  t.equal(kidsOf([{ ...publicJwk, use: 'enc' }]), 0, 'not for signatures');
  t.equal(kidsOf([{ ...publicJwk, alg: 'ES256' }]), 0, 'other algorithm');
  t.equal(kidsOf([{ ...publicJwk, crv: 'X25519' }]), 0, 'other curve');
  t.equal(kidsOf([{ ...publicJwk, key_ops: ['sign'] }]), 0, 'key_ops without verify');
  t.equal(kidsOf([{ ...publicJwk, key_ops: ['verify'] }]), 1, 'key_ops with verify');
  t.equal(kidsOf([null, 'x', publicJwk]), 1, 'junk entries are skipped');
  t.same(trustedKeysFor(null, 'k1'), []);
  t.same(trustedKeysFor({ keys: 'no' }, 'k1'), []);

  const broken = { ...publicJwk, x: 'AAAA' };
  t.equal(stepOf(await verifyCompactJws(jws, { typ: TYP, keys: { keys: [broken, publicJwk] } })), 'ok', 'a broken entry does not hide a good one with the same kid');
  t.equal(stepOf(await verifyCompactJws(jws, { typ: TYP, keys: { keys: [broken] } })), 'signature');
});

t.test('time helpers', async (t) => {
  t.equal(epochSecondsOf(1234), 1234);
  t.equal(epochSecondsOf(new Date(1_500_999)), 1500);
  t.ok(Number.isNaN(epochSecondsOf(new Date(Number.NaN))), 'an invalid Date stays NaN for the caller to refuse');
  t.ok(Math.abs(epochSecondsOf(undefined) - Date.now() / 1000) < 5, 'now by default');
  t.equal(clockToleranceOf(undefined, 300), 300);
  t.equal(clockToleranceOf(60, 300), 60);
  t.equal(clockToleranceOf(-5, 300), 0);
  t.equal(clockToleranceOf(Number.NaN, 300), 0);
  t.equal(clockToleranceOf(Number.POSITIVE_INFINITY, 300), 0);
});
