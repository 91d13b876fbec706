import t from 'tap';
import { chinaDate } from '../../helpers/fleet.js';
import { charterCheck, custodyWorld, upload } from '../custody/fixtures.js';
import { ERASED } from '../../../src/core/audit/retention.js';

const DAY = 86_400_000;

t.test('charter custody: a running isolation keeps its responsible person; an ended one is erased after the period, and the log still verifies', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner } = w;
  await upload(scanner, [await dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY' } }))]);
  const q = () => ctx.repos.store.q();
  const id = (await q().selectFrom('charter_custody').select('id').executeTakeFirstOrThrow()).id;
  const body = { place: '昆山开发区员工宿舍 3 号楼', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '王经理' };
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation`, body)).statusCode, 200);
  const responsible = async () => (await q().selectFrom('charter_custody_isolations').select('responsible').where('custody_id', '=', id).executeTakeFirstOrThrow()).responsible;
  const later = new Date(Date.now() + 400 * DAY);

  await ctx.app.services.retention.run(later);
  t.equal(await responsible(), '王经理', 'an isolation still running is never erased');
  await t.rejects(q().updateTable('charter_custody_isolations').set({ responsible: ERASED }).execute(), /fixed once recorded/, 'not even by hand');

  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation/end`, { endedOn: chinaDate(0) })).statusCode, 200);
  await ctx.app.services.retention.run(new Date());
  t.equal(await responsible(), '王经理', 'ended today: within the period');
  const r = await ctx.app.services.retention.run(later);
  t.equal(r.tables.custodyIsolations, 1);
  t.equal(await responsible(), ERASED);
  await t.rejects(q().updateTable('charter_custody_isolations').set({ responsible: '别人' }).execute(), /fixed once recorded/);
  const page = await c.a.request('GET', `/enterprise/custody/${id}`);
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, /王经理/);
  t.match(page.body, ERASED, 'the page shows the marker');
  const v = await ctx.app.services.auditIntegrity.verify({ record: false });
  t.ok(v.ok, `${v.failure?.kind ?? ''} ${v.failure?.detail ?? ''}`);
  const personal = await q()
    .selectFrom('audit_personal as p')
    .innerJoin('audit_log as l', 'l.seq', 'p.seq')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('l.action', 'like', 'custody.%')
    .executeTakeFirstOrThrow();
  t.same(Number(personal.n), 0, 'the custody entries\' personal fields erased too');
});
