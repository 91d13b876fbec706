// csvStream over an async source (a repository on Kysely reads its keyset batches asynchronously):
// the same file as from a synchronous one, and a consumer that stops early ends the source too.
import t from 'tap';
import { BOM, csvStream } from '../../../src/server/features/audit-console/csv.js';

const rows = Array.from({ length: 50 }, (_, i) => ({ n: i, s: `row ${i}` }));
const line = (r: { n: number; s: string }) => `${r.n},${r.s}\r\n`;

t.test('an async iterable gives the same chunks as the array', async (t) => {
  async function* source() {
    for (const r of rows) yield r;
  }
  const collect = async (it: AsyncGenerator<string>) => {
    const out: string[] = [];
    for await (const c of it) out.push(c);
    return out;
  };
  const ends: Array<[number, boolean]> = [];
  const fromArray = await collect(csvStream(rows, ['n', 's'], line, (n, c) => ends.push([n, c]), 100));
  const fromAsync = await collect(csvStream(source(), ['n', 's'], line, (n, c) => ends.push([n, c]), 100));
  t.same(fromAsync, fromArray);
  t.ok(fromArray.length > 3, 'several chunks');
  t.ok(fromArray[0]!.startsWith(BOM));
  t.same(ends, [[50, true], [50, true]]);
});

t.test('a consumer that stops early: onEnd says incomplete and the async source is closed', async (t) => {
  let closed = false;
  async function* source() {
    try {
      for (const r of rows) yield r;
    } finally {
      closed = true;
    }
  }
  const ends: Array<[number, boolean]> = [];
  const it = csvStream(source(), ['n', 's'], line, (n, c) => ends.push([n, c]), 100);
  await it.next();
  await it.return(undefined);
  t.equal(closed, true);
  t.equal(ends.length, 1);
  t.equal(ends[0]![1], false);
  t.ok(ends[0]![0] > 0 && ends[0]![0] < 50);
});
