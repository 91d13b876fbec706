// verifySignedQr's refusals as a scanner receives them: the whole result, reason and detail, with the claims
// and kid only once the signature holds. The detail is what staff read and what the audit log keeps.
import t from 'tap';
import { base64url } from 'jose';
import { PASS_FORMAT_VERSION, PASS_TYP, PassError, decodePassQrText, passClaimsSchema, verifyPass } from '../../../src/core/pass/index.js';
import type { PassClaims } from '../../../src/core/pass/index.js';
import { verifySignedQr } from '../../../src/core/pass/signed-qr.js';
import type { SignedQrFormat } from '../../../src/core/pass/signed-qr.js';
import { DAY, T0, TEST_KID, decodeJwsPart, signRaw, signTypical, testPrivateKey, verifyOptions } from './fixtures.js';

const jws = await signTypical();
const claims = decodeJwsPart(jws, 1) as PassClaims;
const header = { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP };
const exp = T0 + 14 * DAY;

t.test('control: the typical pass verifies', async (t) => {
  t.same(await verifyPass(jws, verifyOptions()), { ok: true, claims, kid: TEST_KID, header });
});

t.test('input that is not a pass QR text', async (t) => {
  t.same(await verifyPass(null as unknown as string, verifyOptions()), { ok: false, reason: 'malformed', detail: 'input is not a string' });
  // A QR code holds at most 7089 digits; the limit is 8000 characters, the 8000th still allowed.
  const longest = `KK1/${'01'.repeat(3998)}`;
  t.equal(longest.length, 8000);
  t.same(await verifyPass(longest, verifyOptions()), { ok: false, reason: 'malformed', detail: 'not a compact JWS' }, '8000 characters are decoded');
  t.same(await verifyPass(`${longest}0`, verifyOptions()), { ok: false, reason: 'malformed', detail: 'input longer than 8000 characters' });
  t.same(await verifyPass('KK2/0102', verifyOptions()), { ok: false, reason: 'unsupported_version', detail: 'QR format version 2' });
  t.same(await verifyPass('KK1/0178', verifyOptions()), { ok: false, reason: 'malformed', detail: 'digit pair 78 at 2 out of range' });
  t.same(await verifyPass('hello', verifyOptions()), { ok: false, reason: 'bad_prefix' });
});

t.test('a bare JWS is accepted only when it is nothing but base64url and dots', async (t) => {
  t.match(await verifyPass(` ${jws}\r\n`, verifyOptions()), { ok: true }, 'surrounding whitespace from a wedge scanner is dropped');
  // Anything else around it makes the text someone else's QR code (docs/pass-format.md section 1).
  t.same(await verifyPass(`#${jws}`, verifyOptions()), { ok: false, reason: 'bad_prefix' }, 'junk before');
  t.same(await verifyPass(`${jws}#`, verifyOptions()), { ok: false, reason: 'bad_prefix' }, 'junk after');
  t.same(await verifyPass(`https://x.example/${jws}`, verifyOptions()), { ok: false, reason: 'bad_prefix' }, 'inside a URL');
});

t.test('header refusals carry the detail of the JWS check, and no claims', async (t) => {
  t.same(await verifyPass(await signRaw({ ...header, typ: 'JWT' }, claims), verifyOptions()), { ok: false, reason: 'wrong_typ', detail: 'typ "JWT"' });
  t.same(await verifyPass(await signRaw({ ...header, kid: 'nope' }, claims), verifyOptions()), { ok: false, reason: 'unknown_kid', detail: 'kid "nope"' });
});

t.test('payload refusals after the signature: kid, but no claims', async (t) => {
  t.same(await verifyPass(await signRaw(header, [claims]), verifyOptions()), {
    ok: false,
    reason: 'claims_invalid',
    detail: 'payload is not a JSON object',
    kid: TEST_KID,
  });
  t.same(await verifyPass(await signRaw(header, { ...claims, v: 2 }), verifyOptions()), { ok: false, reason: 'unsupported_version', detail: 'v 2', kid: TEST_KID });
  t.match(await verifyPass(await signRaw(header, { ...claims, org: 'X320583' }), verifyOptions()), {
    ok: false,
    reason: 'claims_invalid',
    detail: /not a GB\/T 2260 code[\s\S]*org/,
    kid: TEST_KID,
  });
});

t.test('a payload that is not strict UTF-8 is refused, not repaired', async (t) => {
  // A lenient decoder would read the stray byte as U+FFFD, which a name may contain, and verify the pass.
  const text = new TextEncoder().encode(JSON.stringify({ ...claims, ppl: [['张#', '002X']] }));
  text[text.indexOf(0x23)] = 0xff;
  const input = `${base64url.encode(new TextEncoder().encode(JSON.stringify(header)))}.${base64url.encode(text)}`;
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', testPrivateKey, new TextEncoder().encode(input)));
  const result = await verifyPass(`${input}.${base64url.encode(signature)}`, verifyOptions());
  t.match(result, { ok: false, reason: 'claims_invalid', detail: /^payload is not JSON: /, kid: TEST_KID });
  t.notOk('claims' in result);
  t.match(await verifyPass(await signRaw(header, { ...claims, ppl: [['张\uFFFD', '002X']] }), verifyOptions()), { ok: true }, 'control: an encoded U+FFFD is a valid name');
});

t.test('issuer pinning compares whole values', async (t) => {
  t.same(await verifyPass(jws, verifyOptions({ issuer: 'KSJTX' })), {
    ok: false,
    reason: 'claims_invalid',
    detail: 'issuer KSJT not accepted',
    claims,
    kid: TEST_KID,
  }, 'a string issuer is one value, not text to search in');
  t.match(await verifyPass(jws, verifyOptions({ issuer: ['KSJTX', 'KS'] })), { ok: false, reason: 'claims_invalid' }, 'a list, none equal');
});

t.test('time and revocation refusals name the times and the pass', async (t) => {
  t.same(await verifyPass(jws, verifyOptions({ now: T0 - 61 })), {
    ok: false,
    reason: 'not_yet_valid',
    detail: `valid from ${T0}, now ${T0 - 61}`,
    claims,
    kid: TEST_KID,
  });
  t.same(await verifyPass(jws, verifyOptions({ now: exp + 60 })), { ok: false, reason: 'expired', detail: `exp ${exp}, now ${exp + 60}`, claims, kid: TEST_KID });
  t.same(await verifyPass(jws, verifyOptions({ now: Number.NaN })), {
    ok: false,
    reason: 'malformed',
    detail: 'verification time is not a valid date',
    claims,
    kid: TEST_KID,
  });
  t.same(await verifyPass(jws, verifyOptions({ isRevoked: () => true })), { ok: false, reason: 'revoked', detail: 'jti Q7mZ2xKp9A', claims, kid: TEST_KID });
});

// A format of the same claims with no issuer claim (as the charter pass has none), and a decoder that can fail
// in ways the format does not own.
function format(decodeQrText: (text: string) => string = decodePassQrText): SignedQrFormat<PassClaims, typeof PASS_TYP> {
  return {
    typ: PASS_TYP,
    version: PASS_FORMAT_VERSION,
    claims: passClaimsSchema,
    decodeQrText,
    isQrTextError: (error): error is PassError => error instanceof PassError,
    defaultClockToleranceSec: 300,
  };
}

t.test('a format without an issuer claim refuses every pinned issuer', async (t) => {
  t.match(await verifySignedQr(format(), jws, verifyOptions()), { ok: true }, 'control: no pin, no check');
  t.same(await verifySignedQr(format(), jws, verifyOptions({ issuer: 'KSJT' })), {
    ok: false,
    reason: 'claims_invalid',
    detail: 'issuer (none) not accepted',
    claims,
    kid: TEST_KID,
  });
});

t.test('a decoder failure that is not the format\'s own error is unexpected, and still a result', async (t) => {
  const broken = format(() => {
    throw new RangeError('boom');
  });
  t.same(await verifySignedQr(broken, 'KK1/0102', verifyOptions()), { ok: false, reason: 'malformed', detail: 'unexpected: boom' });
  const own = format(() => {
    throw new PassError('bad_prefix', 'not ours');
  });
  t.same(await verifySignedQr(own, 'KK1/0102', verifyOptions()), { ok: false, reason: 'bad_prefix', detail: 'not ours' }, 'control: its own error is passed on');
});
