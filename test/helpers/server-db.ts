/** Read-only look into the running server's SQLite file, to check what really arrived (WAL mode lets a reader in beside the server). */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export function serverRows<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'kakou.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
