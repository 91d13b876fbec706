import t, { type Test } from 'tap';
import { signWithDeviceKey } from '../../../src/core/device/keys.js';
import { canonicalEvent, eventHash, formatDeviceTime, GENESIS_HASH, type SignedEvent } from '../../../src/core/events/index.js';
import { setup } from '../../helpers/app.js';
import { simulateDevice } from '../../helpers/device.js';
import type { IngestResult } from '../../../src/server/features/ingest/service.js';
import { sql } from 'kysely';
import { SimDevice, T0, count, enroll, ingestWorld } from '../ingest/fixtures.js';

const EVENTS = '/api/v1/devices/events';

/** Nested `depth` levels: {n:{n:…{}}}. */
const nested = (depth: number): Record<string, unknown> => {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { n: v };
  return v;
};

/**
 * Signs any object exactly as a device would, bypassing signEvent's own schema check:
 * what a hostile or buggy device can send.
 */
async function signRaw(dev: SimDevice, seq: number, prevHash: string, observations: unknown): Promise<SignedEvent> {
  const unsigned = {
    id: crypto.randomUUID(),
    deviceId: dev.id,
    seq,
    deviceTime: formatDeviceTime(new Date(T0 + seq * 60_000), 480),
    prevHash,
    type: 'check',
    payload: { passNo: null, plate: '苏E12345', observations, decision: 'MANUAL', reasons: [], ruleSetVersion: 0, bundleAgeSec: null, staffBadge: 'KS0427' },
  };
  const sig = await signWithDeviceKey(dev.keys.privateKey, new TextEncoder().encode(canonicalEvent(unsigned)));
  return { ...unsigned, sig } as SignedEvent;
}

async function scanner(t: Test) {
  const ctx = await setup(t);
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '花桥收费站入城', location: '昆山 G312 花桥', regionCode: '320583', direction: 'inbound' });
  const enrolled = await simulateDevice(ctx, checkpoint.id);
  const dev = new SimDevice(enrolled.id, { privateKey: enrolled.privateKey, publicJwk: enrolled.publicJwk });
  return { ctx, enrolled, dev };
}

t.test('an event nested 1,000 levels deep is refused on its own; the rest of the batch is acknowledged', async (t) => {
  const { ctx, enrolled, dev } = await scanner(t);
  const first = await dev.next();
  const deep = await signRaw(dev, 2, await eventHash(first), nested(1000));
  t.ok(canonicalEvent(deep).length < 16_384, 'within the size limit: only the depth is wrong');
  dev.events.push(deep);
  const third = await dev.next();
  const res = await enrolled.request('POST', EVENTS, { events: [first, deep, third] });
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  const results = (res.json() as { results: IngestResult[] }).results;
  t.same(results.map((r) => r.status), ['accepted', 'refused', 'accepted']);
  t.match(results[1], { reason: 'invalid_event', detail: /deeper than 8 levels/ });
  t.equal(await count(ctx.repos.store, 'events'), 2);
});

t.test('observations at the limits are stored; one past each limit is refused', async (t) => {
  const { ctx, enrolled, dev } = await scanner(t);
  // observations is level 1; nested(8) is 8 levels.
  const atLimits = { deep: nested(7), s: 'x'.repeat(256), list: Array(64).fill(1) };
  const cases: Array<[string, unknown, RegExp | null]> = [
    ['at every limit', atLimits, null],
    ['one level deeper', { deep: nested(8) }, /deeper than 8/],
    ['a string one longer', { s: 'x'.repeat(257) }, /string is longer than 256/],
    ['an array one longer', { list: Array(65).fill(1) }, /more than 64 items/],
    ['a member name one longer', { ['k'.repeat(257)]: 1 }, /member name is longer/],
  ];
  let prev = GENESIS_HASH;
  let seq = 1;
  for (const [what, observations, refusal] of cases) {
    const e = await signRaw(dev, seq, prev, observations);
    const r = (await enrolled.request('POST', EVENTS, { events: [e] })).json() as { results: IngestResult[] };
    if (refusal) t.match(r.results[0], { status: 'refused', reason: 'invalid_event', detail: refusal }, what);
    else {
      t.match(r.results[0], { status: 'accepted' }, what);
      prev = await eventHash(e);
      seq++;
    }
  }
  t.equal(await count(ctx.repos.store, 'events'), 1);
});

t.test('a CHECK refusal by the database refuses that event alone (savepoint), never the batch', async (t) => {
  const { store, service } = await ingestWorld(t);
  const dev = await SimDevice.create('dev-ks-101');
  await enroll(store, dev);
  const chain = await dev.chain(3);
  // A real CHECK failure raised while seq 2 is inserted, as a CHECK on the row would be. On PostgreSQL
  // a failed statement aborts the whole transaction unless it ran in a savepoint: the case that matters most.
  const ddl =
    store.engine === 'sqlite'
      ? [
          'CREATE TEMP TABLE must_be_positive (n INTEGER CHECK (n > 0))',
          'CREATE TEMP TRIGGER check_on_seq_2 BEFORE INSERT ON events WHEN NEW.seq = 2 BEGIN INSERT INTO must_be_positive VALUES (-1); END',
        ]
      : [
          // Not TEMP: a temporary table lives in one session, and the pool has several.
          'CREATE TABLE must_be_positive (n INTEGER CHECK (n > 0))',
          `CREATE FUNCTION check_on_seq_2() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF NEW.seq = 2 THEN INSERT INTO must_be_positive VALUES (-1); END IF; RETURN NEW; END $$`,
          'CREATE TRIGGER check_on_seq_2 BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION check_on_seq_2()',
        ];
  for (const statement of ddl) await sql.raw(statement).execute(store.q());
  const r = await service.ingest(dev.ingestDevice, chain);
  t.same(r.map((x) => x.status), ['accepted', 'refused', 'accepted']);
  t.match(r[1], { reason: 'invalid_event' });
  t.match(r[2], { flags: ['gap'] }, 'the refused event is a hole in the chain, and shows as one');
  t.equal(await count(store, 'events'), 2);
});
