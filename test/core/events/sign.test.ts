import t from 'tap';
import { generateDeviceKeyPair } from '../../../src/core/device/index.js';
import { EventError, canonicalEvent, eventSchema, formatDeviceTime, signEvent, verifyEvent, verifyEventSignature } from '../../../src/core/events/index.js';
import type { SignedEvent, UnsignedEvent } from '../../../src/core/events/index.js';
import { device, makeChain } from './fixtures.js';

const chain = await makeChain(5);
const check = chain[1] as SignedEvent;
const handover = chain[3] as SignedEvent;
const other = await generateDeviceKeyPair();

t.test('signature round trip', async (t) => {
  for (const event of chain) {
    t.ok(eventSchema.safeParse(event).success, `${event.type} matches the schema`);
    t.match(event.sig, /^[A-Za-z0-9_-]{86}$/, 'P1363 r‖s, base64url');
    t.equal(await verifyEventSignature(event, device.publicJwk), true);
  }
  // The form a server gets: the JSON text of the event, parsed again.
  const uploaded: unknown = JSON.parse(JSON.stringify(check));
  t.equal(await verifyEventSignature(uploaded, device.publicJwk), true, 'after a JSON round trip');
  const raw = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    await crypto.subtle.importKey('jwk', { ...device.publicJwk }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']),
    Buffer.from(check.sig, 'base64url'),
    new TextEncoder().encode(canonicalEvent(check)),
  );
  t.equal(raw, true, 'plain Web Crypto verifies it: the signed bytes are the canonical form without sig');
  const r = await verifyEvent(uploaded, device.publicJwk);
  t.equal(r.ok, true);
});

t.test('a modified payload fails', async (t) => {
  if (check.type !== 'check') throw new Error('fixture');
  const modified = { ...check, payload: { ...check.payload, decision: 'REFUSE' as const } };
  t.equal(await verifyEventSignature(modified, device.publicJwk), false, 'decision changed');
  t.equal(await verifyEventSignature({ ...check, payload: { ...check.payload, observations: { temps: [36.5, 37.9] } } }, device.publicJwk), false, 'observation changed');
  t.equal(await verifyEventSignature({ ...check, seq: 3 }, device.publicJwk), false, 'seq changed');
  t.equal(await verifyEventSignature({ ...check, extra: 1 }, device.publicJwk), false, 'member added');
  t.equal(await verifyEventSignature(check, other.publicJwk), false, 'another device');
  t.equal(await verifyEventSignature({ ...check, sig: handover.sig }, device.publicJwk), false, "another event's signature");
  const r = await verifyEvent(modified, device.publicJwk);
  t.same(r, { ok: false, reason: 'bad_signature' });
});

t.test('verification never throws', async (t) => {
  for (const bad of [null, undefined, 42, 'x', [], {}, { sig: 'A'.repeat(86) }, { ...check, sig: 1 }, { ...check, payload: { x: Number.NaN } }, { ...check, sig: undefined }]) {
    t.equal(await verifyEventSignature(bad, device.publicJwk), false);
  }
  t.equal(await verifyEventSignature(check, { kty: 'EC', crv: 'P-256', x: 'nope', y: 'nope' }), false, 'unusable key');
  t.equal(await verifyEventSignature(check, null as never), false);
  const r = await verifyEvent({ ...check, seq: 0 }, device.publicJwk);
  t.equal(!r.ok && r.reason, 'invalid_event');
});

t.test('signEvent validates', async (t) => {
  const { sig: _sig, ...unsigned } = check;
  await t.rejects(signEvent({ ...unsigned, id: 'not-a-uuid' } as UnsignedEvent, device.privateKey), EventError);
  await t.rejects(signEvent({ ...unsigned, deviceTime: '2020-02-25T14:00:00' } as UnsignedEvent, device.privateKey), EventError, 'time without offset');
  await t.rejects(signEvent({ ...unsigned, type: 'escort_handover' } as UnsignedEvent, device.privateKey), EventError, 'payload of another type');
  await t.rejects(signEvent(check as unknown as UnsignedEvent, device.privateKey), EventError, 'already signed');
  await t.rejects(signEvent({ ...unsigned, seq: 0 } as UnsignedEvent, device.privateKey), EventError);
  const again = await signEvent(unsigned as UnsignedEvent, device.privateKey);
  t.equal(await verifyEventSignature(again, device.publicJwk), true, 're-signing gives another valid signature');
});

t.test('formatDeviceTime', async (t) => {
  const d = new Date(Date.UTC(2020, 1, 25, 6, 3, 7, 120));
  t.equal(formatDeviceTime(d, 480), '2020-02-25T14:03:07.120+08:00');
  t.equal(formatDeviceTime(d, 0), '2020-02-25T06:03:07.120+00:00');
  t.equal(formatDeviceTime(d, -330), '2020-02-25T00:33:07.120-05:30');
  t.equal(new Date(formatDeviceTime(d, 480)).getTime(), d.getTime(), 'same instant');
  t.ok(eventSchema.safeParse({ ...check, deviceTime: formatDeviceTime(d) }).success, 'the device zone is accepted by the schema');
  t.throws(() => formatDeviceTime(new Date(Number.NaN)), TypeError);
});

t.test('an invalid event is named: EventError with code and detail', async (t) => {
  const { sig: _sig, ...unsigned } = check;
  const error = await signEvent({ ...unsigned, id: 'not-a-uuid' } as UnsignedEvent, device.privateKey).catch((e: unknown) => e);
  t.type(error, EventError);
  // The detail is zod's prettified issue list: the schema's message and the member's path.
  t.match(error, { name: 'EventError', code: 'invalid_event', detail: '✖ lower-case UUID v4\n  → at id', message: 'invalid event: ✖ lower-case UUID v4\n  → at id' });
  const direct = new EventError('x');
  t.strictSame([direct.name, direct.code, direct.detail, direct.message], ['EventError', 'invalid_event', 'x', 'invalid event: x']);
});

t.test('signEvent signs the validated copy', async (t) => {
  const { sig: _sig, ...unsigned } = check;
  const signed = await signEvent(unsigned as UnsignedEvent, device.privateKey);
  const { sig, ...rest } = signed;
  t.strictSame(rest, unsigned, 'the event comes back as given, with only sig added');
  t.match(sig, /^[A-Za-z0-9_-]{85}[AQgw]$/);
});

t.test('verifyEvent results are whole', async (t) => {
  t.strictSame(await verifyEvent(JSON.parse(JSON.stringify(check)), device.publicJwk), { ok: true, event: check });
  t.strictSame(await verifyEvent({ ...check, seq: 0 }, device.publicJwk), { ok: false, reason: 'invalid_event', detail: '✖ Too small: expected number to be >=1\n  → at seq' });
  t.strictSame(await verifyEvent(check, other.publicJwk), { ok: false, reason: 'bad_signature' }, 'a valid event, signed by another device');
  t.strictSame(await verifyEvent(null, device.publicJwk), { ok: false, reason: 'invalid_event', detail: '✖ Invalid input: expected object, received null' });
});
