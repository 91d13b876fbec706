/**
 * The engine the benchmarks run on and a migrated store of it, without the HTTP world of server-world.ts
 * (whose test client switches on the tests' strict audit and transaction checks): KAKOU_BENCH_ENGINE=postgres
 * gives a fresh PostgreSQL database (KAKOU_TEST_DATABASE_URL's server, or a throwaway cluster started for the
 * run: test/helpers/postgres.ts), anything else a SQLite file in the given folder with openDb's pragmas.
 */
import { join } from 'node:path';
import { migrate } from '../src/server/db/migrate.js';
import { openDb, type Db } from '../src/server/db/open.js';
import { sqliteStore } from '../src/server/db/sqlite-store.js';
import { postgresStore } from '../src/server/db/postgres-store.js';
import type { Store } from '../src/server/db/store.js';
import { freshPostgresDatabase } from '../test/helpers/postgres.js';

/** The engine the benchmarks run the server on: KAKOU_BENCH_ENGINE=postgres, else SQLite (the default). */
export const BENCH_ENGINE: Store['engine'] = process.env.KAKOU_BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A migrated store of the bench engine; `close` also drops a PostgreSQL database. `file` names the SQLite file in dataDir. */
export async function benchStore(dataDir: string, file = 'kakou.sqlite'): Promise<{ store: Store; close(): Promise<void> }> {
  if (BENCH_ENGINE === 'postgres') {
    const database = await freshPostgresDatabase({ migrated: true });
    if (!database) throw new Error('KAKOU_BENCH_ENGINE=postgres needs PostgreSQL: set KAKOU_TEST_DATABASE_URL or install postgresql (initdb)');
    const store = postgresStore(database.url);
    return { store, close: async () => (await store.close(), await database.drop()) };
  }
  const db: Db = openDb(join(dataDir, file));
  migrate(db);
  return { store: sqliteStore(db), close: async () => void db.close() };
}
