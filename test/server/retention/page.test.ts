import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';

t.test('/bureau/audit/retention: the period, its change (validated, audited) and a run, by a bureau_admin only', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'officer');
  const admin = await loggedIn(ctx.app, 'boss');
  const officer = await loggedIn(ctx.app, 'officer');

  const page = await admin.request('GET', '/bureau/audit/retention');
  t.equal(page.statusCode, 200);
  t.match(page.body, /data-retention-days="180"/, 'the default period');
  t.match(page.body, /尚未删除过任何个人信息/);
  t.match(page.body, /href="\/bureau\/audit\/retention"/, 'linked from the bureau menu');

  for (const days of ['14', '0', 'abc', '3651', '30.5']) {
    const bad = await admin.form('/bureau/audit/retention', { _csrf: admin.csrf, days });
    t.equal(bad.statusCode, 400, `${days} refused`);
    t.match(bad.body, /请输入 15 至 3650 之间的整数/);
  }
  t.equal(await ctx.app.services.retention.days(), 180, 'unchanged by refused input');
  const saved = await admin.form('/bureau/audit/retention', { _csrf: admin.csrf, days: '30' });
  t.equal(saved.headers.location, '/bureau/audit/retention?done=saved');
  t.equal(await ctx.app.services.retention.days(), 30);
  t.match((await ctx.repos.audit.list({ limit: 1 }))[0], { action: 'audit.retention_setting', actorName: 'boss', detail: { before: 180, after: 30 } }, 'the change is audited');
  t.match((await admin.request('GET', '/bureau/audit/retention?done=saved')).body, /data-retention-days="30"/);

  const run = await admin.form('/bureau/audit/retention/run', { _csrf: admin.csrf });
  t.equal(run.headers.location, '/bureau/audit/retention?done=run&n=0', 'nothing to erase in a fresh database');

  const read = await officer.request('GET', '/bureau/audit/retention');
  t.equal(read.statusCode, 200);
  t.notMatch(read.body, /name="days"/, 'no form for an officer');
  t.equal((await officer.form('/bureau/audit/retention', { _csrf: officer.csrf, days: '20' })).statusCode, 403);
  t.equal((await officer.form('/bureau/audit/retention/run', { _csrf: officer.csrf })).statusCode, 403);
  t.equal(await ctx.app.services.retention.days(), 30);
  const en = await admin.request('GET', '/bureau/audit/retention', undefined, { 'accept-language': 'en' });
  t.equal(en.statusCode, 200);
});
