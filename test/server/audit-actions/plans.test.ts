import t from 'tap';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/server/db/migrate.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { auditActionsRepo, BOUND_QUERIES, type ActionFilter } from '../../../src/server/features/audit-actions/repository.js';

/**
 * A log of 30,000 entries shaped like a real one (nine in ten are device
 * events), and the plan of each action-log filter: the index
 * docs/audit-console.md "Action log" names for it, never a walk of the whole
 * table in another order, never OFFSET.
 */
t.test('each action-log filter is served by its index', async (t) => {
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  migrate(db as never);
  // Chain columns are placeholders: plans do not read them (the append-only triggers only want them present).
  const ins = db.prepare(`INSERT INTO audit_log (seq, at, actor_type, actor_id, actor_name, action, subject_type, subject_id, enterprise_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 'x', 'x')`);
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const actions = ['pass.issue', 'pass.revoke', 'person.reveal', 'key.create', 'rules.publish', 'audit.export'];
  db.transaction(() => {
    for (let i = 1; i <= 30_000; i++) {
      const at = new Date(t0 + i * 60_000).toISOString();
      if (i % 10 !== 0) ins.run(i, at, 'device', null, `dev${i % 20}`, 'device.event', 'event', `ev-${i}`, null);
      else ins.run(i, at, 'user', ((i / 10) % 15) + 1, `u${((i / 10) % 15) + 1}`, actions[(i / 10) % 6]!, 'pass', `P${i % 500}`, (i % 40) + 1);
    }
  })();
  const store = sqliteStore(db as never);
  const repo = auditActionsRepo(store);
  const day = { from: '2026-11-10T16:00:00.000Z', to: '2026-11-11T16:00:00.000Z' };
  const cases: Array<[string, ActionFilter, RegExp, number | null]> = [
    ['first page (device events left out)', {}, /^SCAN l USING INDEX audit_log_admin$/, null],
    ['keyset page', {}, /^SEARCH l USING INDEX audit_log_admin \(seq<\?\)$/, 20_000],
    ['with device events: the rowid read backwards, stops at the LIMIT', { devices: true }, /^SCAN l$/, null],
    ['action', { action: 'pass.revoke' }, /^SEARCH l USING COVERING INDEX audit_log_action \(action=\?\)$/, null],
    ['action + day', { action: 'pass.revoke', ...day }, /^SEARCH l USING INDEX audit_log_action \(action=\? AND rowid>\? AND rowid<\?\)$/, null],
    ['user', { userId: 3 }, /^SEARCH l USING INDEX audit_log_actor \(actor_type=\? AND actor_id=\?\)$/, null],
    ['user + day', { userId: 3, ...day }, /^SEARCH l USING INDEX audit_log_actor \(actor_type=\? AND actor_id=\? AND rowid>\? AND rowid<\?\)$/, null],
    ['actor name', { actorName: 'dev3', devices: true }, /^SEARCH l USING COVERING INDEX audit_log_actor_name \(actor_name=\?\)$/, null],
    ['subject (type + id)', { subjectType: 'pass', subjectId: 'P10' }, /^SEARCH l USING INDEX audit_subject \(subject_type=\? AND subject_id=\?\)$/, null],
    ['subject id alone (IN over the types)', { subjectId: 'P10' }, /^SEARCH l USING INDEX audit_subject \(subject_type=\? AND subject_id=\?\)$/, null],
    ['enterprise', { enterpriseId: 7 }, /^SEARCH l USING INDEX audit_enterprise \(enterprise_id=\?\)$/, null],
    ['day', day, /^SEARCH l USING INDEX audit_log_admin \(seq>\? AND seq<\?\)$/, null],
    ['day with device events', { ...day, devices: true }, /^SEARCH l USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/, null],
    ['one entry', { seq: 500 }, /^SEARCH l USING INTEGER PRIMARY KEY \(rowid=\?\)$/, null],
  ];
  for (const [name, f, want, cursor] of cases) {
    const plan = await repo.plan(f, cursor);
    t.ok(plan.some((l) => want.test(l)), `${name}: ${want}`, { plan });
    // Only the subject-id-alone case sorts (its matches: one subject's entries); no other needs a sort.
    if (name.startsWith('subject id alone')) continue;
    t.notOk(plan.some((l) => /TEMP B-TREE/.test(l)), `${name}: no sort`, { plan });
  }
  // The filters return what a plain scan would (the seq bounds of a time range included).
  const plain = (where: string) => (db.prepare(`SELECT seq FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT 50`).all() as Array<{ seq: number }>).map((r) => r.seq);
  t.same((await repo.page({ action: 'pass.revoke', ...day }, null, 50)).items.map((r) => r.seq), plain(`action = 'pass.revoke' AND at >= '${day.from}' AND at < '${day.to}'`), 'action + day: the same rows as a scan');
  t.same((await repo.page({ ...day }, null, 50)).items.map((r) => r.seq), plain(`action <> 'device.event' AND at >= '${day.from}' AND at < '${day.to}'`), 'day: the same rows as a scan');
  for (const [name, bound] of Object.entries(BOUND_QUERIES)) {
    const { sql, parameters } = bound(store.q(), '2026-11-10T16:00:00.000Z').compile();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail);
    t.ok(plan.some((l) => /^SEARCH audit_log USING COVERING INDEX audit_log_at \(at[<>]\?\)$/.test(l)), `time bound (${name}): one seek in audit_log_at`, { plan });
  }
});
