import t from 'tap';
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
  const actions = (ctx.repos.db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as Array<{ action: string }>).map((r) => r.action);
  t.ok(actions.length > 10, `${actions.length} distinct actions recorded`);
  t.same(actions.filter((a) => !isAuditAction(a)), [], 'none missing from the catalogue');
});
