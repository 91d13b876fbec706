import { sql } from 'kysely';
import type { Store } from '../../db/store.js';

/**
 * The PostgreSQL advisory lock (transaction-level) that serialises the guess limiter's check-then-record
 * across nodes; "kakou" + "af" in hex, apart from the migration lock (db/migrate-postgres.ts).
 */
export const AUTH_FAILURES_LOCK_KEY = 0x6b616b6f7561;

/**
 * Failed (or in-flight) password checks, keyed by scope and a hashed key; see migrations/007_auth_failures.sql.
 * Kysely over a Store (issue 16), the same on SQLite and PostgreSQL.
 */
export function authFailuresRepo(store: Store) {
  return {
    /** Records one failure; returns its id (for remove). */
    async add(scope: string, key: string, atMs: number): Promise<number> {
      const r = await store.q().insertInto('auth_failures').values({ scope, key, at_ms: atMs }).returning('id').executeTakeFirstOrThrow();
      return Number(r.id);
    },
    /** How many rows after `sinceMs`, and the oldest of them (when the window frees a slot). */
    async inWindow(scope: string, key: string, sinceMs: number): Promise<{ n: number; oldest: number | null }> {
      const r = await store
        .q()
        .selectFrom('auth_failures')
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min<number | string | null>('at_ms').as('oldest')])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('at_ms', '>', sinceMs)
        .executeTakeFirstOrThrow();
      // PostgreSQL's count and min of a BIGINT may come back as text: numbers on both engines.
      return { n: Number(r.n), oldest: r.oldest === null ? null : Number(r.oldest) };
    },
    async remove(id: number): Promise<void> {
      await store.q().deleteFrom('auth_failures').where('id', '=', id).execute();
    },
    async purgeBefore(ms: number): Promise<number> {
      const r = await store.q().deleteFrom('auth_failures').where('at_ms', '<=', ms).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /**
     * Runs fn in one transaction that no other `exclusive` runs beside, on any node: the limiter's
     * "count, refuse when full, record" must not interleave with another attempt's, or a burst of parallel
     * guesses would all pass the count before any is recorded. (With the synchronous repository that came
     * for free: nothing could run between the statements.) On SQLite the store queues transactions on the
     * one connection and BEGIN IMMEDIATE orders the processes; on PostgreSQL an advisory lock does.
     */
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      return store.transaction(async () => {
        if (store.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUTH_FAILURES_LOCK_KEY})`.execute(store.q());
        return fn();
      });
    },
  };
}
export type AuthFailuresRepo = ReturnType<typeof authFailuresRepo>;
