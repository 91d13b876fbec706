import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, errorText, isPlainObject, parseJsonBytes, verifyCompactJws } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import type { PassErrorCode } from './errors.js';
import { PASS_ALG } from './jwk.js';

/**
 * One signed QR format: the freight pass (`KK1/`, typ kkp) and the charter
 * pass (`KC1/`, typ kkc) are verified by the same steps (docs/pass-format.md,
 * docs/charter-pass.md section 5) and differ only in what is named here.
 */
export interface SignedQrFormat<Claims extends SignedQrClaims, Typ extends string> {
  typ: Typ;
  version: number;
  claims: z.ZodType<Claims>;
  /** QR text → compact JWS; throws `QrTextError` for text that is not this format's */
  decodeQrText(text: string): string;
  /** the format's own error class, so its code and detail become the result */
  isQrTextError(error: unknown): error is { code: PassErrorCode; detail: string | undefined };
  defaultClockToleranceSec: number;
  /** the claim `issuer` is checked against; a format without one accepts no `issuer` option */
  issuerOf?: (claims: Claims) => string;
}

/** What every signed QR's claims carry: an id to revoke by and a validity window. */
export interface SignedQrClaims {
  jti: string;
  nbf: number;
  exp: number;
}

export interface VerifySignedQrOptions {
  /** Trusted public keys (the synced JWKS); only `purpose: "pass"` keys (or unmarked ones) are candidates, never keys from the token. */
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

export type SignedQrResult<Claims, Typ extends string> =
  | { ok: true; claims: Claims; kid: string; header: { alg: typeof PASS_ALG; kid: string; typ: Typ } }
  | {
      ok: false;
      reason: PassErrorCode;
      detail?: string;
      /** Present only once the signature has verified, so a scanner can show whose pass was refused. */
      claims?: Claims;
      /** Present only once the signature has verified. */
      kid?: string;
    };

const JWS_ALPHABET = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*$/;
// A version 40 QR holds 7089 digits; anything much longer did not come from a pass and is refused before any work.
const MAX_INPUT_LENGTH = 8000;

/**
 * Never throws; every failure is a result with a reason code. Nothing from
 * the payload is looked at before the signature holds.
 */
export async function verifySignedQr<Claims extends SignedQrClaims, Typ extends string>(
  format: SignedQrFormat<Claims, Typ>,
  input: unknown,
  options: VerifySignedQrOptions,
): Promise<SignedQrResult<Claims, Typ>> {
  type Failure = Extract<SignedQrResult<Claims, Typ>, { ok: false }>;
  const fail = (reason: PassErrorCode, detail?: string, claims?: Claims, kid?: string): Failure => {
    const result: Failure = { ok: false, reason };
    if (detail !== undefined) result.detail = detail;
    if (claims !== undefined) result.claims = claims;
    if (kid !== undefined) result.kid = kid;
    return result;
  };

  const steps = async (): Promise<SignedQrResult<Claims, Typ>> => {
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
        jws = format.decodeQrText(trimmed);
      } catch (error) {
        if (format.isQrTextError(error)) return fail(error.code, error.detail);
        throw error;
      }
    }

    // 2. header (unverified: used only to reject and to pick a trusted key), 3. key lookup in the trusted set only, 4. signature.
    // Both formats use the `pass` keys; `typ` is what keeps them apart.
    const verified = await verifyCompactJws(jws, { typ: format.typ, keys: options.keys, purpose: 'pass' });
    if (!verified.ok) {
      const { reason, detail } = describeJwsFailure(verified);
      return fail(reason, detail);
    }
    const { kid, payload } = verified;

    // 5. claims, now authenticated
    let raw: unknown;
    try {
      raw = parseJsonBytes(payload);
    } catch (error) {
      return fail('claims_invalid', `payload is not JSON: ${errorText(error)}`, undefined, kid);
    }
    if (!isPlainObject(raw)) return fail('claims_invalid', 'payload is not a JSON object', undefined, kid);
    if (typeof raw.v === 'number' && raw.v !== format.version) return fail('unsupported_version', `v ${raw.v}`, undefined, kid);
    const parsed = format.claims.safeParse(raw);
    if (!parsed.success) return fail('claims_invalid', z.prettifyError(parsed.error), undefined, kid);
    const claims = parsed.data;

    if (options.issuer !== undefined) {
      const accepted = typeof options.issuer === 'string' ? [options.issuer] : options.issuer;
      const iss = format.issuerOf?.(claims);
      if (iss === undefined || !accepted.includes(iss)) return fail('claims_invalid', `issuer ${iss ?? '(none)'} not accepted`, claims, kid);
    }

    // 6. validity window
    const now = epochSecondsOf(options.now);
    // NaN would make both comparisons false and let any pass through.
    if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date', claims, kid);
    const tolerance = clockToleranceOf(options.clockToleranceSec, format.defaultClockToleranceSec);
    if (now < claims.nbf - tolerance) return fail('not_yet_valid', `valid from ${claims.nbf}, now ${now}`, claims, kid);
    if (now >= claims.exp + tolerance) return fail('expired', `exp ${claims.exp}, now ${now}`, claims, kid);

    // 7. revocation
    let revoked: boolean;
    try {
      revoked = (await options.isRevoked(claims.jti)) !== false;
    } catch (error) {
      // Unknown status must not fast-track a vehicle; the detail tells staff why.
      return fail('revoked', `revocation status unavailable: ${errorText(error)}`, claims, kid);
    }
    if (revoked) return fail('revoked', `jti ${claims.jti}`, claims, kid);

    return { ok: true, claims, kid, header: { alg: PASS_ALG, kid, typ: format.typ } };
  };

  try {
    return await steps();
  } catch (error) {
    // Last resort only: every expected failure is mapped above.
    return fail('malformed', `unexpected: ${errorText(error)}`);
  }
}
