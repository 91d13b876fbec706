import t, { type Test } from 'tap';
import { decodeJwt } from 'jose';
import { verifyCharterPass } from '../../../src/core/charter/verify.js';
import { verifyCharterRuns } from '../../../src/core/charter/runs-verify.js';
import { manifestDigest } from '../../../src/core/charter/manifest.js';
import { DEVICE_CHARTER_LOOKAHEAD_SEC } from '../../../src/core/sync/charter-runs.js';
import { CHARTER_RUNS_TTL_SEC } from '../../../src/server/features/charter/service.js';
import { simulateDevice } from '../../helpers/device.js';
import { chinaDate } from '../../helpers/fleet.js';
import { sql } from 'kysely';
import { refusedWith } from '../../helpers/engines.js';
import { refusedAsDuplicate } from '../../helpers/refused.js';
import { b64, charterWorld, manifestCsv, needBody, passengerId, runBody, A_NAME, B_NAME } from './fixtures.js';

interface RunView { id: number; status: string; plate: string; checkpoints: { id: number; name: string }[]; pass: { jti: string; revokedAt: string | null; revokeReason: string | null } | null }

const HOUR = 3_600_000;

/**
 * An approved run for A (3 passengers, one with a Wuhan stay) and B (1 passenger), departing within
 * the hour so it is inside the devices' lookahead whatever the time of day, expected at `entry`.
 */
async function approvedRun(t: Test) {
  const world = await charterWorld(t);
  const { c, checkpoints } = world;
  const needA = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ earliestDate: chinaDate(0), workers: 3 }))).json() as { id: number };
  const needB = (await c.b.request('POST', '/api/v1/charter/needs', needBody({ earliestDate: chinaDate(0), workers: 1 }))).json() as { id: number };
  const departure = new Date(Math.ceil((Date.now() + HOUR) / 60_000) * 60_000);
  const arrival = new Date(departure.getTime() + 10 * HOUR);
  const planned = await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needA.id, seats: 3 }, { needId: needB.id, seats: 1 }], {
    departureAt: departure.toISOString(), arrivalBy: arrival.toISOString(),
  }));
  t.equal(planned.statusCode, 201, planned.body);
  const runId = (planned.json() as { id: number }).id;
  t.equal((await c.a.request('POST', `/api/v1/charter/runs/${runId}/needs/${needA.id}/manifest`, { format: 'csv', content: b64(manifestCsv(3)) })).statusCode, 200);
  t.equal((await c.b.request('PUT', `/api/v1/charter/runs/${runId}/needs/${needB.id}/passengers`, {
    passengers: [{ name: '钱七', idNumber: passengerId(101), phone: '13900000101', originRegion: '510100', stays: [] }],
  })).statusCode, 200);
  await c.a.request('POST', `/api/v1/charter/runs/${runId}/confirm`);
  await c.b.request('POST', `/api/v1/charter/runs/${runId}/confirm`);
  const approved = await c.officer.request('POST', `/api/v1/charter/runs/${runId}/approve`, { checkpointIds: [checkpoints.entry] });
  t.equal(approved.statusCode, 200, approved.body.slice(0, 300));
  return { ...world, runId, run: approved.json() as RunView, departure, arrival };
}

const passKeys = async (ctx: Awaited<ReturnType<typeof charterWorld>>['ctx']) =>
  (await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: Array<{ kid: string; purpose?: string }> };

t.test('approval issues the charter pass: it verifies from the published keys and binds the approved manifest', async (t) => {
  const { ctx, runId, run, departure, arrival, checkpoints } = await approvedRun(t);
  t.equal(run.status, 'approved');
  t.same(run.checkpoints.map((c) => c.id), [checkpoints.entry], 'the entry checkpoint chosen at approval');
  t.ok(run.pass, 'the run answers with its pass');
  const row = (await ctx.repos.charter.passOfRun(runId))!;
  t.equal(row.jti, run.pass!.jti);
  t.match(row.jti, /^[A-HJ-NP-Z2-9]{10}$/, 'generated like a freight pass number');

  const verified = await verifyCharterPass(row.jws, { keys: await passKeys(ctx), isRevoked: () => false, now: new Date(departure.getTime() + HOUR) });
  t.ok(verified.ok, JSON.stringify(verified));
  if (!verified.ok) return;
  const am = (await ctx.app.services.charter.approvedManifest(runId))!;
  t.equal(verified.claims.md, am.md, 'md is the approved manifest\'s digest');
  t.equal(verified.claims.md, await manifestDigest(am.manifest));
  t.equal(verified.claims.n, am.manifest.length);
  t.equal(verified.claims.n, 4);
  t.equal(verified.claims.pl, run.plate);
  t.same(verified.claims.drv, ['赵师傅', runBody([]).driverIdNumber.slice(-4)]);
  t.equal(verified.claims.org, '510100');
  t.equal(verified.claims.nbf, departure.getTime() / 1000, 'nbf = departure');
  t.equal(verified.claims.exp, arrival.getTime() / 1000, 'exp = latest arrival');
  t.equal(verified.kid, (await ctx.app.services.keys.activeSigner('pass')).kid, 'signed by the active pass key');
  t.equal(row.md, am.md);

  // Audited without names or ID numbers.
  const audit = await ctx.repos.store.q().selectFrom('audit_log').select('detail').where('action', '=', 'charter.pass_issue').execute();
  t.equal(audit.length, 1);
  t.same(JSON.parse(audit[0]!.detail), { jti: row.jti, run: runId, n: 4, kid: verified.kid });

  // The pass is fixed in the database, and there is one per run.
  const q = () => ctx.repos.store.q();
  await refusedWith(t, () => q().updateTable('charter_passes').set({ md: 'x' }).where('run_id', '=', runId).execute(), /fixed/, 'the pass is fixed');
  await refusedWith(t, () => q().deleteFrom('charter_passes').where('run_id', '=', runId).execute(), /never deleted/, 'the pass is never deleted');
  await refusedWith(t, () => q().deleteFrom('charter_run_checkpoints').where('run_id', '=', runId).execute(), /fixed/, 'its checkpoints are fixed');
  await refusedWith(
    t,
    () => q().insertInto('charter_run_checkpoints').values({ run_id: runId, checkpoint_id: checkpoints.other }).execute(),
    /approved/,
    'no checkpoint added after the approval',
  );
  await refusedAsDuplicate(
    t,
    () =>
      q()
        .insertInto('charter_passes')
        .columns(['jti', 'run_id', 'kid', 'jws', 'md', 'passengers', 'nbf', 'exp', 'issued_at', 'issued_by'])
        .expression(
          q()
            .selectFrom('charter_passes')
            .select([sql.lit('OTHERJTI22').as('jti'), 'run_id', 'kid', 'jws', 'md', 'passengers', 'nbf', 'exp', 'issued_at', 'issued_by'])
            .where('run_id', '=', runId),
        )
        .execute(),
    { sqlite: 'charter_passes.run_id', postgres: 'charter_passes_run_id_key' },
    'one pass per run',
  );
  t.ok(await ctx.repos.charter.passIdTaken(row.jti), 'its id is taken for later passes');
});

t.test('print page: QR, plate, driver, window, checkpoints and the manifest for the coach; no full ID, no phone', async (t) => {
  const { ctx, c, runId, run } = await approvedRun(t);
  const res = await c.carrier.request('GET', `/carrier/runs/${runId}/pass`);
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  const html = res.body;
  t.match(html, 'data:image/svg+xml;base64,', 'the QR code is inline');
  t.match(html, run.pass!.jti);
  t.match(html, '苏E88888');
  t.match(html, '赵师傅');
  t.match(html, runBody([]).driverIdNumber.slice(-4));
  t.match(html, '花桥入城卡口', 'the entry checkpoint');
  t.notMatch(html, '千灯卡口');
  t.match(html, A_NAME);
  t.match(html, B_NAME);
  const am = (await ctx.app.services.charter.approvedManifest(runId))!;
  // Every passenger in canonical order, numbered as the scanner's checklist numbers them.
  let at = 0;
  for (const [i, m] of am.manifest.entries()) {
    const idx = html.indexOf(`>${m.name}<`, at);
    t.ok(idx > at, `passenger ${i + 1} (${m.name}) in order`);
    at = idx;
    t.match(html, `>${m.id4}<`);
  }
  for (const n of [1, 2, 3, 101]) t.notMatch(html, passengerId(n), `no full ID of passenger ${n}`);
  t.notMatch(html, runBody([]).driverIdNumber, "no driver's full ID");
  t.notMatch(html, /1390000\d{4}/, 'no passenger phone');
  t.notMatch(html, '13800001111', 'no driver phone');
  // The QR decodes to the stored pass (numeric mode, level M).
  const { charterQrVersion } = await import('../../../src/server/features/charter/qr.js');
  t.ok(charterQrVersion((await ctx.repos.charter.passOfRun(runId))!.jws) <= 13, 'version 13 at most');

  t.equal((await c.officer.request('GET', `/bureau/charter/runs/${runId}/pass`)).statusCode, 200, 'the bureau prints too');
  t.equal((await c.carrier2.request('GET', `/carrier/runs/${runId}/pass`)).statusCode, 404, "another carrier's run is 404");
  t.equal((await c.a.request('GET', `/carrier/runs/${runId}/pass`)).statusCode, 403, 'an enterprise does not print');
  t.match((await c.carrier.request('GET', `/carrier/runs/${runId}`)).body, `/carrier/runs/${runId}/pass`, 'the run page links to it');
  t.match((await c.officer.request('GET', `/bureau/charter/runs/${runId}`)).body, `/bureau/charter/runs/${runId}/pass`);
  const enterprisePage = (await c.a.request('GET', `/enterprise/charter/runs/${runId}`)).body;
  t.match(enterprisePage, '已签发', 'the enterprise sees the pass is issued');
  t.match(enterprisePage, run.pass!.jti);
  t.notMatch(enterprisePage, '/pass"', 'but no print link');
  const prints = await ctx.repos.store.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'charter.pass_print').executeTakeFirstOrThrow();
  t.ok(prints.n >= 2, 'printing is audited');
});

t.test('revocation: audited, in the revocation feed and the trust bundle, off the print and the device document', async (t) => {
  const { ctx, c, runId, run, checkpoints } = await approvedRun(t);
  const device = await simulateDevice(ctx, checkpoints.entry);
  const before = await device.request('GET', '/api/v1/devices/charter-runs');
  t.equal(before.statusCode, 200, before.body);
  t.equal((decodeJwt((before.json() as { data: string }).data) as { runs: unknown[] }).runs.length, 1);

  t.equal((await c.carrier.request('POST', `/api/v1/charter/runs/${runId}/pass/revoke`, { reason: '车辆故障' })).statusCode, 403, 'a carrier revokes nothing');
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${runId}/pass/revoke`, {})).statusCode, 400, 'a reason is required');
  const revoked = await c.officer.request('POST', `/api/v1/charter/runs/${runId}/pass/revoke`, { reason: '车辆故障，改派他车' });
  t.equal(revoked.statusCode, 200, revoked.body.slice(0, 300));
  const view = revoked.json() as RunView;
  t.ok(view.pass!.revokedAt);
  t.equal(view.pass!.revokeReason, '车辆故障，改派他车');
  t.equal((await c.officer.request('POST', `/api/v1/charter/runs/${runId}/pass/revoke`, { reason: '再次撤销' })).statusCode, 409, 'once');
  t.equal((await c.a.request('GET', `/api/v1/charter/runs/${runId}`)).json().pass.revokeReason, null, "the officer's reason is the bureau's");

  const feed = (await ctx.app.inject({ method: 'GET', url: '/api/v1/trust/revocations' })).json() as { items: { passNo: string; reason: string }[] };
  t.same(feed.items.map((i) => [i.passNo, i.reason]), [[run.pass!.jti, 'revoked']], 'the charter pass id is in the revocation feed (coarse code only)');
  t.ok(await ctx.app.services.trust.isRevoked(run.pass!.jti));
  const bundleJws = ((await device.request('GET', '/api/v1/trust/bundle')).json() as { bundle: string }).bundle;
  t.ok((decodeJwt(bundleJws) as { revocations: { passNos: string[] } }).revocations.passNos.includes(run.pass!.jti), 'and in the trust bundle the scanners check by jti');

  const audit = await ctx.repos.store.q().selectFrom('audit_log').select(['reason', 'detail']).where('action', '=', 'charter.pass_revoke').executeTakeFirstOrThrow();
  t.equal(audit.reason, '车辆故障，改派他车');
  t.same(JSON.parse(audit.detail), { jti: run.pass!.jti, run: runId });
  await refusedWith(t, () => ctx.repos.store.q().updateTable('charter_passes').set({ revoke_reason: 'x' }).where('run_id', '=', runId).execute(), /final/, 'a revocation is final');

  t.equal((await c.carrier.request('GET', `/carrier/runs/${runId}/pass`)).statusCode, 409, 'a revoked pass does not print');
  const after = await device.request('GET', '/api/v1/devices/charter-runs', undefined, { headers: { 'if-none-match': (before.json() as { etag: string }).etag } });
  t.equal(after.statusCode, 200, 'changed: not a 304');
  t.same((decodeJwt((after.json() as { data: string }).data) as { runs: unknown[] }).runs, [], 'the revoked run drops out');
});

t.test('revocation through the portal form', async (t) => {
  const { ctx, c, runId } = await approvedRun(t);
  const page = await c.officer.request('GET', `/bureau/charter/runs/${runId}`);
  t.match(page.body, `/bureau/charter/runs/${runId}/pass/revoke`);
  t.equal((await c.officer.form(`/bureau/charter/runs/${runId}/pass/revoke`, { _csrf: c.officer.csrf })).statusCode, 400, 'a reason is required');
  t.equal((await c.officer.form(`/bureau/charter/runs/${runId}/pass/revoke`, { _csrf: c.officer.csrf, reason: '行程取消' })).statusCode, 303);
  t.ok((await ctx.repos.charter.passOfRun(runId))!.revoked_at);
});

t.test('device route: the runs expected at the device\'s checkpoint, signed, with ETag', async (t) => {
  const { ctx, c, runId, run, departure, arrival, checkpoints } = await approvedRun(t);
  const device = await simulateDevice(ctx, checkpoints.entry);
  const elsewhere = await simulateDevice(ctx, checkpoints.other);

  const res = await device.request('GET', '/api/v1/devices/charter-runs');
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers['cache-control'], 'private, no-cache');
  const { data, etag } = res.json() as { data: string; etag: string };
  t.equal(res.headers.etag, etag);
  const verified = await verifyCharterRuns(data, { trustedKeys: device.enrollment.bundleKeys, checkpointId: checkpoints.entry });
  t.ok(verified.ok, JSON.stringify(verified));
  if (!verified.ok) return;
  t.equal(verified.kid, (await ctx.app.services.keys.activeSigner('bundle')).kid, 'the bundle key, as checkpoint data');
  t.equal(verified.data.iss, 'KSJT');
  t.equal(verified.data.exp - verified.data.iat, CHARTER_RUNS_TTL_SEC);
  const am = (await ctx.app.services.charter.approvedManifest(runId))!;
  t.same(verified.data.runs, [{
    run: String(runId), jti: run.pass!.jti, pl: '苏E88888', from: departure.getTime() / 1000, until: arrival.getTime() / 1000, md: am.md, passengers: am.manifest,
  }]);
  t.notMatch(data, passengerId(1).slice(0, 14), 'no more than the last four of an ID');
  t.equal((await verifyCharterRuns(data, { trustedKeys: device.enrollment.bundleKeys, checkpointId: checkpoints.other })).ok, false, 'not valid for another checkpoint');

  // Another checkpoint's device: a valid, empty document.
  const other = await elsewhere.request('GET', '/api/v1/devices/charter-runs');
  t.equal(other.statusCode, 200);
  const otherDoc = await verifyCharterRuns((other.json() as { data: string }).data, { trustedKeys: elsewhere.enrollment.bundleKeys, checkpointId: checkpoints.other });
  t.ok(otherDoc.ok);
  if (otherDoc.ok) t.same(otherDoc.data.runs, [], 'the run is not expected there');

  // ETag: unchanged content is 304.
  const again = await device.request('GET', '/api/v1/devices/charter-runs', undefined, { headers: { 'if-none-match': etag } });
  t.equal(again.statusCode, 304);
  t.equal(again.headers.etag, etag);

  // The window: before the lookahead and after the latest arrival, the run is not in the document.
  const svc = ctx.app.services.charter;
  const runsAt = async (at: number) => (decodeJwt((await svc.expectedRuns(checkpoints.entry, new Date(at))).jws) as { runs: unknown[] }).runs.length;
  t.equal(await runsAt(departure.getTime() - DEVICE_CHARTER_LOOKAHEAD_SEC * 1000 - 60_000), 0, 'not yet: beyond the lookahead');
  t.equal(await runsAt(departure.getTime() - DEVICE_CHARTER_LOOKAHEAD_SEC * 1000 + 60_000), 1, 'within the lookahead');
  t.equal(await runsAt(arrival.getTime() - 60_000), 1, 'during the window');
  t.equal(await runsAt(arrival.getTime()), 0, 'after the latest arrival');

  // Not a device: refused.
  t.equal((await c.officer.request('GET', '/api/v1/devices/charter-runs')).statusCode, 401, 'a session is no device');
  t.equal((await ctx.app.inject({ method: 'GET', url: '/api/v1/devices/charter-runs' })).statusCode, 401);
});

t.test('a run the pass cannot carry is not approved, and nothing is stored', async (t) => {
  const { ctx, c, checkpoints } = await charterWorld(t);
  const need = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 1 }))).json() as { id: number };
  const planned = await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: need.id, seats: 1 }], { driverName: '阿卜杜热合曼·买买提江' }));
  t.equal(planned.statusCode, 201, planned.body);
  const runId = (planned.json() as { id: number }).id;
  await c.a.request('POST', `/api/v1/charter/runs/${runId}/needs/${need.id}/manifest`, { format: 'csv', content: b64(manifestCsv(1)) });
  await c.a.request('POST', `/api/v1/charter/runs/${runId}/confirm`);
  const refused = await c.officer.request('POST', `/api/v1/charter/runs/${runId}/approve`, { checkpointIds: [checkpoints.entry] });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'charter_wrong_step' });
  t.equal((await ctx.repos.charter.getRun(runId))!.status, 'confirmed', 'not approved');
  t.equal(await ctx.repos.charter.passOfRun(runId), undefined, 'no pass');
  t.same(await ctx.repos.charter.runCheckpoints(runId), [], 'no checkpoints');
});
