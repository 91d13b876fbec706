import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, sql, type ControlledTransaction } from 'kysely';
import pg from 'pg';
import { postgresListener, type ListenerHandlers, type ListenerOptions } from './postgres-listener.js';
import type { Store } from './store.js';
import type { DB } from './tables.js';

// int8 (BIGINT: every id, count and millisecond time in the schema) as a JS number, as better-sqlite3
// returns it; the values Kakou stores stay far below 2^53. numeric stays text.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Where an idle connection's error goes (the server's logger); without a listener it would crash the process. */
  onError?: (error: Error) => void;
}

/**
 * The PostgreSQL side of the storage engine. A transaction takes its own connection from the pool, so
 * concurrent requests are isolated by the database itself; `q()` inside the body is that transaction.
 * Nested calls become savepoints of the open one.
 */
export function postgresStore(url: string, opts: PostgresStoreOptions = {}) {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types });
  pool.on('error', opts.onError ?? ((error) => process.emitWarning(`PostgreSQL pool: ${error.message}`, 'KakouDatabaseWarning')));
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const open = new AsyncLocalStorage<{ trx: ControlledTransaction<DB, string[]> }>();
  let savepoints = 0;

  const store = {
    engine: 'postgres' as const,
    pool,
    q: (): Kysely<DB> => open.getStore()?.trx ?? kysely,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      const current = open.getStore();
      if (!current) {
        const trx = (await kysely.startTransaction().execute()) as ControlledTransaction<DB, string[]>;
        let result: T;
        try {
          result = await open.run({ trx }, fn);
        } catch (error) {
          await trx.rollback().execute();
          throw error;
        }
        await trx.commit().execute();
        return result;
      }
      const name = `kakou_sp_${++savepoints}`;
      const sp = (await current.trx.savepoint(name).execute()) as ControlledTransaction<DB, string[]>;
      try {
        const result = await open.run({ trx: sp }, fn);
        await sp.releaseSavepoint(name).execute();
        return result;
      } catch (error) {
        await sp.rollbackToSavepoint(name).execute();
        throw error;
      }
    },
    inTransaction: (): boolean => open.getStore() !== undefined,
    /**
     * Tells every connection listening on the channel, on every node. Inside a transaction it is sent when
     * that commits (and never if it rolls back), outside one at once. The payload stays under 8000 bytes.
     */
    async notify(channel: string, payload: string): Promise<void> {
      await sql`SELECT pg_notify(${channel}, ${payload})`.execute(store.q());
    },
    /** Listens on a channel over a connection of its own, opened again whenever it is lost (postgres-listener.ts). */
    listen: (channel: string, handlers: ListenerHandlers, opts?: ListenerOptions) =>
      postgresListener({ connectionString: url, types }, channel, handlers, opts),
    /** Waits for the connections in use, then closes the pool. */
    close: (): Promise<void> => kysely.destroy(),
  };
  return store satisfies Store;
}
export type PostgresStore = ReturnType<typeof postgresStore>;

export const isPostgresStore = (store: Store): store is PostgresStore => store.engine === 'postgres';
