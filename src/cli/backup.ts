import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../server/db/open.js';

// Secrets that make the database readable (data-key) and sessions/CSRF valid (cookie-secret).
export const SECRET_FILES = ['data-key', 'cookie-secret'] as const;

/**
 * Online backup: SQLite's backup API copies a consistent snapshot while the
 * server keeps running, then the key files are copied beside it. The
 * destination must be a new or empty folder, so a backup never overwrites
 * another one.
 */
export async function backup(db: Db, dataDir: string, dest: string): Promise<string[]> {
  if (existsSync(dest) && readdirSync(dest).length > 0) throw new Error(`${dest} is not empty`);
  mkdirSync(dest, { recursive: true, mode: 0o700 });
  await db.backup(join(dest, 'kakou.sqlite'));
  const written = ['kakou.sqlite'];
  for (const name of SECRET_FILES) {
    const from = join(dataDir, name);
    if (!existsSync(from)) continue;
    copyFileSync(from, join(dest, name));
    written.push(name);
  }
  return written;
}
