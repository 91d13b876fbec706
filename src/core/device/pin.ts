import { base64url } from 'jose';

/**
 * Staff PINs, checked offline at the scanner with Web Crypto only.
 *
 * Format: `pbkdf2-sha256$<iterations>$<salt>$<hash>`, salt and hash in
 * unpadded base64url, PBKDF2-HMAC-SHA-256 over the PIN's UTF-8 bytes, a
 * 32-byte hash. The parameters travel with the hash, so the iteration count
 * can be raised later without breaking the PINs already set.
 *
 * What this is not: a secret store. A 4–6 digit PIN has at most a million
 * values, and whoever holds a hash tries them all in minutes whatever the
 * iteration count. So the staff list with its hashes goes only to enrolled
 * devices of the staff member's own checkpoint (signed, over an authenticated
 * request), and the PIN is a second factor at the device — it says which
 * enrolled staff member is at the scanner, it does not protect anything by
 * itself. Keep the iteration count one a low-end phone verifies in well under
 * a second.
 */
export const PIN_HASH_SCHEME = 'pbkdf2-sha256';
export const PIN_HASH_ITERATIONS = 100_000;
export const PIN_SALT_BYTES = 16;
export const PIN_HASH_BYTES = 32;
/** Bounds a verifier accepts: above the upper one a forged or broken record could hang the scanner. */
export const PIN_MIN_ITERATIONS = 10_000;
export const PIN_MAX_ITERATIONS = 2_000_000;

/** 4–8 digits, ASCII only (a full-width digit would hash differently from the one the staff member thinks they typed). */
export const PIN_PATTERN = /^[0-9]{4,8}$/;

const HASH_PATTERN = /^pbkdf2-sha256\$([1-9][0-9]{0,8})\$([A-Za-z0-9_-]{22,128})\$([A-Za-z0-9_-]{43})$/;

export interface ParsedPinHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/** undefined for anything that is not a well-formed hash within the accepted bounds. */
export function parsePinHash(value: unknown): ParsedPinHash | undefined {
  if (typeof value !== 'string') return undefined;
  const m = HASH_PATTERN.exec(value);
  if (!m) return undefined;
  const iterations = Number(m[1]);
  if (iterations < PIN_MIN_ITERATIONS || iterations > PIN_MAX_ITERATIONS) return undefined;
  try {
    const salt = decodeCanonical(m[2]!);
    const hash = decodeCanonical(m[3]!);
    if (!salt || !hash || salt.length < PIN_SALT_BYTES || hash.length !== PIN_HASH_BYTES) return undefined;
    return { iterations, salt, hash };
  } catch {
    return undefined;
  }
}

export function isPinHash(value: unknown): value is string {
  return parsePinHash(value) !== undefined;
}

/** PBKDF2-HMAC-SHA-256 with Web Crypto (browser and Node alike). */
export async function derivePin(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, PIN_HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/**
 * Hashes a PIN in the format above with a fresh random salt. The server has
 * its own (node:crypto) implementation; this one exists so the format is
 * defined in one place and tests can check both agree.
 */
export async function hashPinWebCrypto(pin: string, options: { iterations?: number; salt?: Uint8Array<ArrayBuffer> } = {}): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new TypeError('a PIN is 4–8 ASCII digits');
  const iterations = options.iterations ?? PIN_HASH_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < PIN_MIN_ITERATIONS || iterations > PIN_MAX_ITERATIONS) throw new RangeError('iterations out of range');
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  if (salt.length < PIN_SALT_BYTES) throw new RangeError(`salt must be at least ${PIN_SALT_BYTES} bytes`);
  const hash = await derivePin(pin, salt, iterations);
  return formatPinHash({ iterations, salt, hash });
}

export function formatPinHash(p: ParsedPinHash): string {
  return `${PIN_HASH_SCHEME}$${p.iterations}$${base64url.encode(p.salt)}$${base64url.encode(p.hash)}`;
}

/**
 * Never throws. False for a wrong PIN, a PIN that is not 4–8 digits, and a
 * malformed or out-of-bounds hash. The comparison does not stop at the first
 * differing byte.
 */
export async function verifyPin(pin: unknown, pinHash: unknown): Promise<boolean> {
  try {
    if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) return false;
    const parsed = parsePinHash(pinHash);
    if (!parsed) return false;
    const derived = await derivePin(pin, parsed.salt, parsed.iterations);
    let diff = derived.length ^ parsed.hash.length;
    for (let i = 0; i < parsed.hash.length; i++) diff |= (derived[i] ?? 0) ^ parsed.hash[i]!;
    return diff === 0;
  } catch {
    return false;
  }
}

/** Base64url's spare bits would give one hash several spellings; only the canonical one is accepted. */
function decodeCanonical(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = base64url.decode(text) as Uint8Array<ArrayBuffer>;
  return base64url.encode(bytes) === text ? bytes : undefined;
}
