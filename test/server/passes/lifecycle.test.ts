import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';
import { decodePassQrText, encodePassQrText, verifyPass } from '../../../src/core/pass/index.js';

interface PassBody {
  id: number;
  passNo: string;
  status: string;
  displayStatus: string;
  people: Array<{ name: string; role: string; idMasked: string }>;
  replacedById: number | null;
}

t.test('apply, approve, print, verify, revoke, amend', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(1));
  const b = await ctx.enterprise('昆山另一家物流有限公司', creditCode(2));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('enterprise_user', 'b1', b);
  await ctx.user('bureau_officer', 'officer');
  const ea = await loggedIn(ctx.app, 'a1');
  const eb = await loggedIn(ctx.app, 'b1');
  const off = await loggedIn(ctx.app, 'officer');
  const crew = await fleet(ea);

  const application = {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '420100',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2 京沪高速',
  };

  const created = await ea.request('POST', '/api/v1/passes', application);
  t.equal(created.statusCode, 201, created.body);
  const draft = created.json() as PassBody;
  t.equal(draft.status, 'draft');
  t.same(draft.people.map((p) => [p.name, p.role]), [['张建国', 'driver'], ['李卫东', 'escort']]);
  t.notMatch(created.body, /19800101/, 'no full ID number in the API');

  t.equal((await off.request('POST', `/api/v1/passes/${draft.id}/approve`)).statusCode, 409, 'a draft cannot be approved');
  t.equal((await eb.request('POST', `/api/v1/passes/${draft.id}/submit`)).statusCode, 404, 'another enterprise cannot submit it');
  const submitted = await ea.request('POST', `/api/v1/passes/${draft.id}/submit`);
  t.equal((submitted.json() as PassBody).status, 'submitted');
  t.equal((await ea.request('POST', `/api/v1/passes/${draft.id}/approve`)).statusCode, 403, 'an enterprise cannot approve');

  const queue = await off.request('GET', '/api/v1/passes?status=submitted');
  t.same((queue.json() as { items: PassBody[] }).items.map((p) => p.id), [draft.id]);

  const approved = await off.request('POST', `/api/v1/passes/${draft.id}/approve`);
  t.equal(approved.statusCode, 200, approved.body);
  const pass = approved.json() as PassBody;
  t.equal(pass.status, 'issued');

  // Another enterprise can neither read, print nor touch it.
  for (const url of [`/api/v1/passes/${pass.id}`, `/api/v1/passes/${pass.id}/token`, `/api/v1/passes/${pass.id}/qr.svg`, `/api/v1/passes/${pass.id}/qr.png`]) {
    const res = await eb.request('GET', url);
    t.equal(res.statusCode, 404, `b1 GET ${url}`);
    t.notMatch(res.body, /锦程|苏E12345/);
  }
  t.equal((await eb.request('POST', `/api/v1/passes/${pass.id}/cancel-request`, { reason: '车辆已出售' })).statusCode, 404);
  const bList = await eb.request('GET', '/api/v1/passes');
  t.same((bList.json() as { items: unknown[] }).items, [], 'b1 lists none of A');
  // Asking for A by name does not help: an enterprise's own scope beats the filter.
  const bAsks = await eb.request('GET', `/api/v1/passes?enterpriseId=${a}`);
  t.equal(bAsks.statusCode, 200, 'the filter is ignored for an enterprise user');
  t.same((bAsks.json() as { items: unknown[]; total: number }), { items: [], total: 0 }, 'b1 asking for A lists none of A');
  t.notMatch(bAsks.body, pass.passNo);
  // The bureau's filter does filter.
  const ids = async (enterpriseId: number) =>
    ((await off.request('GET', `/api/v1/passes?enterpriseId=${enterpriseId}`)).json() as { items: PassBody[] }).items.map((p) => p.id);
  t.same(await ids(a), [pass.id], 'the bureau filtered to A');
  t.same(await ids(b), [], 'the bureau filtered to B');

  // The token verifies against the published JWKS; the QR PNG decodes with an independent decoder to the same text.
  const { token, qrText } = (await ea.request('GET', `/api/v1/passes/${pass.id}/token`)).json() as { token: string; qrText: string };
  t.equal(qrText, encodePassQrText(token));
  const jwks = (await ea.request('GET', '/.well-known/jwks.json')).json();
  const verified = await verifyPass(qrText, { keys: jwks, isRevoked: () => false });
  t.ok(verified.ok, JSON.stringify(verified));
  if (verified.ok) {
    t.equal(verified.claims.jti, pass.passNo);
    t.equal(verified.claims.pl, '苏E12345');
    t.equal(verified.claims.org, '420100');
    t.same(verified.claims.ppl, [['张建国', verified.claims.ppl[0]![1]], ['李卫东', verified.claims.ppl[1]![1]]]);
    t.notMatch(JSON.stringify(verified.claims), /13812345678|19800101/, 'no phone or full ID in the token');
  }

  const png = await ea.request('GET', `/api/v1/passes/${pass.id}/qr.png`);
  t.equal(png.headers['content-type'], 'image/png');
  if (existsSync('/usr/bin/zbarimg')) {
    const dir = mkdtempSync(join(tmpdir(), 'kakou-qr-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'pass.png');
    writeFileSync(file, png.rawPayload);
    const decoded = execFileSync('/usr/bin/zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).trim();
    t.equal(decoded, qrText, 'zbarimg reads back the exact QR text');
    t.equal(decodePassQrText(decoded), token, 'and so the exact token');
  } else {
    t.fail('zbarimg is missing: install zbar-tools (.ci/run does)');
  }
  const svg = await ea.request('GET', `/api/v1/passes/${pass.id}/qr.svg`);
  t.match(svg.headers['content-type'], /image\/svg\+xml/);
  t.match(svg.body, /^<svg/);

  const prints = (await ctx.repos.audit.list({ action: 'pass.print', limit: 10 }));
  t.ok(prints.length >= 3, 'printing is recorded');
  t.equal((await ctx.repos.audit.list({ action: 'pass.issue', limit: 10 })).length, 1);

  // Cancellation asked by the enterprise, confirmed by an officer; the feed reports it.
  const asked = await ea.request('POST', `/api/v1/passes/${pass.id}/cancel-request`, { reason: '驾驶员离职' });
  t.equal(asked.statusCode, 200, asked.body);
  const before = (await ea.request('GET', '/api/v1/trust/revocations?since=0')).json() as { version: number; items: unknown[] };
  t.same(before.items, []);

  // Amend: a replacement draft; approving it revokes the old pass.
  const amended = await ea.request('POST', `/api/v1/passes/${pass.id}/amend`);
  t.equal(amended.statusCode, 201, amended.body);
  const replacement = amended.json() as PassBody;
  await ea.request('POST', `/api/v1/passes/${replacement.id}/submit`);
  const issued2 = await off.request('POST', `/api/v1/passes/${replacement.id}/approve`);
  t.equal((issued2.json() as PassBody).status, 'issued');
  const old = (await ea.request('GET', `/api/v1/passes/${pass.id}`)).json() as PassBody;
  t.equal(old.status, 'revoked');
  t.equal(old.replacedById, replacement.id);

  const feed = (await ea.request('GET', '/api/v1/trust/revocations?since=0')).json() as { version: number; items: Array<{ passNo: string; reason: string; version: number }> };
  t.same(feed.items.map((i) => [i.passNo, i.reason]), [[pass.passNo, 'replaced']]);
  const since = feed.version;

  const revoked = await off.request('POST', `/api/v1/passes/${replacement.id}/revoke`, { reason: '企业申请注销' });
  t.equal((revoked.json() as PassBody).status, 'revoked');
  t.equal((await off.request('POST', `/api/v1/passes/${replacement.id}/revoke`, { reason: '再次' })).statusCode, 409, 'revoking twice is refused');
  const feed2 = (await ea.request('GET', `/api/v1/trust/revocations?since=${since}`)).json() as { version: number; items: Array<{ passNo: string; version: number }> };
  t.same(feed2.items.map((i) => i.passNo), [(issued2.json() as PassBody).passNo], 'since=N returns only what changed');
  t.ok(feed2.version > since, 'versions increase');
  t.notMatch(JSON.stringify(feed2), /企业申请注销/, 'free-text reasons stay out of the public feed');

  // A revoked pass fails verification when the scanner knows the revocation.
  const revokedIds = new Set(feed.items.map((i) => i.passNo));
  const again = await verifyPass(qrText, { keys: jwks, isRevoked: (jti) => revokedIds.has(jti) });
  t.equal(again.ok ? 'ok' : again.reason, 'revoked');
});

t.test('rules on applying', async (t) => {
  const ctx = await setup(t);
  const pending = await ctx.enterprise('未备案企业有限公司', creditCode(3), 'registered');
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(1));
  const b = await ctx.enterprise('昆山另一家物流有限公司', creditCode(2));
  await ctx.user('enterprise_user', 'p1', pending);
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('enterprise_user', 'b1', b);
  await ctx.user('bureau_officer', 'officer');
  const ep = await loggedIn(ctx.app, 'p1');
  const ea = await loggedIn(ctx.app, 'a1');
  const eb = await loggedIn(ctx.app, 'b1');
  const off = await loggedIn(ctx.app, 'officer');
  const crewP = await fleet(ep, '苏E22222', '2');
  const crewA = await fleet(ea, '苏E33333', '3');
  const crewB = await fleet(eb, '鄂A12345', '4');
  const base = { validFrom: chinaDate(0), validTo: chinaDate(3), originRegion: '320583', destination: '昆山市玉山镇', cargoCategory: 'finished_goods' };

  const notApproved = await ep.request('POST', '/api/v1/passes', { ...base, vehicleId: crewP.vehicleId, driverId: crewP.driverId });
  t.equal(notApproved.statusCode, 409, 'an enterprise not approved to resume work cannot apply');

  const othersVehicle = await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewB.vehicleId, driverId: crewA.driverId });
  t.equal(othersVehicle.statusCode, 400, "another enterprise's vehicle is refused");
  t.match(othersVehicle.json(), { code: 'validation', errors: [{ path: 'vehicleId' }] });

  const othersPerson = await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewA.vehicleId, driverId: crewA.driverId, escortIds: [crewB.escortId] });
  t.equal(othersPerson.statusCode, 400, "another enterprise's person is refused");

  const escortAsDriver = await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewA.vehicleId, driverId: crewA.escortId });
  t.equal(escortAsDriver.statusCode, 400, 'the driver must be a registered driver');

  const tooLong = await ea.request('POST', '/api/v1/passes', { ...base, validTo: chinaDate(20), vehicleId: crewA.vehicleId, driverId: crewA.driverId });
  t.equal(tooLong.statusCode, 400, 'longer than the bureau maximum (14 days)');

  const backwards = await ea.request('POST', '/api/v1/passes', { ...base, validFrom: chinaDate(3), validTo: chinaDate(1), vehicleId: crewA.vehicleId, driverId: crewA.driverId });
  t.equal(backwards.statusCode, 400);

  const fourEscorts = await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewA.vehicleId, driverId: crewA.driverId, escortIds: [1, 2, 3, 4] });
  t.equal(fourEscorts.statusCode, 400, 'at most three escorts');

  // Reject with a reason; bulk approve answers per application.
  const mk = async () => {
    const r = await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewA.vehicleId, driverId: crewA.driverId });
    const id = (r.json() as PassBody).id;
    await ea.request('POST', `/api/v1/passes/${id}/submit`);
    return id;
  };
  const [r1, r2, r3] = [await mk(), await mk(), await mk()];
  t.equal((await off.request('POST', `/api/v1/passes/${r1}/reject`, { reason: '' })).statusCode, 400, 'a rejection needs a reason');
  const rejected = await off.request('POST', `/api/v1/passes/${r1}/reject`, { reason: '货物类别与经营范围不符' });
  t.match(rejected.json(), { status: 'rejected', rejectReason: '货物类别与经营范围不符' });
  const bulk = await off.request('POST', '/api/v1/passes/approve', { ids: [r1, r2, r3] });
  t.same((bulk.json() as { results: Array<{ id: number; ok: boolean }> }).results.map((r) => [r.id, r.ok]), [[r1, false], [r2, true], [r3, true]]);

  // Suspending the enterprise stops new submissions.
  await ctx.repos.enterprises.setStatus(a, 'suspended', 'test');
  const id4 = (await ea.request('POST', '/api/v1/passes', { ...base, vehicleId: crewA.vehicleId, driverId: crewA.driverId })).statusCode;
  t.equal(id4, 409, 'a suspended enterprise cannot apply');
});

t.test('the revocation feed pages without skipping', async (t) => {
  const ctx = await setup(t);
  for (let i = 0; i < 5; i++) await ctx.repos.passes.addRevocation(`PASS${i}`, 'revoked', 4102444800);
  const c = await loggedIn(ctx.app, (await ctx.user('bureau_officer', 'officer'), 'officer'));
  const seen: string[] = [];
  let since = 0;
  for (let round = 0; round < 10; round++) {
    const page = (await c.request('GET', `/api/v1/trust/revocations?since=${since}&limit=2`)).json() as {
      version: number; latestVersion: number; more: boolean; items: Array<{ passNo: string }>;
    };
    seen.push(...page.items.map((i) => i.passNo));
    t.equal(page.latestVersion, 5);
    since = page.version;
    if (!page.more) break;
  }
  t.same(seen, ['PASS0', 'PASS1', 'PASS2', 'PASS3', 'PASS4'], 'every revocation once, in order');
  t.equal(since, 5);
});
