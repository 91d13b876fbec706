import { verifySignedQr, type SignedQrFormat, type SignedQrResult, type VerifySignedQrOptions } from '../pass/signed-qr.js';
import { CHARTER_FORMAT_VERSION, charterClaimsSchema } from './claims.js';
import type { CharterClaims } from './claims.js';
import { CharterError } from './errors.js';
import { decodeCharterQrText } from './qr-text.js';
import { CHARTER_TYP } from './sign.js';

/** As for freight passes: offline devices drift, and a few minutes only matter at the edges. */
export const DEFAULT_CHARTER_CLOCK_TOLERANCE_SEC = 300;

/** A charter pass names no issuer: the `issuer` option does not apply. */
export type VerifyCharterOptions = Omit<VerifySignedQrOptions, 'issuer'>;
export type VerifyCharterResult = SignedQrResult<CharterClaims, typeof CHARTER_TYP>;

const CHARTER_PASS: SignedQrFormat<CharterClaims, typeof CHARTER_TYP> = {
  typ: CHARTER_TYP,
  version: CHARTER_FORMAT_VERSION,
  claims: charterClaimsSchema,
  decodeQrText: decodeCharterQrText,
  isQrTextError: (error): error is CharterError => error instanceof CharterError,
  defaultClockToleranceSec: DEFAULT_CHARTER_CLOCK_TOLERANCE_SEC,
};

/**
 * Verifies a scanned charter pass (`KC1/…` or a bare compact JWS). Never
 * throws. The freight pass's steps (`verifySignedQr`), in the order of
 * docs/charter-pass.md section 5; nothing in the payload is read before the
 * signature holds.
 */
export function verifyCharterPass(qrTextOrJws: string, options: VerifyCharterOptions): Promise<VerifyCharterResult> {
  return verifySignedQr(CHARTER_PASS, qrTextOrJws, { ...options, issuer: undefined });
}
