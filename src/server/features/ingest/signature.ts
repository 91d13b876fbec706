import { KeyObject, verify } from 'node:crypto';
import { DEVICE_SIGNATURE_PATTERN } from '../../../core/device/keys.js';

/**
 * The device's ECDSA P-256 signature over an event's canonical form, checked
 * as core's verifyWithDeviceKey does (SHA-256, IEEE P1363 r‖s, the same
 * strict base64url), but with node:crypto's callback form: the work runs on
 * libuv's thread pool, so an upload's 500 verifications use every core and
 * leave the event loop free. WebCrypto in Node 20 kept about twice as much
 * of each verification on the event loop (docs/performance/server.md).
 * Never throws.
 */
export function verifyEventSignatureOffLoop(canonical: string, sig: unknown, key: KeyObject): Promise<boolean> {
  if (typeof sig !== 'string' || !DEVICE_SIGNATURE_PATTERN.test(sig)) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify('sha256', Buffer.from(canonical, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'), (error, ok) => resolve(!error && ok));
    } catch {
      resolve(false);
    }
  });
}

/** The node:crypto form of an imported device key (public P-256, as resolveDeviceVerifyKey returns it). */
export const nodeKeyOf = (key: CryptoKey): KeyObject => KeyObject.from(key);
