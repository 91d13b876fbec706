/**
 * src/cli/copy-to-postgres.ts and the key files of src/cli/migrate-to-postgres.ts, on a real
 * PostgreSQL (KAKOU_TEST_DATABASE_URL, or a throwaway cluster) and a demo data folder: passes (one
 * amended, so passes reference each other both ways), people with encrypted ID numbers, device
 * events, escorts, a charter run with its pass and custody, audit entries with a signed checkpoint
 * and erased personal fields.
 */
import t, { type Test } from 'tap';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { seedDemo } from '../../src/cli/demo-data.js';
import { planKeyFiles, redactUrl, writeKeyFiles } from '../../src/cli/migrate-to-postgres.js';
import { ensureFirstAdmin } from '../../src/server/bootstrap.js';
import { readOrCreateSecret } from '../../src/server/config.js';
import {
  CopyRefusedError, SEEDED_BY_MIGRATIONS, TRANSITION_TRIGGERS, copyToPostgres, foreignKeyOrder, openSourceReadOnly, readDataKey,
} from '../../src/cli/copy-to-postgres.js';
import { loadMigrations, migrate } from '../../src/server/db/migrate.js';
import { migratePostgres } from '../../src/server/db/migrate-postgres.js';
import { openDb } from '../../src/server/db/open.js';
import { auditIntegrity } from '../../src/server/features/audit/integrity.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { passesService } from '../../src/server/features/passes/service.js';
import { repositories } from '../../src/server/repositories.js';
import { sqliteStore } from '../../src/server/db/sqlite-store.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { freshPostgresDatabase, postgresServerUrl } from '../helpers/postgres.js';

const server = await postgresServerUrl();
const skip = server ? false : 'no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found';

/** The demo data folder, built once (seeding takes a few seconds); each test copies it. */
let built: string | undefined;
async function demoFolder(): Promise<string> {
  if (built) return built;
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-m2p-src-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = openDb(join(dataDir, 'kakou.sqlite'));
  try {
    migrate(db);
    const repos = repositories(sqliteStore(db), { dataDir });
    await ensureFirstAdmin(repos);
    readOrCreateSecret(dataDir, 'cookie-secret');
    await seedDemo(repos, dataDir, { publicUrl: 'http://localhost:3977' });
    const keys = keysService(repos, DataKey.load(dataDir));
    // An amendment: the new pass replaces the old one, which then names it (a reference each way).
    const officer = { kind: 'user' as const, user: (await repos.users.get((await repos.users.getWithHash('officer'))!.id))! };
    const ent = { kind: 'user' as const, user: (await repos.users.get((await repos.users.getWithHash('jincheng'))!.id))! };
    const passes = passesService(repos, keys.passSigner({ issuer: () => 'KSJT' }));
    const issued = db.prepare("SELECT id FROM passes WHERE status = 'issued' ORDER BY id LIMIT 1").get() as { id: number };
    const amended = await passes.amend(ent, issued.id, '127.0.0.1');
    await passes.submit(ent, amended.id, '127.0.0.1');
    await passes.approve(officer, amended.id, '127.0.0.1');
    const integrity = auditIntegrity(repos, keys);
    await integrity.signCheckpoint({ force: true });
    await integrity.purgePersonal(new Date(Date.now() + 60_000)); // erased personal fields: the chain keeps their commitments
    await integrity.verify(); // and a few entries after the checkpoint
  } finally {
    db.close();
  }
  return (built = dataDir);
}

/** A copy of the demo folder; `change` runs raw SQL on it (with the audit triggers dropped when asked). */
async function folder(t: Test, change?: (db: Database.Database) => void): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'kakou-m2p-')), 'data');
  t.teardown(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
  cpSync(await demoFolder(), dir, { recursive: true });
  if (change) {
    const db = new Database(join(dir, 'kakou.sqlite'));
    change(db);
    db.close();
  }
  return dir;
}

async function target(t: Test): Promise<{ client: pg.Client; url: string }> {
  const database = (await freshPostgresDatabase())!;
  // int8 as a JS number, as the server's pool will parse it (docs/database.md); the CLI test runs the
  // copy on pg's default (text) instead.
  const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
  const client = new pg.Client({ connectionString: database.url, types });
  await client.connect();
  t.teardown(async () => {
    await client.end();
    await database.drop();
  });
  return { client, url: database.url };
}

async function copy(t: Test, dir: string, client: pg.Client) {
  const source = openSourceReadOnly(dir);
  t.teardown(() => source.close());
  return copyToPostgres(source, client, readDataKey(dir), { batchRows: 7 }); // small batches: several per table
}

/** Tables with rows other than the migrations' own (what "already holds data" means). */
async function tablesWithRows(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY 1");
  const out: string[] = [];
  for (const { t } of rows) if ((await client.query(`SELECT 1 FROM ${t} LIMIT 1`)).rows.length) out.push(t);
  return out;
}

const sqliteRows = (dir: string, sql: string) => {
  const db = new Database(join(dir, 'kakou.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

t.test('a demo data folder is copied whole: counts, rows column by column, identities continue, the audit chain verifies', { skip }, async (t) => {
  const dir = await folder(t);
  const { client } = await target(t);
  const report = await copy(t, dir, client);

  t.equal(report.schemaVersion, loadMigrations().length);
  t.ok(report.audit.ok, 'the audit chain verifies on PostgreSQL');
  t.ok(report.audit.entries > 20 && report.audit.checkpoints === 1 && report.audit.erased > 0, `entries ${report.audit.entries}, erased ${report.audit.erased}`);
  t.ok(report.signingKeys >= 2, 'the pass and audit keys, each decrypted with the data key');

  // Every table, counted on both sides (the report's counts are SQLite's; these are PostgreSQL's).
  for (const { table, rows } of report.tables) {
    const n = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const m = (sqliteRows(dir, `SELECT count(*) AS n FROM ${table}`)[0] as { n: number }).n;
    t.equal(n, m, `${table}: ${m} rows on both`);
    t.equal(rows, m);
  }
  for (const table of ['passes', 'people', 'events', 'audit_log', 'charter_passengers', 'charter_passes', 'escort_requests']) {
    t.ok(report.tables.find((x) => x.table === table)!.rows > 0, `the demo has ${table}`);
  }

  // Rows column by column, the generated columns included (PostgreSQL computed those itself).
  const same = async (sql: string, order: string) => {
    const pgRows = (await client.query(`${sql} ORDER BY ${order}`)).rows as Array<Record<string, unknown>>;
    const liteRows = sqliteRows(dir, `${sql} ORDER BY ${order}`);
    t.same(pgRows, liteRows, sql);
  };
  await same('SELECT id, pass_no, status, token, kid, replaces_id, replaced_by_id, valid_from, valid_to, revoked_at FROM passes', 'id');
  await same('SELECT id, name, id_number_enc, id_hmac, id_last4, phone_enc, stays, archived FROM people', 'id');
  await same('SELECT id, device_id, seq, hash, canonical, sig, payload, ac_plate, ac_decision, ac_fever, ac_device_ms FROM events', 'device_id, seq');
  await same('SELECT seq, at, action, detail, prev_hash, hash, pd FROM audit_log', 'seq');
  await same('SELECT kid, purpose, public_jwk, private_enc, state, last_exp FROM signing_keys', 'kid');
  await same('SELECT key, value FROM settings', 'key');
  await same('SELECT id, done FROM anomaly_backfill', 'id');
  t.ok(
    (await client.query('SELECT 1 FROM passes a JOIN passes b ON a.replaced_by_id = b.id AND b.replaces_id = a.id')).rows.length === 1,
    'the amended pass and the one it replaced name each other',
  );

  // The copied data key reads the copy's encrypted columns.
  const key = readDataKey(dir);
  const person = (await client.query("SELECT id_number_enc FROM people WHERE name = '张建国'")).rows[0] as { id_number_enc: string };
  t.equal(key.decrypt(person.id_number_enc, 'people.id_number'), '320583198001010016');

  // Identity sequences continue after the copied ids.
  const maxId = Number((await client.query('SELECT max(id) AS m FROM enterprises')).rows[0].m);
  const inserted = await client.query(
    "INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone) VALUES ('新企业', '91320583MA1TEST00X', '昆山', '320583', '051257000000') RETURNING id",
  );
  t.equal(Number(inserted.rows[0].id), maxId + 1, 'a new enterprise gets max(id) + 1');
  for (const table of ['passes', 'people', 'audit_checkpoints', 'charter_runs']) {
    const { rows } = await client.query(`SELECT max(id)::bigint AS m, (SELECT last_value FROM ${table}_id_seq) AS l FROM ${table}`);
    t.equal(String(rows[0].l), String(rows[0].m), `${table}'s sequence stands at its max(id)`);
  }

  // The transition triggers are on again, and constraints were never off.
  const { rows: triggers } = await client.query<{ tgname: string; tgenabled: string }>('SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> $1', ['O']);
  t.same(triggers, [], 'every trigger enabled after the copy');
  const run = (await client.query('SELECT run_id FROM charter_passengers LIMIT 1')).rows[0] as { run_id: string };
  await t.rejects(
    client.query("INSERT INTO charter_passengers (run_id, need_id, enterprise_id, seq, name, id_number_enc, id_hmac, id_last4, phone_enc, origin_region, stays) SELECT run_id, need_id, enterprise_id, 99, 'x', id_number_enc, id_hmac, id_last4, phone_enc, origin_region, stays FROM charter_passengers WHERE run_id = $1 LIMIT 1", [run.run_id]),
    /the manifest of a decided charter run is fixed/,
    'the decided run\'s manifest is fixed again',
  );
});

t.test("an id SQLite's AUTOINCREMENT handed out and lost to a delete is not handed out again", { skip }, async (t) => {
  // As if the last 50 revocations had been deleted: the counter is ahead of max(version).
  const dir = await folder(t, (db) => db.prepare("UPDATE sqlite_sequence SET seq = seq + 50 WHERE name = 'revocations'").run());
  const counter = Number((sqliteRows(dir, "SELECT seq FROM sqlite_sequence WHERE name = 'revocations'")[0] as { seq: number }).seq);
  const { client } = await target(t);
  await copy(t, dir, client);
  const { rows } = await client.query("INSERT INTO revocations (pass_no, reason, expires_at) VALUES ('KSJT-NEW', 'revoked', 0) RETURNING version");
  t.equal(rows[0].version, counter + 1);
});

t.test('what the migrations seed is all a fresh target holds; the copy replaces it', { skip }, async (t) => {
  const { client } = await target(t);
  await migratePostgres(client);
  t.same(await tablesWithRows(client), [...SEEDED_BY_MIGRATIONS].sort());
});

t.test('a target that already holds data is refused, and left as it was', { skip }, async (t) => {
  const dir = await folder(t);
  const { client } = await target(t);
  await copy(t, dir, client);
  const before = (await client.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
  await t.rejects(copy(t, dir, client), { name: 'CopyRefusedError', message: /already holds data \(in .*audit_log.*\); the copy goes into a new, empty database only/ });
  t.equal((await client.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, before);
});

t.test('a tampered audit entry fails the check on the copy, which is rolled back', { skip }, async (t) => {
  const dir = await folder(t, (db) => {
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor_name = 'X' || substr(actor_name, 2) WHERE seq = 4").run();
  });
  const { client } = await target(t);
  await t.rejects(copy(t, dir, client), /the audit chain does not verify on the copy, nothing was committed: hash_mismatch at entry 4: [^]*SQLite data folder fails too/);
  t.same(await tablesWithRows(client), [...SEEDED_BY_MIGRATIONS].sort(), 'nothing committed but the schema');
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'");
  t.equal(rows[0]!.n, 0, 'the transition triggers are enabled after the rollback');
});

t.test('foreign keys stay enforced during the copy: a dangling reference in SQLite fails it, naming the table', { skip }, async (t) => {
  const dir = await folder(t, (db) => {
    db.pragma('foreign_keys = OFF');
    db.prepare('UPDATE passes SET vehicle_id = 99999 WHERE id = (SELECT min(id) FROM passes)').run();
  });
  const { client } = await target(t);
  await t.rejects(copy(t, dir, client), /^copying passes: insert or update on table "passes" violates foreign key constraint .*; nothing was committed$/);
  t.same(await tablesWithRows(client), [...SEEDED_BY_MIGRATIONS].sort());
});

t.test('a signing key the data key does not decrypt is refused', { skip }, async (t) => {
  const dir = await folder(t);
  writeFileSync(join(dir, 'data-key'), Buffer.alloc(32, 7).toString('base64') + '\n');
  const { client } = await target(t);
  await t.rejects(copy(t, dir, client), /the data key does not decrypt signing key .*: it is not this database's data key/);
  t.same(await tablesWithRows(client), [...SEEDED_BY_MIGRATIONS].sort());
});

t.test('a SQLite database behind the latest migration is refused, before the target is touched', { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-m2p-old-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const db = openDb(join(dir, 'kakou.sqlite'));
  migrate(db, loadMigrations().slice(0, -1));
  db.close();
  DataKey.load(dir);
  const { client } = await target(t);
  const latest = loadMigrations().length;
  await t.rejects(copy(t, dir, client), new RegExp(`schema version ${latest - 1}, this code's latest is ${latest}: bring it up to date first`));
  t.equal((await client.query("SELECT to_regclass('schema_migrations') AS r")).rows[0].r, null, 'not even migrated');
});

t.test('a folder without kakou.sqlite or without a data key is refused', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-m2p-empty-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.throws(() => openSourceReadOnly(dir), /is not a Kakou data folder: there is no kakou.sqlite/);
  t.throws(() => readDataKey(dir), /has no data-key file/);
  t.throws(() => planKeyFiles(dir, join(dir, 'keys')), CopyRefusedError);
});

t.test('key files: copied 0600 into a 0700 folder, the same ones again accepted, a different one refused', async (t) => {
  const from = mkdtempSync(join(tmpdir(), 'kakou-m2p-keys-'));
  t.teardown(() => rmSync(from, { recursive: true, force: true }));
  DataKey.load(from);
  readOrCreateSecret(from, 'cookie-secret');
  const to = join(from, 'nodes');
  const plan = planKeyFiles(from, to);
  t.same(plan.map((f) => f.name), ['data-key', 'cookie-secret']);
  writeKeyFiles(plan, to);
  t.equal(statSync(to).mode & 0o777, 0o700);
  for (const name of ['data-key', 'cookie-secret']) {
    t.equal(statSync(join(to, name)).mode & 0o777, 0o600, `${name} is 0600`);
    t.same(readFileSync(join(to, name)), readFileSync(join(from, name)));
  }
  t.same(planKeyFiles(from, to).map((f) => f.present), [true, true], 'a second run finds them in place');
  writeFileSync(join(to, 'cookie-secret'), 'another secret, another cluster........\n');
  t.throws(() => planKeyFiles(from, to), /cookie-secret already exists and differs from .*refusing to overwrite a key file/);

  const noCookie = join(from, 'no-cookie');
  mkdirSync(noCookie);
  cpSync(join(from, 'data-key'), join(noCookie, 'data-key'));
  t.same(planKeyFiles(noCookie, join(noCookie, 'out')).map((f) => f.name), ['data-key'], 'a cookie secret from the environment is not a file to copy');
  t.notOk(existsSync(join(noCookie, 'out')), 'planning writes nothing');
});

t.test('foreign key order: referenced tables first, a cycle named', async (t) => {
  const tables = [
    { name: 'passes', references: new Set(['users', 'enterprises']) },
    { name: 'users', references: new Set(['enterprises']) },
    { name: 'enterprises', references: new Set<string>() },
  ];
  t.same(foreignKeyOrder(tables).map((x) => x.name), ['enterprises', 'users', 'passes']);
  t.throws(() => foreignKeyOrder([{ name: 'a', references: new Set(['b']) }, { name: 'b', references: new Set(['a']) }]), /cycle between a, b/);
});

t.test('the transition triggers named for the copy exist', { skip }, async (t) => {
  const { client } = await target(t);
  await migratePostgres(client);
  for (const { table, trigger } of TRANSITION_TRIGGERS) {
    const { rows } = await client.query('SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = $2::regclass', [trigger, table]);
    t.equal(rows.length, 1, `${table}.${trigger}`);
  }
});

t.test('redactUrl hides the password in every URL form', async (t) => {
  t.equal(redactUrl('postgres://kakou:s3cr%40t@db.example:5432/kakou'), 'postgres://kakou:***@db.example:5432/kakou');
  t.equal(redactUrl('postgresql://kakou:pw@/kakou?host=/tmp/pg'), 'postgresql://kakou:***@/kakou?host=/tmp/pg');
  t.equal(redactUrl('postgres://kakou@/kakou?host=/tmp/pg&password=pw&sslmode=require'), 'postgres://kakou@/kakou?host=/tmp/pg&password=***&sslmode=require');
  t.equal(redactUrl('postgres://kakou@db/kakou'), 'postgres://kakou@db/kakou');
});
