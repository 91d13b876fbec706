import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { prepareTestDatabase, openTestStore } from '../../helpers/test-database.js';

const run = promisify(execFile);

t.test('kakou keys list / add-next / promote', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-cli-keys-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  // The server's database as the CLI finds it: the folder's SQLite file, or KAKOU_DATABASE_URL (KAKOU_TEST_ENGINE=postgres).
  const database = await prepareTestDatabase(t, dataDir);
  const kakou = (...args: string[]) =>
    run(process.execPath, ['--import=tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, KAKOU_DATA_DIR: dataDir, ...database }, cwd: process.cwd() });

  t.equal((await kakou('keys', 'list')).stdout, '', 'no keys before the server or the CLI made one');
  const added = await kakou('keys', 'add-next');
  t.match(added.stdout, /next pass key (\S+) added/);
  const promoted = await kakou('keys', 'promote', '--purpose', 'pass');
  t.match(promoted.stdout, /pass key \S+ is now active/);
  await t.rejects(kakou('keys', 'promote'), 'nothing left to promote');
  await t.rejects(kakou('keys', 'add-next', '--purpose', 'nope'));
  const list = await kakou('keys', 'list');
  t.match(list.stdout, /pass\s+\S+\s+active\s+created \S+\s+published/);
  t.notMatch(list.stdout, /^bundle/m, 'the CLI makes no bundle key by itself (the server does at start-up)');

  const opened = await openTestStore(dataDir);
  t.teardown(() => opened.close());
  const q = opened.store.q();
  const audit = await q.selectFrom('audit_log').select(['action', 'actor_name']).where('action', 'like', 'key.%').orderBy('seq').execute();
  t.same(audit, [{ action: 'key.create', actor_name: 'cli' }, { action: 'key.promote', actor_name: 'cli' }]);
  const enc = await q.selectFrom('signing_keys').select('private_enc').execute();
  t.equal(enc.length, 1, 'one key stored');
  t.ok(enc.every((r) => r.private_enc.length > 0 && !r.private_enc.includes('"d"')), 'its private part is stored encrypted');

  // A bundle rotation from the CLI leaves the pass key alone.
  const passKid = /next pass key (\S+) added/.exec(added.stdout)![1]!;
  t.match((await kakou('keys', 'add-next', '--purpose', 'bundle')).stdout, /next bundle key \S+ added/);
  t.match((await kakou('keys', 'promote', '--purpose', 'bundle')).stdout, /bundle key \S+ is now active/);
  const both = await kakou('keys', 'list');
  t.match(both.stdout, /^bundle\s+\S+\s+active\s+created \S+\s+published$/m);
  t.match(both.stdout, new RegExp(`^pass\\s+${passKid}\\s+active\\s+created \\S+\\s+published$`, 'm'), 'the pass key is still the active one');
  t.equal(both.stdout.trim().split('\n').length, 2);

  // The operator's other commands work on the same database: the chain the CLI appended to verifies.
  t.match((await kakou('audit', 'verify')).stdout, /^OK: \d+ entries/);
  if (opened.store.engine === 'postgres') {
    const refused = await kakou('backup', join(dataDir, 'copy')).then(() => null, (e: { code?: number; stderr?: string }) => e);
    t.equal(refused?.code, 2, 'kakou backup is SQLite\'s: refused on PostgreSQL');
    t.match(refused?.stderr, /on PostgreSQL back up the database with its own tools/);
  }
});
