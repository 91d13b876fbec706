import * as z from 'zod';
import { signWithDeviceKey } from '../device/keys.js';
import { canonicalEvent } from './canonical.js';
import { unsignedEventSchema } from './event.js';
import type { SignedEvent, UnsignedEvent } from './event.js';

/** Thrown by signEvent: recording happens on the device, where a bad event is a programming error to surface at once. */
export class EventError extends Error {
  override readonly name = 'EventError';
  readonly code: 'invalid_event';
  readonly detail: string;

  constructor(detail: string) {
    super(`invalid event: ${detail}`);
    this.code = 'invalid_event';
    this.detail = detail;
  }
}

/**
 * Validates the event and signs its canonical form (RFC 8785, `sig` left
 * out) with the device key: ECDSA P-256 / SHA-256, the signature as
 * base64url IEEE P1363 r‖s. No domain prefix is needed to keep event and
 * request signatures apart: canonical JSON starts with `{`, a request
 * signing string with `KAKOU-DEVICE-V1`.
 */
export async function signEvent(unsignedEvent: UnsignedEvent, privateKey: CryptoKey): Promise<SignedEvent> {
  const parsed = unsignedEventSchema.safeParse(unsignedEvent);
  if (!parsed.success) throw new EventError(z.prettifyError(parsed.error));
  // What is signed is the validated copy, so the returned event is exactly what verifiers will check.
  const event = parsed.data;
  const sig = await signWithDeviceKey(privateKey, new TextEncoder().encode(canonicalEvent(event)));
  return { ...event, sig } as SignedEvent;
}
