import t from 'tap';
import { readFileSync } from 'node:fs';
import { Kysely, SqliteDialect } from 'kysely';
import { renderTables, TABLES_FILE } from '../../../scripts/gen-db-types.js';
import { migrate } from '../../../src/server/db/migrate.js';
import { openDb } from '../../../src/server/db/open.js';
import type { DB } from '../../../src/server/db/tables.js';

t.test('src/server/db/tables.ts is what the migrations give (else run npm run db:types)', async (t) => {
  t.equal(readFileSync(TABLES_FILE, 'utf8'), renderTables(), 'src/server/db/tables.ts is out of date: run npm run db:types');
});

// The types are usable as Kysely's DB: an insert may leave out defaulted columns, and the
// generated ones come back on select (the compiler checks the first; SQLite the rest).
t.test('the table types drive a Kysely query on the migrated database', async (t) => {
  const sqlite = openDb(':memory:');
  migrate(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  t.teardown(() => db.destroy());
  const { id } = await db.insertInto('checkpoints').values({ name: '千灯卡口', location: '千灯镇', region_code: '320583', direction: 'inbound' }).returning('id').executeTakeFirstOrThrow();
  const row = await db.selectFrom('checkpoints').select(['id', 'status', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(row.status, 'active');
  t.match(row.created_at, /^\d{4}-\d\d-\d\dT/);
});
