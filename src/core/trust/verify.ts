import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, parseJsonBytes, verifyCompactJws, errorText } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import { trustBundleSchema } from './bundle.js';
import type { TrustBundle } from './bundle.js';
import type { BundleErrorCode } from './errors.js';
import { BUNDLE_TYP } from './sign.js';

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
  // Header checks (unverified, used only to refuse and to pick a trusted key), key lookup in `trustedKeys` only, signature.
  // `b64: false` would even change what the signature covers, so it is refused like `crit` (RFC 7515 §4.1.11).
  const verified = await verifyCompactJws(input.trim(), { typ: BUNDLE_TYP, keys: options.trustedKeys, refuseB64: true, purpose: 'bundle' });
  if (!verified.ok) {
    const { reason, detail } = describeJwsFailure(verified);
    return reason === 'crit_unsupported' ? fail('malformed', 'crit or b64 header not supported') : fail(reason, detail);
  }
  const { kid, payload: payloadBytes } = verified;

  // Payload, now authenticated.
  let raw: unknown;
  try {
    raw = parseJsonBytes(payloadBytes);
  } catch (error) {
    return fail('claims_invalid', `payload is not JSON: ${errorText(error)}`);
  }
  const parsed = trustBundleSchema.safeParse(raw);
  if (!parsed.success) return fail('claims_invalid', z.prettifyError(parsed.error));
  const bundle = parsed.data;

  const now = epochSecondsOf(options.now);
  // NaN would make both comparisons false and accept any bundle.
  if (!Number.isFinite(now)) return fail('malformed', 'verification time is not a valid date');
  const tolerance = clockToleranceOf(options.clockToleranceSec, DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC);
  if (now < bundle.iat - tolerance) return fail('not_yet_valid', `iat ${bundle.iat}, now ${now}`);
  if (now >= bundle.exp + tolerance) return fail('expired', `exp ${bundle.exp}, now ${now}`);

  return { ok: true, bundle, kid };
}

function fail(reason: BundleErrorCode, detail?: string): Failure {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
