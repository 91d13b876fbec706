import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, errorText, isPlainObject, parseJsonBytes, verifyCompactJws } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import { PASS_ALG } from '../pass/jwk.js';
import { CHARTER_FORMAT_VERSION, charterClaimsSchema } from './claims.js';
import type { CharterClaims } from './claims.js';
import { CharterError } from './errors.js';
import type { CharterErrorCode } from './errors.js';
import { decodeCharterQrText } from './qr-text.js';
import { CHARTER_TYP } from './sign.js';
import type { CharterHeader } from './sign.js';

/** As for freight passes: offline devices drift, and a few minutes only matter at the edges. */
export const DEFAULT_CHARTER_CLOCK_TOLERANCE_SEC = 300;

export interface VerifyCharterOptions {
  /** Trusted public keys (the synced JWKS); only `purpose: "pass"` keys (or unmarked ones) are candidates. */
  keys: JSONWebKeySet;
  now?: Date | number;
  clockToleranceSec?: number;
  /** Revocation by charter pass id. A throw or rejection counts as revoked (fail closed). */
  isRevoked: (jti: string) => boolean | Promise<boolean>;
}

export type VerifyCharterResult =
  | { ok: true; claims: CharterClaims; kid: string; header: CharterHeader }
  | {
      ok: false;
      reason: CharterErrorCode;
      detail?: string;
      /** only once the signature has verified */
      claims?: CharterClaims;
      kid?: string;
    };

type Failure = Extract<VerifyCharterResult, { ok: false }>;

const JWS_ALPHABET = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*$/;
const MAX_INPUT_LENGTH = 8000;

/**
 * Verifies a scanned charter pass (`KC1/…` or a bare compact JWS). Never
 * throws. Steps in the order of docs/charter-pass.md, section 5; nothing in
 * the payload is read before the signature holds.
 */
export async function verifyCharterPass(qrTextOrJws: string, options: VerifyCharterOptions): Promise<VerifyCharterResult> {
  try {
    return await verifyUnsafe(qrTextOrJws, options);
  } catch (error) {
    return fail('malformed', `unexpected: ${errorText(error)}`);
  }
}

async function verifyUnsafe(input: unknown, options: VerifyCharterOptions): Promise<VerifyCharterResult> {
  if (typeof input !== 'string') return fail('malformed', 'input is not a string');
  if (input.length > MAX_INPUT_LENGTH) return fail('malformed', `input longer than ${MAX_INPUT_LENGTH} characters`);
  const trimmed = input.trim();
  let jws: string;
  if (JWS_ALPHABET.test(trimmed)) {
    jws = trimmed;
  } else {
    try {
      jws = decodeCharterQrText(trimmed);
    } catch (error) {
      if (error instanceof CharterError) return fail(error.code, error.detail);
      throw error;
    }
  }

  // Same `pass` keys as freight passes; `typ` kkc is what keeps the two apart.
  const verified = await verifyCompactJws(jws, { typ: CHARTER_TYP, keys: options.keys, purpose: 'pass' });
  if (!verified.ok) {
    const { reason, detail } = describeJwsFailure(verified);
    return fail(reason, detail);
  }
  const { kid, payload } = verified;

  let raw: unknown;
  try {
    raw = parseJsonBytes(payload);
  } catch (error) {
    return fail('claims_invalid', `payload is not JSON: ${errorText(error)}`, undefined, kid);
  }
  if (!isPlainObject(raw)) return fail('claims_invalid', 'payload is not a JSON object', undefined, kid);
  if (typeof raw.v === 'number' && raw.v !== CHARTER_FORMAT_VERSION) return fail('unsupported_version', `v ${raw.v}`, undefined, kid);
  const parsed = charterClaimsSchema.safeParse(raw);
  if (!parsed.success) return fail('claims_invalid', z.prettifyError(parsed.error), undefined, kid);
  const claims = parsed.data;

  const now = epochSecondsOf(options.now);
  // NaN would make both comparisons false and let any pass through.
  if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date', claims, kid);
  const tol = clockToleranceOf(options.clockToleranceSec, DEFAULT_CHARTER_CLOCK_TOLERANCE_SEC);
  if (now < claims.nbf - tol) return fail('not_yet_valid', `valid from ${claims.nbf}, now ${now}`, claims, kid);
  if (now >= claims.exp + tol) return fail('expired', `exp ${claims.exp}, now ${now}`, claims, kid);

  let revoked: boolean;
  try {
    revoked = (await options.isRevoked(claims.jti)) !== false;
  } catch (error) {
    return fail('revoked', `revocation status unavailable: ${errorText(error)}`, claims, kid);
  }
  if (revoked) return fail('revoked', `jti ${claims.jti}`, claims, kid);

  return { ok: true, claims, kid, header: { alg: PASS_ALG, kid, typ: CHARTER_TYP } };
}

function fail(reason: CharterErrorCode, detail?: string, claims?: CharterClaims, kid?: string): Failure {
  const result: Failure = { ok: false, reason };
  if (detail !== undefined) result.detail = detail;
  if (claims !== undefined) result.claims = claims;
  if (kid !== undefined) result.kid = kid;
  return result;
}
