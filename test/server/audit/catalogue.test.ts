import t, { type Test } from 'tap';
import { AUDIT_ACTIONS, isAuditAction } from '../../../src/server/features/audit/catalogue.js';
import { setup } from '../../helpers/app.js';
import { seedDemo } from '../../../src/cli/demo-data.js';

/**
 * The audit catalogue is complete. AuditEntry.action is typed by it, so a new
 * literal fails the type check; this test catches what types cannot (a code
 * built at run time) by recording through the demo's whole walk and the
 * portal, then reading back every action stored.
 */
t.test('every catalogue entry has a subject and both labels', async (t) => {
  for (const [code, a] of Object.entries(AUDIT_ACTIONS)) {
    t.ok(/^[a-z_]+(\.[a-z_]+)*$/.test(code), `${code}: code shape`);
    t.ok(a.subject && a.label.zh && a.label.en, `${code}: subject and labels`);
  }
});

t.test('every action recorded by the demo walk is in the catalogue', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  await seedDemo(ctx.repos, ctx.dataDir, { publicUrl: 'http://localhost:3000' });
  const actions = (await ctx.repos.store.q().selectFrom('audit_log').select('action').distinct().orderBy('action').execute()).map((r) => r.action);
  t.ok(actions.length > 10, `${actions.length} distinct actions recorded`);
  t.same(actions.filter((a) => !isAuditAction(a)), [], 'none missing from the catalogue');
});

/** Every stored row: a catalogue action, its subject type, and a detail with exactly the declared fields. */
function checkRows(t: Test, rows: Array<{ action: string; subject_type: string; detail: string }>) {
  const bad: string[] = [];
  for (const r of rows) {
    if (!isAuditAction(r.action)) {
      bad.push(`${r.action}: not in the catalogue`);
      continue;
    }
    const entry = AUDIT_ACTIONS[r.action];
    if (entry.subject !== r.subject_type) bad.push(`${r.action}: subject ${r.subject_type}, catalogue says ${entry.subject}`);
    const parsed = entry.detail.safeParse(JSON.parse(r.detail));
    if (!parsed.success) bad.push(`${r.action}: detail ${r.detail} — ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  t.same(bad, [], `${rows.length} rows: action, subject and detail fields as the catalogue declares`);
}

t.test('every row the demo walk records carries the subject type and detail fields its catalogue entry declares', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  await seedDemo(ctx.repos, ctx.dataDir, { publicUrl: 'http://localhost:3000' });
  // The personal members live in audit_personal since migration 014 (docs/audit-log.md): read back whole.
  // The personal members are top-level members of the detail (features/audit/personal.ts), so the whole detail is the two merged.
  const rows: Array<{ action: string; subject_type: string; detail: string }> = [];
  for await (const e of ctx.repos.audit.chain()) rows.push({ action: e.action, subject_type: e.subjectType, detail: JSON.stringify({ ...e.detail, ...e.personal?.fields }) });
  checkRows(t, rows);
  const seen = new Set(rows.map((r) => r.action));
  t.ok(seen.size > 10, `${seen.size} of ${Object.keys(AUDIT_ACTIONS).length} catalogue actions exercised by the demo walk`);
});

t.test('the check refuses an unknown action, a wrong subject and an undeclared detail field', async (t) => {
  const failures: string[] = [];
  const probe = { same: (found: unknown) => failures.push(JSON.stringify(found)) } as unknown as Test;
  checkRows(probe, [{ action: 'pass.teleport', subject_type: 'pass', detail: '{}' }]);
  checkRows(probe, [{ action: 'pass.issue', subject_type: 'vehicle', detail: '{"kid":"k1"}' }]);
  checkRows(probe, [{ action: 'pass.issue', subject_type: 'pass', detail: '{"kid":"k1","secret":"x"}' }]);
  checkRows(probe, [{ action: 'pass.issue', subject_type: 'pass', detail: '{"kid":"k1"}' }]);
  t.match(failures[0], /not in the catalogue/);
  t.match(failures[1], /subject vehicle/);
  t.match(failures[2], /secret/);
  t.equal(failures[3], '[]', 'a well-formed row passes');
});

t.test('audit.record() writes the columns as given: actor kinds, subject from the catalogue, {} for no detail', async (t) => {
  const ctx = await setup(t);
  const user = (await ctx.repos.users.get(await ctx.user('bureau_admin', 'boss')))!;
  const { size: last } = await ctx.repos.audit.head();
  await ctx.repos.audit.record({ actor: { kind: 'user', user }, action: 'pass.revoke', subjectId: 'KS1', enterpriseId: 7, reason: 'lost', ip: '10.0.0.1' });
  await ctx.repos.audit.record({ actor: { kind: 'device', deviceId: 'dev-1' }, action: 'event.conflict', subjectId: 'e1', detail: { storedHash: 'a', storedDeviceId: 'dev-0', twinHash: 'b', seq: 3 } });
  await ctx.repos.audit.record({ actor: { kind: 'system', name: 'auth' }, action: 'login.failed', subjectId: null, detail: { usernameHash: 'h' } });
  const rows = await ctx.repos.store
    .q()
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'enterprise_id', 'reason', 'detail', 'ip'])
    .where('seq', '>', last)
    .orderBy('seq')
    .execute();
  t.same(rows, [
    { actor_type: 'user', actor_id: user.id, actor_name: 'boss', action: 'pass.revoke', subject_type: 'pass', subject_id: 'KS1', enterprise_id: 7, reason: 'lost', detail: '{}', ip: '10.0.0.1' },
    { actor_type: 'device', actor_id: null, actor_name: 'dev-1', action: 'event.conflict', subject_type: 'event', subject_id: 'e1', enterprise_id: null, reason: null, detail: '{"storedHash":"a","storedDeviceId":"dev-0","twinHash":"b","seq":3}', ip: null },
    { actor_type: 'system', actor_id: null, actor_name: 'auth', action: 'login.failed', subject_type: 'user', subject_id: null, enterprise_id: null, reason: null, detail: '{"usernameHash":"h"}', ip: null },
  ]);
});
