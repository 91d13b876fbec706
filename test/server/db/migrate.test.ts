import t, { type Test } from 'tap';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate, schemaVersion, SchemaTooNewError } from '../../../src/server/db/migrate.js';
import { openDb, type Db } from '../../../src/server/db/open.js';
import { MIGRATIONS_DIR } from '../../../src/server/paths.js';

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-migrate-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function freshDb(t: Test): Db {
  const db = openDb(join(tempDir(t), 'kakou.sqlite'));
  t.teardown(() => db.close());
  return db;
}
const tables = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const columns = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
const triggers = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

t.test('all migrations apply to an empty database and are recorded in order', async (t) => {
  const db = freshDb(t);
  const migrations = loadMigrations();
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  t.equal(migrations.length, files.length, 'every .sql file in migrations/ is loaded');
  t.ok(migrations.length >= 1);
  t.equal(migrate(db, []), 0, 'with no migrations an empty database is version 0');
  t.same(tables(db), ['schema_migrations'], 'only the bookkeeping table exists');

  const v = migrate(db);
  t.equal(v, migrations.length, 'returns the latest version');
  t.equal(schemaVersion(db), migrations.length);
  const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY rowid').all() as { version: number; name: string; applied_at: string }[];
  t.same(rows.map((r) => r.version), migrations.map((m) => m.version), 'versions recorded in application order');
  t.same(rows.map((r) => r.name), files, 'names recorded');
  for (const r of rows) t.match(r.applied_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, `applied_at of ${r.name} is ISO-8601 UTC`);

  const before = db.prepare('SELECT * FROM schema_migrations').all();
  const tablesBefore = tables(db);
  t.equal(migrate(db), v, 're-running returns the same version');
  t.same(db.prepare('SELECT * FROM schema_migrations').all(), before, 're-running records nothing new');
  t.same(tables(db), tablesBefore, 're-running creates nothing');
});

t.test('expected tables, columns, indexes and triggers exist', async (t) => {
  const db = freshDb(t);
  migrate(db);
  const all = tables(db);
  for (const name of ['schema_migrations', 'enterprises', 'users', 'sessions', 'audit_log']) t.ok(all.includes(name), `table ${name}`);
  // Later migrations may add columns; these must always be there (in this order for 001's).
  const hasColumns = (table: string, expected: string[]) => {
    const actual = columns(db, table);
    t.same(actual.slice(0, expected.length), expected, `${table} columns`);
  };
  hasColumns('enterprises', ['id', 'name', 'credit_code', 'address', 'region_code', 'duty_phone', 'status', 'status_reason', 'created_at', 'updated_at']);
  hasColumns('users', ['id', 'username', 'display_name', 'role', 'enterprise_id', 'password_hash', 'must_change_password', 'locale', 'disabled', 'created_at']);
  hasColumns('sessions', ['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent']);
  hasColumns('audit_log', ['seq', 'at', 'actor_type', 'actor_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'enterprise_id', 'reason', 'detail', 'ip', 'prev_hash', 'hash']);
  t.same(columns(db, 'schema_migrations'), ['version', 'name', 'applied_at']);
  const tr = triggers(db);
  t.ok(tr.includes('audit_log_no_update'), 'no-update trigger');
  t.ok(tr.includes('audit_log_no_delete'), 'no-delete trigger');
  const pk = (db.prepare('PRAGMA table_info(sessions)').all() as { name: string; pk: number }[]).find((c) => c.pk === 1);
  t.equal(pk?.name, 'token_hash', 'sessions keyed by the token hash, never the token');
  const fks = db.prepare('PRAGMA foreign_key_list(sessions)').all() as { table: string; on_delete: string }[];
  t.same(fks.map((f) => [f.table, f.on_delete]), [['users', 'CASCADE']], 'sessions cascade with their user');
});

t.test('users CHECK: enterprise users need an enterprise, bureau staff must not have one', async (t) => {
  const db = freshDb(t);
  migrate(db);
  const e = db.prepare("INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone) VALUES ('昆山物流', '91320583MA1XKCJ23G', '昆山', '320583', '051257001234')").run();
  const insert = db.prepare('INSERT INTO users (username, display_name, role, enterprise_id, password_hash) VALUES (?, ?, ?, ?, ?)');
  t.throws(() => insert.run('e1', 'E', 'enterprise_user', null, 'h'), /CHECK constraint failed/, 'enterprise_user without enterprise refused');
  t.throws(() => insert.run('o1', 'O', 'bureau_officer', e.lastInsertRowid, 'h'), /CHECK constraint failed/, 'officer with enterprise refused');
  t.throws(() => insert.run('a1', 'A', 'bureau_admin', e.lastInsertRowid, 'h'), /CHECK constraint failed/, 'admin with enterprise refused');
  t.throws(() => insert.run('x1', 'X', 'superuser', null, 'h'), /CHECK constraint failed/, 'unknown role refused');
  t.throws(() => insert.run('e2', 'E', 'enterprise_user', 9999, 'h'), /FOREIGN KEY constraint failed/, 'unknown enterprise refused (foreign keys on)');
  t.doesNotThrow(() => insert.run('e3', 'E', 'enterprise_user', e.lastInsertRowid, 'h'));
  t.doesNotThrow(() => insert.run('o3', 'O', 'bureau_officer', null, 'h'));
  t.throws(() => insert.run('E3', 'E', 'bureau_admin', null, 'h'), /UNIQUE constraint failed/, 'usernames unique regardless of case');
  const n = (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  t.equal(n, 2);
});

t.test('audit_log is append-only', async (t) => {
  const db = freshDb(t);
  migrate(db);
  // Since migration 014 a new entry must carry its chain hashes (docs/audit-log.md).
  t.throws(() => db.prepare("INSERT INTO audit_log (actor_type, actor_name, action, subject_type) VALUES ('system', 'test', 'x', 'y')").run(), /prev_hash and hash/, 'an unchained INSERT aborts');
  db.prepare("INSERT INTO audit_log (actor_type, actor_name, action, subject_type, prev_hash, hash) VALUES ('system', 'test', 'x', 'y', 'p', 'h')").run();
  t.throws(() => db.prepare("UPDATE audit_log SET action = 'tampered'").run(), /append-only/, 'UPDATE aborts');
  t.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/, 'DELETE aborts');
  const rows = db.prepare('SELECT action FROM audit_log').all() as { action: string }[];
  t.same(rows, [{ action: 'x' }], 'row unchanged');
});

t.test('a database newer than the code is refused', async (t) => {
  const db = freshDb(t);
  const latest = migrate(db);
  db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(latest + 1, '999_future.sql');
  t.throws(() => migrate(db), SchemaTooNewError);
  try {
    migrate(db);
  } catch (err) {
    t.type(err, SchemaTooNewError);
    t.match((err as Error).message, new RegExp(`${latest + 1}.*${latest}`), 'message names both versions');
  }
  t.equal(schemaVersion(db), latest + 1, 'nothing changed');
});

t.test('a failing migration rolls back entirely', async (t) => {
  const dir = tempDir(t);
  copyFileSync(join(MIGRATIONS_DIR, '001_init.sql'), join(dir, '001_init.sql'));
  writeFileSync(
    join(dir, '002_broken.sql'),
    `CREATE TABLE half_done (id INTEGER PRIMARY KEY);
     INSERT INTO half_done (id) VALUES (1);
     ALTER TABLE enterprises ADD COLUMN nickname TEXT;
     CREATE TABLE broken (id INTEGER PRIMARY KEY,, oops);`,
  );
  const migrations = loadMigrations(dir);
  t.same(migrations.map((m) => m.version), [1, 2]);
  const db = freshDb(t);
  t.throws(() => migrate(db, migrations), /syntax error/);
  t.equal(schemaVersion(db), 1, 'version stays at the last good migration');
  t.notOk(tables(db).includes('half_done'), 'no partial table from the failed migration');
  t.notOk(tables(db).includes('broken'));
  t.notOk(columns(db, 'enterprises').includes('nickname'), 'no partial ALTER');
  t.ok(tables(db).includes('users'), 'migration 1 kept');

  // Fixing the file lets the next start carry on from version 1.
  writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE half_done (id INTEGER PRIMARY KEY);');
  t.equal(migrate(db, loadMigrations(dir)), 2);
  t.ok(tables(db).includes('half_done'));
});

t.test('loadMigrations refuses gaps and duplicates and ignores other files', async (t) => {
  const gap = tempDir(t);
  writeFileSync(join(gap, '001_a.sql'), 'SELECT 1;');
  writeFileSync(join(gap, '003_c.sql'), 'SELECT 1;');
  t.throws(() => loadMigrations(gap), /gap or duplicate at 003_c\.sql/);

  const dup = tempDir(t);
  writeFileSync(join(dup, '001_a.sql'), 'SELECT 1;');
  writeFileSync(join(dup, '001_b.sql'), 'SELECT 1;');
  t.throws(() => loadMigrations(dup), /gap or duplicate/);

  const noOne = tempDir(t);
  writeFileSync(join(noOne, '002_b.sql'), 'SELECT 1;');
  t.throws(() => loadMigrations(noOne), /gap or duplicate/, 'numbering must start at 001');

  const other = tempDir(t);
  writeFileSync(join(other, '001_a.sql'), 'SELECT 1;');
  writeFileSync(join(other, 'README.md'), '# notes');
  writeFileSync(join(other, '002_b.sql.bak'), 'garbage');
  t.same(loadMigrations(other).map((m) => m.name), ['001_a.sql']);
});

t.test('connection pragmas on a file database', async (t) => {
  const db = freshDb(t);
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1);
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous = FULL');
  t.equal(db.pragma('busy_timeout', { simple: true }), 5000);
});
