/**
 * A look into the running server's database, to check what really arrived: its SQLite file (WAL mode lets
 * a reader in beside the server) or, under KAKOU_TEST_ENGINE=postgres, its PostgreSQL database
 * (test/helpers/test-database.ts). The SQL must mean the same on both: `?` marks a parameter.
 */
import { sql, type RawBuilder } from 'kysely';
import { openTestStore } from './test-database.js';

export async function serverRows<T>(dataDir: string, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`serverRows: ${parts.length - 1} placeholders, ${params.length} parameters`);
  let query: RawBuilder<unknown> = sql.raw(parts[0]!);
  for (let i = 0; i < params.length; i++) query = sql`${query}${params[i]}${sql.raw(parts[i + 1]!)}`;
  const opened = await openTestStore(dataDir);
  try {
    return (await query.execute(opened.store.q())).rows as T[];
  } finally {
    await opened.close();
  }
}
