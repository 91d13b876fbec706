/** Rows for the two-engine tests, written straight through a Store (no services, no audit). */
import type { Store } from '../../src/server/db/store.js';

/** An enterprises row that passes the schema's checks; `n` makes its credit code unique. */
export const enterpriseRow = (name: string, n: number) => ({
  name,
  credit_code: `91320583MA1XYW${String(n).padStart(4, '0')}`,
  address: '昆山',
  region_code: '320583',
  duty_phone: '0512-5000000',
});

/** Inserts enterpriseRow(name, n) and returns its id. */
export async function insertEnterprise(store: Store, name: string, n: number): Promise<number> {
  return (await store.q().insertInto('enterprises').values(enterpriseRow(name, n)).returning('id').executeTakeFirstOrThrow()).id;
}
