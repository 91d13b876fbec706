import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, isPlainObject, parseJsonBytes, verifyCompactJws, errorText } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
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
    // A bare JWS (pasted, or from a wedge scanner configured for it); a truncated one fails the shape check below as malformed, not as "someone else's QR".
    jws = trimmed;
  } else {
    try {
      jws = decodePassQrText(trimmed);
    } catch (error) {
      if (error instanceof PassError) return fail(error.code, error.detail);
      throw error;
    }
  }

  // 2. header (unverified: used only to reject and to pick a trusted key), 3. key lookup in the trusted set only, 4. signature
  const verified = await verifyCompactJws(jws, { typ: PASS_TYP, keys: options.keys, purpose: 'pass' });
  if (!verified.ok) {
    const { reason, detail } = describeJwsFailure(verified);
    return fail(reason, detail);
  }
  const { kid, payload: payloadBytes } = verified;

  // 5. claims, now authenticated
  let raw: unknown;
  try {
    raw = parseJsonBytes(payloadBytes);
  } catch (error) {
    return fail('claims_invalid', `payload is not JSON: ${errorText(error)}`, undefined, kid);
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
  const now = epochSecondsOf(options.now);
  // NaN would make both comparisons false and let any pass through.
  if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date', claims, kid);
  const tolerance = clockToleranceOf(options.clockToleranceSec, DEFAULT_CLOCK_TOLERANCE_SEC);
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

function fail(reason: PassErrorCode, detail?: string, claims?: PassClaims, kid?: string): Failure {
  const result: Failure = { ok: false, reason };
  if (detail !== undefined) result.detail = detail;
  if (claims !== undefined) result.claims = claims;
  if (kid !== undefined) result.kid = kid;
  return result;
}
