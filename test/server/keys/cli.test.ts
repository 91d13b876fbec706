import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../../src/server/db/open.js';

const run = promisify(execFile);

t.test('kakou keys list / add-next / promote', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-cli-keys-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const kakou = (...args: string[]) =>
    run(process.execPath, ['--import=tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, KAKOU_DATA_DIR: dataDir }, cwd: process.cwd() });

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

  const db = openDb(join(dataDir, 'kakou.sqlite'));
  t.teardown(() => db.close());
  const audit = db.prepare("SELECT action, actor_name FROM audit_log WHERE action LIKE 'key.%' ORDER BY seq").all();
  t.same(audit, [{ action: 'key.create', actor_name: 'cli' }, { action: 'key.promote', actor_name: 'cli' }]);
  const enc = db.prepare('SELECT private_enc FROM signing_keys').all() as Array<{ private_enc: string }>;
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
});
