import t from 'tap';
import { openDb } from '../../../src/server/db/open.js';
import { migrate } from '../../../src/server/db/migrate.js';
import { anomaliesRepo } from '../../../src/server/features/anomalies/repository.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { ANOMALY_KINDS } from '../../../src/core/audit/anomalies.js';

t.test('each filter of the anomaly list walks one index of migration 016 (no full scan, no sort)', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  migrate(db);
  // Rows only for the planner's statistics; their events, devices and checkpoints do not matter here.
  db.pragma('foreign_keys = OFF');
  const ins = db.prepare("INSERT INTO anomalies (kind, severity, subject, at, device_id, checkpoint_id, detected_at) VALUES (?, 'low', ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
      ins.run(ANOMALY_KINDS[i % ANOMALY_KINDS.length], `s${i}`, at, `d${i % 60}`, 1 + (i % 30), at);
    }
  })();
  db.exec('ANALYZE');
  const repo = anomaliesRepo(sqliteStore(db));
  const day = { from: '2026-11-02T16:00:00.000Z', to: '2026-11-03T16:00:00.000Z' };
  const cases: Array<[string, Parameters<typeof repo.plan>[0], Parameters<typeof repo.plan>[1], RegExp]> = [
    ['no filter', {}, null, /^SCAN a USING COVERING INDEX anomalies_at$/],
    ['deep page', {}, { a: '2026-11-02T00:00:00.000Z', i: 2000 }, /^SEARCH a USING COVERING INDEX anomalies_at \(at<\?\)$/],
    ['kind', { kind: 'chain_fork' }, null, /^SEARCH a USING COVERING INDEX anomalies_kind \(kind=\?\)$/],
    ['checkpoint', { checkpointId: 3 }, null, /^SEARCH a USING COVERING INDEX anomalies_checkpoint \(checkpoint_id=\?\)$/],
    ['device', { deviceId: 'd7' }, null, /^SEARCH a USING COVERING INDEX anomalies_device \(device_id=\?\)$/],
    ['day', day, null, /^SEARCH a USING COVERING INDEX anomalies_at \(at>\? AND at<\?\)$/],
    ['kind + day', { kind: 'clock_skew', ...day }, null, /^SEARCH a USING COVERING INDEX anomalies_kind \(kind=\? AND at>\? AND at<\?\)$/],
  ];
  for (const [name, f, c, want] of cases) {
    const plan = await repo.plan(f, c);
    t.equal(plan.length, 1, `${name}: one step, no temp b-tree (${plan.join(' / ')})`);
    t.match(plan[0], want, name);
  }
});

t.test('impossible travel reads only the time window of a pass (migration 021)', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  migrate(db);
  // SQLite's reading of a device time must agree with the server's Date.parse for every form devices send.
  for (const deviceTime of ['2020-02-25T14:01:00+08:00', '2020-02-25T14:01:00.123+08:00', '2020-02-25T06:01:00.5Z', '2020-02-25T14:01:00.123456+08:00', '2020-02-24T23:59:59.999-05:30']) {
    const ms = db.prepare("SELECT CAST(round(unixepoch(?, 'subsec') * 1000) AS INTEGER) AS ms").pluck().get(deviceTime);
    t.equal(ms, Date.parse(deviceTime), deviceTime);
  }
  // The query as the repository runs it: a range of the timed index, and the untimed rows by their own (normally empty) index.
  const plan = await anomaliesRepo(sqliteStore(db)).sightingsPlan();
  t.ok(plan.some((l) => /^SEARCH e USING INDEX events_pass_time \(ac_pass=\? AND ac_device_ms>\? AND ac_device_ms<\?\)$/.test(l)), plan.join(' / '));
  t.ok(plan.some((l) => /^SEARCH e USING INDEX events_pass_untimed \(ac_pass=\?\)$/.test(l)), 'untimed rows by their own index');
  t.notOk(plan.some((l) => /events_ac_pass|^SCAN e/.test(l)), 'never every check of the pass');
});
