import type { Db } from '../../db/open.js';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export function sessionsRepo(db: Db) {
  return {
    insert(s: { tokenHash: string; userId: number; now: number; expiresAt: number; ip: string; userAgent: string | undefined }): void {
      db.prepare(
        `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.tokenHash, s.userId, s.now, s.now, s.expiresAt, s.ip, s.userAgent ?? null);
    },
    get(tokenHash: string): SessionRow | undefined {
      return db.prepare<[string], SessionRow>('SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?').get(tokenHash);
    },
    touch(tokenHash: string, now: number): void {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, tokenHash);
    },
    delete(tokenHash: string): void {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    deleteForUser(userId: number, exceptTokenHash?: string): void {
      db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, exceptTokenHash ?? null);
    },
    purgeExpired(now: number, idleMs: number): number {
      return db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, now - idleMs).changes;
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
