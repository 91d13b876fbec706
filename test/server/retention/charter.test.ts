import t from 'tap';
import { chinaDate } from '../../helpers/fleet.js';
import { charterCheck, custodyWorld, upload } from '../custody/fixtures.js';
import { needBody, passengerId, runBody } from '../charter/fixtures.js';
import { sql } from 'kysely';
import { ERASED } from '../../../src/core/audit/retention.js';
import type { Store } from '../../../src/server/db/store.js';

const DAY = 86_400_000;

/** Every string value in every table (generated columns too: SELECT * has them), with where it is. */
async function everyText(store: Store): Promise<{ table: string; column: string; value: string }[]> {
  const out: { table: string; column: string; value: string }[] = [];
  // Kysely's introspection: sqlite_master on SQLite, the catalogue on PostgreSQL (this database's own schema).
  const tables = (await store.q().introspection.getTables()).filter((x) => !x.isView && (store.engine === 'sqlite' || x.schema === 'public'));
  if (tables.length < 20) throw new Error(`everyText: only ${tables.length} tables found`);
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(store.q());
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string') out.push({ table: name, column, value });
    }
  }
  return out;
}
const found = async (store: Store, needle: string) => (await everyText(store)).filter((x) => x.value.includes(needle)).map((x) => `${x.table}.${x.column}`);

t.test('charter manifests: the driver, passengers, pass token and need contacts are erased after the period, once every isolation ended', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner, runId } = w;
  const db = ctx.repos.store;
  const q = () => db.q();
  const retention = ctx.app.services.retention;

  // A second run on a fresh need, rejected by the bureau: never approved, erased by its window as well.
  const needR = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 2, contactName: '周联系', contactPhone: '13911112222' }))).json() as { id: number };
  const rejected = (await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needR.id, seats: 2 }], { plate: '苏E77777', driverName: '吴司机', driverPhone: '13822223333' }))).json() as { id: number };
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${rejected.id}/reject`, { reason: '车辆资质不符' })).statusCode, 200);

  await upload(scanner, [await dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY' } }))]);
  const custodyId = (await q().selectFrom('charter_custody').select('id').executeTakeFirstOrThrow()).id;
  const isolation = { place: '昆山开发区员工宿舍 3 号楼', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '孙主管' };
  t.equal((await c.a.request('POST', `/api/v1/custody/${custodyId}/isolation`, isolation)).statusCode, 200);

  const driver = () =>
    q()
      .selectFrom('charter_runs')
      .select(['driver_name', 'driver_id_enc', 'driver_id_last4', 'driver_phone_enc', 'status', 'redacted_at'])
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
  const names = ['张三', '李四', '王五', '赵六', '钱七'];
  const before = await driver();
  t.equal(before.driver_name, '赵师傅');

  // Hand-made erasures before the run is marked are refused.
  await t.rejects(
    q()
      .updateTable('charter_passengers')
      .set({ name: ERASED, id_number_enc: ERASED, id_hmac: sql<string>`'erased:' || id`, id_last4: '****', phone_enc: ERASED, stays: '[]' })
      .where('run_id', '=', runId)
      .execute(),
    /never edited/,
    'passengers of a run not erased stay',
  );
  await t.rejects(
    q()
      .updateTable('charter_runs')
      .set({ driver_name: ERASED, driver_id_enc: ERASED, driver_id_last4: '****', driver_phone_enc: ERASED, redacted_at: new Date().toISOString() })
      .where('id', '=', runId)
      .execute(),
    /erased once, after its window/,
    'not before the run ended',
  );

  t.equal((await retention.run(new Date())).total, 0, 'nothing past the period yet');
  const later = new Date(Date.now() + 190 * DAY);
  const open = await retention.run(later);
  t.equal(open.tables.charterRuns, 1, 'the rejected run only');
  t.equal(open.tables.charterPassengers, 0);
  t.equal(open.tables.charterPasses, 0);
  t.equal(open.tables.charterNeeds, 1, 'the rejected run\'s need');
  t.same(await driver(), before, 'a run with an isolation still running keeps its manifest');
  const passengers = (name?: string[]) =>
    q()
      .selectFrom('charter_passengers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', runId)
      .$if(name !== undefined, (qb) => qb.where('name', 'in', name!))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  t.equal(await passengers(names), 5);

  t.equal((await c.a.request('POST', `/api/v1/custody/${custodyId}/isolation/end`, { endedOn: chinaDate(0) })).statusCode, 200);
  const r = await retention.run(later);
  t.equal(r.tables.charterRuns, 1);
  t.equal(r.tables.charterPassengers, 5);
  t.equal(r.tables.charterPasses, 1);
  t.equal(r.tables.charterNeeds, 2, 'needs A and B, every run serving them erased');
  t.equal(r.tables.custodyIsolations, 1);

  const after = await driver();
  t.same(after, { driver_name: ERASED, driver_id_enc: ERASED, driver_id_last4: '****', driver_phone_enc: ERASED, status: 'approved', redacted_at: later.toISOString() });
  for (const needle of [...names, '赵师傅', '吴司机', '王经理', '周联系', '孙主管', '13800001111', '13822223333', '13912340000', '13911112222', passengerId(201), passengerId(205)]) {
    t.same(await found(db, needle), [], `${needle} is nowhere in the database`);
  }
  const pass = await q().selectFrom('charter_passes').select(['jti', 'jws', 'passengers', 'md']).where('run_id', '=', runId).executeTakeFirstOrThrow();
  t.equal(pass.jws, ERASED, 'the signed pass (driver name, ID suffix) is erased');
  t.equal(pass.passengers, 5, 'its counts stay');
  t.equal(pass.md, approved.md, 'and the digest it bound');
  t.equal(await passengers(), 5, 'the passenger rows stay');
  t.same((await q().selectFrom('charter_custody').select('id').where('run_id', '=', runId).execute()).length, 1, 'and the custody task');
  t.equal((await q().selectFrom('charter_runs').select('status').where('id', '=', rejected.id).executeTakeFirstOrThrow()).status, 'rejected');

  t.equal((await retention.run(later)).total, 0, 'a second run changes nothing');
  const purge = JSON.parse(
    (await q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.retention_purge').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).detail,
  ) as { tables: Record<string, number> };
  t.match(purge.tables, { charterRuns: 1, charterPassengers: 5, charterPasses: 1, charterNeeds: 2 }, 'the purge is audited with counts');

  // Pages still open and show the marker.
  for (const [client, path] of [[c.carrier, `/carrier/runs/${runId}`], [c.officer, `/bureau/charter/runs/${runId}`], [c.a, `/enterprise/charter/runs/${runId}`], [c.a, `/enterprise/custody/${custodyId}`],
    [c.officer, '/bureau/charter'], [c.carrier, '/carrier'], [c.a, '/enterprise/charter'], [c.officer, `/bureau/charter/runs/${rejected.id}`]] as const) {
    const page = await client.request('GET', path);
    t.equal(page.statusCode, 200, path);
    t.notMatch(page.body, /张三|赵师傅|王经理/, `${path}: no erased name`);
  }
  t.match((await c.officer.request('GET', `/bureau/charter/runs/${runId}`)).body, ERASED, 'the run page shows the marker');
  t.match((await c.a.request('GET', `/enterprise/custody/${custodyId}`)).body, ERASED, 'the custody page shows the marker');
  const api = await c.a.request('GET', `/api/v1/charter/runs/${runId}`);
  t.equal(api.statusCode, 200);
  t.match(api.json(), { driverName: ERASED });

  // Printing the pass is refused with the reason; the run is served to no device and matched by no check.
  for (const path of [`/carrier/runs/${runId}/pass`, `/bureau/charter/runs/${runId}/pass`]) {
    const print = await (path.startsWith('/carrier') ? c.carrier : c.officer).request('GET', path);
    t.equal(print.statusCode, 409, `${path}: refused`);
    t.match(print.body, /保留期限/, 'with the reason');
  }
  t.equal(await ctx.app.services.charter.approvedManifest(runId), null, 'no manifest (nor digest) of an erased run');

  // By hand: anything but the erasure is refused, and an erasure is not undone.
  await t.rejects(q().updateTable('charter_passengers').set({ name: '张三' }).where('run_id', '=', runId).execute(), /never edited/);
  await t.rejects(q().updateTable('charter_passengers').set((eb) => ({ seq: eb('seq', '+', 10) })).where('run_id', '=', runId).execute(), /never edited/);
  await t.rejects(q().deleteFrom('charter_passengers').where('run_id', '=', runId).execute(), /fixed/);
  await t.rejects(q().updateTable('charter_runs').set({ driver_name: '赵师傅' }).where('id', '=', runId).execute(), /final/);
  await t.rejects(q().updateTable('charter_runs').set({ redacted_at: null }).where('id', '=', runId).execute(), /final|erased once/);
  await t.rejects(q().updateTable('charter_passes').set({ jws: 'eyJ.x.y' }).where('run_id', '=', runId).execute(), /fixed once issued/);
  await t.rejects(q().updateTable('charter_passes').set({ passengers: 4 }).where('run_id', '=', runId).execute(), /fixed once issued/);
  await t.rejects(q().updateTable('charter_needs').set({ contact_name: '王经理' }).where('id', '=', needR.id).execute(), /stays erased/);

  const v = await ctx.app.services.auditIntegrity.verify({ record: false });
  t.ok(v.ok, `${v.failure?.kind ?? ''} ${v.failure?.detail ?? ''}`);
});

t.test('a charter pass not yet expired at the erasure keeps its token; a live need keeps its contact', async (t) => {
  const w = await custodyWorld(t);
  const q = () => w.ctx.repos.store.q();
  // The pass of an approved run whose run was not erased: the trigger refuses its token's erasure.
  await t.rejects(q().updateTable('charter_passes').set({ jws: ERASED }).where('run_id', '=', w.runId).execute(), /fixed once issued/);
  const r = await w.ctx.app.services.retention.run(new Date(Date.now() + 100 * DAY));
  t.equal(r.tables.charterRuns, 0, 'within the period');
  t.equal(r.tables.charterNeeds, 0);
  t.match((await q().selectFrom('charter_passes').select('jws').where('run_id', '=', w.runId).executeTakeFirstOrThrow()).jws, /^ey/);
});
