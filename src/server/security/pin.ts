import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  formatPinHash,
  PIN_HASH_BYTES,
  PIN_HASH_ITERATIONS,
  PIN_PATTERN,
  PIN_SALT_BYTES,
  verifyPin as verifyPinOffline,
} from '../../core/device/pin.js';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Hashes a checkpoint staff member's PIN in the format the scanner checks
 * offline with Web Crypto (src/core/device/pin.ts):
 * `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`, PBKDF2-HMAC-SHA-256,
 * 100,000 iterations, a 16-byte random salt per hash.
 *
 * Not argon2 like portal passwords: the hash must be checkable in a browser,
 * and Web Crypto has PBKDF2 but no memory-hard function. And not a secret
 * either way: a 4–6 digit PIN falls to offline guessing in minutes whatever
 * the function, so the hashes go only to enrolled devices of the staff
 * member's own checkpoint, and the PIN is a second factor at the device
 * (who is at this scanner), never a protection in itself. The portal never
 * shows a PIN or its hash.
 */
export async function hashPin(pin: string, iterations = PIN_HASH_ITERATIONS): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new TypeError('a PIN is 4–8 ASCII digits');
  const salt = randomBytes(PIN_SALT_BYTES);
  const hash = await pbkdf2Async(pin, salt, iterations, PIN_HASH_BYTES, 'sha256');
  return formatPinHash({ iterations, salt: new Uint8Array(salt), hash: new Uint8Array(hash) });
}

/** The scanner's own verifier, so server and device can never disagree. */
export const verifyPin = verifyPinOffline;

/**
 * PINs anyone would try first: one digit repeated, a run up or down (1234,
 * 9876, 0123…), or two digits alternating (1212). Refused when set.
 */
export function isTrivialPin(pin: string): boolean {
  if (!PIN_PATTERN.test(pin)) return true;
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => (x - d[i]! + 10) % 10);
  if (steps.every((s) => s === steps[0]) && (steps[0] === 0 || steps[0] === 1 || steps[0] === 9)) return true;
  if (d.every((x, i) => x === d[i % 2])) return true;
  return false;
}
