import type { Store } from '../../db/store.js';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/**
 * Sign-in sessions (issue 16: Kysely over a Store, so every node on one database sees the same sessions).
 * Times are epoch milliseconds; the cookie carries the token, the table only its SHA-256.
 */
export function sessionsRepo(store: Store) {
  return {
    async insert(s: { tokenHash: string; userId: number; now: number; expiresAt: number; ip: string; userAgent: string | undefined }): Promise<void> {
      await store
        .q()
        .insertInto('sessions')
        .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent ?? null })
        .execute();
    },
    async get(tokenHash: string): Promise<SessionRow | undefined> {
      return store
        .q()
        .selectFrom('sessions')
        .select(['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    async touch(tokenHash: string, now: number): Promise<void> {
      await store.q().updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    },
    async delete(tokenHash: string): Promise<void> {
      await store.q().deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    /** Ends every session of the user, except the one whose hash is given (the caller's own, on a password change). */
    async deleteForUser(userId: number, exceptTokenHash?: string): Promise<number> {
      let q = store.q().deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptTokenHash !== undefined) q = q.where('token_hash', '!=', exceptTokenHash);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** Deletes sessions past their end or idle since now - idleMs; returns how many. */
    async purgeExpired(now: number, idleMs: number): Promise<number> {
      const r = await store
        .q()
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
