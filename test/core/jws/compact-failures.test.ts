// Each refusal of verifyCompactJws, with the reason and detail describeJwsFailure gives it: staff and the
// bureau's audit read the detail, so a refusal that says the wrong thing (or nothing) is a bug.
import t from 'tap';
import { base64url, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import {
  describeJwsFailure,
  isCanonicalBase64url,
  parseJsonBytes,
  parseJsonObject,
  show,
  trustedKeysFor,
  verifyCompactJws,
} from '../../../src/core/jws/index.js';

const TYP = 'test+jwt';
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
const keys = { keys: [publicJwk] };

const utf8 = (s: string) => new TextEncoder().encode(s);
const json = (value: unknown) => utf8(JSON.stringify(value));

/** Signs arbitrary header and payload bytes, so a test can put bytes JSON.stringify never writes (invalid UTF-8) under a good signature. */
async function signBytes(header: Uint8Array, payload: Uint8Array): Promise<string> {
  const input = `${base64url.encode(header)}.${base64url.encode(payload)}`;
  const signature = await crypto.subtle.sign('Ed25519', privateKey, utf8(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

const good = { alg: 'EdDSA', typ: TYP, kid: 'k1' };
const jws = await signBytes(json(good), json({ hello: 'world' }));
const [h = '', p = '', s = ''] = jws.split('.');

const verify = (token: string) => verifyCompactJws(token, { typ: TYP, keys });
/** The failure as a verifier reports it: the step and what describeJwsFailure makes of it. */
async function refusal(token: string): Promise<unknown> {
  const result = await verify(token);
  return result.ok ? 'verified' : { step: result.step, ...describeJwsFailure(result) };
}

// The last character of a base64url part carries spare bits: flipping the lowest one respells the same bytes.
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const respell = (part: string): string => part.slice(0, -1) + B64URL[B64URL.indexOf(part.slice(-1)) ^ 1];

t.test('control: the good token verifies', async (t) => {
  t.match(await verify(jws), { ok: true, kid: 'k1', header: good });
});

t.test('every step names its reason and detail', async (t) => {
  t.same(await refusal('abc.def'), { step: 'shape', reason: 'malformed', detail: 'not a compact JWS' });
  t.same(await refusal(`${h}.${p}.${respell(s)}`), { step: 'encoding', reason: 'malformed', detail: 'non-canonical base64url' });
  t.same(await refusal(`${base64url.encode('[1]')}.${p}.${s}`), { step: 'header', reason: 'malformed', detail: 'header is not a JSON object' });
  t.same(await refusal(await signBytes(json({ ...good, alg: 'none' }), json({}))), { step: 'alg', reason: 'alg_not_allowed', detail: 'alg "none"' });
  t.same(await refusal(await signBytes(json({ ...good, typ: 'JWT' }), json({}))), { step: 'typ', reason: 'wrong_typ', detail: 'typ "JWT"' });
  t.same(await refusal(await signBytes(json({ alg: 'EdDSA', kid: 'k1' }), json({}))), { step: 'typ', reason: 'wrong_typ', detail: 'typ missing' }, 'an absent value is named, not left blank');
  t.same(await refusal(await signBytes(json({ ...good, crit: ['exp'] }), json({}))), { step: 'crit', reason: 'crit_unsupported', detail: 'crit ["exp"]' });
  t.same(await refusal(await signBytes(json({ alg: 'EdDSA', typ: TYP }), json({}))), { step: 'kid', reason: 'malformed', detail: 'kid missing' });
  t.same(await refusal(await signBytes(json({ ...good, kid: 'k9' }), json({}))), { step: 'unknown_kid', reason: 'unknown_kid', detail: 'kid "k9"' });
  const other = (await signBytes(json(good), json({ hello: 'there' }))).split('.')[2];
  t.same(await refusal(`${h}.${p}.${other}`), { step: 'signature', reason: 'bad_signature' });
});

t.test('every part must be canonical base64url, not only the signature', async (t) => {
  // Each one alone: a check that looked at one part only would let the other two be respelled.
  const header = await verify(`${respell(h)}.${p}.${s}`);
  t.same(header, { ok: false, step: 'encoding' }, 'header respelled');
  const payload = await verify(`${h}.${respell(p)}.${s}`);
  t.same(payload, { ok: false, step: 'encoding' }, 'payload respelled');
  t.same(base64url.decode(respell(p)), base64url.decode(p), 'control: the respelled payload is the same bytes');
});

t.test('the header must be strict UTF-8', async (t) => {
  // A lenient decoder would turn the stray byte into U+FFFD and accept the header.
  const head = utf8('{"alg":"EdDSA","typ":"test+jwt","kid":"k1","note":"#"}');
  head[head.indexOf(0x23)] = 0xff;
  t.same(await refusal(await signBytes(head, json({}))), { step: 'header', reason: 'malformed', detail: 'header is not a JSON object' });
  const lone = utf8('{"alg":"EdDSA","typ":"test+jwt","kid":"k1","note":"#"}');
  t.match(await verify(await signBytes(lone, json({}))), { ok: true }, 'control: the same header with a valid byte verifies');
});

t.test('parseJsonBytes refuses invalid UTF-8 instead of replacing it', async (t) => {
  const bytes = utf8('{"name":"张#"}');
  bytes[bytes.indexOf(0x23)] = 0xc3; // a lead byte with no continuation
  t.throws(() => parseJsonBytes(bytes), TypeError);
  t.same(parseJsonBytes(utf8('{"name":"张"}')), { name: '张' }, 'control');
});

t.test('show quotes values and clips them at 60 characters', async (t) => {
  t.equal(show(undefined), 'missing');
  t.equal(show('x'.repeat(58)), `"${'x'.repeat(58)}"`, '60 characters with the quotes: kept whole');
  t.equal(show('x'.repeat(59)), `"${'x'.repeat(59)}…`, '61 characters: the first 60 and an ellipsis');
  t.equal(show(['a']), '["a"]');
});

t.test('isCanonicalBase64url', async (t) => {
  t.equal(isCanonicalBase64url(s), true);
  t.equal(isCanonicalBase64url(respell(s)), false, 'spare bits set');
  t.equal(isCanonicalBase64url('ab+/'), false, 'base64, not base64url');
  t.equal(isCanonicalBase64url('YQ=='), false, 'padding');
  t.equal(isCanonicalBase64url(''), true, 'the empty part is the canonical spelling of no bytes');
});

t.test('parseJsonObject', async (t) => {
  t.same(parseJsonObject(h), good);
  t.equal(parseJsonObject(base64url.encode('[1]')), undefined, 'an array');
  t.equal(parseJsonObject(base64url.encode('"a"')), undefined, 'a string');
  t.equal(parseJsonObject(base64url.encode('{"a":1,"a":2}')), undefined, 'a member twice');
  t.equal(parseJsonObject(base64url.encode('{')), undefined, 'not JSON');
  t.equal(parseJsonObject('***'), undefined, 'not base64url');
});

t.test('a key marked for a purpose is a candidate only for that purpose', async (t) => {
  const count = (k: Record<string, unknown>, purpose?: 'pass' | 'bundle') => trustedKeysFor({ keys: [k] }, 'k1', purpose).length;
  t.equal(count({ ...publicJwk, purpose: 'pass' }, 'pass'), 1);
  t.equal(count({ ...publicJwk, purpose: 'bundle' }, 'pass'), 0);
  t.equal(count(publicJwk, 'pass'), 1, 'an unmarked key (a set built by hand) still is');
  t.equal(count({ ...publicJwk, purpose: 'bundle' }), 1, 'a caller that names no purpose takes any');
});

t.test('a key set entry needs kty OKP, crv Ed25519 and a string x, each on its own', async (t) => {
  const count = (k: Record<string, unknown>) => trustedKeysFor({ keys: [k] }, 'k1').length;
  t.equal(count(publicJwk), 1, 'control');
  t.equal(count({ ...publicJwk, kty: 'EC' }), 0, 'kty');
  t.equal(count({ ...publicJwk, crv: 'Ed448' }), 0, 'crv');
  t.equal(count({ ...publicJwk, x: 42 }), 0, 'x not a string');
  t.equal(count({ ...publicJwk, x: undefined }), 0, 'x missing');
});
