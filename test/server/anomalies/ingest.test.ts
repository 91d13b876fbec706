import t, { type Test } from 'tap';
import { formatDeviceTime } from '../../../src/core/events/index.js';
import { ingestService } from '../../../src/server/features/ingest/service.js';
import { anomaliesService } from '../../../src/server/features/anomalies/service.js';
import { SimDevice, T0, enroll, memoryIngest, statuses } from '../ingest/fixtures.js';

const MIN = 60_000;
const devTime = (ms: number) => formatDeviceTime(new Date(ms), 480);

/** A check payload: a valid pass, normal temperatures, a fresh bundle; `over` replaces members. */
const check = (over: Record<string, unknown> = {}) => ({
  passNo: null,
  plate: '苏E12345',
  observations: { temps: [36.5] },
  decision: 'RELEASE',
  reasons: ['pass.valid', 'temp.normal'],
  ruleSetVersion: 3,
  bundleAgeSec: 5_400,
  staffBadge: 'KS0427',
  ...over,
});

function world(t: Test) {
  const x = memoryIngest();
  t.teardown(() => x.db.close());
  const anomalies = anomaliesService({ repos: x.repos, anomalies: x.repos.anomalies, maxBundleAgeSec: (v) => (v === 7 ? 600 : null) });
  const ingest = ingestService(x.repos, [anomalies.ingestObserver]);
  // Badges are unique across checkpoints, so most devices here record a staff badge of no checkpoint
  // (unknown_staff, tested on its own below); the other lists leave that kind out.
  const staffed = (_cp: number) => undefined;
  /** Anomalies as "kind event-id[|other]", sorted; unknown_staff only when asked. */
  const found = (withStaff = false): string[] =>
    (x.db.prepare(`SELECT kind, event_id, other_event_id FROM anomalies ${withStaff ? '' : "WHERE kind <> 'unknown_staff'"} ORDER BY kind, event_id`).all() as { kind: string; event_id: string; other_event_id: string | null }[]).map(
      (r) => `${r.kind} ${r.event_id}${r.other_event_id ? `|${r.other_event_id}` : ''}`,
    );
  return { ...x, anomalies, ingest, staffed, found };
}

t.test('one-event kinds at ingest, with their negative cases', async (t) => {
  const w = world(t);
  const dev = await SimDevice.create('dev-one-event');
  w.staffed(enroll(w.db, dev));
  const at = new Date(T0 + 60 * MIN);
  const e = {
    clean: await dev.next({ deviceTime: devTime(T0 + MIN), type: 'check', payload: check() }),
    revoked: await dev.next({ deviceTime: devTime(T0 + 2 * MIN), type: 'check', payload: check({ decision: 'REFUSE', reasons: ['pass.invalid.revoked'] }) }),
    unknownKey: await dev.next({ deviceTime: devTime(T0 + 3 * MIN), type: 'check', payload: check({ decision: 'REFUSE', reasons: ['pass.invalid.unknown_kid'] }) }),
    expired: await dev.next({ deviceTime: devTime(T0 + 4 * MIN), type: 'check', payload: check({ decision: 'REFUSE', reasons: ['pass.invalid.expired'] }) }),
    plate: await dev.next({ deviceTime: devTime(T0 + 5 * MIN), type: 'check', payload: check({ decision: 'MANUAL', reasons: ['pass.valid', 'match.plate_mismatch'] }) }),
    person: await dev.next({ deviceTime: devTime(T0 + 6 * MIN), type: 'check', payload: check({ decision: 'MANUAL', reasons: ['pass.valid', 'match.id4_mismatch'] }) }),
    ahead: await dev.next({ deviceTime: devTime(at.getTime() + 6 * MIN), type: 'check', payload: check() }),
    behind: await dev.next({ deviceTime: devTime(T0 + 7 * MIN), type: 'check', payload: check() }),
    oldAuto: await dev.next({ deviceTime: devTime(T0 + 8 * MIN), type: 'check', payload: check({ bundleAgeSec: 259_201 }) }),
    oldManual: await dev.next({ deviceTime: devTime(T0 + 9 * MIN), type: 'check', payload: check({ decision: 'MANUAL', reasons: ['trust.too_old'], bundleAgeSec: 999_999 }) }),
    strictRules: await dev.next({ deviceTime: devTime(T0 + 10 * MIN), type: 'check', payload: check({ ruleSetVersion: 7, bundleAgeSec: 601 }) }),
  };
  const results = await w.ingest.ingest(dev.ingestDevice, dev.events, at);
  t.same(statuses(results), dev.events.map(() => 'accepted'));
  const rows = w.db.prepare("SELECT kind, event_id, severity, details FROM anomalies WHERE kind <> 'unknown_staff' ORDER BY kind, event_id").all() as { kind: string; event_id: string; severity: string; details: string }[];
  const got = rows.map((r) => [r.kind, Object.entries(e).find(([, v]) => v.id === r.event_id)![0], r.severity, JSON.parse(r.details)]);
  t.same(
    got.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    [
      ['bundle_over_age_auto', 'oldAuto', 'high', { decision: 'RELEASE', bundleAgeSec: 259_201, maxAgeSec: 259_200 }],
      ['bundle_over_age_auto', 'strictRules', 'high', { decision: 'RELEASE', bundleAgeSec: 601, maxAgeSec: 600 }],
      ['clock_skew', 'ahead', 'low', { clockOffsetMs: -6 * MIN, limitMs: 5 * MIN }],
      ['pass_expired', 'expired', 'medium', { reasons: ['pass.invalid.expired'] }],
      ['pass_revoked', 'revoked', 'high', { reasons: ['pass.invalid.revoked'] }],
      ['pass_unknown_key', 'unknownKey', 'high', { reasons: ['pass.invalid.unknown_kid'] }],
      ['person_mismatch', 'person', 'medium', { reasons: ['match.id4_mismatch'] }],
      ['plate_mismatch', 'plate', 'medium', { reasons: ['match.plate_mismatch'] }],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    'exactly these: the clean check, a clock behind (offline), and MANUAL on an old bundle give none',
  );
  const a = w.db.prepare("SELECT at, device_id, checkpoint_id, detected_at FROM anomalies WHERE kind = 'pass_revoked'").get() as Record<string, unknown>;
  t.same(a, { at: at.toISOString(), device_id: dev.id, checkpoint_id: w.db.prepare('SELECT checkpoint_id AS c FROM devices WHERE id = ?').pluck().get(dev.id), detected_at: at.toISOString() }, 'filed at receipt, under its device and checkpoint');

  // The same upload again: duplicates, nothing new.
  await w.ingest.ingest(dev.ingestDevice, dev.events, new Date(at.getTime() + MIN));
  t.equal(w.found().length, 8, 'a re-sent upload adds nothing');
});

t.test('impossible travel: one pass at two checkpoints 5 minutes apart, not 2 hours apart', async (t) => {
  const w = world(t);
  const a = await SimDevice.create('dev-travel-a');
  const b = await SimDevice.create('dev-travel-b');
  const c = await SimDevice.create('dev-travel-c');
  const a2 = await SimDevice.create('dev-travel-a2');
  const cpA = enroll(w.db, a);
  w.staffed(cpA);
  w.staffed(enroll(w.db, b));
  w.staffed(enroll(w.db, c));
  enroll(w.db, a2, cpA);
  const pass = { passNo: 'Q7mZ2xKp9A' };
  const at = new Date(T0 + 5 * 3_600_000);
  const atA = await a.next({ deviceTime: devTime(T0), type: 'check', payload: check(pass) });
  await w.ingest.ingest(a.ingestDevice, a.events, at);
  const atA2 = await a2.next({ deviceTime: devTime(T0 + 2 * MIN), type: 'check', payload: check(pass) });
  await w.ingest.ingest(a2.ingestDevice, a2.events, at);
  t.same(w.found(), [], 'the same checkpoint (another lane) two minutes later: no anomaly');
  const atC = await c.next({ deviceTime: devTime(T0 + 2 * 3_600_000), type: 'check', payload: check(pass) });
  await w.ingest.ingest(c.ingestDevice, c.events, at);
  t.same(w.found(), [], 'another checkpoint two hours later: no anomaly');
  const atB = await b.next({ deviceTime: devTime(T0 + 5 * MIN), type: 'check', payload: check(pass) });
  const other = await b.next({ deviceTime: devTime(T0 + 6 * MIN), type: 'check', payload: check({ passNo: 'Zz9Yy8Xx7W' }) });
  await w.ingest.ingest(b.ingestDevice, b.events, new Date(at.getTime() + MIN));
  t.same(w.found(), [`impossible_travel ${atB.id}|${atA.id}`, `impossible_travel ${atB.id}|${atA2.id}`].sort(), 'B five minutes after A (and three after the other lane); C is two hours away');
  const row = w.db.prepare("SELECT subject, at, device_id, pass_no, details FROM anomalies WHERE other_event_id = ?").get(atA.id) as Record<string, string> & { details: string };
  t.same({ ...row, details: JSON.parse(row.details) }, {
    subject: `${atA.id}|${atB.id}`, at: new Date(at.getTime() + MIN).toISOString(), device_id: b.id, pass_no: 'Q7mZ2xKp9A',
    details: { intervalSec: 300, minIntervalSec: 600, fromCheckpointId: cpA },
  });
  t.ok(other && atC, 'another pass at B and the 2-hour sighting are in the data');
});

t.test('chain anomalies follow the flags: a gap found, then filled by a late upload', async (t) => {
  const w = world(t);
  const dev = await SimDevice.create('dev-chain');
  w.staffed(enroll(w.db, dev));
  await dev.chain(3);
  const at = new Date(T0 + 60 * MIN);
  await w.ingest.ingest(dev.ingestDevice, [dev.seq(1), dev.seq(3)], at);
  t.same(w.found().filter((s) => s.startsWith('chain_')), [`chain_gap ${dev.seq(3).id}`], 'seq 3 without 2: a gap');
  await w.ingest.ingest(dev.ingestDevice, [dev.seq(2)], at);
  t.same(w.found().filter((s) => s.startsWith('chain_')), [], 'seq 2 arrived: the gap was no gap, its anomaly is gone');
  const fork = await dev.sign(3, (await import('../../../src/core/events/index.js')).GENESIS_HASH);
  await w.ingest.ingest(dev.ingestDevice, [fork], at);
  t.same(
    w.found().filter((s) => s.startsWith('chain_')),
    [`chain_broken_link ${fork.id}`, `chain_fork ${dev.seq(3).id}`, `chain_fork ${fork.id}`].sort(),
    'a second seq 3 that does not link: both twins forked, the stray one broken',
  );
});

t.test('unknown staff from the reference flag', async (t) => {
  const w = world(t);
  const dev = await SimDevice.create('dev-nostaff');
  enroll(w.db, dev);
  const e = await dev.next({ type: 'staff_sign_in', payload: { staffBadge: 'KS0427' } });
  await w.ingest.ingest(dev.ingestDevice, [e], new Date(T0 + MIN));
  t.same(w.found(true), [`unknown_staff ${e.id}`]);
  const badge = w.db.prepare("INSERT INTO staff (checkpoint_id, badge, name, pin_hash) SELECT checkpoint_id, 'KS9999', '值守乙', 'x' FROM devices WHERE id = ?").run(dev.id);
  t.ok(badge.changes);
  const known = await dev.next({ type: 'staff_sign_in', payload: { staffBadge: 'KS9999' } });
  await w.ingest.ingest(dev.ingestDevice, [known], new Date(T0 + 2 * MIN));
  t.same(w.found(true), [`unknown_staff ${e.id}`], 'a badge of the checkpoint: none');
});

t.test('backfill: events stored before migration 016 are examined once, in batches', async (t) => {
  const w = world(t);
  const a = await SimDevice.create('dev-old-a');
  const b = await SimDevice.create('dev-old-b');
  w.staffed(enroll(w.db, a));
  w.staffed(enroll(w.db, b));
  const bare = ingestService(w.repos, []);
  const at = new Date(T0 + 60 * MIN);
  const revoked = await a.next({ deviceTime: devTime(T0), type: 'check', payload: check({ passNo: 'Q7mZ2xKp9A', decision: 'REFUSE', reasons: ['pass.invalid.revoked'] }) });
  await a.next({ deviceTime: devTime(T0 + MIN), type: 'check', payload: check() });
  await a.next({ deviceTime: devTime(T0 + 2 * MIN), type: 'check', payload: check() });
  const seen = await b.next({ deviceTime: devTime(T0 + 3 * MIN), type: 'check', payload: check({ passNo: 'Q7mZ2xKp9A' }) });
  await bare.ingest(a.ingestDevice, a.events, at);
  await bare.ingest(b.ingestDevice, b.events, at);
  t.same(w.found(), [], 'stored without the observer: nothing yet');
  w.db.prepare('UPDATE anomaly_backfill SET done = 0').run();
  t.equal(await w.anomalies.backfill(at, 2), 4, 'four events, in batches of two');
  t.same(w.found(), [`impossible_travel ${seen.id}|${revoked.id}`, `pass_revoked ${revoked.id}`].sort());
  t.equal(await w.anomalies.backfill(at), 0, 'done: a second start examines nothing');
});
