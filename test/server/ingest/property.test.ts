import t from 'tap';
import fc from 'fast-check';
import { eventHash, type SignedEvent } from '../../../src/core/events/index.js';
import { SimDevice, T0, count, enroll, memoryIngest, stableRows } from './fixtures.js';

/**
 * Whatever order, split and repetition a device's events arrive in, the
 * stored rows (every column but receipt time and clock offset) equal those of
 * one in-order upload. The pool holds a clean chain and, to make the flags
 * work for it, a fork at seq 4 with a successor of its own, and an event with
 * a broken link; each run stores a random subset of it (so gaps happen too).
 */
const dev = await SimDevice.create('dev-prop-001');
const chain = await dev.chain(8);
const fork4 = await dev.sign(4, await eventHash(chain[2]!), { type: 'staff_sign_out', payload: { staffBadge: 'KS0999' } });
const fork5 = await dev.sign(5, await eventHash(fork4));
const broken7 = await dev.sign(7, await eventHash(chain[0]!));
const POOL: SignedEvent[] = [...chain, fork4, fork5, broken7];

const bySeq = (a: SignedEvent, b: SignedEvent) => a.seq - b.seq || a.id.localeCompare(b.id);

async function store(batches: SignedEvent[][]) {
  const x = memoryIngest();
  try {
    enroll(x.db, dev);
    let at = T0 + 3_600_000;
    for (const batch of batches) {
      const results = await x.service.ingest(dev.ingestDevice, batch, new Date((at += 7_919)));
      if (results.some((r) => r.status === 'refused')) throw new Error(`refused: ${JSON.stringify(results)}`);
    }
    return { rows: stableRows(x.db), conflicts: count(x.db, 'event_conflicts') };
  } finally {
    x.db.close();
  }
}

/** An upload plan: a subset of the pool, each event sent at least once, shuffled, cut into batches. */
const plan = fc
  .tuple(fc.subarray(POOL.map((_, i) => i), { minLength: 1 }), fc.array(fc.nat(POOL.length - 1), { maxLength: 6 }))
  .chain(([subset, extra]) => {
    const repeats = extra.filter((i) => subset.includes(i));
    const items = [...subset, ...repeats];
    return fc.record({
      subset: fc.constant(subset),
      order: fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }),
      cuts: fc.array(fc.boolean(), { minLength: items.length, maxLength: items.length }),
    });
  });

t.test('any permutation, split and repetition stores the same rows as one in-order upload', async (t) => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(plan, async ({ subset, order, cuts }) => {
      const reference = await store([subset.map((i) => POOL[i]!).sort(bySeq)]);
      const batches: SignedEvent[][] = [[]];
      order.forEach((i, k) => {
        batches.at(-1)!.push(POOL[i]!);
        if (cuts[k] && k < order.length - 1) batches.push([]);
      });
      const actual = await store(batches);
      runs++;
      return JSON.stringify(actual) === JSON.stringify(reference) && actual.rows.length === subset.length && actual.conflicts === 0;
    }),
    { numRuns: 150 },
  );
  t.equal(runs, 150);
});

t.test('the pool exercises every flag', async (t) => {
  const all = await store([[...POOL].reverse()]);
  const flagged = (all.rows as { seq: number; gap: number; broken_link: number; fork: number }[]).filter((r) => r.gap || r.broken_link || r.fork);
  t.ok(flagged.some((r) => r.fork), 'fork');
  t.ok(flagged.some((r) => r.broken_link), 'broken link');
  const gapped = await store([[POOL[0]!, POOL[2]!]]);
  t.ok((gapped.rows as { gap: number }[]).some((r) => r.gap), 'gap');
});
