import { sql } from 'kysely';
import type { Store } from '../../db/store.js';

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the current window ends (epoch ms). */
  windowEnd: number;
}

export interface RateLimitsRepoOptions {
  /**
   * Turns a limit's key (scope and client key: an address, an account name) into what is stored. It must be
   * keyed (HMAC with the data key: repositories.ts), so the table never holds an address or a name in clear,
   * and a leaked table cannot be reversed by hashing every IPv4 address.
   */
  hashKey: (key: string) => string;
}

/**
 * Fixed-window counters shared by every node on the database (issue 16; migration 022). Written with
 * Kysely over a Store, the same on SQLite and PostgreSQL.
 */
export function rateLimitsRepo(store: Store, { hashKey }: RateLimitsRepoOptions) {
  return {
    /**
     * Counts one hit and reads the window back, in ONE statement: an upsert that starts a new window
     * (count 1, ending now + windowMs) when the stored one has ended, and adds one otherwise. Concurrent
     * hits on PostgreSQL wait on the row's lock and each sees the other's count, so none is lost.
     */
    async hit(key: string, windowMs: number, now: number): Promise<RateLimitHit> {
      const end = Math.trunc(now + windowMs);
      const at = Math.trunc(now);
      const row = await store
        .q()
        .insertInto('rate_limits')
        .values({ key: hashKey(key), count: 1, window_end: end })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`CASE WHEN rate_limits.window_end <= ${at} THEN 1 ELSE rate_limits.count + 1 END`,
            window_end: sql<number>`CASE WHEN rate_limits.window_end <= ${at} THEN ${end} ELSE rate_limits.window_end END`,
          }),
        )
        .returning(['count', 'window_end'])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), windowEnd: Number(row.window_end) };
    },

    /** The current window without counting a hit; null when there is none (never hit, or ended). */
    async read(key: string, now: number): Promise<RateLimitHit | null> {
      const row = await store
        .q()
        .selectFrom('rate_limits')
        .select(['count', 'window_end'])
        .where('key', '=', hashKey(key))
        .where('window_end', '>', Math.trunc(now))
        .executeTakeFirst();
      return row ? { count: Number(row.count), windowEnd: Number(row.window_end) } : null;
    },

    /** Deletes the windows that have ended; returns how many. A pruned key simply starts a new window. */
    async prune(now: number): Promise<number> {
      const r = await store.q().deleteFrom('rate_limits').where('window_end', '<=', Math.trunc(now)).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type RateLimitsRepo = ReturnType<typeof rateLimitsRepo>;
