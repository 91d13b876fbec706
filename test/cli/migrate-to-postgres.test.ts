/**
 * `kakou migrate-to-postgres` as an operator runs it, on an escort world's data folder (a backup
 * of a running server: passes, an escort handed over, device events, a signed audit checkpoint).
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { auditedWorld, copyOf } from '../server/audit/fixtures.js';
import { loadMigrations, migrate } from '../../src/server/db/migrate.js';
import { openDb } from '../../src/server/db/open.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { freshPostgresDatabase, postgresServerUrl } from '../helpers/postgres.js';

const server = await postgresServerUrl();
const skip = server ? false : 'no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found';

/** A KAKOU_DATA_DIR that does not exist: the command must not make one (loading the configuration would). */
const unusedDataDir = join(tmpdir(), `kakou-m2p-unused-${process.pid}`);

function kakou(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate-to-postgres', ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAKOU_DATA_DIR: unusedDataDir, KAKOU_LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const PASSWORD = 'n0t-printed-anywhere';

t.test('migrate-to-postgres copies and checks, prints no password, and refuses a second run', { skip }, async (t) => {
  const w = await auditedWorld(t);
  const from = await copyOf(t, w);
  const database = (await freshPostgresDatabase())!;
  t.teardown(() => database.drop());
  // A password in the URL (the throwaway cluster trusts its socket and ignores it): it must never be printed.
  const url = database.url.replace(/^([a-z]+:\/\/[^:@/]+)@/i, `$1:${PASSWORD}@`);
  const keysTo = join(mkdtempSync(join(tmpdir(), 'kakou-m2p-cli-')), 'nodes');
  t.teardown(() => rmSync(join(keysTo, '..'), { recursive: true, force: true }));

  const run = kakou('--from', from, '--to', url, '--keys-to', keysTo);
  t.equal(run.code, 0, run.out);
  t.notMatch(run.out, PASSWORD, 'the password is not printed');
  if (url !== database.url) t.match(run.out, ':***@', 'the URL is shown redacted');
  t.match(run.out, /copied audit_log: \d+ rows/);
  t.match(run.out, /OK: schema version \d+, \d+ tables, \d+ rows copied; counts and checksums match; audit chain verified \(\d+ entries, 1 signed checkpoint\(s\), head [A-Za-z0-9_-]{43}\); the data key decrypts all \d+ signing keys/);
  t.match(run.out, /EVERY node that serves this database needs its own copy of .*nodes as its data folder \(KAKOU_DATA_DIR\)/);
  for (const name of ['data-key', 'cookie-secret']) {
    t.equal(statSync(join(keysTo, name)).mode & 0o777, 0o600, `${name} copied 0600`);
    t.same(readFileSync(join(keysTo, name)), readFileSync(join(from, name)));
  }
  t.notOk(existsSync(join(keysTo, 'kakou.sqlite')), 'the folder holds the keys, not the database');

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  t.teardown(() => client.end());
  const pgSeqs = Number((await client.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
  t.ok(pgSeqs > 10, `${pgSeqs} audit entries on PostgreSQL`);
  t.ok(Number((await client.query('SELECT count(*) AS n FROM escort_requests')).rows[0].n) > 0, 'the escort request came along');

  const again = kakou('--from', from, '--to', url, '--keys-to', keysTo);
  t.equal(again.code, 1, again.out);
  t.match(again.out, /^refused: the PostgreSQL database already holds data \(in .*\); the copy goes into a new, empty database only/m);
  t.notMatch(again.out, PASSWORD);
  t.equal(Number((await client.query('SELECT count(*) AS n FROM audit_log')).rows[0].n), pgSeqs, 'the second run changed nothing');
});

t.test('migrate-to-postgres: usage, a folder that is not a data folder, a server it cannot reach', async (t) => {
  const usage = kakou('--from', '/tmp');
  t.equal(usage.code, 2);
  t.match(usage.out, /usage: kakou migrate-to-postgres --from <SQLite data folder> --to <postgres URL> --keys-to <folder for the new nodes>/);

  const empty = mkdtempSync(join(tmpdir(), 'kakou-m2p-cli-empty-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const notData = kakou('--from', empty, '--to', `postgres://kakou:${PASSWORD}@/kakou?host=/nonexistent`, '--keys-to', join(empty, 'keys'));
  t.equal(notData.code, 1);
  t.match(notData.out, /^refused: .* is not a Kakou data folder: there is no kakou.sqlite in it/m);
  t.notOk(existsSync(join(empty, 'keys')));
  t.notOk(existsSync(unusedDataDir), 'KAKOU_DATA_DIR is not touched (no cookie secret made there)');
});

t.test('migrate-to-postgres: a data folder behind the latest migration is refused before any key file is written', async (t) => {
  const from = mkdtempSync(join(tmpdir(), 'kakou-m2p-cli-old-'));
  t.teardown(() => rmSync(from, { recursive: true, force: true }));
  const db = openDb(join(from, 'kakou.sqlite'));
  migrate(db, loadMigrations().slice(0, 20));
  db.close();
  DataKey.load(from);
  const r = kakou('--from', from, '--to', 'postgres://kakou@/kakou?host=/nonexistent-socket-dir', '--keys-to', join(from, 'keys'));
  t.equal(r.code, 1, r.out);
  t.match(r.out, /^refused: the SQLite database is at schema version 20, this code's latest is \d+: bring it up to date first/m);
  t.notOk(existsSync(join(from, 'keys')));
});

t.test('migrate-to-postgres: an unreachable server is named without its password, and no key file is written', async (t) => {
  const w = await auditedWorld(t);
  const from = await copyOf(t, w);
  const keysTo = join(mkdtempSync(join(tmpdir(), 'kakou-m2p-cli-')), 'nodes');
  t.teardown(() => rmSync(join(keysTo, '..'), { recursive: true, force: true }));
  const r = kakou('--from', from, '--to', `postgres://kakou:${PASSWORD}@/kakou?host=/nonexistent-socket-dir`, '--keys-to', keysTo);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /^refused: cannot connect to postgres:\/\/kakou:\*\*\*@\/kakou\?host=\/nonexistent-socket-dir: /m);
  t.notMatch(r.out, PASSWORD);
  t.notOk(existsSync(keysTo));
});
