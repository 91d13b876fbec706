import t from 'tap';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { openDb } from '../../../src/server/db/open.js';

const H = (c: string) => c.repeat(43);

/**
 * Migration 013 rebuilds `events` so its type CHECK admits charter_check: every event keeps its
 * content and flags, the tables that reference events still do, and the triggers and indexes of
 * 005, 006 and 009 are all back.
 */
t.test('013 keeps every event, flag, reference, index and trigger, and admits charter_check', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const all = loadMigrations();
  const before = all.filter((m) => m.version < 13);
  migrate(db, before);
  const schemaOf = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string } | undefined)?.sql;
  const indexes = () => (db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('index', 'trigger') AND name <> 'events_charter_run' ORDER BY name").all());
  const indexesBefore = indexes();

  db.prepare("INSERT INTO checkpoints (id, name, location, region_code, direction) VALUES (1, '花桥入城', '昆山 G312', '320583', 'inbound')").run();
  db.prepare("INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES ('dev-1', 1, '{}', 'tp1')").run();
  const ins = db.prepare(`INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig)
    VALUES (?, 'dev-1', ?, '2020-02-25T14:00:00+08:00', '2020-02-25T06:00:01.000Z', 1000, ?, ?, ?, ?, 'c', 's')`);
  ins.run('e1', 1, H('A'), H('B'), 'check', '{"decision":"ESCORT","passNo":"P1","staffBadge":"X"}');
  ins.run('e2', 3, H('C'), H('D'), 'escort_handover', '{"checkEventId":"e1","staffBadge":"X"}');
  db.prepare("UPDATE events SET gap = 1 WHERE id = 'e2'").run();
  db.prepare("UPDATE events SET unknown_staff = 1 WHERE id IN ('e1', 'e2')").run();
  db.prepare("INSERT INTO event_conflicts (event_id, device_id, hash, canonical, sig, first_received_at, last_received_at) VALUES ('e1', 'dev-1', 'h', 'c2', 's2', 'a', 'b')").run();
  const rowsBefore = db.prepare('SELECT * FROM events ORDER BY id').all();
  t.throws(() => ins.run('e3', 4, H('E'), H('F'), 'charter_check', '{}'), /CHECK/, 'before 013, no charter_check');

  // Up to 013 only: 015 adds generated columns and indexes of its own, tested in audit-console.
  migrate(db, all.filter((m) => m.version <= 13));
  t.same(db.prepare('SELECT * FROM events ORDER BY id').all(), rowsBefore, 'every event with its content and flags');
  t.same(indexes(), indexesBefore, 'the indexes and triggers of 005, 006 and 009, verbatim');
  t.match(schemaOf('events'), /'charter_check'/);
  t.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys back on');
  t.same(db.pragma('foreign_key_check'), []);
  t.same(db.prepare("SELECT name FROM sqlite_master WHERE sql LIKE '%events_013%'").all(), [], 'no table refers to the temporary name');
  t.throws(() => db.prepare("INSERT INTO event_conflicts (event_id, device_id, hash, canonical, sig, first_received_at, last_received_at) VALUES ('nope', 'dev-1', 'h', 'c', 's', 'a', 'b')").run(), /FOREIGN KEY/, 'event_conflicts still references events');

  ins.run('e3', 4, H('E'), H('F'), 'charter_check', '{"runId":"1"}');
  t.pass('a charter_check is stored');
  t.throws(() => ins.run('e4', 5, H('E'), H('F'), 'other', '{}'), /CHECK/, 'other types are still refused');
  t.throws(() => db.prepare("UPDATE events SET payload = '{}' WHERE id = 'e1'").run(), /immutable/);
  t.throws(() => db.prepare("DELETE FROM events WHERE id = 'e1'").run(), /never deleted/);
  db.prepare("UPDATE events SET fork = 1 WHERE id = 'e1'").run();
  t.pass('the flags still change');
  t.throws(() => db.prepare("UPDATE events SET fork = 2 WHERE id = 'e1'").run(), /CHECK/);
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM events WHERE type = 'escort_handover' AND json_extract(payload, '$.checkEventId') = 'e1'").all() as { detail: string }[];
  t.match(plan.map((p) => p.detail).join(' '), /events_handover_check/, 'the expression index is used again');
});
