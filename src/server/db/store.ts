import type { Kysely } from 'kysely';
import type { DB } from './tables.js';

/**
 * What a repository written with Kysely needs from the storage engine, the same on SQLite and PostgreSQL
 * (issue 16; docs/postgres-plan.md).
 *
 * Repositories call `q()` for every statement rather than holding one Kysely instance: on PostgreSQL a
 * transaction is its own connection from the pool, and `q()` hands back that transaction inside
 * `transaction()`'s body (an AsyncLocalStorage carries it), the pool outside. On SQLite there is one
 * connection and `q()` is always the same.
 */
export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** The executor for the current transaction, or the whole database outside one. */
  q(): Kysely<DB>;
  /** Runs fn in one transaction (a savepoint when one is already open); commits when it resolves, rolls back when it rejects. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** True inside the body of transaction(). */
  inTransaction(): boolean;
}
