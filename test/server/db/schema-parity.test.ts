/**
 * Both engines get the same schema from migrations/ (issue 16: "checked to give the same schema"),
 * and PostgreSQL's triggers refuse what SQLite's refuse, with the same messages. Real SQLite in
 * memory, real PostgreSQL: KAKOU_TEST_DATABASE_URL, or a throwaway cluster (test/helpers/postgres.ts).
 */
import t, { type Test } from 'tap';
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
    DROP TRIGGER events_no_truncate ON events;
    ALTER TABLE charter_runs DROP CONSTRAINT charter_runs_status_check;`);
  const diffs = schemaDifferences(sqliteSchema(sqlite), await postgresSchema(client));
  t.match(diffs.join('\n'), /users: columns .* on SQLite, .*"nickname"\] on PostgreSQL/);
  t.match(diffs.join('\n'), /passes\.route_note: hasDefault true on SQLite, false on PostgreSQL/);
  t.match(diffs.join('\n'), /events: index events_ac_fever is .*ac_fever=1.* on SQLite, .*ac_fever=0.* on PostgreSQL/);
  t.match(diffs.join('\n'), /rule_sets: trigger rule_sets_no_delete: DELETE only on SQLite/);
  t.match(diffs.join('\n'), /events: refuses DELETE but not TRUNCATE on PostgreSQL/);
  t.match(diffs.join('\n'), /charter_runs: 7 CHECK constraints on SQLite, 6 on PostgreSQL/);
  t.equal(diffs.length, 6, diffs.join('\n'));
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

/** A fresh migrated SQLite and PostgreSQL database, each with the same fixture rows, closed when the test ends. */
async function bothEngines(t: Test, fixtures: readonly (readonly [string, unknown[]?])[]): Promise<[Engine, Engine]> {
  const lite = sqliteEngine();
  t.teardown(() => lite.close());
  const other = (await freshPostgresDatabase())!;
  const pgEngine = await postgresEngine(other.url);
  t.teardown(async () => {
    await pgEngine.close();
    await other.drop();
  });
  for (const engine of [lite, pgEngine]) for (const [sql, params] of fixtures) await engine.run(sql, params);
  return [lite, pgEngine];
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
  const [lite, pgEngine] = await bothEngines(t, setup);

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
  const [lite, pgEngine] = await bothEngines(t, setup);
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

// The charter and escort rules: plpgsql functions (subqueries, OLD/NEW by operation, the
// erased-run conditions, epoch seconds of a text time) rather than a trigger's WHEN.
const T0 = '2026-12-01T00:00:00.000Z';
const charterSetup: [string, unknown[]][] = [
  ["INSERT INTO enterprises (id, name, credit_code, address, region_code, duty_phone, status) VALUES (1, '昆山物流', '91320583MA1XKCJ23G', '昆山', '320583', '051257001234', 'approved')", []],
  ["INSERT INTO users (id, username, display_name, role, password_hash) VALUES (1, 'Admin', 'A', 'bureau_admin', 'h')", []],
  ["INSERT INTO carriers (id, name, credit_code, duty_phone) VALUES (1, '交发集团', '91320583MA1XKCJ99X', '0512')", []],
  ["INSERT INTO checkpoints (id, name, location, region_code, direction) VALUES (2, '花桥卡口', '花桥镇', '320583', 'inbound')", []],
  ["INSERT INTO signing_keys (kid, purpose, public_jwk, private_enc, state) VALUES ('k1', 'pass', '{}', 'x', 'active')", []],
  ["INSERT INTO charter_needs (id, enterprise_id, origin_region, workers, earliest_date, latest_date, contact_name, contact_phone, created_by, created_at, updated_at) VALUES (1, 1, '420100', 10, '2026-12-05', '2026-12-10', 'n', 'p', 1, ?, ?)", [T0, T0]],
  ["INSERT INTO charter_runs (id, carrier_id, plate, driver_name, driver_id_enc, driver_id_last4, driver_phone_enc, departure_at, arrival_by, route, origin_region, created_by, created_at, updated_at) VALUES (1, 1, '鄂A12345', '司机', 'x', '1234', 'x', '2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z', '武汉-昆山', '420100', 1, ?, ?)", [T0, T0]],
  ["INSERT INTO charter_passengers (id, run_id, need_id, enterprise_id, seq, name, id_number_enc, id_hmac, id_last4, phone_enc, origin_region, created_at) VALUES (1, 1, 1, 1, 1, '乘客', 'x', 'h1', '5678', 'x', '420100', ?)", [T0]],
];
const passenger = (id: number) => `INSERT INTO charter_passengers (id, run_id, need_id, enterprise_id, seq, name, id_number_enc, id_hmac, id_last4, phone_enc, origin_region, created_at) VALUES (${id}, 1, 1, 1, ${id}, '乘客', 'x', 'h${id}', '5678', 'x', '420100', '${T0}')`;
const charterPass = (jti: string) => `INSERT INTO charter_passes (id, jti, run_id, kid, jws, md, passengers, nbf, exp, issued_at, issued_by) VALUES (1, '${jti}', 1, 'k1', 'jws', '${A}', 1, ${Date.parse('2026-12-05T00:00:00Z') / 1000}, ${Date.parse('2026-12-06T00:00:00Z') / 1000}, '${T0}', 1)`;
const NOT_EDITED = 'a passenger row is replaced, never edited (only erased, once, after its run)';
const FIXED_MANIFEST = 'the manifest of a decided charter run is fixed';
const charterCases: { what: string; sql: string; params?: unknown[]; refused: string | null }[] = [
  { what: 'users: the user name is unique whatever its case (COLLATE NOCASE / citext)', sql: "INSERT INTO users (username, display_name, role, password_hash) VALUES ('aDMIN', 'B', 'bureau_officer', 'h')", refused: 'UNIQUE' },
  { what: 'a passenger is added to a planned run', sql: passenger(2), refused: null },
  { what: 'and removed again', sql: 'DELETE FROM charter_passengers WHERE id = 2', refused: null },
  { what: 'a passenger row is never edited', sql: "UPDATE charter_passengers SET name = '别人' WHERE id = 1", refused: NOT_EDITED },
  { what: 'no pass for a planned run', sql: charterPass('C1'), refused: 'a charter pass is issued for an approved run only' },
  { what: 'no checkpoints for a planned run', sql: 'INSERT INTO charter_run_checkpoints (run_id, checkpoint_id) VALUES (1, 1)', refused: 'checkpoints are set when a charter run is approved' },
  { what: 'the bureau approves', sql: "UPDATE charter_runs SET status = 'approved', decided_by = 1, decided_at = ?, updated_at = ? WHERE id = 1", params: [T0, T0], refused: null },
  { what: 'the manifest of an approved run takes no passenger', sql: passenger(3), refused: FIXED_MANIFEST },
  { what: 'and loses none', sql: 'DELETE FROM charter_passengers WHERE id = 1', refused: FIXED_MANIFEST },
  { what: 'checkpoints of the approved run', sql: 'INSERT INTO charter_run_checkpoints (run_id, checkpoint_id) VALUES (1, 1)', refused: null },
  { what: 'its pass', sql: charterPass('C1'), refused: null },
  { what: 'no checkpoint once the pass exists', sql: 'INSERT INTO charter_run_checkpoints (run_id, checkpoint_id) VALUES (1, 2)', refused: 'checkpoints are set when a charter run is approved' },
  { what: 'the pass is fixed', sql: 'UPDATE charter_passes SET md = ? WHERE id = 1', params: [B], refused: 'a charter pass is fixed once issued' },
  { what: 'its jws is not erased before its run', sql: "UPDATE charter_passes SET jws = '已删除/erased' WHERE id = 1", refused: 'a charter pass is fixed once issued' },
  { what: 'the decided run is final', sql: "UPDATE charter_runs SET route = '别的路线' WHERE id = 1", refused: 'a decided or cancelled charter run is final' },
  { what: 'the run is not erased before its window ended', sql: "UPDATE charter_runs SET redacted_at = '2026-12-05T12:00:00.000Z', driver_name = '已删除/erased', driver_id_enc = '已删除/erased', driver_id_last4 = '****', driver_phone_enc = '已删除/erased' WHERE id = 1",
    refused: "a charter run is erased once, after its window, and only its driver's personal fields" },
  { what: 'the run is erased after its window', sql: "UPDATE charter_runs SET redacted_at = '2026-12-07T00:00:00.000Z', driver_name = '已删除/erased', driver_id_enc = '已删除/erased', driver_id_last4 = '****', driver_phone_enc = '已删除/erased' WHERE id = 1", refused: null },
  { what: 'then the jws of its expired pass', sql: "UPDATE charter_passes SET jws = '已删除/erased' WHERE id = 1", refused: null },
  { what: 'then its passengers, to exactly the erased values', sql: "UPDATE charter_passengers SET name = '已删除/erased', id_number_enc = '已删除/erased', id_hmac = 'erased:' || id, id_last4 = '****', phone_enc = '已删除/erased', stays = '[]' WHERE id = 1", refused: null },
  { what: 'once', sql: "UPDATE charter_passengers SET stays = '[]' WHERE id = 1", refused: NOT_EDITED },
  { what: 'a contact is erased as a whole', sql: "UPDATE charter_needs SET contact_name = '已删除/erased' WHERE id = 1", refused: 'an erased contact stays erased' },
  { what: 'an isolation start must be a calendar date', sql: "INSERT INTO charter_custody_isolations (custody_id, place, start_date, planned_end, responsible, recorded_at) VALUES (1, '隔离点', '2026-02-30', '2026-03-14', '负责人', '2026-12-01')", refused: 'CHECK' },
];

t.test('charter rules refuse the same statements with the same messages on both engines', { skip: noPostgres }, async (t) => {
  const [lite, pgEngine] = await bothEngines(t, [...setup, ...charterSetup]);
  // A UNIQUE or CHECK failure is worded by each engine its own way: matched by kind, not by text.
  const kind = (message: string | null) =>
    message === null ? null : /UNIQUE constraint failed|duplicate key value/.test(message) ? 'UNIQUE' : /CHECK constraint failed|violates check constraint/.test(message) ? 'CHECK' : message;
  for (const c of charterCases) {
    t.equal(kind(await outcome(lite, c.sql, c.params)), c.refused, `SQLite, ${c.what}`);
    t.equal(kind(await outcome(pgEngine, c.sql, c.params)), c.refused, `PostgreSQL, ${c.what}`);
  }
});

t.test('an escort request moves forward only, and is erased once to the same text on both engines', { skip: noPostgres }, async (t) => {
  const [lite, pgEngine] = await bothEngines(t, []);
  const people = '[{"index":0,"name":"张三","idMasked":"3205**********1234","role":"driver","keyArea":false},{"index":1,"name":"李四","idMasked":"4201**********5678","role":"escort"}]';
  const steps: { what: string; sql: string; refused: string | null }[] = [
    { what: 'recorded', sql: `INSERT INTO escort_requests (id, check_event_id, device_id, checkpoint_id, plate, people, reasons, rule_set_version, waiting_since, created_at, updated_at) VALUES (1, 'e2', 'dev-1', 1, '苏E12345', '${people}', '["keyarea.420100"]', 1, '${T0}', '${T0}', '${T0}')`, refused: null },
    { what: 'dispatched', sql: `UPDATE escort_requests SET status = 'dispatched', escort_name = '王 五', escort_phone_last4 = '4321', dispatched_at = '${T0}', updated_at = '${T0}' WHERE id = 1`, refused: null },
    { what: 'handed over to someone else', sql: `UPDATE escort_requests SET status = 'in_transit', handover_event_id = 'e1', handover_at = '${T0}', handover_escort_name = '赵六', handover_phone_last4 = '1234' WHERE id = 1`, refused: null },
    { what: 'never back', sql: "UPDATE escort_requests SET status = 'open' WHERE id = 1", refused: 'an escort request never goes back' },
    { what: 'the dispatch is fixed after the handover', sql: "UPDATE escort_requests SET escort_name = '王五' WHERE id = 1", refused: 'the dispatch is fixed once the vehicle was handed over' },
    { what: 'what the checkpoint saw is fixed', sql: "UPDATE escort_requests SET plate = '苏E54321' WHERE id = 1", refused: 'what the checkpoint recorded of an escort request is immutable' },
    { what: 'not erased before it is closed', sql: `UPDATE escort_requests SET redacted_at = '${T0}' WHERE id = 1`, refused: 'an escort request is erased once, when closed, and only its personal fields' },
    { what: 'arrived and closed', sql: `UPDATE escort_requests SET status = 'closed', arrived_at = '${T0}', arrived_by = 1, arrival_recorded_at = '${T0}', closed_at = '${T0}' WHERE id = 1`, refused: null },
    { what: 'never deleted', sql: 'DELETE FROM escort_requests WHERE id = 1', refused: 'escort requests are never deleted' },
    { what: 'an isolation with dates', sql: `INSERT INTO escort_isolations (id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at) VALUES (1, 1, 0, '隔离点', '2026-12-01', '2026-12-15', '负责人', '${T0}')`, refused: null },
    { what: 'its responsible is not erased while it runs', sql: "UPDATE escort_isolations SET responsible = '已删除/erased' WHERE id = 1", refused: 'an isolation arrangement is fixed once recorded' },
    { what: 'its end', sql: `UPDATE escort_isolations SET ended_on = '2026-12-14', end_recorded_at = '${T0}' WHERE id = 1`, refused: null },
    { what: 'once', sql: "UPDATE escort_isolations SET ended_on = '2026-12-13' WHERE id = 1", refused: 'the end of an isolation is recorded once' },
    { what: 'then its responsible is erased', sql: "UPDATE escort_isolations SET responsible = '已删除/erased' WHERE id = 1", refused: null },
    { what: 'a timeline step', sql: `INSERT INTO escort_timeline (id, request_id, kind, at, recorded_at, actor_type, actor_name, ref, detail) VALUES (1, 1, 'dispatched', '${T0}', '${T0}', 'user', 'admin', NULL, '{"escortName":"王 五","phoneLast4":"4321","seats":2,"responsible":"x"}')`, refused: null },
    { what: 'the timeline is append-only', sql: "UPDATE escort_timeline SET actor_name = 'other' WHERE id = 1", refused: 'escort_timeline is append-only' },
    { what: 'and its detail only erased', sql: `UPDATE escort_timeline SET detail = '{"escortName":"已删除/erased","seats":2,"responsible":"已删除/erased"}' WHERE id = 1`, refused: null },
  ];
  const M2 = '已删除/erased';
  const erase = (engine: string) => {
    const peopleErased = engine === 'SQLite'
      ? `(SELECT json_group_array(json(json_replace(p.value, '$.name', '${M2}', '$.idMasked', '${M2}'))) FROM json_each(escort_requests.people) p)`
      : `(SELECT '[' || coalesce(string_agg(kakou_json_replace(kakou_json_replace(p.value::text, '$.name', '${M2}'), '$.idMasked', '${M2}'), ',' ORDER BY p.ord), '') || ']' FROM json_array_elements(escort_requests.people::json) WITH ORDINALITY AS p(value, ord))`;
    return `UPDATE escort_requests SET people = ${peopleErased},
      escort_name = CASE WHEN escort_name IS NULL THEN NULL ELSE '${M2}' END,
      escort_phone_enc = NULL, escort_phone_last4 = NULL, handover_phone_last4 = NULL,
      handover_escort_name = CASE WHEN handover_escort_name IS NULL THEN NULL WHEN escort_mismatch = 1 THEN '${M2} ≠' ELSE '${M2}' END,
      redacted_at = '2027-01-01T00:00:00.000Z' WHERE id = 1`;
  };
  for (const engine of [lite, pgEngine]) {
    for (const [sql, params] of setup) await engine.run(sql, params);
    await engine.run("INSERT INTO users (id, username, display_name, role, password_hash) VALUES (1, 'admin', 'A', 'bureau_admin', 'h')");
    for (const step of steps) t.equal(await outcome(engine, step.sql), step.refused, `${engine.name}, ${step.what}`);
    t.same(await engine.rows('SELECT escort_mismatch FROM escort_requests'), [{ escort_mismatch: 1 }], `${engine.name}: the mismatch is flagged`);
    t.equal(await outcome(engine, erase(engine.name)), null, `${engine.name}: erased once`);
    // A second erasure breaks several rules at once. Both engines refuse it, each with the message of
    // the trigger it fires first: SQLite the most recently created (017's redaction rule),
    // PostgreSQL the first by name (docs/database.md, "Known differences").
    const expected = engine === lite ? 'an escort request is erased once, when closed, and only its personal fields' : 'the dispatch is fixed once the vehicle was handed over';
    t.equal(await outcome(engine, erase(engine.name)), expected, `${engine.name}: not twice`);
  }
  const erased = 'SELECT people, escort_name, handover_escort_name, escort_mismatch FROM escort_requests';
  t.same(await pgEngine.rows(erased), await lite.rows(erased), 'the same erased text on both');
});

if (database) t.teardown(() => database.drop());
