import t, { type Test } from 'tap';
import * as z from 'zod';
import { GENESIS_HASH, canonicalEvent, eventHash, eventSchema, signEvent, type SignedEvent, type UnsignedEvent } from '../../../src/core/events/index.js';
import { ingestService } from '../../../src/server/features/ingest/service.js';
import { SimDevice, T0, count, enroll, flagsBySeq, stableRows, statuses, withMemoryIngest } from './fixtures.js';

const RECEIVED = new Date(T0 + 3_600_000 + 1234);

async function world(t: Test) {
  const x = withMemoryIngest(t);
  const dev = await SimDevice.create('dev-ks-001');
  enroll(x.db, dev);
  return { ...x, dev };
}

t.test('a batch in order is stored as sent, with receipt time and clock offset', async (t) => {
  const { db, service, repos, dev } = await world(t);
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'connection commits with synchronous=FULL');
  const chain = await dev.chain(5);
  const results = await service.ingest(dev.ingestDevice, chain, RECEIVED);
  t.same(results, chain.map((e, index) => ({ index, id: e.id, status: 'accepted', flags: [] })));
  t.equal(count(db, 'events'), 5);

  for (const e of chain) {
    const stored = (await repos.events.get(e.id))!;
    t.equal(stored.canonical, canonicalEvent(e), `seq ${e.seq}: canonical is exactly what was signed`);
    t.equal(stored.hash, await eventHash(e), 'hash is the eventHash');
    t.equal(stored.sig, e.sig);
    t.equal(stored.prevHash, e.prevHash);
    t.equal(stored.deviceTime, e.deviceTime, 'device time as the device wrote it');
    t.same(stored.payload, e.payload);
    t.equal(stored.receivedAt, RECEIVED.toISOString());
    t.equal(stored.clockOffsetMs, RECEIVED.getTime() - Date.parse(e.deviceTime), 'received − device time');
    t.same(stored.flags, []);
  }
  // The device clock said 14:01 (+08:00) for seq 1; receipt was 15:00:01.234 China time.
  t.equal((await repos.events.get(chain[0]!.id))!.clockOffsetMs, 59 * 60_000 + 1234);
  t.same(await service.state(dev.id), { lastSeq: 5, lastHash: await eventHash(chain[4]!) });
  t.same(await service.state('dev-unknown'), { lastSeq: null, lastHash: null });
  const seen = db.prepare('SELECT last_seen_at FROM devices WHERE id = ?').get(dev.id) as { last_seen_at: string };
  t.equal(seen.last_seen_at, RECEIVED.toISOString(), 'device last_seen_at recorded');
  await service.ingest(dev.ingestDevice, [chain[0]], new Date(T0));
  t.equal((db.prepare('SELECT last_seen_at FROM devices WHERE id = ?').get(dev.id) as { last_seen_at: string }).last_seen_at, RECEIVED.toISOString(), 'never moves back');
});

t.test('out of order, one event per batch (5,3,4,1,2): flags follow what is stored and end clear', async (t) => {
  const { db, service, dev } = await world(t);
  await dev.chain(5);
  const step = async (n: number) => {
    const [r] = await service.ingest(dev.ingestDevice, [dev.seq(n)], RECEIVED);
    t.equal(r?.status, 'accepted', `seq ${n} accepted`);
    return flagsBySeq(db, dev.id);
  };
  t.same(await step(5), { 5: ['gap'] });
  t.same(await step(3), { 3: ['gap'], 5: ['gap'] });
  t.same(await step(4), { 3: ['gap'], 4: [], 5: [] }, 'the gap before 5 is filled and the link holds');
  t.same(await step(1), { 1: [], 3: ['gap'], 4: [], 5: [] });
  t.same(await step(2), { 1: [], 2: [], 3: [], 4: [], 5: [] }, 'no flags once all are in');
});

t.test('out of order within one batch: the answers carry the flags after the whole batch', async (t) => {
  const { db, service, dev } = await world(t);
  await dev.chain(5);
  const order = [5, 3, 4, 1, 2];
  const results = await service.ingest(dev.ingestDevice, order.map((n) => dev.seq(n)), RECEIVED);
  t.same(statuses(results), ['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
  t.same(results.map((r) => r.status !== 'refused' && r.flags), [[], [], [], [], []]);
  t.same(results.map((r) => r.id), order.map((n) => dev.seq(n).id), 'answers in upload order');
  t.same(flagsBySeq(db, dev.id), { 1: [], 2: [], 3: [], 4: [], 5: [] });
});

t.test('a repeated batch is all duplicates and changes nothing', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(4);
  await service.ingest(dev.ingestDevice, chain, RECEIVED);
  const before = db.prepare('SELECT * FROM events ORDER BY id').all();
  const again = await service.ingest(dev.ingestDevice, chain, new Date(RECEIVED.getTime() + 60_000));
  t.same(again, chain.map((e, index) => ({ index, id: e.id, status: 'duplicate', flags: [] })));
  t.same(db.prepare('SELECT * FROM events ORDER BY id').all(), before, 'no new rows, first receipt time kept');
  t.equal(count(db, 'event_conflicts'), 0);

  const twice = await service.ingest(dev.ingestDevice, [dev.seq(1), dev.seq(1)], RECEIVED);
  t.same(statuses(twice), ['duplicate', 'duplicate']);

  const dev2 = await SimDevice.create('dev-ks-002');
  enroll(db, dev2);
  const e = await dev2.next();
  t.same(statuses(await service.ingest(dev2.ingestDevice, [e, e], RECEIVED)), ['accepted', 'duplicate'], 'the same event twice in one batch');
});

t.test('re-split batches end in the same rows as one batch', async (t) => {
  const one = await world(t);
  const chain = await one.dev.chain(7);
  await one.service.ingest(one.dev.ingestDevice, chain, RECEIVED);

  const split = withMemoryIngest(t);
  enroll(split.db, one.dev);
  const batches = [[chain[0], chain[1], chain[2]], [chain[1], chain[2], chain[3], chain[4]], [chain[6]], [chain[4], chain[5], chain[6]]];
  const answers = [];
  for (const b of batches) answers.push(statuses(await split.service.ingest(one.dev.ingestDevice, b, RECEIVED)));
  t.same(answers, [
    ['accepted', 'accepted', 'accepted'],
    ['duplicate', 'duplicate', 'accepted', 'accepted'],
    ['accepted'],
    ['duplicate', 'accepted', 'duplicate'],
  ]);
  t.same(stableRows(split.db), stableRows(one.db));
});

t.test('a conflicting duplicate is refused, kept for review, and the original is unchanged', async (t) => {
  const { db, repos, service, dev } = await world(t);
  const chain = await dev.chain(3);
  await service.ingest(dev.ingestDevice, chain, RECEIVED);
  const original = db.prepare('SELECT * FROM events WHERE id = ?').get(chain[1]!.id);

  // Same id, other payload, validly signed by the device itself.
  const { sig: _sig, ...unsigned } = chain[1]!;
  const twin = await signEvent({ ...unsigned, payload: { ...unsigned.payload, decision: 'REFUSE' } } as UnsignedEvent, dev.keys.privateKey);
  const [r] = await service.ingest(dev.ingestDevice, [twin], new Date(RECEIVED.getTime() + 1000));
  t.match(r, { index: 0, id: twin.id, status: 'refused', reason: 'conflict' });
  t.same(db.prepare('SELECT * FROM events WHERE id = ?').get(chain[1]!.id), original, 'original row unchanged');
  t.equal(count(db, 'events'), 3, 'nothing new stored');

  const conflicts = await repos.events.conflicts(twin.id);
  t.equal(conflicts.length, 1);
  t.match(conflicts[0], {
    eventId: twin.id, deviceId: dev.id, hash: await eventHash(twin), canonical: canonicalEvent(twin), sig: twin.sig, attempts: 1,
    firstReceivedAt: new Date(RECEIVED.getTime() + 1000).toISOString(),
  });
  t.equal((await repos.events.get(twin.id))!.conflicts, 1, 'the stored event shows it has a twin');
  const audit = (await repos.audit.list({ action: 'event.conflict', limit: 10 }));
  t.equal(audit.length, 1, 'flagged for the bureau in the audit log');
  t.match(audit[0], { actorType: 'device', actorName: dev.id, subjectType: 'event', subjectId: twin.id });

  // Sent again: still refused, counted, not duplicated; the stored event still answers as a duplicate.
  const later = new Date(RECEIVED.getTime() + 5000);
  t.same(statuses(await service.ingest(dev.ingestDevice, [twin, chain[1]], later)), ['refused:conflict', 'duplicate']);
  t.match(await repos.events.conflicts(twin.id), [{ attempts: 2, lastReceivedAt: later.toISOString() }]);
  t.equal((await repos.audit.list({ action: 'event.conflict', limit: 10 })).length, 1, 'one audit entry per distinct twin');
  t.same((await repos.events.list({ flag: 'conflict', limit: 10 })).map((e) => e.id), [chain[1]!.id]);

  // A signature-only difference (ECDSA signs afresh each time) is the same event.
  const resigned = await signEvent(unsigned as UnsignedEvent, dev.keys.privateKey);
  t.not(resigned.sig, chain[1]!.sig);
  t.same(statuses(await service.ingest(dev.ingestDevice, [resigned], later)), ['duplicate']);
  t.equal((await repos.events.get(chain[1]!.id))!.sig, chain[1]!.sig, 'the first signature is kept');
});

t.test('an id another transaction stored after the upload read what is stored answers duplicate or conflict, and is stored once', async (t) => {
  const { db, repos, service, dev } = await world(t);
  const chain = await dev.chain(4);
  await service.ingest(dev.ingestDevice, chain.slice(0, 2), RECEIVED);
  const { sig: _sig, ...unsigned } = chain[1]!;
  const twin = await signEvent({ ...unsigned, payload: { ...unsigned.payload, decision: 'REFUSE' } } as UnsignedEvent, dev.keys.privateKey);
  const receipts = async () => (await repos.audit.list({ action: 'device.event', limit: 100 })).length;
  const before = await receipts();
  // On PostgreSQL another device's upload can store an id between this upload's read and its insert (the device
  // locks differ): the read saw nothing, and ON CONFLICT DO NOTHING skips the row. Here the read is made to miss.
  const storedOf = repos.events.storedOf;
  repos.events.storedOf = async () => {
    repos.events.storedOf = storedOf;
    return new Map();
  };
  const r = await service.ingest(dev.ingestDevice, [chain[0], twin, chain[2], chain[0], chain[3]], new Date(RECEIVED.getTime() + 1000));
  t.same(statuses(r), ['duplicate', 'refused:conflict', 'accepted', 'duplicate', 'accepted'], 'judged against what is stored now');
  t.equal(count(db, 'events'), 4, 'each event stored once');
  t.equal((await receipts()) - before, 2, 'a receipt for each event this upload stored, none for the others');
  t.match(await repos.events.conflicts(twin.id), [{ hash: await eventHash(twin), attempts: 1 }], 'the twin kept for review');
  t.same(flagsBySeq(db, dev.id), { 1: [], 2: [], 3: [], 4: [] });
});

t.test('a real gap is flagged and stays flagged', async (t) => {
  const { db, service, dev, repos } = await world(t);
  await dev.chain(6);
  const r = await service.ingest(dev.ingestDevice, [dev.seq(1), dev.seq(2), dev.seq(4)], RECEIVED);
  t.same(r.map((x) => x.status !== 'refused' && x.flags), [[], [], ['gap']], 'the answer says so');
  await service.ingest(dev.ingestDevice, [dev.seq(5), dev.seq(6)], RECEIVED);
  t.same(flagsBySeq(db, dev.id), { 1: [], 2: [], 4: ['gap'], 5: [], 6: [] });
  t.same((await repos.events.list({ flag: 'gap', limit: 10 })).map((e) => e.seq), [4]);
  t.same((await service.state(dev.id)).lastSeq, 6);
});

t.test('a broken link is stored and flagged', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(4);
  // Seq 3 re-recorded with a prevHash that is not seq 2's hash, signed by the device key.
  const forged = await dev.sign(3, GENESIS_HASH);
  const r = await service.ingest(dev.ingestDevice, [chain[0], chain[1], forged], RECEIVED);
  t.same(r.map((x) => x.status !== 'refused' && x.flags), [[], [], ['broken_link']]);

  // The real seq 3 arrives: two events with seq 3 are a fork; seq 4 links to the real one.
  await service.ingest(dev.ingestDevice, [chain[3], chain[2]], RECEIVED);
  const rows = db.prepare('SELECT id, gap, broken_link, fork FROM events WHERE seq = 3 ORDER BY id').all() as { id: string; broken_link: number; fork: number }[];
  const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
  t.match(byId[forged.id], { broken_link: 1, fork: 1 });
  t.match(byId[chain[2]!.id], { broken_link: 0, fork: 1 });
  t.same(flagsBySeq(db, dev.id)['4'], [], 'seq 4 links to one of the events at seq 3');

  // Seq 1 must start from the genesis hash.
  const dev2 = await SimDevice.create('dev-ks-002');
  enroll(db, dev2);
  const bad1 = await dev2.sign(1, await eventHash(chain[0]!));
  const [b] = await service.ingest(dev2.ingestDevice, [bad1], RECEIVED);
  t.same(b && b.status !== 'refused' && b.flags, ['broken_link']);
});

t.test('a fork: two different events with one seq are both stored and flagged', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(3);
  const twinOf2 = await dev.sign(2, chain[1]!.prevHash, { type: 'staff_sign_out', payload: { staffBadge: 'KS0001' } });
  const r = await service.ingest(dev.ingestDevice, [...chain, twinOf2], RECEIVED);
  t.same(statuses(r), ['accepted', 'accepted', 'accepted', 'accepted']);
  t.same(r.map((x) => x.status !== 'refused' && x.flags), [[], ['fork'], [], ['fork']]);
  t.same(flagsBySeq(db, dev.id), { 1: [], 2: ['fork'], "2'": ['fork'], 3: [] });
});

t.test("an event id already stored for another device is a conflict; the rest of the batch is stored", async (t) => {
  const { db, repos, service, dev } = await world(t);
  const mine = await dev.chain(2);
  await service.ingest(dev.ingestDevice, mine, RECEIVED);
  const original = db.prepare('SELECT * FROM events WHERE id = ?').get(mine[0]!.id);

  // Another enrolled device signs, with its own key, an event that reuses the id.
  const other = await SimDevice.create('dev-ks-010');
  enroll(db, other);
  const first = await other.next();
  const reused = await other.next({ id: mine[0]!.id });
  const third = await other.next();
  const at = new Date(RECEIVED.getTime() + 2000);
  const r = await service.ingest(other.ingestDevice, [first, reused, third], at);
  t.same(statuses(r), ['accepted', 'refused:conflict', 'accepted']);
  t.match(r[1], { index: 1, id: mine[0]!.id, status: 'refused', reason: 'conflict' });

  t.same(db.prepare('SELECT * FROM events WHERE id = ?').get(mine[0]!.id), original, 'the stored event is unchanged');
  t.equal(count(db, 'events'), 4, 'two of each device');
  t.same(flagsBySeq(db, other.id), { 1: [], 3: ['gap'] }, 'the other device keeps its other events; seq 2 is missing');
  t.match(await repos.events.conflicts(mine[0]!.id), [
    { eventId: mine[0]!.id, deviceId: other.id, hash: await eventHash(reused), sig: reused.sig, attempts: 1, firstReceivedAt: at.toISOString() },
  ]);
  t.match((await repos.audit.list({ action: 'event.conflict', limit: 10 })), [
    { actorType: 'device', actorName: other.id, subjectType: 'event', subjectId: mine[0]!.id, detail: { storedDeviceId: dev.id } },
  ]);
});

t.test('refusals: bad shape, another device, bad signature; the valid events of the batch are stored', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(3);
  const other = await SimDevice.create('dev-ks-009');
  enroll(db, other);
  const otherKeySigned = await dev.sign(2, chain[0]!.prevHash, { id: crypto.randomUUID() }, other.keys.privateKey);
  const otherDevice = await other.next();
  const tampered: SignedEvent = { ...chain[1]!, deviceTime: '2020-02-25T14:59:00.000+08:00' };
  const extra = { ...chain[2]!, note: 'x' };
  const upper = { ...chain[2]!, id: chain[2]!.id.toUpperCase() };

  const batch: unknown[] = [chain[0], otherKeySigned, otherDevice, tampered, 'junk', null, extra, upper, { id: 42 }, chain[2]];
  const r = await service.ingest(dev.ingestDevice, batch, RECEIVED);
  t.same(statuses(r), [
    'accepted',
    'refused:bad_signature',
    'refused:wrong_device',
    'refused:bad_signature',
    'refused:invalid_event',
    'refused:invalid_event',
    'refused:invalid_event',
    'refused:invalid_event',
    'refused:invalid_event',
    'accepted',
  ]);
  t.same(r.map((x) => x.id), [chain[0]!.id, otherKeySigned.id, otherDevice.id, tampered.id, null, null, extra.id, upper.id, null, chain[2]!.id]);
  t.same(r.map((x) => x.index), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.match(r[6], { detail: /note/ }, 'the detail names the problem');
  t.same(flagsBySeq(db, dev.id), { 1: [], 3: ['gap'] }, 'only the valid events are stored; the hole is flagged');
  t.equal(count(db, 'event_conflicts'), 0, 'refused events leave no trace but the answer');

  // A device whose key cannot be used verifies nothing.
  const broken = { id: dev.id, publicJwk: { kty: 'EC', crv: 'P-256', x: 'nope', y: 'nope' } as JsonWebKey };
  t.same(statuses(await service.ingest(broken, [chain[1]], RECEIVED)), ['refused:bad_signature']);

  // An oversized event (observations are free-form) is refused before its signature is checked.
  const big = await dev.sign(4, await eventHash(chain[2]!), {
    type: 'check',
    payload: { passNo: null, plate: '苏E12345', observations: { a: Array(60).fill('x'.repeat(250)), b: Array(60).fill('y'.repeat(250)) }, decision: 'MANUAL', reasons: [], ruleSetVersion: 0, bundleAgeSec: null, staffBadge: 'KS0427' },
  });
  t.match(await service.ingest(dev.ingestDevice, [big], RECEIVED), [{ status: 'refused', reason: 'invalid_event', detail: /longer than/ }]);
});

t.test('a database failure mid-batch rolls back the whole batch', async (t) => {
  const { db, repos, service, dev } = await world(t);
  const chain = await dev.chain(5);
  await service.ingest(dev.ingestDevice, [chain[0]], RECEIVED);
  const { sig: _sig, ...first } = chain[0]!;
  const conflictTwin = await signEvent({ ...first, deviceTime: '2020-02-25T14:30:00.000+08:00' } as UnsignedEvent, dev.keys.privateKey);
  const before = db.prepare('SELECT * FROM events ORDER BY id').all();
  const auditBefore = (await repos.audit.list({ limit: 100 })).length;

  db.exec("CREATE TEMP TRIGGER fail_on_seq_4 BEFORE INSERT ON events WHEN NEW.seq = 4 BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  await t.rejects(service.ingest(dev.ingestDevice, [conflictTwin, chain[1], chain[2], chain[3], chain[4]], RECEIVED), /injected failure/);
  t.same(db.prepare('SELECT * FROM events ORDER BY id').all(), before, 'events 2 and 3, inserted before the failure, are gone');
  t.equal(count(db, 'event_conflicts'), 0, 'the conflict recorded before the failure is gone');
  t.equal((await repos.audit.list({ limit: 100 })).length, auditBefore, 'and its audit entry');
  t.equal(db.inTransaction, false);

  db.exec('DROP TRIGGER fail_on_seq_4');
  const r = await service.ingest(dev.ingestDevice, [conflictTwin, ...chain.slice(1)], RECEIVED);
  t.same(statuses(r), ['refused:conflict', 'accepted', 'accepted', 'accepted', 'accepted'], 'the device resends; all goes in');
});

t.test('a row the database refuses (a CHECK) is refused alone; the rest of the batch is stored', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(5);
  // A constraint the event schema does not know of, refusing seq 3 only: the upload's one-statement
  // insert fails, and the service falls back to one savepoint per event.
  db.exec('ALTER TABLE events ADD COLUMN probe_ok INTEGER GENERATED ALWAYS AS (seq <> 3) VIRTUAL CHECK (probe_ok)');
  const r = await service.ingest(dev.ingestDevice, chain, RECEIVED);
  t.same(statuses(r), ['accepted', 'accepted', 'refused:invalid_event', 'accepted', 'accepted']);
  t.match(r[2], { id: chain[2]!.id, detail: 'the event could not be stored as sent' });
  t.same(flagsBySeq(db, dev.id), { 1: [], 2: [], 4: ['gap'], 5: [] }, 'seq 4 follows a missing event');
  t.same(
    db.prepare("SELECT subject_id FROM audit_log WHERE action = 'device.event' ORDER BY seq").pluck().all(),
    [chain[0]!.id, chain[1]!.id, chain[3]!.id, chain[4]!.id],
    'one receipt in the audit log per stored event, none for the refused one',
  );
  t.equal(db.inTransaction, false);
});

t.test('stored events are immutable except their flags', async (t) => {
  const { db, service, dev } = await world(t);
  const chain = await dev.chain(2);
  await service.ingest(dev.ingestDevice, chain, RECEIVED);
  t.throws(() => db.prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run(), /immutable/);
  t.throws(() => db.prepare("UPDATE events SET sig = 'x'").run(), /immutable/);
  t.throws(() => db.prepare('DELETE FROM events').run(), /never deleted/);
  t.doesNotThrow(() => db.prepare('UPDATE events SET gap = 0').run(), 'flags may change');
  t.throws(() => db.prepare("UPDATE events SET gap = 2").run(), /CHECK constraint/);
  t.throws(
    () => db.prepare("INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig) VALUES ('x', 'nobody', 1, 't', 't', 0, ?, ?, 'check', '{}', '{}', 's')").run(GENESIS_HASH, GENESIS_HASH),
    /FOREIGN KEY/,
    'events belong to an enrolled device',
  );
});

/** A copy of `event` with other content, validly signed by the same device: a twin. */
async function twinOf(dev: SimDevice, event: SignedEvent, minute: number): Promise<SignedEvent> {
  const { sig: _sig, ...unsigned } = event;
  return signEvent({ ...unsigned, deviceTime: `2020-02-25T14:${String(minute).padStart(2, '0')}:00.000+08:00` } as UnsignedEvent, dev.keys.privateKey);
}

t.test('answers name the event when they can, and say why in full', async (t) => {
  const { service, dev } = await world(t);
  const long = 'y'.repeat(64);
  const raws: unknown[] = [null, 'an event', 42, { id: 'x'.repeat(65) }, { id: long }, { id: 7 }];
  const r = await service.ingest(dev.ingestDevice, raws, RECEIVED);
  t.same(
    r.map((x) => [x.index, x.status, x.id]),
    [[0, 'refused', null], [1, 'refused', null], [2, 'refused', null], [3, 'refused', null], [4, 'refused', long], [5, 'refused', null]],
    'an id of up to 64 characters is named; anything else is not an id',
  );
  // An explanation is given whole up to 500 characters, and cut to 500 beyond, the last an ellipsis. An
  // unknown member's name is part of it, so its length sets the explanation's.
  const [base] = await dev.chain(1);
  const withMember = (n: number) => ({ ...base!, ['m'.repeat(n)]: 1 });
  const explain = (raw: unknown) => z.prettifyError(eventSchema.safeParse(raw).error!);
  const fits = 500 - (explain(withMember(1)).length - 1);
  t.equal(explain(withMember(fits)).length, 500);
  const [whole, cut] = await service.ingest(dev.ingestDevice, [withMember(fits), withMember(fits + 1)], RECEIVED);
  t.equal(whole!.status === 'refused' && whole!.detail, explain(withMember(fits)), '500 characters: whole');
  t.equal(cut!.status === 'refused' && cut!.detail, `${explain(withMember(fits + 1)).slice(0, 499)}…`, '501: cut');
  // A short one is given whole.
  const wrongTime = { ...(await dev.chain(1))[0]!, deviceTime: 'yesterday' };
  const [time] = await service.ingest(dev.ingestDevice, [wrongTime], RECEIVED);
  t.equal(time!.status === 'refused' && time!.detail, z.prettifyError(eventSchema.safeParse(wrongTime).error!));

  const other = await SimDevice.create('dev-ks-002');
  const [foreign] = await service.ingest(dev.ingestDevice, await other.chain(1), RECEIVED);
  t.same(foreign, { index: 0, id: other.seq(1).id, status: 'refused', reason: 'wrong_device', detail: 'event of device dev-ks-002' });

  const mine = await dev.chain(1);
  await service.ingest(dev.ingestDevice, mine, RECEIVED);
  const [conflict] = await service.ingest(dev.ingestDevice, [await twinOf(dev, mine[0]!, 31)], RECEIVED);
  t.same(conflict, {
    index: 0, id: mine[0]!.id, status: 'refused', reason: 'conflict',
    detail: `event ${mine[0]!.id} is stored with other content; this version is kept for review`,
  });
  t.same(await service.ingest(dev.ingestDevice, [], RECEIVED), [], 'an empty upload has no answers');
});

t.test('the stored hash is the SHA-256 of the canonical event, as the devices compute it', async (t) => {
  const { db, service, dev } = await world(t);
  const [e] = await dev.chain(1);
  await service.ingest(dev.ingestDevice, [e], RECEIVED);
  const row = db.prepare('SELECT hash, typeof(hash) AS kind FROM events WHERE id = ?').get(e!.id) as { hash: unknown; kind: string };
  t.same(row, { hash: await eventHash(e!), kind: 'text' });
});

t.test('commits are made durable even on a connection opened without it', async (t) => {
  const { db, service, dev } = await world(t);
  db.pragma('synchronous = OFF');
  await service.ingest(dev.ingestDevice, await dev.chain(1), RECEIVED);
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL again before the first event is stored');
  db.pragma('synchronous = NORMAL');
  await service.ingest(dev.ingestDevice, await dev.chain(1), RECEIVED);
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'and from NORMAL');
});

t.test('a read that missed an id another upload stored: every copy in the upload is judged again', async (t) => {
  const { repos, service, dev } = await world(t);
  const [a, b] = await dev.chain(2);
  await service.ingest(dev.ingestDevice, [a], RECEIVED);
  // Twins of the stored A, the first sent twice (had the read seen nothing, the first would be new, its copy
  // a duplicate of it and the second twin a twin of it), then B, new, sent twice, and a twin of B.
  const a1 = await twinOf(dev, a!, 31);
  const a2 = await twinOf(dev, a!, 32);
  const b1 = await twinOf(dev, b!, 33);
  const storedOf = repos.events.storedOf;
  repos.events.storedOf = async () => {
    repos.events.storedOf = storedOf;
    return new Map();
  };
  const r = await service.ingest(dev.ingestDevice, [a1, a1, a2, b, b, b1], new Date(RECEIVED.getTime() + 1000));
  t.same(statuses(r), ['refused:conflict', 'refused:conflict', 'refused:conflict', 'accepted', 'duplicate', 'refused:conflict']);
  t.same(
    (await repos.events.conflicts(a!.id)).map((c) => [c.hash, c.attempts]).sort(),
    [[await eventHash(a1), 2], [await eventHash(a2), 1]].sort(),
    'each twin of A kept, counted once per copy sent',
  );
  t.same((await repos.events.conflicts(b!.id)).map((c) => [c.hash, c.attempts]), [[await eventHash(b1), 1]], 'the twin of B kept once');
});

t.test('observers hear of what an upload stored, with its conflicts, and only then', async (t) => {
  const x = withMemoryIngest(t);
  const dev = await SimDevice.create('dev-ks-001');
  enroll(x.db, dev);
  const heard: { ids: string[]; conflicts: number[]; types: string[]; receivedAt: string; inTransaction: boolean }[] = [];
  const notices: boolean[] = [];
  const service = ingestService(x.repos, [
    {
      stored(events, receivedAt) {
        heard.push({ ids: events.map((e) => e.id), conflicts: events.map((e) => e.conflicts), types: events.map((e) => e.type), receivedAt, inTransaction: x.db.inTransaction });
        return () => {
          notices.push(x.db.inTransaction);
        };
      },
    },
  ]);
  const [a, b] = await dev.chain(2);
  const b1 = await twinOf(dev, b!, 33);
  t.same(statuses(await service.ingest(dev.ingestDevice, [a, b, b1], RECEIVED)), ['accepted', 'accepted', 'refused:conflict']);
  t.same(heard, [{ ids: [a!.id, b!.id], conflicts: [0, 1], types: [a!.type, b!.type], receivedAt: RECEIVED.toISOString(), inTransaction: true }]);
  t.same(notices, [false], 'the notice runs once the upload committed');
  await service.ingest(dev.ingestDevice, [a, b], RECEIVED);
  await service.ingest(dev.ingestDevice, [{}], RECEIVED);
  t.equal(heard.length, 1, 'an upload that stores nothing is not heard of');
});
