import { base64url, compactVerify, importJWK } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import * as z from 'zod';
import { trustBundleSchema } from './bundle.js';
import type { TrustBundle } from './bundle.js';
import type { BundleErrorCode } from './errors.js';
import { BUNDLE_ALG, BUNDLE_TYP } from './sign.js';

/** Device clocks drift while offline; a few minutes only matter at the edges of a bundle's life. */
export const DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC = 300;
/**
 * Refused before any work. Far above a real bundle (a city's passes,
 * revocations and enterprise directory are a few MB) yet bounded, since a
 * device parses this on every sync.
 */
export const MAX_BUNDLE_JWS_LENGTH = 32 * 1024 * 1024;

export interface VerifyBundleOptions {
  /**
   * Bundle-signing public keys: pinned at enrollment, or learned from the
   * `bundleKeys` of a bundle that verified earlier. Never from the bundle
   * being verified.
   */
  trustedKeys: JSONWebKeySet;
  /** Verification time: a Date or epoch seconds. Defaults to the current time. */
  now?: Date | number;
  clockToleranceSec?: number;
}

export type VerifyBundleResult =
  | { ok: true; bundle: TrustBundle; kid: string }
  | { ok: false; reason: BundleErrorCode; detail?: string };

type Failure = Extract<VerifyBundleResult, { ok: false }>;

// The signature may be empty here so an unsigned (`alg: none`) token is reported as such, not as malformed.
const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies a trust bundle. Never throws. The algorithm is pinned to EdDSA,
 * the key comes from `trustedKeys` only, and nothing in the payload is read
 * before the signature holds. An expired bundle is refused: the scanner keeps
 * its previous data and the rules module then falls back to MANUAL.
 */
export async function verifyBundle(jws: string, options: VerifyBundleOptions): Promise<VerifyBundleResult> {
  try {
    return await verifyUnsafe(jws, options);
  } catch (error) {
    // Last resort only: every expected failure is mapped below.
    return fail('malformed', `unexpected: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function verifyUnsafe(input: string, options: VerifyBundleOptions): Promise<VerifyBundleResult> {
  if (typeof input !== 'string') return fail('malformed', 'input is not a string');
  if (input.length > MAX_BUNDLE_JWS_LENGTH) return fail('malformed', `longer than ${MAX_BUNDLE_JWS_LENGTH} characters`);
  const jws = input.trim();
  if (!JWS_SHAPE.test(jws)) return fail('malformed', 'not a compact JWS');
  const [encHeader = '', encPayload = '', encSignature = ''] = jws.split('.');
  // Base64url's spare bits would otherwise give one bundle several spellings that all verify.
  for (const part of [encHeader, encPayload, encSignature]) {
    if (!isCanonicalBase64url(part)) return fail('malformed', 'non-canonical base64url');
  }

  // Header: unverified, used only to refuse and to pick a trusted key.
  const header = parseJsonObject(encHeader);
  if (!header) return fail('malformed', 'header is not a JSON object');
  if (header.alg !== BUNDLE_ALG) return fail('alg_not_allowed', `alg ${show(header.alg)}`);
  if (header.typ !== BUNDLE_TYP) return fail('wrong_typ', `typ ${show(header.typ)}`);
  // No extension is understood (RFC 7515 §4.1.11); `b64: false` would even change what the signature covers.
  if (header.crit !== undefined || header.b64 !== undefined) return fail('malformed', 'crit or b64 header not supported');
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0) return fail('malformed', 'kid missing');

  const candidates = trustedKeysFor(options.trustedKeys, kid);
  if (candidates.length === 0) return fail('unknown_kid', `kid ${show(kid)}`);

  let payloadBytes: Uint8Array | undefined;
  for (const jwk of candidates) {
    let key;
    try {
      key = await importJWK(jwk, BUNDLE_ALG);
    } catch {
      continue; // a broken entry must not hide a good one with the same kid
    }
    try {
      payloadBytes = (await compactVerify(jws, key, { algorithms: [BUNDLE_ALG] })).payload;
      break;
    } catch {
      // next candidate
    }
  }
  if (!payloadBytes) return fail('bad_signature');

  // Payload, now authenticated.
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(payloadBytes));
  } catch {
    return fail('claims_invalid', 'payload is not JSON');
  }
  const parsed = trustBundleSchema.safeParse(raw);
  if (!parsed.success) return fail('claims_invalid', z.prettifyError(parsed.error));
  const bundle = parsed.data;

  const now = toSeconds(options.now);
  // NaN would make both comparisons false and accept any bundle.
  if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date');
  const tolerance = toleranceOf(options.clockToleranceSec);
  if (now < bundle.iat - tolerance) return fail('not_yet_valid', `iat ${bundle.iat}, now ${now}`);
  if (now >= bundle.exp + tolerance) return fail('expired', `exp ${bundle.exp}, now ${now}`);

  return { ok: true, bundle, kid };
}

/** Same kid, public Ed25519, meant for signatures; `alg` may be absent (RFC 7517) but if present must be EdDSA. */
function trustedKeysFor(jwks: unknown, kid: string): JWK[] {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) return [];
  return (jwks.keys as unknown[]).filter((k): k is JWK => {
    if (!isPlainObject(k)) return false;
    if (k.kid !== kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') return false;
    if (k.d !== undefined) return false;
    if (k.use !== undefined && k.use !== 'sig') return false;
    if (k.alg !== undefined && k.alg !== BUNDLE_ALG) return false;
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
  if (sec === undefined) return DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC;
  return Number.isFinite(sec) && sec > 0 ? sec : 0;
}

/** Unverified header values end up in logs: quote them and keep them short. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function fail(reason: BundleErrorCode, detail?: string): Failure {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
