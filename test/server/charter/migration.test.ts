import t from 'tap';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { openDb } from '../../../src/server/db/open.js';

/**
 * Migration 011 rebuilds `users` for the carrier_user role: every account, id and session survives,
 * every REFERENCES users still points at the new table, and foreign keys are on again afterwards.
 */
t.test('011 keeps accounts and sessions, and checks the new role', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const all = loadMigrations();
  migrate(db, all.filter((m) => m.version <= 10));
  db.prepare("INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone) VALUES ('甲方公司', '91320583MA1XKCJ23G', '地址', '320583', '051257001234')").run();
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash) VALUES (7, 'boss', '管理员', 'bureau_admin', 'h')").run();
  db.prepare("INSERT INTO users (id, username, display_name, role, enterprise_id, password_hash, locale) VALUES (9, 'alpha', '甲', 'enterprise_user', 1, 'h', 'en')").run();
  db.prepare("INSERT INTO sessions VALUES ('s1', 9, 1, 1, 9999999999999, NULL, NULL)").run();

  migrate(db, all);
  t.same(db.prepare('SELECT id, username, role, enterprise_id, carrier_id, locale FROM users ORDER BY id').all(), [
    { id: 7, username: 'boss', role: 'bureau_admin', enterprise_id: null, carrier_id: null, locale: 'zh' },
    { id: 9, username: 'alpha', role: 'enterprise_user', enterprise_id: 1, carrier_id: null, locale: 'en' },
  ]);
  t.equal((db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n, 1, 'sessions kept: nobody is signed out');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys back on');
  t.same(db.pragma('foreign_key_check'), []);
  const dangling = db.prepare("SELECT name FROM sqlite_master WHERE sql LIKE '%users_011%'").all();
  t.same(dangling, [], 'no table refers to the temporary name');
  t.throws(() => db.prepare("INSERT INTO sessions VALUES ('s2', 12345, 1, 1, 1, NULL, NULL)").run(), /FOREIGN KEY/, 'sessions reference the new users table');
  db.prepare('DELETE FROM users WHERE id = 9').run();
  t.equal((db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n, 0, 'and its ON DELETE CASCADE still works');

  db.prepare("INSERT INTO carriers (name, credit_code, duty_phone) VALUES ('客运公司', '91320583MA1XKCJ24E', '051257009999')").run();
  t.throws(() => db.prepare("INSERT INTO users (username, display_name, role, password_hash) VALUES ('c0', 'c', 'carrier_user', 'h')").run(), /CHECK/, 'a carrier user needs a carrier');
  t.throws(() => db.prepare("INSERT INTO users (username, display_name, role, enterprise_id, carrier_id, password_hash) VALUES ('c1', 'c', 'enterprise_user', 1, 1, 'h')").run(), /CHECK/, 'an enterprise user has no carrier');
  db.prepare("INSERT INTO users (username, display_name, role, carrier_id, password_hash) VALUES ('c2', 'c', 'carrier_user', 1, 'h')").run();
  t.pass('a carrier user with its carrier is stored');
});

t.test('a foreign_keys=off migration that leaves a broken reference is rolled back', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const base = [{ version: 1, name: '001_a.sql', sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id));' }];
  migrate(db, base);
  const broken = { version: 2, name: '002_b.sql', sql: '-- migrate: foreign_keys=off\nINSERT INTO c VALUES (42);' };
  t.throws(() => migrate(db, [...base, broken]), /broken foreign key/);
  t.equal((db.prepare('SELECT count(*) AS n FROM c').get() as { n: number }).n, 0, 'nothing of it stays');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys on again');
});
