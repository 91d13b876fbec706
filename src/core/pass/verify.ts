import { base64url, compactVerify, importJWK } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import * as z from 'zod';
import { PASS_FORMAT_VERSION, passClaimsSchema } from './claims.js';
import type { PassClaims } from './claims.js';
import { PassError } from './errors.js';
import type { PassErrorCode } from './errors.js';
import { PASS_ALG } from './jwk.js';
import { decodePassQrText } from './qr-text.js';
import { PASS_TYP } from './sign.js';
import type { PassHeader } from './sign.js';

/**
 * Generous by default: passes last days, and checkpoint devices run offline
 * with clocks that drift; a few minutes only matter at the very edges.
 */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 300;

export interface VerifyPassOptions {
  /** Trusted public keys (the synced /.well-known/jwks.json). Keys are looked up here only, never from the token. */
  keys: JSONWebKeySet;
  /** Verification time: a Date or epoch seconds. Defaults to the current time. */
  now?: Date | number;
  /** Allowed clock skew in seconds for nbf/exp. */
  clockToleranceSec?: number;
  /** Revocation by pass id. A throw or rejection counts as revoked (fail closed). */
  isRevoked: (jti: string) => boolean | Promise<boolean>;
  /** Accepted `iss` value(s); any issuer when absent. */
  issuer?: string | readonly string[];
}

export type VerifyPassResult =
  | { ok: true; claims: PassClaims; kid: string; header: PassHeader }
  | {
      ok: false;
      reason: PassErrorCode;
      detail?: string;
      /** Present only once the signature has verified, so a scanner can show whose pass was refused. */
      claims?: PassClaims;
      /** Present only once the signature has verified. */
      kid?: string;
    };

type Failure = Extract<VerifyPassResult, { ok: false }>;

const JWS_ALPHABET = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*$/;
// The signature may be empty here so that an unsigned (`alg: none`) token is reported as such, not as malformed.
const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// A version 40 QR holds 7089 digits; anything much longer did not come from a pass and is refused before any work.
const MAX_INPUT_LENGTH = 8000;

/**
 * Verifies a scanned pass (QR text `KK1/…` or a bare compact JWS). Never
 * throws; every failure is a result with a reason code. Steps run in the order
 * of docs/pass-format.md, and nothing from the payload is looked at before
 * the signature holds.
 */
export async function verifyPass(qrTextOrJws: string, options: VerifyPassOptions): Promise<VerifyPassResult> {
  try {
    return await verifyUnsafe(qrTextOrJws, options);
  } catch (error) {
    // Last resort only: every expected failure is mapped below.
    return fail('malformed', `unexpected: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function verifyUnsafe(input: string, options: VerifyPassOptions): Promise<VerifyPassResult> {
  // 1. QR text → compact JWS
  if (typeof input !== 'string') return fail('malformed', 'input is not a string');
  if (input.length > MAX_INPUT_LENGTH) return fail('malformed', `input longer than ${MAX_INPUT_LENGTH} characters`);
  const trimmed = input.trim();
  let jws: string;
  if (JWS_ALPHABET.test(trimmed)) {
    // A bare JWS (pasted, or from a wedge scanner configured for it); a truncated one is malformed, not "someone else's QR".
    if (!JWS_SHAPE.test(trimmed)) return fail('malformed', 'not a compact JWS');
    jws = trimmed;
  } else {
    try {
      jws = decodePassQrText(trimmed);
    } catch (error) {
      if (error instanceof PassError) return fail(error.code, error.detail);
      throw error;
    }
    if (!JWS_SHAPE.test(jws)) return fail('malformed', 'not a compact JWS');
  }
  const [encHeader = '', encPayload = '', encSignature = ''] = jws.split('.');
  // A lenient base64url decoder ignores the spare low bits of the last
  // character, so one signature would have several spellings that all verify.
  // Requiring the canonical spelling makes the token string itself unique.
  for (const part of [encHeader, encPayload, encSignature]) {
    if (!isCanonicalBase64url(part)) return fail('malformed', 'non-canonical base64url');
  }

  // 2. header (unverified: used only to reject and to pick a trusted key)
  const header = parseJsonObject(encHeader);
  if (!header) return fail('malformed', 'header is not a JSON object');
  if (header.alg !== PASS_ALG) return fail('alg_not_allowed', `alg ${show(header.alg)}`);
  if (header.typ !== PASS_TYP) return fail('wrong_typ', `typ ${show(header.typ)}`);
  // No extension is understood, so any `crit` must be refused (RFC 7515 §4.1.11). jose would refuse most too; checking here gives a clear code and also covers `b64`, which jose does understand.
  if (header.crit !== undefined) return fail('crit_unsupported', `crit ${show(header.crit)}`);
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0) return fail('malformed', 'kid missing');

  // 3. key lookup in the trusted set only
  const candidates = trustedKeysFor(options.keys, kid);
  if (candidates.length === 0) return fail('unknown_kid', `kid ${show(kid)}`);

  // 4. signature
  let payloadBytes: Uint8Array | undefined;
  for (const jwk of candidates) {
    let key;
    try {
      key = await importJWK(jwk, PASS_ALG);
    } catch {
      continue; // a broken entry in the key set must not hide a good one with the same kid
    }
    try {
      const result = await compactVerify(jws, key, { algorithms: [PASS_ALG] });
      payloadBytes = result.payload;
      break;
    } catch {
      // try the next candidate
    }
  }
  if (!payloadBytes) return fail('bad_signature');

  // 5. claims, now authenticated
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(payloadBytes));
  } catch {
    return fail('claims_invalid', 'payload is not JSON', undefined, kid);
  }
  if (!isPlainObject(raw)) return fail('claims_invalid', 'payload is not a JSON object', undefined, kid);
  if (raw.v !== PASS_FORMAT_VERSION && typeof raw.v === 'number') {
    return fail('unsupported_version', `v ${raw.v}`, undefined, kid);
  }
  const parsed = passClaimsSchema.safeParse(raw);
  if (!parsed.success) return fail('claims_invalid', z.prettifyError(parsed.error), undefined, kid);
  const claims = parsed.data;

  if (options.issuer !== undefined) {
    const accepted = typeof options.issuer === 'string' ? [options.issuer] : options.issuer;
    if (!accepted.includes(claims.iss)) return fail('claims_invalid', `issuer ${claims.iss} not accepted`, claims, kid);
  }

  // 6. validity window
  const now = toSeconds(options.now);
  // NaN would make both comparisons false and let any pass through.
  if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date', claims, kid);
  const tolerance = toleranceOf(options.clockToleranceSec);
  if (now < claims.nbf - tolerance) return fail('not_yet_valid', `valid from ${claims.nbf}, now ${now}`, claims, kid);
  if (now >= claims.exp + tolerance) return fail('expired', `exp ${claims.exp}, now ${now}`, claims, kid);

  // 7. revocation
  let revoked: boolean;
  try {
    revoked = (await options.isRevoked(claims.jti)) !== false;
  } catch (error) {
    // Unknown status must not fast-track a vehicle; the detail tells staff why.
    return fail('revoked', `revocation status unavailable: ${error instanceof Error ? error.message : String(error)}`, claims, kid);
  }
  if (revoked) return fail('revoked', `jti ${claims.jti}`, claims, kid);

  return { ok: true, claims, kid, header: { alg: PASS_ALG, kid, typ: PASS_TYP } };
}

/**
 * Candidate keys: same kid, Ed25519 public key, meant for signatures. `alg`
 * on the JWK may be absent (RFC 7517 makes it optional) but if present must be
 * EdDSA, so a key published for another algorithm is never reused for this one.
 */
function trustedKeysFor(jwks: unknown, kid: string): JWK[] {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) return [];
  return (jwks.keys as unknown[]).filter((k): k is JWK => {
    if (!isPlainObject(k)) return false;
    if (k.kid !== kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') return false;
    if (k.d !== undefined) return false; // private keys have no place in a trust list
    if (k.use !== undefined && k.use !== 'sig') return false;
    if (k.alg !== undefined && k.alg !== PASS_ALG) return false;
    if (k.key_ops !== undefined && !(Array.isArray(k.key_ops) && k.key_ops.includes('verify'))) return false;
    return true;
  });
}

function isCanonicalBase64url(part: string): boolean {
  try {
    return base64url.encode(base64url.decode(part)) === part;
  } catch {
    return false;
  }
}

function parseJsonObject(encoded: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(base64url.decode(encoded)));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSeconds(now: Date | number | undefined): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  if (now instanceof Date) return Math.floor(now.getTime() / 1000);
  return now;
}

function toleranceOf(sec: number | undefined): number {
  if (sec === undefined) return DEFAULT_CLOCK_TOLERANCE_SEC;
  return Number.isFinite(sec) && sec > 0 ? sec : 0;
}

/** Unverified header values end up in logs: quote them and keep them short. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function fail(reason: PassErrorCode, detail?: string, claims?: PassClaims, kid?: string): Failure {
  const result: Failure = { ok: false, reason };
  if (detail !== undefined) result.detail = detail;
  if (claims !== undefined) result.claims = claims;
  if (kid !== undefined) result.kid = kid;
  return result;
}
