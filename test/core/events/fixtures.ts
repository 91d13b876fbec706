// Shared test data (no tests here; tap lists this file as skipped).
import { generateDeviceKeyPair } from '../../../src/core/device/index.js';
import { nextChainPosition, signEvent } from '../../../src/core/events/index.js';
import type { SignedEvent, UnsignedEvent } from '../../../src/core/events/index.js';
import { shiftBodies, type EventBody } from '../../helpers/event-bodies.js';

export const device = await generateDeviceKeyPair();
export const DEVICE_ID = 'dev-ks-001';

const ids = [
  '6f1c2b1e-3a4d-4c5e-8f60-7a8b9c0d1e2f',
  '0b7e5c4d-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
  'c3d4e5f6-a7b8-4c9d-a0e1-f2a3b4c5d6e7',
  '11111111-2222-4333-8444-555555555555',
  'a1b2c3d4-e5f6-4a7b-b8c9-d0e1f2a3b4c5',
  'deadbeef-0000-4000-a000-000000000001',
];

type Body = EventBody;

export const bodies: Body[] = shiftBodies(ids[2] ?? '');

/** A signed, correctly chained run of events (seq 1..n). */
export async function makeChain(n = bodies.length): Promise<SignedEvent[]> {
  const events: SignedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const position = await nextChainPosition(events.at(-1) ?? null);
    const body = bodies[i % bodies.length] as Body;
    const unsigned = {
      id: ids[i] ?? crypto.randomUUID(),
      deviceId: DEVICE_ID,
      deviceTime: `2020-02-25T14:0${i}:00.000+08:00`,
      ...position,
      ...body,
    } as UnsignedEvent;
    events.push(await signEvent(unsigned, device.privateKey));
  }
  return events;
}
