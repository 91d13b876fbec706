// Walking every page of a list, for the tests that pin the order of lists whose sort column ties
// (identical timestamps, names): each row must appear exactly once, in the documented order.
import type { Test } from 'tap';

/** All rows of an offset-paginated list, page by page (`limit` rows each). */
export async function offsetPages<T>(limit: number, page: (limit: number, offset: number) => { items: T[] } | Promise<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const { items } = await page(limit, offset);
    out.push(...items);
    if (items.length < limit) return out;
  }
}

/** All rows of a keyset-paginated list, following `next` until it is null (at most `maxPages`: a cursor that does not advance throws). */
export async function cursorPages<T, C>(page: (cursor: C | null) => { items: T[]; next: C | null } | Promise<{ items: T[]; next: C | null }>, maxPages = 1000): Promise<T[]> {
  const out: T[] = [];
  let cursor: C | null = null;
  do {
    if (maxPages-- === 0) throw new Error(`cursorPages: still not at the end after the page limit (${out.length} rows): the cursor does not advance`);
    const r: { items: T[]; next: C | null } = await page(cursor);
    out.push(...r.items);
    cursor = r.next;
  } while (cursor !== null);
  return out;
}

/** The keys walked are exactly the expected ones: none missing, none twice, in the expected order. */
export function sameWalk(t: Test, walked: readonly (string | number)[], expected: readonly (string | number)[], what: string): void {
  const seen = new Set(walked);
  t.equal(seen.size, walked.length, `${what}: no row on two pages`);
  t.same([...expected].filter((k) => !seen.has(k)), [], `${what}: no row skipped`);
  t.same(walked, expected, `${what}: in the documented order`);
}
