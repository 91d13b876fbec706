/**
 * Both engines get the same schema from migrations/ (issue 16: "checked to give the same schema"),
 * and PostgreSQL's triggers refuse what SQLite's refuse, with the same messages. Real SQLite in
 * memory, real PostgreSQL: KAKOU_TEST_DATABASE_URL, or a throwaway cluster (test/helpers/postgres.ts).
 */
import t from 'tap';
import pg from 'pg';
import { migrate } from '../../../src/server/db/migrate.js';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.js';
import { openDb } from '../../../src/server/db/open.js';
import { freshPostgresDatabase } from '../../helpers/postgres.js';
import { normaliseSql, postgresSchema, schemaDifferences, sqliteSchema } from '../../helpers/schema.js';

const database = await freshPostgresDatabase();
const noPostgres = database ? false : 'no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found';

t.test('index expressions and predicates: both spellings normalise alike', async (t) => {
  t.equal(normaliseSql("json_extract(payload, '$.checkEventId')"), normaliseSql("(payload::jsonb ->> 'checkEventId'::text)"));
  t.equal(normaliseSql("json_extract(payload, '$.observations.receivingEnterprise')"), normaliseSql("(payload::jsonb #>> '{observations,receivingEnterprise}'::text[])"));
  t.equal(normaliseSql("ac_device_ms IS NULL AND type IN ('check', 'charter_check')"), normaliseSql("ac_device_ms IS NULL AND (type = ANY (ARRAY['check'::text, 'charter_check'::text]))"));
  t.not(normaliseSql("type = 'check'"), normaliseSql("type = 'charter_check'"));
  t.not(normaliseSql("json_extract(payload, '$.passNo')"), normaliseSql("(payload::jsonb ->> 'runId'::text)"));
});

t.test('SQLite and PostgreSQL migrate to the same schema', { skip: noPostgres }, async (t) => {
  const sqlite = openDb(':memory:');
  t.teardown(() => sqlite.close());
  migrate(sqlite);
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  t.teardown(() => client.end());
  await migratePostgres(client);

  const s = sqliteSchema(sqlite);
  const p = await postgresSchema(client);
  t.ok(Object.keys(s).length >= 40, 'the comparison sees the tables');
  t.ok(Object.values(s).some((x) => Object.values(x.columns).some((c) => c.generated)), 'and the generated columns');
  const diffs = schemaDifferences(s, p);
  t.same(diffs, [], diffs.length ? `schemas differ:\n${diffs.join('\n')}` : 'no difference');
});

t.test('a difference is named in the failure', { skip: noPostgres }, async (t) => {
  const sqlite = openDb(':memory:');
  t.teardown(() => sqlite.close());
  migrate(sqlite);
  const other = (await freshPostgresDatabase())!;
  const client = new pg.Client({ connectionString: other.url });
  await client.connect();
  t.teardown(async () => {
    await client.end();
    await other.drop();
  });
  await migratePostgres(client);
  await client.query(`ALTER TABLE users ADD COLUMN nickname TEXT;
    ALTER TABLE passes ALTER COLUMN route_note DROP DEFAULT;
    DROP INDEX events_ac_fever; CREATE INDEX events_ac_fever ON events (received_at, id) WHERE ac_fever = 0;
    DROP TRIGGER rule_sets_no_delete ON rule_sets;
    DROP TRIGGER events_no_truncate ON events;`);
  const diffs = schemaDifferences(sqliteSchema(sqlite), await postgresSchema(client));
  t.match(diffs.join('\n'), /users: columns .* on SQLite, .*"nickname"\] on PostgreSQL/);
  t.match(diffs.join('\n'), /passes\.route_note: hasDefault true on SQLite, false on PostgreSQL/);
  t.match(diffs.join('\n'), /events: index events_ac_fever is .*ac_fever=1.* on SQLite, .*ac_fever=0.* on PostgreSQL/);
  t.match(diffs.join('\n'), /rule_sets: trigger rule_sets_no_delete: DELETE only on SQLite/);
  t.match(diffs.join('\n'), /events: refuses DELETE but not TRUNCATE on PostgreSQL/);
  t.equal(diffs.length, 5, diffs.join('\n'));
});

/**
 * The same statements on both engines: each refused with the same message, or accepted on both.
 * Statements are written once with ? placeholders; only the JSON erasure differs (SQLite's
 * json_replace/json_remove, PostgreSQL's kakou_json_replace/kakou_json_remove of migration 017).
 */
interface Engine {
  name: string;
  run(sql: string, params?: unknown[]): Promise<void>;
  rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

function sqliteEngine(): Engine & { close(): void } {
  const db = openDb(':memory:');
  migrate(db);
  return {
    name: 'SQLite',
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    rows: async (sql, params = []) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    close: () => db.close(),
  };
}

async function postgresEngine(url: string): Promise<Engine & { close(): Promise<void> }> {
  // int8 as a JS number, as the server's pool will be configured: Kakou's integers fit in 2^53.
  const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  await migratePostgres(client);
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    name: 'PostgreSQL',
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    rows: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    close: () => client.end(),
  };
}

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const handover = '{"checkEventId":"e2","escortName":"张三","escortPhoneLast4":"1234","staffBadge":"b1"}';
const check = '{"decision":"ESCORT","observations":{"receivingEnterprise":"91320583MA1XKCJ23G"},"passNo":"P1","plate":"苏E 12-3·45","reasons":["temp.fever_confirmed","keyarea.420100"],"staffBadge":"b1"}';

const setup: [string, unknown[]][] = [
  ["INSERT INTO checkpoints (id, name, location, region_code, direction) VALUES (1, '千灯卡口', '千灯镇', '320583', 'inbound')", []],
  ["INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES ('dev-1', 1, '{}', 'tp-1')", []],
  ['INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ['e1', 'dev-1', 2, '2026-12-01T12:05:06.789+08:00', '2026-12-01T04:05:07.000Z', 211, A, B, 'escort_handover', handover, `{"payload":${handover},"seq":2}`, 'sig']],
  ['INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ['e2', 'dev-1', 1, '2026-12-01T04:00:00Z', '2026-12-01T04:00:01.000Z', 1000, A, A, 'check', check, `{"payload":${check},"seq":1}`, 'sig']],
  ["INSERT INTO audit_log (seq, actor_type, actor_name, action, subject_type, prev_hash, hash) VALUES (1, 'system', 'cli', 'test.start', 'system', ?, ?)", [A, B]],
  ["INSERT INTO rule_sets (version, rules, author_name, reason, published_at, effective_from) VALUES (1, '{\"version\":1}', 'system', 'default', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')", []],
];

const M = '已删除/erased';
const cases: { what: string; sql: string; params?: unknown[]; refused: string | null; postgresOnly?: boolean }[] = [
  { what: 'audit_log: UPDATE of a chained entry', sql: "UPDATE audit_log SET actor_name = 'x' WHERE seq = 1", refused: 'audit_log is append-only' },
  { what: 'audit_log: UPDATE that only rewrites the hash', sql: 'UPDATE audit_log SET hash = ? WHERE seq = 1', params: [A], refused: 'audit_log is append-only' },
  { what: 'audit_log: DELETE', sql: 'DELETE FROM audit_log WHERE seq = 1', refused: 'audit_log is append-only' },
  { what: 'audit_log: TRUNCATE', sql: 'TRUNCATE audit_log CASCADE', refused: 'audit_log is append-only', postgresOnly: true },
  { what: 'audit chain: an entry without its hash', sql: "INSERT INTO audit_log (actor_type, actor_name, action, subject_type, prev_hash) VALUES ('system', 'cli', 'x', 'system', ?)", params: [B], refused: 'audit_log: a new entry must carry prev_hash and hash' },
  { what: 'audit chain: an entry carrying both', sql: "INSERT INTO audit_log (seq, actor_type, actor_name, action, subject_type, prev_hash, hash) VALUES (2, 'system', 'cli', 'x', 'system', ?, ?)", params: [B, A], refused: null },
  { what: 'rule_sets: UPDATE', sql: "UPDATE rule_sets SET reason = 'other' WHERE version = 1", refused: 'published rule sets are immutable' },
  { what: 'rule_sets: DELETE', sql: 'DELETE FROM rule_sets WHERE version = 1', refused: 'published rule sets are immutable' },
  { what: 'events: content UPDATE', sql: "UPDATE events SET seq = 3 WHERE id = 'e1'", refused: 'events are immutable (only the chain flags change)' },
  { what: 'events: a chain flag may change', sql: "UPDATE events SET gap = 1 WHERE id = 'e1'", refused: null },
  { what: 'events: DELETE', sql: "DELETE FROM events WHERE id = 'e1'", refused: 'events are never deleted' },
  { what: 'events: TRUNCATE', sql: 'TRUNCATE events CASCADE', refused: 'events are never deleted', postgresOnly: true },
  { what: 'events: an erasure that is not exactly the erased text', sql: "UPDATE events SET payload = '{}', redacted_at = '2027-01-01T00:00:00.000Z' WHERE id = 'e1'",
    refused: 'events are immutable (only the chain flags change, and a retention erasure of personal members, once)' },
  { what: 'events: a check is never erased', sql: "UPDATE events SET redacted_at = '2027-01-01T00:00:00.000Z' WHERE id = 'e2'",
    refused: 'events are immutable (only the chain flags change, and a retention erasure of personal members, once)' },
];

function erasure(engine: string): string {
  const [replace, remove] = engine === 'SQLite' ? ['json_replace', 'json_remove'] : ['kakou_json_replace', 'kakou_json_remove'];
  return `UPDATE events SET payload = ${remove}(${replace}(payload, '$.escortName', '${M}'), '$.escortPhoneLast4'),
    canonical = ${remove}(${replace}(canonical, '$.payload.escortName', '${M}'), '$.payload.escortPhoneLast4'),
    redacted_at = '2027-01-01T00:00:00.000Z' WHERE id = 'e1'`;
}

async function outcome(engine: Engine, sql: string, params?: unknown[]): Promise<string | null> {
  try {
    await engine.run(sql, params);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

t.test('the triggers refuse the same statements with the same messages on both engines', { skip: noPostgres }, async (t) => {
  const lite = sqliteEngine();
  t.teardown(() => lite.close());
  const other = (await freshPostgresDatabase())!;
  const pgEngine = await postgresEngine(other.url);
  t.teardown(async () => {
    await pgEngine.close();
    await other.drop();
  });
  for (const engine of [lite, pgEngine]) for (const [sql, params] of setup) await engine.run(sql, params);

  for (const c of cases) {
    if (!c.postgresOnly) t.equal(await outcome(lite, c.sql, c.params), c.refused, `SQLite, ${c.what}`);
    t.equal(await outcome(pgEngine, c.sql, c.params), c.refused, `PostgreSQL, ${c.what}`);
  }

  // The retention erasure, each engine computing the erased JSON with its own functions: accepted
  // once, to the same bytes, then refused.
  for (const engine of [lite, pgEngine]) t.equal(await outcome(engine, erasure(engine.name)), null, `${engine.name}: the erasure is accepted`);
  const erased = async (e: Engine) => e.rows("SELECT payload, canonical, redacted_at FROM events WHERE id = 'e1'");
  t.same(await erased(pgEngine), await erased(lite), 'and gives the same text on both');
  t.equal((await erased(lite))[0]!.payload, '{"checkEventId":"e2","escortName":"已删除/erased","staffBadge":"b1"}');
  for (const engine of [lite, pgEngine]) {
    t.equal(await outcome(engine, erasure(engine.name)), 'events are immutable (only the chain flags change, and a retention erasure of personal members, once)', `${engine.name}: a second erasure is refused`);
  }
});

t.test('generated columns and defaults give the same values on both engines', { skip: noPostgres }, async (t) => {
  const lite = sqliteEngine();
  t.teardown(() => lite.close());
  const other = (await freshPostgresDatabase())!;
  const pgEngine = await postgresEngine(other.url);
  t.teardown(async () => {
    await pgEngine.close();
    await other.drop();
  });
  for (const engine of [lite, pgEngine]) for (const [sql, params] of setup) await engine.run(sql, params);
  const generated = 'SELECT id, ac_plate, ac_decision, ac_pass, ac_staff, ac_receiver, ac_fever, ac_keyarea, ac_anomaly, ac_device_ms FROM events ORDER BY id';
  const rows = await lite.rows(generated);
  t.same(await pgEngine.rows(generated), rows);
  t.same(rows[1], { id: 'e2', ac_plate: '苏E12345', ac_decision: 'ESCORT', ac_pass: 'P1', ac_staff: 'b1', ac_receiver: '91320583MA1XKCJ23G', ac_fever: 1, ac_keyarea: 1, ac_anomaly: 0, ac_device_ms: Date.parse('2026-12-01T04:00:00Z') });
  t.equal(rows[0]!.ac_device_ms, Date.parse('2026-12-01T12:05:06.789+08:00'), 'device time with its offset');
  for (const engine of [lite, pgEngine]) {
    const [row] = await engine.rows('SELECT at FROM audit_log WHERE seq = 1');
    t.match(row!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, `${engine.name}: the default time is ISO-8601 UTC with milliseconds`);
  }
});

if (database) t.teardown(() => database.drop());
