import t from 'tap';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { canonicalEvent, type SignedEvent } from '../../src/core/events/index.js';
import { signDeviceRequest } from '../../src/core/device/index.js';
import { setup } from '../helpers/app.js';
import { simulateDevice } from '../helpers/device.js';
import { applyJsonEdit, contractViolation, fuzz, hostileJsonValue, jsonEdit, watchForCrashes } from '../helpers/fuzz.js';
import { JWS_CHARS } from '../helpers/jws-mutation.js';
import { SimDevice } from '../server/ingest/fixtures.js';

/**
 * POST /api/v1/devices/events through the real app: signed device requests
 * carrying genuine, mutated and random events. Invariants: never a 5xx; a
 * refusal is problem+json; an event whose signed content was changed is never
 * stored; a request whose bytes or signature headers were changed is refused
 * whole; and, checked against the database at the end, every stored event is
 * byte for byte one the device really signed.
 */
watchForCrashes(t);
const target = 'ingest endpoint';
const EVENTS = '/api/v1/devices/events';

// What is stored is on trial here, not whether it survives a power cut (the crash test's subject): the database
// lives in memory-backed /dev/shm where there is one, so each upload does not wait for a disk flush.
if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
const ctx = await setup(t);
const checkpoint = await ctx.repos.checkpoints.insert({ name: '模糊测试卡口', location: '昆山 G312', regionCode: '320583', direction: 'inbound' });
const enrolled = await simulateDevice(ctx, checkpoint.id);
const other = await simulateDevice(ctx, checkpoint.id);
const dev = new SimDevice(enrolled.id, { privateKey: enrolled.privateKey, publicJwk: enrolled.publicJwk });
const otherDev = new SimDevice(other.id, { privateKey: other.privateKey, publicJwk: other.publicJwk });
const pool: SignedEvent[] = await dev.chain(12);
const foreign: SignedEvent[] = await otherDev.chain(3);
/** What the device really signed: the only texts the events table may ever hold. */
const genuine = new Map([...pool, ...foreign].map((e) => [e.id, { canonical: canonicalEvent(e), sig: e.sig }]));

type Result = { index: number; status: string; reason?: string };

async function upload(events: unknown[], device = enrolled) {
  const res = await device.request('POST', EVENTS, { events });
  const violation = contractViolation(res);
  if (violation) throw new Error(`contract: ${violation}`);
  return res;
}

/** Same signed form and same signature: the same event, whatever the member order. */
const sameEvent = (a: object, b: object) => canonicalEvent(a) === canonicalEvent(b) && (a as { sig?: unknown }).sig === (b as { sig?: unknown }).sig;

t.test('edited events are refused, the rest of the batch is judged on its own', async (t) => {
  await fuzz(t, target, 'structurally edited events', fc.asyncProperty(fc.nat({ max: pool.length - 1 }), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), fc.nat({ max: pool.length - 1 }), async (i, edits, j) => {
    const original = pool[i]!;
    const edited = edits.reduce(applyJsonEdit, original as unknown);
    const res = await upload([edited, pool[j]!]);
    if (res.statusCode !== 200) return res.statusCode >= 400 && res.statusCode < 500;
    const [first, second] = (res.json() as { results: Result[] }).results;
    // The companion is genuine: whatever happened to the edited one, it is stored.
    if (second?.status !== 'accepted' && second?.status !== 'duplicate') return false;
    let unchanged = false;
    try {
      unchanged = typeof edited === 'object' && edited !== null && !Array.isArray(edited) && sameEvent(edited, original) && Object.keys(edited).length === Object.keys(original).length;
    } catch {
      unchanged = false;
    }
    // An edit that leaves the signed form and the signature as they were (a member reordered) is the same event.
    if (unchanged) return first?.status === 'accepted' || first?.status === 'duplicate';
    return first?.status === 'refused';
  }), 1.5);

  await fuzz(t, target, 'byte-edited event fields', fc.asyncProperty(fc.nat({ max: pool.length - 1 }), fc.constantFrom('id', 'deviceId', 'deviceTime', 'prevHash', 'sig', 'type'), fc.nat(), fc.constantFrom(...JWS_CHARS, '0', ':', '+', 'Z'), async (i, field, at, char) => {
    const original = pool[i]! as unknown as Record<string, string>;
    const value = String(original[field]);
    const k = at % value.length;
    const changed = value.slice(0, k) + char + value.slice(k + 1);
    if (changed === value) return true;
    const res = await upload([{ ...original, [field]: changed }]);
    if (res.statusCode !== 200) return res.statusCode >= 400 && res.statusCode < 500;
    return (res.json() as { results: Result[] }).results[0]?.status === 'refused';
  }), 1.5);

  await fuzz(t, target, "another device's genuine events", fc.asyncProperty(fc.nat({ max: foreign.length - 1 }), async (i) => {
    const res = await upload([foreign[i]!]);
    return res.statusCode === 200 && (res.json() as { results: Result[] }).results[0]?.status === 'refused';
  }), 0.1);
});

t.test('a request whose bytes or signature headers were changed is refused whole', async (t) => {
  const header = fc.constantFrom('x-kakou-device', 'x-kakou-timestamp', 'x-kakou-nonce', 'x-kakou-signature');
  const edit = fc.oneof(
    fc.record({ where: fc.constant('body' as const), at: fc.nat(), char: fc.constantFrom(...JWS_CHARS, ' ', '"', '{', '}', '1') }),
    fc.record({ where: header, at: fc.nat(), char: fc.constantFrom(...JWS_CHARS) }),
  );
  await fuzz(t, target, 'tampered signed requests', fc.asyncProperty(fc.nat({ max: pool.length - 1 }), edit, async (i, e) => {
    const { headers, payload } = await enrolled.sign('POST', EVENTS, { events: [pool[i]!] });
    const h = { ...headers } as Record<string, string>;
    let body = payload!;
    if (e.where === 'body') {
      const k = e.at % body.length;
      body = body.slice(0, k) + e.char + body.slice(k + 1);
      if (body === payload) return true;
    } else {
      const v = h[e.where]!;
      const k = e.at % v.length;
      const changed = v.slice(0, k) + e.char + v.slice(k + 1);
      if (changed === v) return true;
      h[e.where] = changed;
    }
    const res = await enrolled.send('POST', EVENTS, body, h);
    const violation = contractViolation(res);
    if (violation) throw new Error(`contract: ${violation}`);
    return res.statusCode === 401 || res.statusCode === 400;
  }), 1.5);

  await fuzz(t, target, 'replayed requests', fc.asyncProperty(fc.nat({ max: pool.length - 1 }), async (i) => {
    const { headers, payload } = await enrolled.sign('POST', EVENTS, { events: [pool[i]!] });
    const first = await enrolled.send('POST', EVENTS, payload, { ...headers });
    const again = await enrolled.send('POST', EVENTS, payload, { ...headers });
    return first.statusCode === 200 && again.statusCode === 401 && contractViolation(again) === null;
  }), 0.2);
});

t.test('random bodies, properly signed: a problem or per-event refusals, never a 5xx', async (t) => {
  const body = fc.oneof(
    hostileJsonValue,
    fc.record({ events: fc.array(hostileJsonValue, { maxLength: 4 }) }),
    fc.record({ events: fc.array(fc.object({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }) }),
    fc.array(jsonEdit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce(applyJsonEdit, { events: [pool[0]!, pool[1]!] } as unknown)),
  );
  await fuzz(t, target, 'random signed bodies', fc.asyncProperty(body, async (b) => {
    if (b === undefined) return true;
    const r = await enrolled.request('POST', EVENTS, b);
    const violation = contractViolation(r);
    if (violation) throw new Error(`contract: ${violation}`);
    if (r.statusCode !== 200) return r.statusCode >= 400;
    // A 200 stores only events that are byte for byte genuine; checked for the whole table at the end.
    return Array.isArray((r.json() as { results: unknown }).results);
  }), 1);

  await fuzz(t, target, 'raw bytes and content types', fc.asyncProperty(
    fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('{', '{"events":', '[]', 'null', '{"events":[{}]}', '\u0000')),
    fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data'),
    async (raw, type) => {
      // Signed over the raw text itself, so only the body's content is on trial, not the signature.
      const signed = await signDeviceRequest({ method: 'POST', path: EVENTS, body: raw, deviceId: enrolled.id, privateKey: enrolled.privateKey });
      const res = await ctx.app.inject({ method: 'POST', url: EVENTS, headers: { ...signed, 'content-type': type }, payload: raw, remoteAddress: enrolled.remoteAddress });
      const violation = contractViolation(res);
      if (violation) throw new Error(`contract: ${violation}`);
      return true;
    },
  ), 1);
});

t.test('every stored event is one the device signed, unchanged', async (t) => {
  const rows = await ctx.repos.store.q().selectFrom('events').select(['id', 'device_id', 'canonical', 'sig']).execute();
  t.ok(rows.length > 0, `${rows.length} events stored`);
  const forged = rows.filter((r) => {
    const g = genuine.get(r.id);
    return !g || g.canonical !== r.canonical || g.sig !== r.sig || (r.device_id !== enrolled.id && r.device_id !== other.id);
  });
  t.same(forged, [], 'no stored event differs from what its device signed');
  t.ok(rows.every((r) => r.device_id === enrolled.id), "no event of another device was stored through this one's uploads");
});
