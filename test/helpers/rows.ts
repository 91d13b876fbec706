/** Small reads the tests make straight from the database, on either engine (through the store). */
import type { Store } from '../../src/server/db/store.js';
import type { DB } from '../../src/server/db/tables.js';

/** How many rows `table` holds. */
export async function countRows(store: Store, table: keyof DB): Promise<number> {
  const { n } = await store
    .q()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}
