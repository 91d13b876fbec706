import { PassError } from './errors.js';

/**
 * QR content = prefix + the JWS with every character written as two decimal
 * digits (char code − 45), as SMART Health Cards do. Numeric mode packs 3
 * digits into 10 bits, i.e. 6.67 bits per JWS character instead of 8 in byte
 * mode, which saves QR versions. The prefix uses only QR alphanumeric
 * characters (upper-case, digits, `/`) so it fits a compact alphanumeric
 * segment in front of the numeric one; the version digit lets a scanner tell
 * "newer format" from "not ours".
 */
export const PASS_QR_PREFIX = 'KK1/';

// '-' (45) is the lowest and 'z' (122) the highest character of base64url
// plus '.', so every JWS character maps to 00..77.
const OFFSET = 45;
const MAX_PAIR = 122 - OFFSET;

const PREFIX_SHAPE = /^KK(\d+)\//i;

export interface PassQrAlphanumericSegment {
  data: string;
  mode: 'alphanumeric';
}
export interface PassQrNumericSegment {
  data: string;
  mode: 'numeric';
}
/** Structurally compatible with the `qrcode` package's segment list. */
export type PassQrSegments = [PassQrAlphanumericSegment, PassQrNumericSegment];

export function encodePassQrText(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) {
    const value = jws.charCodeAt(i) - OFFSET;
    if (value < 0 || value > MAX_PAIR) {
      throw new PassError('malformed', `character at ${i} cannot appear in a compact JWS`);
    }
    digits += value < 10 ? `0${value}` : String(value);
  }
  if (digits.length === 0) throw new PassError('malformed', 'empty JWS');
  return PASS_QR_PREFIX + digits;
}

/**
 * Inverse of encodePassQrText. Surrounding whitespace is ignored and the prefix
 * is matched case-insensitively, because keyboard-wedge scanners append CR/LF
 * and some apply the host's caps-lock state to letters.
 */
export function decodePassQrText(text: string): string {
  const trimmed = text.trim();
  const shape = PREFIX_SHAPE.exec(trimmed);
  if (!shape) throw new PassError('bad_prefix');
  if (shape[0].toUpperCase() !== PASS_QR_PREFIX) {
    throw new PassError('unsupported_version', `QR format version ${shape[1] ?? '?'}`);
  }
  const digits = trimmed.slice(shape[0].length);
  if (digits.length === 0) throw new PassError('malformed', 'no data after prefix');
  if (!/^[0-9]+$/.test(digits)) throw new PassError('malformed', 'non-digit after prefix');
  if (digits.length % 2 !== 0) throw new PassError('malformed', 'odd number of digits');
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    if (value > MAX_PAIR) throw new PassError('malformed', `digit pair ${value} at ${i} out of range`);
    jws += String.fromCharCode(value + OFFSET);
  }
  return jws;
}

/**
 * Segments for `QRCode.create(segments, …)` / `toDataURL` etc. of the `qrcode`
 * package. Passing the whole text as one string would let the library pick
 * byte mode for everything, losing the size advantage.
 */
export function passQrSegments(text: string): PassQrSegments {
  if (!text.startsWith(PASS_QR_PREFIX)) throw new PassError('bad_prefix');
  const digits = text.slice(PASS_QR_PREFIX.length);
  if (!/^[0-9]+$/.test(digits)) throw new PassError('malformed', 'non-digit after prefix');
  return [
    { data: PASS_QR_PREFIX, mode: 'alphanumeric' },
    { data: digits, mode: 'numeric' },
  ];
}
