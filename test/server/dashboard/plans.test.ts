import t from 'tap';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/server/db/migrate.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { dashboardRepo } from '../../../src/server/features/dashboard/repository.js';
import { seedAuditEvents } from '../../../bench/audit-console-seed.js';

/**
 * Each dashboard query on 20,000 generated events (after ANALYZE) walks the
 * index docs/audit-console.md ("Dashboard") names for it, bounded by the
 * day's receipt-time range; none reads the whole events table. Timings are the bench's.
 */
t.test('every dashboard query is an index range over the period', async (t) => {
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  migrate(db as never);
  const seed = seedAuditEvents(db, { events: 20_000 });
  const repo = dashboardRepo(sqliteStore(db as never));
  const day = { from: '2026-11-28T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' };
  const week = { from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' };
  const want = {
    decisions: /^SEARCH e USING (COVERING )?INDEX events_ac_decision \(ac_decision=\? AND received_at>\? AND received_at<\?\)$/,
    // With statistics SQLite may instead skip-scan another (x, received_at, id) index over the same range: still bounded by the period.
    checkpoints: /^SEARCH e USING INDEX events_ac_\w+ \((ANY\(\w+\) AND )?received_at>\? AND received_at<\?\)$/,
    fever: /^SEARCH e USING INDEX events_ac_fever \(received_at>\? AND received_at<\?\)$/,
    handovers: /^SEARCH e USING INDEX events_ac_decision \(ac_decision=\? AND received_at>\? AND received_at<\?\)$/,
  } as const;
  const cases: Array<[string, Record<keyof typeof want, string[]>]> = [
    ['a day, all checkpoints', await repo.plans(day, 'hour')],
    ['a week, all checkpoints', await repo.plans(week, 'day')],
  ];
  for (const [name, plans] of cases) {
    for (const [q, re] of Object.entries(want) as Array<[keyof typeof want, RegExp]>) {
      t.ok(plans[q].some((l) => re.test(l)), `${name}, ${q}: ${re}`);
      t.notOk(plans[q].some((l) => /^SCAN e\b/.test(l) || /^SCAN h\b/.test(l)), `${name}, ${q}: no scan of events`);
    }
    t.ok(plans.handovers.includes('SEARCH h USING INDEX events_handover_check (<expr>=?) LEFT-JOIN'), `${name}: each ESCORT's handover found through events_handover_check`);
  }
  // One checkpoint: its devices' ranges of events_ac_device (or the time range); still never a scan.
  const one = await repo.plans({ ...day, checkpointId: seed.checkpointIds[3]! }, 'hour');
  for (const [q, lines] of Object.entries(one)) {
    t.ok(lines.some((l) => /^SEARCH e USING (COVERING )?INDEX events_ac_(device|time|decision|fever) \(.*received_at>\? AND received_at<\?\)$/.test(l)), `one checkpoint, ${q}: a range over the day`);
    t.notOk(lines.some((l) => /^SCAN (e|h)\b/.test(l)), `one checkpoint, ${q}: no scan of events`);
  }

  // The counts agree with a plain count over the same range.
  const r = { ...day, day: '2026-11-29', period: 'day' as const, firstDay: '2026-11-29', checkpointId: undefined };
  const plain = (db.prepare(`SELECT count(*) AS n FROM events WHERE received_at >= ? AND received_at < ? AND type = 'check'`).get(day.from, day.to) as { n: number }).n;
  t.ok(plain > 0);
  t.equal((await repo.decisions(r, 'hour')).reduce((a, x) => a + x.n, 0), plain, 'decisions add up to the checks of the day');
  t.equal((await repo.checkpoints(r, 'hour')).reduce((a, x) => a + x.n, 0), plain, 'so do the checkpoints');
  const hours = new Set((await repo.checkpoints(r, 'hour')).map((x) => x.bucket));
  t.ok([...hours].every((h) => typeof h === 'number' && h >= 0 && h <= 23), 'hours are China hours 0–23');
  const fever = (db.prepare(`SELECT count(*) AS n FROM events WHERE received_at >= ? AND received_at < ? AND payload LIKE '%temp.fever_confirmed%'`).get(day.from, day.to) as { n: number }).n;
  t.equal((await repo.fever(r)).reduce((a, x) => a + x.n, 0), fever, 'fever rows of the day');
});
