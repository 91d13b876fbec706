import { isCanonicalManifest, manifestDigest } from '../../../src/core/charter/manifest.js';
import t from 'tap';
import { b64, charterWorld, manifestCsv, needBody, passengerId, runBody, A_NAME, B_NAME } from './fixtures.js';
import { chinaDate } from '../../helpers/fleet.js';
import { refusedWith } from '../../helpers/engines.js';

interface Run { id: number; status: string; passengerCount: number; needs: { needId: number; enterpriseName: string; confirmedAt: string | null; passengers: number }[]; passengers: { name: string; idMasked: string; idLast4: string }[] }
interface Problem { code: string; errors?: { path: string; message: string }[] }

t.test('need → run → confirmation with a 30-row manifest (one bad row refused as a whole) → bureau approval', async (t) => {
  const { ctx, A, B, c, checkpoints } = await charterWorld(t);

  // Enterprise A and B post needs; each sees only its own.
  const needA = await c.a.request('POST', '/api/v1/charter/needs', needBody());
  t.equal(needA.statusCode, 201, needA.body);
  const needAId = (needA.json() as { id: number }).id;
  const needB = await c.b.request('POST', '/api/v1/charter/needs', needBody({ workers: 10 }));
  t.equal(needB.statusCode, 201);
  const needBId = (needB.json() as { id: number }).id;
  t.same((await c.a.request('GET', '/api/v1/charter/needs')).json().map((n: { id: number }) => n.id), [needAId], 'A sees its own need only');
  t.equal((await c.a.request('GET', `/api/v1/charter/needs/${needBId}`)).statusCode, 404, "B's need is 404 to A");
  t.equal((await c.carrier.request('GET', '/api/v1/charter/needs')).json().length, 2, 'the carrier sees the open board');

  // A date in the past, a phone-number in the note: refused at the boundary.
  t.equal((await c.a.request('POST', '/api/v1/charter/needs', needBody({ earliestDate: chinaDate(-1) }))).statusCode, 400);
  t.equal((await c.a.request('POST', '/api/v1/charter/needs', needBody({ note: '请联系 13912345678' }))).statusCode, 400);
  t.equal((await c.carrier.request('POST', '/api/v1/charter/needs', needBody())).statusCode, 403, 'a carrier posts no needs');

  // The carrier plans one coach for both needs; too many seats for a need is refused.
  const over = await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needBId, seats: 11 }]));
  t.equal(over.statusCode, 400);
  t.equal((over.json() as Problem).errors?.[0]?.path, 'body.needs.0.seats');
  const planned = await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needAId, seats: 30 }, { needId: needBId, seats: 10 }]));
  t.equal(planned.statusCode, 201, planned.body);
  const run = planned.json() as Run;
  t.equal(run.status, 'planned');
  t.equal((await c.a.request('GET', `/api/v1/charter/needs/${needAId}`)).json().status, 'served');
  t.equal((await c.carrier2.request('GET', `/api/v1/charter/runs/${run.id}`)).statusCode, 404, "another carrier's run is 404");
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { checkpointIds: [checkpoints.entry] })).statusCode, 409, 'no approval before confirmation');

  // A's manifest: 30 rows with row 13 wrong — refused as a whole, that row named, nothing saved.
  const bad = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${needAId}/manifest`, { format: 'csv', content: b64(manifestCsv(30, { bad: 12, bom: true })) }, { 'accept-language': 'en' });
  t.equal(bad.statusCode, 422, bad.body);
  const problem = bad.json() as Problem;
  t.equal(problem.code, 'manifest_invalid');
  t.same(problem.errors?.map((e) => e.path), ['body.rows.13.idNumber'], 'row 13 of the file (header is row 1), column idNumber');
  t.match(problem.errors?.[0]?.message, /check/i, 'message in the reader\'s language');
  const zh = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${needAId}/manifest`, { format: 'csv', content: b64(manifestCsv(30, { bad: 12 })) }, { 'accept-language': 'zh' });
  t.match((zh.json() as Problem).errors?.[0]?.message, /[\u4e00-\u9fff]/, 'and in Chinese');
  const q = () => ctx.repos.store.q();
  t.equal((await q().selectFrom('charter_passengers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n, 0, 'nothing saved');

  // More passengers than seats, and a confirmation without a list: refused.
  t.equal((await c.a.request('POST', `/api/v1/charter/runs/${run.id}/confirm`)).statusCode, 409);
  const fixed = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${needAId}/manifest`, { format: 'csv', content: b64(manifestCsv(30, { crlf: true })) });
  t.equal(fixed.statusCode, 200, fixed.body);
  t.equal((fixed.json() as Run).passengers.length, 30);

  // ID numbers at rest: ciphertext, never the clear text, and never in the audit log.
  const rows = await q().selectFrom('charter_passengers').select(['id_number_enc', 'phone_enc', 'id_last4']).orderBy('seq').execute();
  t.equal(rows.length, 30);
  t.notOk(rows.some((r) => r.id_number_enc.includes(passengerId(1).slice(0, 10)) || r.id_number_enc === passengerId(1)), 'the column is not the clear text');
  t.equal(rows[0]!.id_last4, passengerId(1).slice(-4));
  const auditText = JSON.stringify(await q().selectFrom('audit_log').selectAll().execute());
  t.notMatch(auditText, passengerId(1), 'no full ID number in the audit log');

  // B cannot touch A's list and sees none of A's passengers; someone on A's list cannot ride again for B.
  t.equal((await c.b.request('POST', `/api/v1/charter/runs/${run.id}/needs/${needAId}/manifest`, { format: 'csv', content: b64(manifestCsv(3)) })).statusCode, 404);
  const dupe = await c.b.request('PUT', `/api/v1/charter/runs/${run.id}/needs/${needBId}/passengers`, {
    passengers: [{ name: '重复者', idNumber: passengerId(5), phone: '13900000005', originRegion: '510100', stays: [] }],
  });
  t.equal(dupe.statusCode, 422);
  t.equal((dupe.json() as Problem).errors?.[0]?.path, 'body.passengers.0.idNumber');
  const formB = await c.b.request('PUT', `/api/v1/charter/runs/${run.id}/needs/${needBId}/passengers`, {
    passengers: [{ name: '钱七', idNumber: passengerId(101), phone: '13900000101', originRegion: '510100', stays: [{ code: '420100', lastDay: chinaDate(-2) }] }],
  });
  t.equal(formB.statusCode, 200, formB.body);
  const bView = formB.json() as Run;
  t.same(bView.needs.map((n) => n.enterpriseName), [B_NAME], "B sees its own share of the run, not A's");
  t.same(bView.passengers.map((p) => p.name), ['钱七']);
  t.equal(bView.passengerCount, 31, 'the count is the whole coach');

  // The carrier sees counts, never a passenger, never a full ID number, on the API and the pages.
  const carrierView = (await c.carrier.request('GET', `/api/v1/charter/runs/${run.id}`)).json() as Run;
  t.same(carrierView.passengers, []);
  t.equal(carrierView.passengerCount, 31);
  const carrierPage = await c.carrier.request('GET', `/carrier/runs/${run.id}`);
  t.equal(carrierPage.statusCode, 200);
  for (let i = 1; i <= 30; i++) t.notOk(carrierPage.body.includes(passengerId(i)) || carrierPage.body.includes(`员工${i}<`), `passenger ${i} not on the carrier's page`);
  t.notMatch(carrierPage.body, passengerId(101));
  t.notMatch(carrierPage.body, '32058319750303123', "nor the driver's full ID");

  // Each enterprise confirms; then the run waits for the bureau.
  const confA = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/confirm`);
  t.equal((confA.json() as Run).status, 'planned', 'B has not confirmed yet');
  const confB = await c.b.request('POST', `/api/v1/charter/runs/${run.id}/confirm`);
  t.equal((confB.json() as Run).status, 'confirmed');
  t.equal((await c.carrier.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { checkpointIds: [checkpoints.entry] })).statusCode, 403, 'a carrier approves nothing');
  t.equal((await c.a.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { checkpointIds: [checkpoints.entry] })).statusCode, 403);

  // The seam is empty until approval; the officer approves; the run is then fixed.
  t.equal(await ctx.app.services.charter.checkpointManifest(run.id), null);
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { reason: '核验无误' })).statusCode, 400, 'the entry checkpoints are required');
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { reason: '核验无误', checkpointIds: [] })).statusCode, 400, 'at least one');
  const approved = await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/approve`, { reason: '核验无误', checkpointIds: [checkpoints.entry] });
  t.equal(approved.statusCode, 200, 'approved', { body: approved.body.slice(0, 300) });
  t.equal((approved.json() as Run).passengers.length, 31, 'the bureau sees every passenger (masked)');
  t.ok((approved.json() as Run).passengers.every((p) => /\*/.test(p.idMasked)));
  t.equal((await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${needAId}/manifest`, { format: 'csv', content: b64(manifestCsv(2)) })).statusCode, 409, 'no change after approval');
  await refusedWith(t, () => q().deleteFrom('charter_passengers').where('run_id', '=', run.id).execute(), /fixed/, 'the database refuses too');

  const seam = (await ctx.app.services.charter.checkpointManifest(run.id))!;
  t.equal(seam.passengerCount, 31);
  t.same(seam.driver, { name: '赵师傅', id4: runBody([]).driverIdNumber.slice(-4) });
  t.same(seam.destinations.map((d) => d.name).sort(), [A_NAME, B_NAME].sort());
  t.same(seam.passengers[6], { name: '员工7', id4: passengerId(7).slice(-4), originRegion: '510100', stays: [{ code: '420100', lastDay: chinaDate(-3) }], creditCode: (await ctx.repos.enterprises.get(A))!.creditCode });
  t.notMatch(JSON.stringify(seam), passengerId(1), 'no full ID number in the seam');
  t.notMatch(JSON.stringify(seam), '1390000', 'no phone in the seam');

  // The manifest as pass and checkpoints see it: canonical, digested, each place traced to its row.
  t.equal(await ctx.app.services.charter.approvedManifest(9999), null);
  const am = (await ctx.app.services.charter.approvedManifest(run.id))!;
  t.equal(am.manifest.length, 31);
  t.ok(isCanonicalManifest(am.manifest), 'canonical order');
  t.equal(am.md, await manifestDigest(am.manifest));
  t.equal(new Set(am.passengerIds).size, 31, 'every row once');
  for (const [i, id] of am.passengerIds.entries()) {
    const row = await q().selectFrom('charter_passengers').select(['name', 'id_last4']).where('id', '=', id).executeTakeFirstOrThrow();
    t.same([row.name, row.id_last4], [am.manifest[i]!.name, am.manifest[i]!.id4], `place ${i + 1} is its row`);
  }

  // The audit trail tells the story.
  const actions = await q().selectFrom('audit_log').select(['action', 'reason']).where('action', 'like', 'charter.%').orderBy('seq').execute();
  t.same([...new Set(actions.map((a) => a.action))], ['charter.need_post', 'charter.run_plan', 'charter.manifest_set', 'charter.run_confirm', 'charter.run_approve', 'charter.pass_issue']);
  t.equal(actions.at(-2)!.reason, '核验无误');
  const creditOfB = (await ctx.repos.enterprises.get(B))!.creditCode;
  t.ok(seam.destinations.some((d) => d.creditCode === creditOfB), "B's credit code among the destinations");
});

t.test('rejection frees the seats; cancellation; visibility by role', async (t) => {
  const { c } = await charterWorld(t);
  const need = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 5 }))).json() as { id: number };
  const run = (await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: need.id, seats: 5 }]))).json() as Run;
  t.equal((await c.a.request('POST', `/api/v1/charter/needs/${need.id}/cancel`)).statusCode, 409, 'a served need cannot be withdrawn');
  t.equal((await c.carrier.request('GET', '/api/v1/charter/needs')).json().length, 0, 'a served need leaves the board');
  t.equal((await c.b.request('GET', `/api/v1/charter/runs/${run.id}`)).statusCode, 404, "B: A's run is 404");
  t.same((await c.b.request('GET', '/api/v1/charter/runs')).json(), [], 'B lists no runs');
  t.equal((await c.carrier2.request('GET', '/api/v1/charter/runs')).json().length, 0);
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/reject`, {})).statusCode, 400, 'a reason is required');
  const rejected = await c.officer.request('POST', `/api/v1/charter/runs/${run.id}/reject`, { reason: '车辆资质待核实' });
  t.equal((rejected.json() as Run).status, 'rejected');
  t.equal((await c.a.request('GET', `/api/v1/charter/needs/${need.id}`)).json().status, 'open', 'seats free again');
  t.equal((await c.a.request('POST', `/api/v1/charter/needs/${need.id}/cancel`)).statusCode, 200);
  t.equal((await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: need.id, seats: 5 }]))).statusCode, 409, 'a cancelled need takes no run');
});

t.test('pages: each party reaches its own board', async (t) => {
  const { c } = await charterWorld(t);
  t.equal((await c.a.request('GET', '/enterprise/charter')).statusCode, 200);
  t.equal((await c.carrier.request('GET', '/carrier')).statusCode, 200);
  t.equal((await c.officer.request('GET', '/bureau/charter')).statusCode, 200);
  t.equal((await c.officer.request('GET', '/bureau/carriers')).statusCode, 200);
  t.equal((await c.carrier.request('GET', '/enterprise/charter')).statusCode, 403);
  t.equal((await c.carrier.request('GET', '/api/v1/people')).statusCode, 403, 'a carrier has no freight-pass reads');
  const home = await c.carrier.request('GET', '/');
  t.equal(home.statusCode, 303);
  t.equal(home.headers.location, '/carrier');
});
