import * as z from 'zod';
import { resolveDeviceVerifyKey, verifyWithDeviceKey } from '../device/keys.js';
import type { DeviceVerifyKey } from '../device/keys.js';
import { canonicalEvent } from './canonical.js';
import { eventSchema } from './event.js';
import type { SignedEvent } from './event.js';

/**
 * True when `sig` is the device's signature over the event's canonical form.
 * Never throws: anything malformed, unserialisable or signed by another key
 * is simply false. It says nothing about the event's shape or chain; use
 * verifyEvent for an upload.
 */
export async function verifyEventSignature(event: unknown, publicJwk: DeviceVerifyKey): Promise<boolean> {
  try {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
    const key = await resolveDeviceVerifyKey(publicJwk);
    if (!key) return false;
    return await verifyCanonicalSignature(canonicalEvent(event), (event as { sig?: unknown }).sig, key);
  } catch {
    return false;
  }
}

/**
 * The same check for a caller that already holds the event's canonical form
 * (`canonicalEvent(event)`) and the imported key: an upload computes both
 * once for hashing and storing. Never throws.
 */
export async function verifyCanonicalSignature(canonical: string, sig: unknown, key: CryptoKey): Promise<boolean> {
  return verifyWithDeviceKey(key, sig, new TextEncoder().encode(canonical));
}

export type VerifyEventResult =
  | { ok: true; event: SignedEvent }
  | { ok: false; reason: 'invalid_event' | 'bad_signature'; detail?: string };

/**
 * An uploaded event as received: shape first, then signature. Never throws.
 * The hash chain is checked over the device's events with verifyChain.
 */
export async function verifyEvent(raw: unknown, publicJwk: DeviceVerifyKey): Promise<VerifyEventResult> {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid_event', detail: z.prettifyError(parsed.error) };
  // The raw value is what was signed; the parsed copy equals it for a valid event, but checking the raw one keeps the two questions apart.
  if (!(await verifyEventSignature(raw, publicJwk))) return { ok: false, reason: 'bad_signature' };
  return { ok: true, event: parsed.data };
}
