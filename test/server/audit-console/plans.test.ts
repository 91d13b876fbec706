import t from 'tap';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/server/db/migrate.js';
import { auditConsoleRepo, type CheckFilter } from '../../../src/server/features/audit-console/repository.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { seedAuditEvents } from '../../../bench/audit-console-seed.js';

/**
 * The short form of bench/audit-console.ts: 20,000 generated events, and the
 * query plan of each common filter must walk the index docs/audit-console.md
 * names for it (never the whole table, never OFFSET). Timings are the bench's.
 */
t.test('each common filter is served by its index', async (t) => {
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  migrate(db as never);
  const seed = seedAuditEvents(db, { events: 20_000 });
  const repo = auditConsoleRepo(sqliteStore(db as never));
  const day = { from: '2026-11-28T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' };
  const deep = (await repo.page({}, null, 50)).next;
  const cases: Array<[string, CheckFilter, RegExp, (boolean | null)?]> = [
    ['first page', {}, /SCAN e USING INDEX events_ac_time$/],
    ['keyset page', {}, /SEARCH e USING INDEX events_ac_time \(\(received_at,id\)<\(\?,\?\)\)/],
    // With statistics SQLite may prefer walking the day in time order (no sort, stops at the LIMIT) to the devices' ranges.
    ['checkpoint + day', { checkpointId: seed.checkpointIds[3]!, ...day }, /SEARCH e USING INDEX (events_ac_device \(device_id=\? AND |events_ac_time \()received_at>\? AND received_at<\?\)/, null],
    ['device + day', { deviceId: seed.deviceIds[5]!, ...day }, /SEARCH e USING INDEX events_ac_device \(device_id=\? AND received_at>\? AND received_at<\?\)/],
    ['plate', { plate: seed.plates[10]! }, /SEARCH e USING INDEX events_ac_plate \(ac_plate=\?\)/],
    ['pass', { passNo: seed.passNos[10]! }, /SEARCH e USING INDEX events_ac_pass \(ac_pass=\?\)/],
    ['decision + day', { decision: 'ESCORT', ...day }, /SEARCH e USING INDEX events_ac_decision \(ac_decision=\? AND received_at>\? AND received_at<\?\)/],
    ['staff', { staff: seed.badges[0]! }, /SEARCH e USING INDEX events_ac_staff \(ac_staff=\?\)/],
    ['enterprise', { enterprise: seed.credits[0]! }, /SEARCH e USING INDEX events_ac_receiver \(ac_receiver=\?\)/],
    ['fever', { fever: true }, /SCAN e USING INDEX events_ac_fever$/],
    ['key area + day', { keyarea: true, ...day }, /SEARCH e USING INDEX (events_ac_keyarea|events_ac_time) \(received_at>\? AND received_at<\?\)/],
    ['anomalies', { anomalies: true }, /SCAN e USING INDEX events_ac_anomaly$/],
    ['person', { name: '张三' }, /SEARCH e USING INDEX events_ac_pass \(ac_pass=\?\)/, true],
  ];
  for (const [name, f, want, sorts] of cases) {
    const plan = await repo.plan(f, name === 'keyset page' ? deep : null);
    const inner = plan.slice(0, plan.indexOf('SCAN k'));
    t.ok(inner.some((l) => want.test(l)), `${name}: ${want}`);
    t.notOk(inner.some((l) => /^SCAN e$/.test(l)), `${name}: no full table scan`);
    // The page's own rows are sorted (≤ limit) after the join; inside the index walk only an IN list needs a sort.
    if (sorts !== null) t.equal(inner.some((l) => l.includes('TEMP B-TREE')), Boolean(sorts), `${name}: ${sorts ? 'sorts the IN list matches' : 'reads in index order, no sort'}`);
    t.ok(plan.includes('SEARCH e USING INTEGER PRIMARY KEY (rowid=?)'), `${name}: page rows joined by rowid after the LIMIT`);
  }
});
