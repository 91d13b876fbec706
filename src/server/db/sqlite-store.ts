import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from './open.js';
import { cached } from './statement-cache.js';
import type { Store } from './store.js';
import type { DB } from './tables.js';

/** What a transaction's body did that it must not: let the event loop run while the transaction was open. */
export class TransactionYieldedError extends Error {
  constructor(what: string) {
    super(
      `${what}: an async transaction on SQLite let the event loop run while it was open, so another request's statements ` +
        'could have run inside it. Await only database work inside store.transaction(); hash passwords, call the network ' +
        'and read files before it (docs/postgres-plan.md).',
    );
    this.name = 'TransactionYieldedError';
  }
}

export interface SqliteStoreOptions {
  /** Throw TransactionYieldedError instead of warning (tests; KAKOU_STRICT_TX=1). */
  strict?: boolean;
  /** Where the warning goes when not strict. */
  warn?: (message: string) => void;
}

/**
 * The SQLite side of the storage engine, for repositories written with Kysely
 * (issue 16; docs/postgres-plan.md). It shares the one better-sqlite3
 * connection with the raw statements that remain (ingest's pragma, tests), so
 * a transaction covers statements from both.
 *
 * `transaction(fn)` is the one way to open a transaction. One connection has one
 * transaction, so it is only safe while nothing else runs on the connection
 * between BEGIN and COMMIT. On SQLite every statement is synchronous
 * underneath (Kysely's driver wraps better-sqlite3 in promises that resolve
 * at once), so a body that awaits only database work finishes within one turn
 * of the event loop and no other request can run in the middle. A body that
 * awaits real I/O (a timer, scrypt, the network) breaks that: the store
 * notices (a setImmediate that fired before the commit) and throws in strict
 * mode, warns otherwise. The check is for developers, not a lock: a wait
 * that ends within the same turn of the event loop can slip past it. It does not roll back in that case: other requests'
 * writes may already be part of the transaction, and they were acknowledged.
 *
 * Transactions that do not overlap in time are still queued, so two bodies
 * that both yield (a bug the check reports) never share BEGIN…COMMIT.
 * A transaction inside another becomes a savepoint, as better-sqlite3's
 * nested `db.transaction` does.
 */
export function sqliteStore(db: Db, opts: SqliteStoreOptions = {}) {
  // Kysely's driver prepares every query again; the connection's statement cache compiles each text once.
  // close() is a no-op: the connection belongs to whoever opened it, not to Kysely.
  const prepare = cached(db);
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: { prepare: (sql: string) => prepare(sql), close: () => {} } }) });
  const open = new AsyncLocalStorage<{ depth: number }>();
  let queue: Promise<unknown> = Promise.resolve();
  let savepoints = 0;
  let asyncOpen = false;
  const strict = opts.strict ?? process.env.KAKOU_STRICT_TX === '1';
  const report = (what: string) => {
    const error = new TransactionYieldedError(what);
    if (strict) throw error;
    (opts.warn ?? ((m: string) => process.emitWarning(m, 'KakouTransactionWarning')))(error.message);
  };

  async function outermost<T>(fn: () => Promise<T>): Promise<T> {
    let yielded = false;
    db.exec('BEGIN IMMEDIATE');
    asyncOpen = true;
    const tick = setImmediate(() => {
      yielded = true;
    });
    let result: T;
    try {
      result = await open.run({ depth: 1 }, fn);
    } catch (error) {
      clearImmediate(tick);
      asyncOpen = false;
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    clearImmediate(tick);
    asyncOpen = false;
    try {
      if (yielded) report('store.transaction');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    db.exec('COMMIT');
    return result;
  }

  async function nested<T>(depth: number, fn: () => Promise<T>): Promise<T> {
    const name = `kakou_sp_${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await open.run({ depth: depth + 1 }, fn);
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  const store = {
    engine: 'sqlite' as const,
    /** The better-sqlite3 connection, for the raw statements that remain (every repository is on Kysely). */
    db,
    /** The query builder; on SQLite every statement runs on the one connection, inside whatever transaction is open. */
    kysely,
    q: (): Kysely<DB> => kysely,
    /** Runs fn in one transaction (a savepoint when one is already open); commits when it resolves, rolls back when it rejects. */
    transaction<T>(fn: () => Promise<T>): Promise<T> {
      const current = open.getStore();
      if (current) return nested(current.depth, fn);
      // Open with no async transaction running: a synchronous better-sqlite3 transaction (a migration, a bench
      // seed) is around this call. (While another context's async transaction runs, this one waits in the queue.)
      if (db.inTransaction && !asyncOpen) {
        // A synchronous transaction commits before an async body's first await comes back.
        return Promise.reject(new Error('store.transaction inside a synchronous db.transaction: make the outer one store.transaction too'));
      }
      const run = queue.then(() => outermost(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    /** True inside the body of transaction(). */
    inTransaction: (): boolean => open.getStore() !== undefined,
  };
  return store satisfies Store;
}
export type SqliteStore = ReturnType<typeof sqliteStore>;
