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
