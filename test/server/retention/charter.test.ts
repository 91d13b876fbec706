import t from 'tap';
import { chinaDate } from '../../helpers/fleet.js';
import { charterCheck, custodyWorld, upload } from '../custody/fixtures.js';
import { needBody, passengerId, runBody } from '../charter/fixtures.js';
import { ERASED } from '../../../src/core/audit/retention.js';

const DAY = 86_400_000;
type Db = Awaited<ReturnType<typeof custodyWorld>>['ctx']['repos']['db'];

/** Every string value in every table, with where it is. */
function everyText(db: Db): { table: string; column: string; value: string }[] {
  const out: { table: string; column: string; value: string }[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    const cols = db.prepare('SELECT name FROM pragma_table_xinfo(?)').all(name) as { name: string }[];
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const { name: column } of cols) if (typeof row[column] === 'string') out.push({ table: name, column, value: row[column] as string });
    }
  }
  return out;
}
const found = (db: Db, needle: string) => everyText(db).filter((x) => x.value.includes(needle)).map((x) => `${x.table}.${x.column}`);

t.test('charter manifests: the driver, passengers, pass token and need contacts are erased after the period, once every isolation ended', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner, runId } = w;
  const db = ctx.repos.db;
  const retention = ctx.app.services.retention;

  // A second run on a fresh need, rejected by the bureau: never approved, erased by its window as well.
  const needR = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 2, contactName: '周联系', contactPhone: '13911112222' }))).json() as { id: number };
  const rejected = (await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needR.id, seats: 2 }], { plate: '苏E77777', driverName: '吴司机', driverPhone: '13822223333' }))).json() as { id: number };
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${rejected.id}/reject`, { reason: '车辆资质不符' })).statusCode, 200);

  await upload(scanner, [await dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY' } }))]);
  const custodyId = (db.prepare('SELECT id FROM charter_custody').get() as { id: number }).id;
  const isolation = { place: '昆山开发区员工宿舍 3 号楼', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '孙主管' };
  t.equal((await c.a.request('POST', `/api/v1/custody/${custodyId}/isolation`, isolation)).statusCode, 200);

  const driver = () => db.prepare('SELECT driver_name, driver_id_enc, driver_id_last4, driver_phone_enc, status, redacted_at FROM charter_runs WHERE id = ?').get(runId) as Record<string, string | null>;
  const names = ['张三', '李四', '王五', '赵六', '钱七'];
  const before = driver();
  t.equal(before.driver_name, '赵师傅');

  // Hand-made erasures before the run is marked are refused.
  t.throws(() => db.prepare(`UPDATE charter_passengers SET name = '${ERASED}', id_number_enc = '${ERASED}', id_hmac = 'erased:' || id, id_last4 = '****', phone_enc = '${ERASED}', stays = '[]' WHERE run_id = ?`).run(runId), /never edited/, 'passengers of a run not erased stay');
  t.throws(() => db.prepare(`UPDATE charter_runs SET driver_name = '${ERASED}', driver_id_enc = '${ERASED}', driver_id_last4 = '****', driver_phone_enc = '${ERASED}', redacted_at = ? WHERE id = ?`).run(new Date().toISOString(), runId), /erased once, after its window/, 'not before the run ended');

  t.equal((await retention.run(new Date())).total, 0, 'nothing past the period yet');
  const later = new Date(Date.now() + 190 * DAY);
  const open = await retention.run(later);
  t.equal(open.tables.charterRuns, 1, 'the rejected run only');
  t.equal(open.tables.charterPassengers, 0);
  t.equal(open.tables.charterPasses, 0);
  t.equal(open.tables.charterNeeds, 1, 'the rejected run\'s need');
  t.same(driver(), before, 'a run with an isolation still running keeps its manifest');
  t.equal((db.prepare('SELECT count(*) AS n FROM charter_passengers WHERE run_id = ? AND name IN (' + names.map(() => '?').join(',') + ')').get(runId, ...names) as { n: number }).n, 5);

  t.equal((await c.a.request('POST', `/api/v1/custody/${custodyId}/isolation/end`, { endedOn: chinaDate(0) })).statusCode, 200);
  const r = await retention.run(later);
  t.equal(r.tables.charterRuns, 1);
  t.equal(r.tables.charterPassengers, 5);
  t.equal(r.tables.charterPasses, 1);
  t.equal(r.tables.charterNeeds, 2, 'needs A and B, every run serving them erased');
  t.equal(r.tables.custodyIsolations, 1);

  const after = driver();
  t.same(after, { driver_name: ERASED, driver_id_enc: ERASED, driver_id_last4: '****', driver_phone_enc: ERASED, status: 'approved', redacted_at: later.toISOString() });
  for (const needle of [...names, '赵师傅', '吴司机', '王经理', '周联系', '孙主管', '13800001111', '13822223333', '13912340000', '13911112222', passengerId(201), passengerId(205)]) {
    t.same(found(db, needle), [], `${needle} is nowhere in the database`);
  }
  const pass = db.prepare('SELECT jti, jws, passengers, md FROM charter_passes WHERE run_id = ?').get(runId) as { jti: string; jws: string; passengers: number; md: string };
  t.equal(pass.jws, ERASED, 'the signed pass (driver name, ID suffix) is erased');
  t.equal(pass.passengers, 5, 'its counts stay');
  t.equal(pass.md, approved.md, 'and the digest it bound');
  t.equal((db.prepare('SELECT count(*) AS n FROM charter_passengers WHERE run_id = ?').get(runId) as { n: number }).n, 5, 'the passenger rows stay');
  t.equal((db.prepare('SELECT count(*) AS n FROM charter_custody WHERE run_id = ?').get(runId) as { n: number }).n, 1, 'and the custody task');
  t.equal((db.prepare('SELECT status FROM charter_runs WHERE id = ?').get(rejected.id) as { status: string }).status, 'rejected');

  t.equal((await retention.run(later)).total, 0, 'a second run changes nothing');
  const purge = JSON.parse((db.prepare("SELECT detail FROM audit_log WHERE action = 'audit.retention_purge' ORDER BY seq DESC LIMIT 1").get() as { detail: string }).detail) as { tables: Record<string, number> };
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
  t.throws(() => db.prepare("UPDATE charter_passengers SET name = '张三' WHERE run_id = ?").run(runId), /never edited/);
  t.throws(() => db.prepare('UPDATE charter_passengers SET seq = seq + 10 WHERE run_id = ?').run(runId), /never edited/);
  t.throws(() => db.prepare('DELETE FROM charter_passengers WHERE run_id = ?').run(runId), /fixed/);
  t.throws(() => db.prepare("UPDATE charter_runs SET driver_name = '赵师傅' WHERE id = ?").run(runId), /final/);
  t.throws(() => db.prepare('UPDATE charter_runs SET redacted_at = NULL WHERE id = ?').run(runId), /final|erased once/);
  t.throws(() => db.prepare("UPDATE charter_passes SET jws = 'eyJ.x.y' WHERE run_id = ?").run(runId), /fixed once issued/);
  t.throws(() => db.prepare("UPDATE charter_passes SET passengers = 4 WHERE run_id = ?").run(runId), /fixed once issued/);
  t.throws(() => db.prepare("UPDATE charter_needs SET contact_name = '王经理' WHERE id = ?").run(needR.id), /stays erased/);

  const v = await ctx.app.services.auditIntegrity.verify({ record: false });
  t.ok(v.ok, `${v.failure?.kind ?? ''} ${v.failure?.detail ?? ''}`);
});

t.test('a charter pass not yet expired at the erasure keeps its token; a live need keeps its contact', async (t) => {
  const w = await custodyWorld(t);
  const db = w.ctx.repos.db;
  // The pass of an approved run whose run was not erased: the trigger refuses its token's erasure.
  t.throws(() => db.prepare(`UPDATE charter_passes SET jws = '${ERASED}' WHERE run_id = ?`).run(w.runId), /fixed once issued/);
  const r = await w.ctx.app.services.retention.run(new Date(Date.now() + 100 * DAY));
  t.equal(r.tables.charterRuns, 0, 'within the period');
  t.equal(r.tables.charterNeeds, 0);
  t.match((db.prepare('SELECT jws FROM charter_passes WHERE run_id = ?').get(w.runId) as { jws: string }).jws, /^ey/);
});
