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

  const db = openDb(join(dataDir, 'kakou.sqlite'));
  t.teardown(() => db.close());
  const audit = db.prepare("SELECT action, actor_name FROM audit_log WHERE action LIKE 'key.%' ORDER BY seq").all();
  t.same(audit, [{ action: 'key.create', actor_name: 'cli' }, { action: 'key.promote', actor_name: 'cli' }]);
  const enc = db.prepare('SELECT private_enc FROM signing_keys').all() as Array<{ private_enc: string }>;
  t.ok(enc.every((r) => !r.private_enc.includes('"d"')));
});
