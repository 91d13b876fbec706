import t from 'tap';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backup } from '../../src/cli/backup.js';
import { setup } from '../helpers/app.js';
import { creditCode } from '../helpers/credit-code.js';

t.test('backup copies a consistent database and the key files', async (t) => {
  const ctx = await setup(t);
  await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(1));
  const dest = join(mkdtempSync(join(tmpdir(), 'kakou-backup-')), 'b1');
  t.teardown(() => rmSync(join(dest, '..'), { recursive: true, force: true }));

  const files = await backup(ctx.repos.db, ctx.dataDir, dest);
  t.same(files.sort(), ['cookie-secret', 'data-key', 'kakou.sqlite']);
  t.equal(statSync(dest).mode & 0o777, 0o700, 'the folder is private');
  t.equal(readFileSync(join(dest, 'data-key'), 'utf8'), readFileSync(join(ctx.dataDir, 'data-key'), 'utf8'));

  const copy = new Database(join(dest, 'kakou.sqlite'), { readonly: true });
  t.teardown(() => copy.close());
  t.equal((copy.prepare('SELECT name FROM enterprises').get() as { name: string }).name, '昆山锦程精密机械有限公司');
  t.equal((copy.pragma('integrity_check', { simple: true }) as string), 'ok');

  await t.rejects(backup(ctx.repos.db, ctx.dataDir, dest), /not empty/, 'never overwrites a backup');
  t.ok(existsSync(join(dest, 'kakou.sqlite')));
});
