// An independent verifier, written from docs/charter-pass.md (sections 1–5, 4
// and 7) with node:crypto and plain JSON only: nothing from src/core/charter,
// src/core/jws or src/core/pass is imported for verifying. It must agree with
// verifyCharterPass and verifyCharterRuns on valid and tampered inputs. The
// signing side uses the project (fixtures), since what is under test is
// whether the document suffices to verify.
//
// Not re-implemented here: the duplicate-member rule (it needs a JSON parser
// that sees duplicates; the project's own tests cover it), and the full GA 36
// plate grammar, which is approximated by the patterns pass-format.md lists.
import t from 'tap';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { CompactSign } from 'jose';
import { encodeCharterQrText, verifyCharterPass, verifyCharterRuns } from '../../../src/core/charter/index.js';
import { signRaw, signTypical, decodeJwsPart } from '../pass/fixtures.js';
import { BUNDLE_JWKS, CHECKPOINT, DAY, MANIFEST, RUN, T0, TEST_JWKS, bundleKey, runsDoc, signCharter, signRuns } from './fixtures.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Result = { ok: true; claims: Record<string, Json> } | { ok: false; reason: string };

// ---- section 1: QR text ----
function decodeQr(text: string): string | { reason: string } {
  const s = text.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*$/.test(s)) return s; // a bare JWS MAY be accepted
  const m = /^KC(\d+)\//i.exec(s);
  if (!m) return { reason: 'bad_prefix' };
  if (m[1] !== '1') return { reason: 'unsupported_version' };
  const digits = s.slice(m[0].length);
  if (digits.length === 0 || digits.length % 2 !== 0 || !/^\d+$/.test(digits)) return { reason: 'malformed' };
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const v = Number(digits.slice(i, i + 2));
    if (v > 77) return { reason: 'malformed' };
    out += String.fromCharCode(v + 45);
  }
  return out;
}

// ---- section 2: compact JWS with canonical base64url ----
const b64 = (part: string): Buffer | null => {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : null;
};
const jsonObject = (bytes: Buffer): Record<string, Json> | null => {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const v = JSON.parse(text) as Json;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
};

/** Section 5 steps 2–7 (and section 7 step 1): returns the verified payload bytes. */
function checkJws(jws: string, typ: string, keys: { keys: Array<Record<string, unknown>> }, purpose: string, strictB64: boolean): Buffer | { reason: string } {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return { reason: 'malformed' };
  const [h, p, s] = parts.map(b64);
  if (!h || !p || !s) return { reason: 'malformed' };
  const header = jsonObject(h);
  if (!header) return { reason: 'malformed' };
  if (header.alg !== 'EdDSA') return { reason: 'alg_not_allowed' };
  if (header.typ !== typ) return { reason: 'wrong_typ' };
  if (header.crit !== undefined) return { reason: strictB64 ? 'malformed' : 'crit_unsupported' };
  if (strictB64 && header.b64 !== undefined) return { reason: 'malformed' };
  if (typeof header.kid !== 'string' || header.kid === '') return { reason: 'malformed' };
  const usable = keys.keys.filter(
    (k) =>
      k.kid === header.kid &&
      k.kty === 'OKP' &&
      k.crv === 'Ed25519' &&
      typeof k.x === 'string' &&
      k.d === undefined &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === 'EdDSA') &&
      (k.purpose === undefined || k.purpose === purpose),
  );
  if (usable.length === 0) return { reason: 'unknown_kid' };
  const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
  const ok = usable.some((k) => edVerify(null, signingInput, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x as string }, format: 'jwk' }), s));
  return ok ? p : { reason: 'bad_signature' };
}

// ---- section 2: claims ----
const cps = (s: string) => [...s].length;
const isName = (v: Json, max: number) =>
  typeof v === 'string' && cps(v) >= 1 && cps(v) <= max && v.trim() === v && !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(v);
const isId4 = (v: Json) => typeof v === 'string' && /^[0-9]{3}[0-9X]$/.test(v);
const isRegion = (v: Json) => typeof v === 'string' && /^[1-9][0-9]{5}$/.test(v);
const isTime = (v: Json) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 9_999_999_999;
const isJti = (v: Json) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,16}$/.test(v);
const PROV = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
const L = 'A-HJ-NP-Z';
const PLATE = new RegExp(`^[${PROV}][${L}](?:[${L}0-9]{5}|[${L}0-9]{4}挂|[DF][${L}0-9][0-9]{4}|[0-9]{5}[DF])$`);
const isMd = (v: Json) => typeof v === 'string' && /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(v);
const CLAIMS = ['v', 'jti', 'nbf', 'exp', 'pl', 'drv', 'n', 'org', 'md'];

function claimsValid(c: Record<string, Json>): boolean {
  if (Object.keys(c).some((k) => !CLAIMS.includes(k)) || CLAIMS.some((k) => !(k in c))) return false;
  const drv = c.drv;
  return (
    c.v === 1 &&
    isJti(c.jti ?? null) &&
    isTime(c.nbf ?? null) &&
    isTime(c.exp ?? null) &&
    (c.exp as number) > (c.nbf as number) &&
    typeof c.pl === 'string' &&
    PLATE.test(c.pl) &&
    Array.isArray(drv) &&
    drv.length === 2 &&
    isName(drv[0] ?? null, 10) &&
    isId4(drv[1] ?? null) &&
    Number.isInteger(c.n) &&
    (c.n as number) >= 1 &&
    (c.n as number) <= 99 &&
    isRegion(c.org ?? null) &&
    isMd(c.md ?? null)
  );
}

async function independentVerifyPass(text: string, keys: typeof TEST_JWKS, now: number, revoked: (jti: string) => boolean, tol = 300): Promise<Result> {
  const jws = decodeQr(text);
  if (typeof jws !== 'string') return { ok: false, reason: jws.reason };
  const payload = checkJws(jws, 'kkc', keys as never, 'pass', false);
  if ('reason' in payload) return { ok: false, reason: payload.reason };
  const c = jsonObject(payload);
  if (!c) return { ok: false, reason: 'claims_invalid' };
  if (typeof c.v === 'number' && c.v !== 1) return { ok: false, reason: 'unsupported_version' };
  if (!claimsValid(c)) return { ok: false, reason: 'claims_invalid' };
  if (now < (c.nbf as number) - tol) return { ok: false, reason: 'not_yet_valid' };
  if (now >= (c.exp as number) + tol) return { ok: false, reason: 'expired' };
  if (revoked(c.jti as string)) return { ok: false, reason: 'revoked' };
  return { ok: true, claims: c };
}

// ---- section 4: manifest, JCS and digest ----
function jcs(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${jcs(v[k] as Json)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
const digest = (passengers: Json[]) => createHash('sha256').update(jcs(passengers), 'utf8').digest('base64url');

function passengerValid(p: Json): boolean {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return false;
  const keys = Object.keys(p).sort().join(',');
  if (keys !== 'ent,id4,name,org,stays') return false;
  const stays = p.stays;
  if (!Array.isArray(stays) || stays.length > 14) return false;
  const stayOk = stays.every(
    (s) => s !== null && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).sort().join(',') === 'lastDay,region' && isRegion(s.region ?? null) && typeof s.lastDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.lastDay),
  );
  const stayKeys = stays.map((s) => `${(s as Record<string, string>).lastDay} ${(s as Record<string, string>).region}`);
  const staysSorted = stayKeys.every((k, i) => i === 0 || (stayKeys[i - 1] as string) <= k);
  return stayOk && staysSorted && isName(p.name ?? null, 20) && isId4(p.id4 ?? null) && isRegion(p.org ?? null) && typeof p.ent === 'string' && /^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(p.ent);
}
function manifestValid(list: Json): list is Json[] {
  if (!Array.isArray(list) || list.length < 1 || list.length > 99 || !list.every(passengerValid)) return false;
  const keys = list.map(jcs);
  return keys.every((k, i) => i === 0 || (keys[i - 1] as string) <= k);
}

// ---- section 7: expected runs ----
async function independentVerifyRuns(jws: string, keys: typeof BUNDLE_JWKS, checkpoint: number, now: number, tol = 300): Promise<{ ok: true; runs: Json[] } | { ok: false; reason: string }> {
  const payload = checkJws(jws.trim(), 'kakou-charters+jwt', keys as never, 'bundle', true);
  if ('reason' in payload) return { ok: false, reason: payload.reason };
  const d = jsonObject(payload);
  const bad = { ok: false as const, reason: 'claims_invalid' };
  if (!d || Object.keys(d).sort().join(',') !== 'checkpoint,exp,iat,iss,runs,v' || d.v !== 1) return bad;
  if (typeof d.iss !== 'string' || cps(d.iss) < 1 || cps(d.iss) > 64 || !isTime(d.iat ?? null) || !isTime(d.exp ?? null) || (d.exp as number) <= (d.iat as number)) return bad;
  if (!Number.isInteger(d.checkpoint) || (d.checkpoint as number) < 1 || !Array.isArray(d.runs)) return bad;
  const ids = new Set<string>();
  const jtis = new Set<string>();
  for (const r of d.runs) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return bad;
    if (Object.keys(r).sort().join(',') !== 'from,jti,md,passengers,pl,run,until') return bad;
    if (typeof r.run !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(r.run) || !isJti(r.jti ?? null) || typeof r.pl !== 'string' || !PLATE.test(r.pl)) return bad;
    if (!isTime(r.from ?? null) || !isTime(r.until ?? null) || (r.until as number) <= (r.from as number) || !isMd(r.md ?? null)) return bad;
    if (!manifestValid(r.passengers ?? null)) return bad;
    if (ids.has(r.run) || jtis.has(r.jti as string)) return bad;
    ids.add(r.run);
    jtis.add(r.jti as string);
  }
  for (const r of d.runs as Array<Record<string, Json>>) if (digest(r.passengers as Json[]) !== r.md) return bad;
  if (now < (d.iat as number) - tol) return { ok: false, reason: 'not_yet_valid' };
  if (now >= (d.exp as number) + tol) return { ok: false, reason: 'expired' };
  if (d.checkpoint !== checkpoint) return { ok: false, reason: 'wrong_checkpoint' };
  return { ok: true, runs: d.runs };
}

// ---- agreement ----

t.test('charter pass: independent verifier agrees with verifyCharterPass', async (t) => {
  const good = await signCharter();
  const header = decodeJwsPart(good, 0);
  const payload = decodeJwsPart(good, 1);
  const [h, p, s] = good.split('.') as [string, string, string];
  const now = T0 + DAY;
  const inputs: Array<[string, string, number?, ((jti: string) => boolean)?]> = [
    ['valid QR', encodeCharterQrText(good)],
    ['valid bare JWS', good],
    ['lower-case prefix with CR/LF', `${encodeCharterQrText(good).toLowerCase()}\r\n`],
    ['freight QR prefix', encodeCharterQrText(good).replace('KC1/', 'KK1/')],
    ['future QR version', encodeCharterQrText(good).replace('KC1/', 'KC2/')],
    ['odd digits', `${encodeCharterQrText(good)}1`],
    ['digit pair 78', `KC1/78${encodeCharterQrText(good).slice(4)}`],
    ['signature bit flipped', `${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`],
    ['non-canonical signature spelling', `${h}.${p}.${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`],
    ['payload changed (n 31)', `${h}.${Buffer.from(JSON.stringify({ ...payload, n: 31 })).toString('base64url')}.${s}`],
    ['freight pass, same key', await signTypical()],
    ['alg none', `${Buffer.from(JSON.stringify({ ...header, alg: 'none' })).toString('base64url')}.${p}.`],
    ['unknown kid', await signRaw({ ...header, kid: 'zzzzzzzz' }, payload)],
    ['crit', await signRaw({ ...header, crit: ['x'] }, payload)],
    ['extra claim iss', await signRaw(header, { ...payload, iss: 'KSJT' })],
    ['n 0', await signRaw(header, { ...payload, n: 0 })],
    ['v 2', await signRaw(header, { ...payload, v: 2 })],
    ['digest with spare bits', await signRaw(header, { ...payload, md: `${String(payload.md).slice(0, 42)}B` })],
    ['non-canonical plate', await signRaw(header, { ...payload, pl: '苏e12345' })],
    ['driver name with a control character', await signRaw(header, { ...payload, drv: ['张\u0000国', '002X'] })],
    ['expired', good, T0 + 2 * DAY + 300],
    ['just inside tolerance', good, T0 + 2 * DAY + 299],
    ['not yet valid', good, T0 - 301],
    ['revoked', good, now, (jti) => jti === payload.jti],
  ];
  for (const [name, text, at = now, revoked = () => false] of inputs) {
    const ours = await verifyCharterPass(text, { keys: TEST_JWKS, now: at, isRevoked: revoked });
    const theirs = await independentVerifyPass(text, TEST_JWKS, at, revoked);
    t.equal(theirs.ok ? 'ok' : theirs.reason, ours.ok ? 'ok' : ours.reason, name);
    if (ours.ok && theirs.ok) t.same(theirs.claims, ours.claims, `${name}: same claims`);
  }
});

t.test('manifest digest and expected runs: independent verifier agrees', async (t) => {
  t.equal(digest(MANIFEST as unknown as Json[]), RUN.md, 'the digest, computed from section 4 alone');
  t.ok(manifestValid(MANIFEST as unknown as Json), 'the canonical order, checked from section 4 alone');
  const signRaw = (payload: unknown, typ = 'kakou-charters+jwt') =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: bundleKey.kid, typ }).sign(bundleKey.privateKey);
  const now = T0 + DAY;
  const cases: Array<[string, string, number?, number?]> = [
    ['valid', await signRuns()],
    ['wrong checkpoint', await signRuns(), now, CHECKPOINT + 1],
    ['expired', await signRuns(), T0 + 3 * DAY],
    ['not yet valid', await signRuns(), T0],
    ['md not the digest', await signRaw({ ...runsDoc(), runs: [{ ...RUN, passengers: MANIFEST.slice(1) }] })],
    ['passengers reversed', await signRaw({ ...runsDoc(), runs: [{ ...RUN, passengers: [...MANIFEST].reverse() }] })],
    ['a passenger with a phone number', await signRaw({ ...runsDoc(), runs: [{ ...RUN, passengers: MANIFEST.map((p) => ({ ...p, phone: '1' })) }] })],
    ['checkpoint data typ', await signRaw(runsDoc(), 'kakou-checkpoint+jwt')],
    ['b64 header', await new CompactSign(new TextEncoder().encode(JSON.stringify(runsDoc()))).setProtectedHeader({ alg: 'EdDSA', kid: bundleKey.kid, typ: 'kakou-charters+jwt', b64: true, crit: ['b64'] }).sign(bundleKey.privateKey)],
    ['same run twice', await signRaw({ ...runsDoc(), runs: [RUN, { ...RUN, jti: 'other' }] })],
  ];
  for (const [name, jws, at = now, checkpoint = CHECKPOINT] of cases) {
    const ours = await verifyCharterRuns(jws, { trustedKeys: BUNDLE_JWKS, checkpointId: checkpoint, now: at });
    const theirs = await independentVerifyRuns(jws, BUNDLE_JWKS, checkpoint, at);
    t.equal(theirs.ok ? 'ok' : theirs.reason, ours.ok ? 'ok' : ours.reason, name);
  }
  const passKeyOnly = { keys: [{ ...bundleKey.publicJwk, purpose: 'pass' as const }] };
  const ours = await verifyCharterRuns(await signRuns(), { trustedKeys: passKeyOnly as never, checkpointId: CHECKPOINT, now });
  const theirs = await independentVerifyRuns(await signRuns(), passKeyOnly as never, CHECKPOINT, now);
  t.equal(theirs.ok ? 'ok' : theirs.reason, ours.ok ? 'ok' : ours.reason, 'a pass key never signs runs');
});
