import t from 'tap';
import { GENESIS_HASH, eventHash, linkEvents, nextChainPosition, signEvent, verifyChain } from '../../../src/core/events/index.js';
import type { SignedEvent, UnsignedEvent } from '../../../src/core/events/index.js';
import { device, makeChain } from './fixtures.js';

const chain = await makeChain(5);
const at = (i: number): SignedEvent => {
  const e = chain[i];
  if (!e) throw new Error(`no event ${i}`);
  return e;
};
const statuses = (report: Awaited<ReturnType<typeof verifyChain>>) => report.entries.map((e) => e.status);

t.test('a chain of 5 events verifies', async (t) => {
  t.same(chain.map((e) => e.seq), [1, 2, 3, 4, 5]);
  t.equal(at(0).prevHash, GENESIS_HASH);
  for (let i = 1; i < 5; i++) t.equal(at(i).prevHash, await eventHash(at(i - 1)), `event ${i + 1} points at event ${i}`);
  const report = await verifyChain(chain);
  t.equal(report.ok, true);
  t.same(statuses(report), ['ok', 'ok', 'ok', 'ok', 'ok']);
  t.same(report.entries.map((e) => e.index), [0, 1, 2, 3, 4]);
});

t.test('order of upload does not matter, exact repeats are fine', async (t) => {
  const shuffled = [at(3), at(0), at(4), at(2), at(1)];
  const report = await verifyChain(shuffled);
  t.equal(report.ok, true);
  t.same(report.entries.map((e) => e.seq), [4, 1, 5, 3, 2], 'entries in input order');
  t.equal((await verifyChain([...chain, at(2)])).ok, true, 'an event uploaded twice');
});

t.test('continuing from the last accepted event', async (t) => {
  const report = await verifyChain(chain.slice(3), { previous: at(2) });
  t.equal(report.ok, true);
  const noAnchor = await verifyChain(chain.slice(3));
  t.same(statuses(noAnchor), ['gap', 'ok'], 'without the anchor the first events are missing');
  t.equal(noAnchor.entries[0]?.expectedSeq, 1);
});

t.test('a gap is reported, not thrown', async (t) => {
  const report = await verifyChain([at(0), at(1), at(3)]);
  t.equal(report.ok, false);
  t.same(statuses(report), ['ok', 'ok', 'gap']);
  t.equal(report.entries[2]?.expectedSeq, 3);
  t.match(report.entries[2]?.detail, /seq 3 to 3 missing/);
  const link = await linkEvents(at(1), at(4));
  t.same(link, { status: 'gap', expectedSeq: 3, detail: 'seq 3 to 4 missing' });
});

t.test('a broken prevHash is reported', async (t) => {
  // Re-signed by the device key, so only the link is wrong: the device (or whoever holds its key) rewrote history.
  const { sig: _sig, ...unsigned } = at(2);
  const forged = await signEvent({ ...unsigned, prevHash: GENESIS_HASH } as UnsignedEvent, device.privateKey);
  const report = await verifyChain([at(0), at(1), forged, at(3), at(4)]);
  t.same(statuses(report), ['ok', 'ok', 'broken_link', 'broken_link', 'ok'], 'event 4 pointed at the original event 3');
  t.match(report.entries[2]?.detail, /prevHash does not match seq 2/);

  // An altered earlier event breaks the link of the one after it.
  const altered = { ...at(1), deviceTime: '2020-02-25T13:00:00.000+08:00' };
  t.same(statuses(await verifyChain([at(0), altered, at(2)])), ['ok', 'ok', 'broken_link']);

  t.same(await linkEvents(null, at(0)), { status: 'ok' });
  t.equal((await linkEvents(null, { ...at(0), prevHash: at(1).prevHash })).status, 'broken_link', 'seq 1 without the genesis hash');
  t.equal((await linkEvents(at(1), { ...at(2), deviceId: 'dev-other' })).status, 'broken_link', 'another device');
  t.equal((await linkEvents(at(2), at(1))).status, 'broken_link', 'going backwards');
});

t.test('a fork (two different events with one seq) is reported once', async (t) => {
  const { sig: _sig, ...unsigned } = at(2);
  const twin = await signEvent({ ...unsigned, id: crypto.randomUUID() } as UnsignedEvent, device.privateKey);
  const report = await verifyChain([...chain, twin]);
  t.same(statuses(report), ['ok', 'ok', 'ok', 'ok', 'ok', 'broken_link']);
  t.match(report.entries[5]?.detail, /two different events with seq 3/);

  // The same id and seq do not make a repeat: the content must be the same too,
  // or a device could rewrite an event by re-sending it under its old id.
  const rewritten = await signEvent({ ...unsigned, deviceTime: '2020-02-25T13:00:00.000+08:00' } as UnsignedEvent, device.privateKey);
  t.equal(rewritten.id, at(2).id);
  const same = await verifyChain([...chain, rewritten]);
  t.same(statuses(same), ['ok', 'ok', 'ok', 'ok', 'ok', 'broken_link'], 'same id and seq, other content');
  t.match(same.entries[5]?.detail, /two different events with seq 3/);
});

t.test('nextChainPosition', async (t) => {
  t.same(await nextChainPosition(null), { seq: 1, prevHash: GENESIS_HASH });
  t.same(await nextChainPosition(at(4)), { seq: 6, prevHash: await eventHash(at(4)) });
  t.equal(GENESIS_HASH, 'A'.repeat(43));
});

t.test('link results are whole: status, expected seq, detail', async (t) => {
  t.strictSame(await linkEvents(null, { ...at(0), prevHash: at(1).prevHash }), { status: 'broken_link', detail: 'seq 1 must have the genesis prevHash' });
  t.strictSame(await linkEvents(null, at(3)), { status: 'gap', expectedSeq: 1, detail: 'seq 1 to 3 missing' });
  t.strictSame(await linkEvents(null, at(1)), { status: 'gap', expectedSeq: 1, detail: 'seq 1 to 1 missing' });
  t.strictSame(await linkEvents(at(1), { ...at(2), deviceId: 'dev-other' }), { status: 'broken_link', detail: 'device dev-other after device dev-ks-001' });
  t.strictSame(await linkEvents(at(2), at(1)), { status: 'broken_link', detail: 'seq 2 after seq 3' });
  t.strictSame(await linkEvents(at(2), at(2)), { status: 'broken_link', detail: 'seq 3 after seq 3' }, 'one seq twice is no link');
  t.strictSame(await linkEvents(at(1), at(2)), { status: 'ok' });
  t.strictSame(await linkEvents(at(0), at(2)), { status: 'gap', expectedSeq: 2, detail: 'seq 2 to 2 missing' });
});

t.test('a previous event that cannot be hashed breaks the link, with the reason', async (t) => {
  const unhashable = { ...at(1), payload: { ...at(1).payload, observations: { t: Number.NaN } } } as unknown as SignedEvent;
  t.strictSame(await linkEvents(unhashable, at(2)), { status: 'broken_link', detail: 'previous event cannot be hashed: JCS: NaN is not a JSON number' });
  const report = await verifyChain([at(0), unhashable, at(2)]);
  // The event after it cannot be linked either; the unhashable one itself links to event 1 only by its own prevHash.
  t.strictSame(statuses(report), ['ok', 'ok', 'broken_link']);
  t.strictSame(report.entries[2]?.detail, 'previous event cannot be hashed: JCS: NaN is not a JSON number');
});

t.test('verifyChain entries are whole, in input order', async (t) => {
  const { sig: _sig, ...unsigned } = at(2);
  const forged = await signEvent({ ...unsigned, prevHash: GENESIS_HASH } as UnsignedEvent, device.privateKey);
  t.strictSame(await verifyChain([at(4), at(0), at(1), forged]), {
    ok: false,
    entries: [
      { index: 0, id: at(4).id, seq: 5, status: 'gap', expectedSeq: 4, detail: 'seq 4 to 4 missing' },
      { index: 1, id: at(0).id, seq: 1, status: 'ok' },
      { index: 2, id: at(1).id, seq: 2, status: 'ok' },
      { index: 3, id: at(2).id, seq: 3, status: 'broken_link', detail: 'prevHash does not match seq 2' },
    ],
  });
  t.strictSame(await verifyChain([]), { ok: true, entries: [] });
  t.strictSame(await verifyChain([{ ...at(0), prevHash: at(1).prevHash }]), {
    ok: false,
    entries: [{ index: 0, id: at(0).id, seq: 1, status: 'broken_link', detail: 'seq 1 must have the genesis prevHash' }],
  }, 'a first event without the genesis hash');
  t.strictSame(await verifyChain([at(3)], { previous: null }), {
    ok: false,
    entries: [{ index: 0, id: at(3).id, seq: 4, status: 'gap', expectedSeq: 1, detail: 'seq 1 to 3 missing' }],
  }, 'previous null: the chain starts at 1');
  t.strictSame(await verifyChain([at(2)], { previous: at(2) }), { ok: true, entries: [{ index: 0, id: at(2).id, seq: 3, status: 'ok' }] }, 'the anchor itself uploaded again');
});

t.test('of two events with one seq, the first uploaded is the reference', async (t) => {
  const { sig: _sig, ...unsigned } = at(2);
  const twin = await signEvent({ ...unsigned, id: crypto.randomUUID() } as UnsignedEvent, device.privateKey);
  // The twin, uploaded first, links to event 2 as well; the original is then the fork, and event 4 (which names the original) no longer links.
  const report = await verifyChain([twin, ...chain]);
  t.same(statuses(report), ['ok', 'ok', 'ok', 'broken_link', 'broken_link', 'ok']);
  t.strictSame(report.entries[3], { index: 3, id: at(2).id, seq: 3, status: 'broken_link', detail: 'two different events with seq 3' });
  t.strictSame(report.entries[4], { index: 4, id: at(3).id, seq: 4, status: 'broken_link', detail: 'prevHash does not match seq 3' });
});
