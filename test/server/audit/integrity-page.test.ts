import t from 'tap';
import { sql } from 'kysely';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';

t.test('/bureau/audit/integrity: the last verification and checkpoint; a bureau_admin runs them, an officer only reads', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'officer');
  const admin = await loggedIn(ctx.app, 'boss');
  const officer = await loggedIn(ctx.app, 'officer');

  const before = await admin.request('GET', '/bureau/audit/integrity');
  t.equal(before.statusCode, 200);
  t.match(before.body, /尚未校验过/);
  t.match(before.body, /尚无已签名的检查点/);

  t.equal((await admin.form('/bureau/audit/integrity/checkpoint', { _csrf: admin.csrf })).headers.location, '/bureau/audit/integrity?done=signed');
  t.equal((await admin.form('/bureau/audit/integrity/verify', { _csrf: admin.csrf })).headers.location, '/bureau/audit/integrity?done=verified');
  const after = await admin.request('GET', '/bureau/audit/integrity?done=verified');
  t.match(after.body, /data-verification="ok"/);
  t.match(after.body, /校验已完成/);
  t.notMatch(after.body, /尚无已签名的检查点/);
  t.match((await ctx.repos.audit.list({ limit: 5 })).map((r) => r.action), ['audit.verify', 'audit.checkpoint'], 'both audited, by the admin');
  t.equal((await ctx.repos.audit.list({ limit: 1 }))[0]!.actorName, 'boss');

  const read = await officer.request('GET', '/bureau/audit/integrity');
  t.equal(read.statusCode, 200);
  t.notMatch(read.body, /立即校验/, 'no button for an officer');
  t.equal((await officer.form('/bureau/audit/integrity/verify', { _csrf: officer.csrf })).statusCode, 403);

  // A broken log shows the first bad entry and why.
  const store = ctx.repos.store;
  await sql.raw(store.engine === 'postgres' ? 'DROP TRIGGER audit_log_no_update ON audit_log' : 'DROP TRIGGER audit_log_no_update').execute(store.q());
  await store.q().updateTable('audit_log').set({ actor_name: 'someone' }).where('seq', '=', 2).execute();
  await admin.form('/bureau/audit/integrity/verify', { _csrf: admin.csrf });
  const broken = await admin.request('GET', '/bureau/audit/integrity');
  t.match(broken.body, /data-verification="failed"/);
  t.match(broken.body, /记录内容与其哈希不符/);
  const en = await admin.request('GET', '/bureau/audit/integrity', undefined, { 'accept-language': 'en' });
  t.ok(en.statusCode === 200);
});
