/**
 * db/migrate-postgres.ts on a real PostgreSQL (KAKOU_TEST_DATABASE_URL, or a throwaway cluster).
 */
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadMigrations, SchemaTooNewError } from '../../../src/server/db/migrate.js';
import { migratePostgres, schemaVersionPostgres, UnsuitableDatabaseError } from '../../../src/server/db/migrate-postgres.js';
import { freshPostgresDatabase, postgresServerUrl, withDatabase } from '../../helpers/postgres.js';

const server = await postgresServerUrl();
const skip = server ? false : 'no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found';

async function freshClient(t: Test): Promise<{ client: pg.Client; url: string }> {
  const database = (await freshPostgresDatabase())!;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  t.teardown(async () => {
    await client.end();
    await database.drop();
  });
  return { client, url: database.url };
}

t.test('all migrations apply to an empty database, are recorded in order, and a second run does nothing', { skip }, async (t) => {
  const { client } = await freshClient(t);
  const migrations = loadMigrations();
  t.equal(await migratePostgres(client), migrations.length);
  const { rows } = await client.query<{ version: string; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
  t.same(rows.map((r) => r.name), migrations.map((m) => m.name));
  for (const r of rows) t.match(r.applied_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, `applied_at of ${r.name} in SQLite's format`);
  t.equal(await migratePostgres(client), migrations.length, 're-running returns the same version');
  t.equal((await client.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n, migrations.length, 'and records nothing new');
});

t.test('two nodes migrating one database at once apply each step once', { skip }, async (t) => {
  const { client, url } = await freshClient(t);
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  t.teardown(() => other.end());
  const latest = loadMigrations().length;
  t.same(await Promise.all([migratePostgres(client), migratePostgres(other)]), [latest, latest]);
  const { rows } = await client.query('SELECT version::int AS v, count(*)::int AS n FROM schema_migrations GROUP BY version HAVING count(*) > 1');
  t.same(rows, [], 'no step recorded twice');
});

t.test('a database newer than the code is refused with SchemaTooNewError', { skip }, async (t) => {
  const { client } = await freshClient(t);
  await migratePostgres(client);
  await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
  await t.rejects(migratePostgres(client), SchemaTooNewError);
  await t.rejects(migratePostgres(client), /version 999 is newer than this code knows/);
});

t.test('a failing step is rolled back whole and named; the steps before it stay', { skip }, async (t) => {
  const { client } = await freshClient(t);
  const dir = mkdtempSync(join(tmpdir(), 'kakou-pgmig-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (id BIGINT PRIMARY KEY);\n');
  writeFileSync(join(dir, '002_b.sql'), '-- @sqlite\nCREATE TABLE b (x);\n-- @postgres\nCREATE TABLE b (id BIGINT);\nSELECT no_such_function();\n');
  await t.rejects(migratePostgres(client, loadMigrations(dir)), /migration 002_b\.sql \(PostgreSQL\): function no_such_function\(\) does not exist/);
  t.equal(await schemaVersionPostgres(client), 1);
  const { rows } = await client.query("SELECT to_regclass('a') IS NOT NULL AS a, to_regclass('b') IS NOT NULL AS b");
  t.same(rows[0], { a: true, b: false }, 'step 2 left nothing behind (PostgreSQL DDL is transactional)');
});

t.test('a database whose collation is not byte order, or whose encoding is not UTF-8, is refused before anything is written', { skip }, async (t) => {
  const admin = new pg.Client({ connectionString: server! });
  await admin.connect();
  t.teardown(() => admin.end());
  const cases = [
    // ICU default collations exist from PostgreSQL 15 on; this machine's libc has no locale other than C.
    { name: `kakou_icu_${process.pid}`, create: "TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'", error: /collation C \(ICU\), Kakou needs C/ },
    { name: `kakou_ascii_${process.pid}`, create: "TEMPLATE template0 ENCODING 'SQL_ASCII' LOCALE 'C'", error: /encoding SQL_ASCII, Kakou needs UTF8/ },
  ];
  for (const c of cases) {
    await admin.query(`CREATE DATABASE ${c.name} ${c.create}`);
    t.teardown(() => admin.query(`DROP DATABASE IF EXISTS ${c.name} WITH (FORCE)`));
    const client = new pg.Client({ connectionString: withDatabase(server!, c.name) });
    await client.connect();
    try {
      const err = await migratePostgres(client).then(() => null, (e: unknown) => e);
      t.ok(err instanceof UnsuitableDatabaseError, `${c.name} refused`);
      t.match(String(err), c.error);
      t.match(String(err), /CREATE DATABASE kakou TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'/, 'the message says how to create a suitable one');
      t.equal((await client.query("SELECT to_regclass('schema_migrations') AS r")).rows[0].r, null, 'nothing written');
    } finally {
      await client.end();
    }
  }
});

t.test('the socket URL form is read by pg as documented, and withDatabase swaps only the database', async (t) => {
  const url = 'postgres://postgres@/postgres?host=/tmp/kakou-pg-x';
  const swapped = withDatabase(url, 'kakou_test_1');
  t.equal(swapped, 'postgres://postgres@/kakou_test_1?host=/tmp/kakou-pg-x');
  const client = new pg.Client({ connectionString: swapped });
  t.equal(client.host, '/tmp/kakou-pg-x', 'host is the socket directory');
  t.equal(client.database, 'kakou_test_1');
  t.equal(client.user, 'postgres');
  t.equal(withDatabase('postgres://kakou:secret@127.0.0.1:5432/postgres', 'k2'), 'postgres://kakou:secret@127.0.0.1:5432/k2');
  t.equal(withDatabase('postgres://kakou@db.example', 'k3'), 'postgres://kakou@db.example/k3');
});
