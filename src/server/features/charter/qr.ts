import QRCode from 'qrcode';
import { charterQrSegments, encodeCharterQrText } from '../../../core/charter/qr-text.js';
import { PASS_QR_OPTIONS } from '../passes/qr.js';

/**
 * The charter pass QR (docs/charter-pass.md, section 1): `KC1/` as an alphanumeric segment and
 * the JWS digits as a numeric one, error correction level M, exactly as the freight pass is drawn.
 */
const segmentsFor = (jws: string) => charterQrSegments(encodeCharterQrText(jws)) as unknown as QRCode.QRCodeSegment[];

export function charterQrSvg(jws: string): Promise<string> {
  return QRCode.toString(segmentsFor(jws), { ...PASS_QR_OPTIONS, type: 'svg' });
}

export function charterQrVersion(jws: string): number {
  return QRCode.create(segmentsFor(jws), PASS_QR_OPTIONS).version;
}
