/**
 * The database behind a data folder, for tests that start the real server in a child process and seed or
 * inspect its database from the test (the browser tests, their worlds). On SQLite it is the folder's
 * `kakou.sqlite`; under KAKOU_TEST_ENGINE=postgres it is a PostgreSQL database of its own, made for that
 * folder by `prepareTestDatabase` and named to the server through KAKOU_DATABASE_URL.
 */
import type { Test } from 'tap';
import { openStore, type OpenedStore } from '../../src/server/db/open-store.js';
import { freshPostgresDatabase } from './postgres.js';

const urls = new Map<string, string>();

/** The server's environment for this folder's database: {} on SQLite, KAKOU_DATABASE_URL on PostgreSQL (dropped at teardown). */
export async function prepareTestDatabase(t: Test, dataDir: string): Promise<Record<string, string>> {
  if (process.env.KAKOU_TEST_ENGINE !== 'postgres') return {};
  const database = await freshPostgresDatabase();
  if (!database) throw new Error('KAKOU_TEST_ENGINE=postgres but no PostgreSQL: set KAKOU_TEST_DATABASE_URL or install postgresql');
  urls.set(dataDir, database.url);
  t.teardown(async () => {
    urls.delete(dataDir);
    await database.drop();
  });
  return { KAKOU_DATABASE_URL: database.url };
}

/** The folder's database, migrated, as the server opens it; close it before the server needs the SQLite file to itself. */
export function openTestStore(dataDir: string): Promise<OpenedStore> {
  return openStore({ dataDir, databaseUrl: urls.get(dataDir) ?? null });
}
