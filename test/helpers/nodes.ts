/**
 * Several stores over one database, as several nodes (processes) of one installation have: each its own
 * connection (SQLite: one file, a connection each) or pool (PostgreSQL: one database, a pool each), on the
 * engine under test (TEST_ENGINE in helpers/app.ts). Closed (and the PostgreSQL database dropped) when the
 * test ends.
 */
import { join } from 'node:path';
import type { Test } from 'tap';
import { migrate } from '../../src/server/db/migrate.js';
import { openDb } from '../../src/server/db/open.js';
import { postgresStore } from '../../src/server/db/postgres-store.js';
import { sqliteStore } from '../../src/server/db/sqlite-store.js';
import type { Store } from '../../src/server/db/store.js';
import { TEST_ENGINE } from './app.js';
import { freshPostgresDatabase } from './postgres.js';

export async function nodeStores(t: Test, dataDir: string, count: number): Promise<Store[]> {
  if (TEST_ENGINE === 'postgres') {
    const database = await freshPostgresDatabase({ migrated: true });
    if (!database) throw new Error('KAKOU_TEST_ENGINE=postgres but no PostgreSQL: set KAKOU_TEST_DATABASE_URL or install postgresql');
    const stores = Array.from({ length: count }, () => postgresStore(database.url, { max: 4 }));
    t.teardown(async () => {
      for (const store of stores) await store.close();
      await database.drop();
    });
    return stores;
  }
  const file = join(dataDir, 'kakou.sqlite');
  const dbs = Array.from({ length: count }, (_, i) => {
    const db = openDb(file);
    if (i === 0) migrate(db);
    return db;
  });
  t.teardown(() => {
    for (const db of dbs) db.close();
  });
  return dbs.map((db) => sqliteStore(db));
}
