import t from 'tap';
import { spawnSync } from 'node:child_process';
import { auditedWorld, copyOf } from '../server/audit/fixtures.js';

/** `kakou audit verify --data-dir <copy>`, as an operator or an auditor runs it. */
function verify(dir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--data-dir', dir], {
    encoding: 'utf8',
    env: { ...process.env, KAKOU_DATA_DIR: '/nonexistent-kakou-data', KAKOU_LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

t.test('audit verify: OK with counts on a healthy copy, the first bad entry and exit 1 on a tampered one', async (t) => {
  const w = await auditedWorld(t);
  const healthy = verify(await copyOf(t, w));
  t.equal(healthy.code, 0, healthy.out);
  t.match(healthy.out, /^OK: \d+ entries \(0 with personal fields erased\), 1 signed checkpoint\(s\), head [A-Za-z0-9_-]{43}/);

  const flipped = verify(await copyOf(t, w, (db) => db.prepare("UPDATE audit_log SET actor_name = 'X' || substr(actor_name, 2) WHERE seq = 4").run()));
  t.equal(flipped.code, 1, flipped.out);
  t.match(flipped.out, /^FAILED: hash_mismatch at entry 4: /);

  const truncated = verify(await copyOf(t, w, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 3').run()));
  t.equal(truncated.code, 1);
  t.match(truncated.out, /^FAILED: truncated at entry 4 \(checkpoint 1\)/);
});

/** `kakou <args> --data-dir <copy>` */
function kakou(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--data-dir', dir], {
    encoding: 'utf8',
    env: { ...process.env, KAKOU_DATA_DIR: '/nonexistent-kakou-data', KAKOU_LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

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

  const Database = (await import('better-sqlite3')).default;
  const { join } = await import('node:path');
  const db = new Database(join(dir, 'kakou.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE audit_log SET detail = replace(detail, 'true', 'false') WHERE seq = (SELECT max(seq) FROM audit_log WHERE action = 'audit.verify')").run();
  const seq = (db.prepare("SELECT max(seq) AS s FROM audit_log WHERE action = 'audit.verify'").get() as { s: number }).s;
  db.close();
  const bad = verify(dir);
  t.equal(bad.code, 1, bad.out);
  t.match(bad.out, new RegExp(`^FAILED: hash_mismatch at entry ${seq}: `), 'the changed entry after the purge is named');
});
