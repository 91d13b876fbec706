import type { Db } from '../../db/open.js';

/** Failed (or in-flight) password checks, keyed by scope and a hashed key; see migrations/007_auth_failures.sql. */
export function authFailuresRepo(db: Db) {
  // Prepared on first use: repositories are built before migrations may have run.
  const sql = {
    insert: 'INSERT INTO auth_failures (scope, key, at_ms) VALUES (?, ?, ?)',
    window: 'SELECT count(*) AS n, min(at_ms) AS oldest FROM auth_failures WHERE scope = ? AND key = ? AND at_ms > ?',
    remove: 'DELETE FROM auth_failures WHERE id = ?',
    purge: 'DELETE FROM auth_failures WHERE at_ms <= ?',
  };
  return {
    add(scope: string, key: string, atMs: number): number {
      return Number(db.prepare<[string, string, number]>(sql.insert).run(scope, key, atMs).lastInsertRowid);
    },
    /** How many rows after `sinceMs`, and the oldest of them (when the window frees a slot). */
    inWindow(scope: string, key: string, sinceMs: number): { n: number; oldest: number | null } {
      return db.prepare<[string, string, number], { n: number; oldest: number | null }>(sql.window).get(scope, key, sinceMs)!;
    },
    remove(id: number): void {
      db.prepare<[number]>(sql.remove).run(id);
    },
    purgeBefore(ms: number): number {
      return db.prepare<[number]>(sql.purge).run(ms).changes;
    },
  };
}
export type AuthFailuresRepo = ReturnType<typeof authFailuresRepo>;
