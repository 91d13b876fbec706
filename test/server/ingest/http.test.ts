import t, { type Test } from 'tap';
import { eventHash } from '../../../src/core/events/index.js';
import { setup } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import { simulateDevice, type SimulatedDevice } from '../../helpers/device.js';
import type { IngestResult } from '../../../src/server/features/ingest/service.js';
import { MAX_BATCH_EVENTS } from '../../../src/server/features/ingest/service.js';
import { INGEST_BODY_LIMIT } from '../../../src/server/features/ingest/api.js';
import { SimDevice, count, flagsBySeq, stableRows } from './fixtures.js';

const EVENTS = '/api/v1/devices/events';
const STATE = '/api/v1/devices/events/state';

/** An enrolled scanner (through the real enrollment API) and its event chain, signed with the same key. */
async function scanner(t: Test) {
  const ctx = await setup(t);
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '花桥收费站入城', location: '昆山 G312 花桥', regionCode: '320583', direction: 'inbound' });
  const enrolled = await simulateDevice(ctx, checkpoint.id);
  const dev = new SimDevice(enrolled.id, { privateKey: enrolled.privateKey, publicJwk: enrolled.publicJwk });
  return { ctx, checkpoint, enrolled, dev };
}

async function upload(device: SimulatedDevice, events: unknown[]) {
  const res = await device.request('POST', EVENTS, { events });
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json() as { receivedAt: string; results: IngestResult[] };
}
const statuses = (r: { results: IngestResult[] }) => r.results.map((x) => (x.status === 'refused' ? `refused:${x.reason}` : x.status));

t.test('a device uploads its events through signed requests', async (t) => {
  const { ctx, enrolled, dev } = await scanner(t);
  const db = ctx.repos.store;
  const chain = await dev.chain(6);

  let state = await enrolled.request('GET', STATE);
  t.equal(state.statusCode, 200);
  t.same(state.json(), { lastSeq: null, lastHash: null }, 'nothing stored yet');

  const before = Date.now();
  const first = await upload(enrolled, [chain[4], chain[2], chain[3]]);
  t.same(statuses(first), ['accepted', 'accepted', 'accepted']);
  t.same(first.results.map((r) => r.status !== 'refused' && r.flags), [[], ['gap'], []], 'seq 3 waits for 2');
  t.ok(Date.parse(first.receivedAt) >= before - 1000 && Date.parse(first.receivedAt) <= Date.now() + 1000, 'receipt time is server time');
  const row = await db.q().selectFrom('events').select(['received_at', 'clock_offset_ms', 'device_time']).where('id', '=', chain[4]!.id).executeTakeFirstOrThrow();
  t.equal(row.received_at, first.receivedAt);
  t.equal(row.clock_offset_ms, Date.parse(first.receivedAt) - Date.parse(row.device_time));

  const second = await upload(enrolled, [chain[0], chain[1], chain[2], chain[5]]);
  t.same(statuses(second), ['accepted', 'accepted', 'duplicate', 'accepted']);
  t.same(second.results.map((r) => r.status !== 'refused' && r.flags), [[], [], [], []], 'all linked once 1 and 2 are in');
  t.same(await flagsBySeq(db, dev.id), { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] });

  const again = await upload(enrolled, chain);
  t.same(statuses(again), chain.map(() => 'duplicate'), 'the whole chain again: all duplicates');
  t.equal(await count(db, 'events'), 6);

  state = await enrolled.request('GET', STATE);
  t.same(state.json(), { lastSeq: 6, lastHash: await eventHash(chain[5]!) });
  t.ok((await db.q().selectFrom('devices').select('last_seen_at').where('id', '=', dev.id).executeTakeFirstOrThrow()).last_seen_at);
});

t.test('over HTTP, the stored rows do not depend on how uploads were split', async (t) => {
  const a = await scanner(t);
  const chain = await a.dev.chain(5);
  await upload(a.enrolled, chain);

  const b = await scanner(t);
  // The same events cannot be enrolled twice (one key, one device), so device b records its own copy of the plan.
  const chainB = await b.dev.chain(5);
  for (const batch of [[4, 2], [0], [3, 2, 1], [4]]) await upload(b.enrolled, batch.map((i) => chainB[i]));
  const shape = (rows: unknown[]) => (rows as { seq: number; gap: number; broken_link: number; fork: number }[]).map((r) => [r.seq, r.gap, r.broken_link, r.fork]).sort();
  t.same(shape(await stableRows(b.ctx.repos.store)), shape(await stableRows(a.ctx.repos.store)));
  t.same(await flagsBySeq(b.ctx.repos.store, b.dev.id), { 1: [], 2: [], 3: [], 4: [], 5: [] });
});

t.test('per-event refusals come back in a 200; the rest of the batch is stored', async (t) => {
  const { ctx, enrolled, dev } = await scanner(t);
  const chain = await dev.chain(3);
  const other = await simulateDevice(ctx, enrolled.checkpointId);
  const otherDev = new SimDevice(other.id, { privateKey: other.privateKey, publicJwk: other.publicJwk });
  const otherEvent = await otherDev.next();
  const forged = await dev.sign(2, chain[1]!.prevHash, {}, other.privateKey);
  const { sig: _s, ...unsigned } = chain[1]!;
  const conflicting = await dev.sign(2, chain[1]!.prevHash, { ...unsigned, payload: { ...unsigned.payload, decision: 'HOLD' } });

  const r = await upload(enrolled, [chain[0], otherEvent, forged, { hello: 'world' }, chain[1], conflicting, chain[2]]);
  t.same(statuses(r), ['accepted', 'refused:wrong_device', 'refused:bad_signature', 'refused:invalid_event', 'accepted', 'refused:conflict', 'accepted']);
  t.equal(await count(ctx.repos.store, 'events'), 3);
  t.equal(await count(ctx.repos.store, 'event_conflicts'), 1);

  // The other device sends our device's events: they are not its own, however valid.
  const r2 = await upload(other, [chain[0]]);
  t.same(statuses(r2), ['refused:wrong_device']);
});

t.test('batch limits', async (t) => {
  const { enrolled, dev } = await scanner(t);
  const empty = await enrolled.request('POST', EVENTS, { events: [] });
  t.equal(empty.statusCode, 400);
  t.equal(empty.json().code, 'validation');
  const e = await dev.next();
  const tooMany = await enrolled.request('POST', EVENTS, { events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => e) });
  t.equal(tooMany.statusCode, 400, `more than ${MAX_BATCH_EVENTS} events`);
  const noEvents = await enrolled.request('POST', EVENTS, { something: 'else' });
  t.equal(noEvents.statusCode, 400);
  const huge = await enrolled.request('POST', EVENTS, { events: [{ junk: 'x'.repeat(INGEST_BODY_LIMIT) }] });
  t.equal(huge.statusCode, 413, 'a body over the route limit');
  const full = await enrolled.request('POST', EVENTS, { events: Array.from({ length: MAX_BATCH_EVENTS }, () => e) });
  t.equal(full.statusCode, 200, `${MAX_BATCH_EVENTS} events (one event, repeated) are fine`);
  const answers = statuses(full.json());
  t.same([answers[0], answers.length, new Set(answers.slice(1))], ['accepted', MAX_BATCH_EVENTS, new Set(['duplicate'])]);
});

t.test('only devices may upload; only bureau staff may read', async (t) => {
  const { ctx, enrolled, dev } = await scanner(t);
  const chain = await dev.chain(2);
  await ctx.user('bureau_officer', 'officer-one');
  await ctx.user('bureau_admin', 'admin-one');
  const eId = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  await ctx.user('enterprise_user', 'alpha-one', eId);

  const anon = new Client(ctx.app);
  t.equal((await anon.request('POST', EVENTS, { events: chain })).statusCode, 401, 'anonymous upload');
  t.equal((await anon.request('GET', STATE)).statusCode, 401);

  const officer = await loggedIn(ctx.app, 'officer-one', { remoteAddress: '10.9.0.1' });
  const byOfficer = await officer.request('POST', EVENTS, { events: chain });
  t.equal(byOfficer.statusCode, 401, 'a signed-in officer is no device');
  t.equal((await officer.request('GET', STATE)).statusCode, 401);
  t.equal(await count(ctx.repos.store, 'events'), 0, 'nothing stored');

  const unsigned = await enrolled.request('POST', EVENTS, { events: chain }, { unsigned: true });
  t.equal(unsigned.statusCode, 401, 'the device without a signature');

  await upload(enrolled, [chain[1]]);
  const list = await officer.request('GET', `/api/v1/events?deviceId=${encodeURIComponent(dev.id)}`);
  t.equal(list.statusCode, 200);
  t.match(list.json(), [{ id: chain[1]!.id, seq: 2, deviceId: dev.id, flags: ['gap'], conflicts: 0, type: chain[1]!.type }]);
  t.same((await officer.request('GET', '/api/v1/events?flag=gap')).json().map((e: { id: string }) => e.id), [chain[1]!.id]);
  t.same((await officer.request('GET', '/api/v1/events?flag=fork')).json(), []);
  t.equal((await officer.request('GET', '/api/v1/events?flag=nonsense')).statusCode, 400);
  const admin = await loggedIn(ctx.app, 'admin-one', { remoteAddress: '10.9.0.2' });
  t.equal((await admin.request('GET', '/api/v1/events')).statusCode, 200);

  const enterprise = await loggedIn(ctx.app, 'alpha-one', { remoteAddress: '10.9.0.3' });
  t.equal((await enterprise.request('GET', '/api/v1/events')).statusCode, 403, 'enterprise users may not read checkpoint events');
  t.equal((await enterprise.request('POST', EVENTS, { events: chain })).statusCode, 401);
  t.equal((await anon.request('GET', '/api/v1/events')).statusCode, 401);
  t.equal((await enrolled.request('GET', '/api/v1/events')).statusCode, 401, 'a device may not read the bureau listing');
});

t.test('the endpoints are documented in /openapi.json', async (t) => {
  const ctx = await setup(t);
  const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  t.ok(doc.paths[EVENTS]?.post, 'POST /api/v1/devices/events');
  t.ok(doc.paths[STATE]?.get, 'GET /api/v1/devices/events/state');
  t.ok(doc.paths['/api/v1/events']?.get, 'GET /api/v1/events');
  t.ok(Object.keys(doc.components.schemas).some((k) => k.startsWith('DeviceEvent')), 'the event shape is a component');
  t.ok(Object.keys(doc.components.schemas).some((k) => k.startsWith('IngestResult')));
});
