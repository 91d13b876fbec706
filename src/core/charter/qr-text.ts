import { CharterError } from './errors.js';

/**
 * QR content = `KC1/` + the JWS with every character written as two digits
 * (char code − 45), the freight pass's encoding (docs/pass-format.md,
 * section 1) under its own prefix: `KC` tells a scanner "charter pass" before
 * any decoding, so one scanner screen can take either code and open the
 * right flow, and a freight scanner that only knows `KK` says `bad_prefix`
 * instead of a confusing signature error.
 */
export const CHARTER_QR_PREFIX = 'KC1/';

const OFFSET = 45;
const MAX_PAIR = 122 - OFFSET;
const PREFIX_SHAPE = /^KC(\d+)\//i;

export type CharterQrSegments = [{ data: string; mode: 'alphanumeric' }, { data: string; mode: 'numeric' }];

export function encodeCharterQrText(jws: string): string {
  if (jws.length === 0) throw new CharterError('malformed', 'empty JWS');
  let digits = '';
  for (let i = 0; i < jws.length; i++) {
    const value = jws.charCodeAt(i) - OFFSET;
    if (value < 0 || value > MAX_PAIR) throw new CharterError('malformed', `character at ${i} cannot appear in a compact JWS`);
    digits += value < 10 ? `0${value}` : String(value);
  }
  return CHARTER_QR_PREFIX + digits;
}

/** Inverse of encodeCharterQrText; whitespace around and the prefix's letter case are ignored (keyboard-wedge scanners). */
export function decodeCharterQrText(text: string): string {
  const trimmed = text.trim();
  const shape = PREFIX_SHAPE.exec(trimmed);
  if (!shape) throw new CharterError('bad_prefix');
  if (shape[0].toUpperCase() !== CHARTER_QR_PREFIX) throw new CharterError('unsupported_version', `QR format version ${shape[1] ?? '?'}`);
  const digits = trimmed.slice(shape[0].length);
  if (!/^(?:[0-9]{2})+$/.test(digits)) throw new CharterError('malformed', 'expected a non-empty, even number of digits');
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    if (value > MAX_PAIR) throw new CharterError('malformed', `digit pair ${value} at ${i} out of range`);
    jws += String.fromCharCode(value + OFFSET);
  }
  return jws;
}

/** Segments for the `qrcode` package: one string would make it pick byte mode and a bigger code. */
export function charterQrSegments(text: string): CharterQrSegments {
  if (!text.startsWith(CHARTER_QR_PREFIX)) throw new CharterError('bad_prefix');
  const digits = text.slice(CHARTER_QR_PREFIX.length);
  if (!/^[0-9]+$/.test(digits)) throw new CharterError('malformed', 'non-digit after prefix');
  return [
    { data: CHARTER_QR_PREFIX, mode: 'alphanumeric' },
    { data: digits, mode: 'numeric' },
  ];
}
