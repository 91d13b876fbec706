import QRCode from 'qrcode';
import { encodePassQrText, passQrSegments } from '../../../core/pass/index.js';

// Error correction M: survives a crease or a smudge on paper without growing the code much (SMART Health Cards use L; paper at checkpoints gets rougher treatment).
export const PASS_QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;
const OPTIONS = PASS_QR_OPTIONS;

const segmentsFor = (token: string) => passQrSegments(encodePassQrText(token)) as unknown as QRCode.QRCodeSegment[];

export function passQrSvg(token: string): Promise<string> {
  return QRCode.toString(segmentsFor(token), { ...OPTIONS, type: 'svg' });
}

export function passQrPng(token: string, width = 720): Promise<Buffer> {
  return QRCode.toBuffer(segmentsFor(token), { ...OPTIONS, type: 'png', width });
}

export function passQrVersion(token: string): number {
  return QRCode.create(segmentsFor(token), OPTIONS).version;
}
