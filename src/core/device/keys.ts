import { base64url } from 'jose';
import * as z from 'zod';

/**
 * Device keys are ECDSA P-256, not the Ed25519 of passes: P-256 is the curve
 * every browser's Web Crypto has implemented for years, and the scanner
 * generates its key inside the browser as non-extractable, so the private
 * key never exists outside the device's key store.
 */
export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const DEVICE_SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** 32 bytes in base64url: 43 characters; the last one carries 2 spare bits, which must be zero (canonical spelling). */
const COORDINATE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** 64 bytes (IEEE P1363 r‖s) in base64url: 86 characters; the last one carries 4 spare bits, which must be zero. */
export const DEVICE_SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/**
 * Assigned at enrollment by the server. Limited to characters that are safe
 * in an HTTP header and a log line, since it travels in `x-kakou-device`.
 */
export const deviceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'device id: 1–64 of A–Z a–z 0–9 _ . : -');

/** The public half, as the device sends it at enrollment and the server stores it. */
export const devicePublicJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(COORDINATE, 'x: 32 bytes, canonical base64url'),
  y: z.string().regex(COORDINATE, 'y: 32 bytes, canonical base64url'),
  // Refused rather than ignored: a private key sent at enrollment means the device's key handling is broken.
  d: z.undefined({ error: 'a private key has no place here' }).optional(),
});

export interface DevicePublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface DeviceKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: DevicePublicJwk;
}

/**
 * Non-extractable by default: the private key can sign but can never be read
 * back, not even by the scanner's own code. Web Crypto always lets the public
 * half be exported, which is what enrollment needs.
 */
export async function generateDeviceKeyPair(options: { extractable?: boolean } = {}): Promise<DeviceKeyPair> {
  const pair = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, options.extractable ?? false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: await exportDevicePublicJwk(pair.publicKey) };
}

export async function exportDevicePublicJwk(publicKey: CryptoKey): Promise<DevicePublicJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError('device keys must be ECDSA P-256');
  }
  // Rebuilt member by member so nothing but the public point can end up in what is sent for enrollment.
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Throws TypeError for anything that is not a public P-256 JWK (including a private one). */
export async function importDevicePublicKey(jwk: unknown): Promise<CryptoKey> {
  const parsed = devicePublicJwkSchema.safeParse(jwk);
  if (!parsed.success) throw new TypeError(`not a public P-256 JWK: ${z.prettifyError(parsed.error)}`);
  const { x, y } = parsed.data;
  // Web Crypto checks that the point is on the curve here.
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y, ext: true }, DEVICE_KEY_ALGORITHM, true, ['verify']);
}

export type DeviceVerifyKey = CryptoKey | DevicePublicJwk | JsonWebKey;

/** Never throws: a key that cannot be imported verifies nothing. */
export async function resolveDeviceVerifyKey(key: DeviceVerifyKey): Promise<CryptoKey | undefined> {
  try {
    if (isCryptoKey(key)) {
      const algorithm = key.algorithm as EcKeyAlgorithm;
      const usable = key.type === 'public' && algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256' && key.usages.includes('verify');
      return usable ? key : undefined;
    }
    return await importDevicePublicKey(key);
  } catch {
    return undefined;
  }
}

/** Web Crypto's ECDSA output is already IEEE P1363 (r‖s, 64 bytes), the form JWS ES256 uses too. */
export async function signWithDeviceKey(privateKey: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<string> {
  const signature = await crypto.subtle.sign(DEVICE_SIGNATURE_ALGORITHM, privateKey, data);
  return base64url.encode(new Uint8Array(signature));
}

/**
 * Never throws. ECDSA signatures are malleable ((r, s) and (r, n − s) both
 * verify) and Web Crypto signers do not normalise s, so a signature is proof
 * of origin only, never an identifier: events are identified by `id` and
 * chained by a hash that leaves `sig` out.
 */
export async function verifyWithDeviceKey(key: CryptoKey, signature: unknown, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (typeof signature !== 'string' || !DEVICE_SIGNATURE_PATTERN.test(signature)) return false;
  try {
    return await crypto.subtle.verify(DEVICE_SIGNATURE_ALGORITHM, key, base64url.decode(signature) as Uint8Array<ArrayBuffer>, data);
  } catch {
    return false;
  }
}

function isCryptoKey(key: unknown): key is CryptoKey {
  // `instanceof CryptoKey` fails across realms (and CryptoKey is not a global in every runtime), so check the shape.
  return typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key && 'type' in key && !('kty' in key);
}
