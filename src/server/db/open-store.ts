import { join } from 'node:path';
import { migrate } from './migrate.js';
import { migratePostgres } from './migrate-postgres.js';
import { openDb } from './open.js';
import { postgresStore } from './postgres-store.js';
import { redactUrl } from './redact-url.js';
import { sqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
import type { Store } from './store.js';

export interface OpenedStore {
  store: Store;
  /** the schema version after migrating */
  schemaVersion: number;
  /** where the data is, fit for a log line (a PostgreSQL password is masked) */
  where: string;
  /** Closes the connection (SQLite) or waits for the pool's connections in use and closes it (PostgreSQL). */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** the SQLite file's name in the data folder (default kakou.sqlite; the demo has its own) */
  sqliteFile?: string;
  /** SQLite: strict about transactions that yield (tests) */
  sqlite?: SqliteStoreOptions;
  /** PostgreSQL: connections in the pool */
  poolSize?: number;
  /** PostgreSQL: where an idle connection's error goes (the logger) */
  onPoolError?: (error: Error) => void;
}

/**
 * The storage engine the configuration names, migrated to the latest schema (issue 16): PostgreSQL
 * when KAKOU_DATABASE_URL is set, else SQLite in the data folder, the embedded default. Several
 * nodes starting at once on one PostgreSQL database migrate once (migratePostgres takes a lock).
 */
export async function openStore(config: { dataDir: string; databaseUrl: string | null }, opts: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (!config.databaseUrl) {
    const file = join(config.dataDir, opts.sqliteFile ?? 'kakou.sqlite');
    const db = openDb(file);
    try {
      const schemaVersion = migrate(db);
      return { store: sqliteStore(db, opts.sqlite), schemaVersion, where: file, close: async () => void db.close() };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const store = postgresStore(config.databaseUrl, { ...(opts.poolSize ? { max: opts.poolSize } : {}), ...(opts.onPoolError ? { onError: opts.onPoolError } : {}) });
  try {
    const client = await store.pool.connect();
    let schemaVersion: number;
    try {
      schemaVersion = await migratePostgres(client);
    } finally {
      client.release();
    }
    return { store, schemaVersion, where: redactUrl(config.databaseUrl), close: () => store.close() };
  } catch (error) {
    await store.close().catch(() => undefined);
    // pg's own messages name the host and user but never the password; say which database it was.
    if (error instanceof Error) error.message = `PostgreSQL at ${redactUrl(config.databaseUrl)}: ${error.message}`;
    throw error;
  }
}
