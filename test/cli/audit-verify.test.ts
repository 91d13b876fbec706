import t from 'tap';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { auditedWorld, copyDatabaseUrl, copyOf, tamperWith } from '../server/audit/fixtures.js';

/**
 * `kakou <args>` on a copy, as an operator or an auditor runs it: `--data-dir <copy>` for a SQLite copy (the
 * folder holds its database); on PostgreSQL the copy's database in KAKOU_DATABASE_URL with its key files'
 * folder in KAKOU_DATA_DIR, as a node runs it.
 */
function kakou(dir: string, ...args: string[]) {
  const url = copyDatabaseUrl(dir);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, ...(url ? [] : ['--data-dir', dir])], {
    encoding: 'utf8',
    env: { ...process.env, KAKOU_LOG_LEVEL: 'silent', ...(url ? { KAKOU_DATA_DIR: dir, KAKOU_DATABASE_URL: url } : { KAKOU_DATA_DIR: '/nonexistent-kakou-data' }) },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** `kakou audit verify` on a copy. */
const verify = (dir: string) => kakou(dir, 'audit', 'verify');

t.test('audit verify: OK with counts on a healthy copy, the first bad entry and exit 1 on a tampered one', async (t) => {
  const w = await auditedWorld(t);
  const healthy = verify(await copyOf(t, w));
  t.equal(healthy.code, 0, healthy.out);
  t.match(healthy.out, /^OK: \d+ entries \(0 with personal fields erased\), 1 signed checkpoint\(s\), head [A-Za-z0-9_-]{43}/);

  const flipped = verify(await copyOf(t, w, (s) => s.q().updateTable('audit_log').set({ actor_name: sql<string>`'X' || substr(actor_name, 2)` }).where('seq', '=', 4).execute()));
  t.equal(flipped.code, 1, flipped.out);
  t.match(flipped.out, /^FAILED: hash_mismatch at entry 4: /);

  const truncated = verify(await copyOf(t, w, (s) => s.q().deleteFrom('audit_log').where('seq', '>', 3).execute()));
  t.equal(truncated.code, 1);
  t.match(truncated.out, /^FAILED: truncated at entry 4 \(checkpoint 1\)/);
});

t.test('audit purge: erases the personal data, counts per table; verify still passes, and a tampered purged copy still fails', async (t) => {
  const w = await auditedWorld(t);
  const dir = await copyOf(t, w);
  t.equal(kakou(dir, 'audit', 'purge', '--before', 'not a date').code, 2);
  const purged = kakou(dir, 'audit', 'purge', '--before', '2999-01-01');
  t.equal(purged.code, 0, purged.out);
  t.match(purged.out, /^erased personal data recorded before 2998-12-31T16:00:00\.000Z: escortRequests 0, .*handoverEvents 0, .*auditPersonal [1-9]/, 'the request is still open: its handover and its log entries keep their names');
  const again = kakou(dir, 'retention', 'run');
  t.equal(again.code, 0, again.out);
  t.match(again.out, /\(180 days kept\)/);
  const ok = verify(dir);
  t.equal(ok.code, 0, ok.out);
  t.match(ok.out, /^OK: \d+ entries \([1-9]\d* with personal fields erased\)/);

  let seq = 0;
  await tamperWith(dir, async (s) => {
    ({ seq } = await s.q().selectFrom('audit_log').select('seq').where('action', '=', 'audit.verify').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
    const changed = await s.q().updateTable('audit_log').set({ detail: sql<string>`replace(detail, 'true', 'false')` }).where('seq', '=', seq).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new Error('the verification entry was not changed');
  });
  const bad = verify(dir);
  t.equal(bad.code, 1, bad.out);
  t.match(bad.out, new RegExp(`^FAILED: hash_mismatch at entry ${seq}: `), 'the changed entry after the purge is named');
});
