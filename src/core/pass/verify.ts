import type { PassClaims } from './claims.js';
import { PASS_FORMAT_VERSION, passClaimsSchema } from './claims.js';
import { PassError } from './errors.js';
import { decodePassQrText } from './qr-text.js';
import { PASS_TYP } from './sign.js';
import { verifySignedQr, type SignedQrFormat, type SignedQrResult, type VerifySignedQrOptions } from './signed-qr.js';

/**
 * Generous by default: passes last days, and checkpoint devices run offline
 * with clocks that drift; a few minutes only matter at the very edges.
 */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 300;

export type VerifyPassOptions = VerifySignedQrOptions;
export type VerifyPassResult = SignedQrResult<PassClaims, typeof PASS_TYP>;

const FREIGHT_PASS: SignedQrFormat<PassClaims, typeof PASS_TYP> = {
  typ: PASS_TYP,
  version: PASS_FORMAT_VERSION,
  claims: passClaimsSchema,
  decodeQrText: decodePassQrText,
  isQrTextError: (error): error is PassError => error instanceof PassError,
  defaultClockToleranceSec: DEFAULT_CLOCK_TOLERANCE_SEC,
  issuerOf: (claims) => claims.iss,
};

/**
 * Verifies a scanned pass (QR text `KK1/…` or a bare compact JWS). Never
 * throws; every failure is a result with a reason code. Steps run in the order
 * of docs/pass-format.md (`verifySignedQr`), and nothing from the payload is
 * looked at before the signature holds.
 */
export function verifyPass(qrTextOrJws: string, options: VerifyPassOptions): Promise<VerifyPassResult> {
  return verifySignedQr(FREIGHT_PASS, qrTextOrJws, options);
}
