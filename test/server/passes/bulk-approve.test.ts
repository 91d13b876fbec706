import t, { type Test } from 'tap';
import { setup, type TestContext } from '../../helpers/app.js';
import { loggedIn, type Client } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';
import { verifyPass } from '../../../src/core/pass/index.js';

interface Result {
  id: number;
  ok: boolean;
  code?: string;
  detail?: string;
}

async function world(t: Test) {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山批量审批精密机械有限公司', creditCode(31));
  const b = await ctx.enterprise('昆山批量审批物流有限公司', creditCode(32));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('enterprise_user', 'b1', b);
  await ctx.user('bureau_officer', 'officer');
  const ea = await loggedIn(ctx.app, 'a1', { remoteAddress: '10.8.0.1' });
  const eb = await loggedIn(ctx.app, 'b1', { remoteAddress: '10.8.0.2' });
  const off = await loggedIn(ctx.app, 'officer', { remoteAddress: '10.8.0.3' });
  const crewA = await fleet(ea, '苏E56781', '1');
  const crewB = await fleet(eb, '苏E56782', '2');
  const apply = async (c: Client, crew: { vehicleId: number; driverId: number; escortId: number }, submit = true) => {
    const r = await c.request('POST', '/api/v1/passes', {
      vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
      validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
      destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
    });
    if (r.statusCode !== 201) throw new Error(`apply: ${r.body}`);
    const { id } = r.json() as { id: number };
    if (submit && (await c.request('POST', `/api/v1/passes/${id}/submit`)).statusCode !== 200) throw new Error('submit');
    return id;
  };
  return { ctx, a, b, ea, eb, off, crewA, crewB, apply };
}

const issues = async (ctx: TestContext) =>
  (await ctx.repos.store.q().selectFrom('audit_log').select('subject_id').where('action', '=', 'pass.issue').orderBy('seq').execute()).map((r) => r.subject_id);

t.test('bulk approval: every application signed, stored and audited on its own, in one request', async (t) => {
  const { ctx, ea, eb, off, crewA, crewB, apply } = await world(t);
  const ids = [await apply(ea, crewA), await apply(eb, crewB), await apply(ea, crewA), await apply(eb, crewB)];
  const res = await off.request('POST', '/api/v1/passes/approve', { ids });
  t.equal(res.statusCode, 200, res.body);
  t.same((res.json() as { results: Result[] }).results, ids.map((id) => ({ id, ok: true })), 'one answer per application, in the order asked');

  const jwks = (await off.request('GET', '/.well-known/jwks.json')).json() as { keys: Array<Record<string, unknown>> };
  const passNos: string[] = [];
  for (const id of ids) {
    const pass = (await ctx.repos.passes.get(id))!;
    t.equal(pass.status, 'issued');
    passNos.push(pass.passNo);
    const verified = await verifyPass((await ctx.repos.passes.token(id))!, { keys: jwks, isRevoked: () => false });
    t.ok(verified.ok && verified.claims.jti === pass.passNo, 'its own token, signed with the published key');
  }
  t.same(await issues(ctx), passNos, 'each approval its own audit entry');
});

t.test('bulk approval: one that fails its checks is answered and left alone; the others are issued', async (t) => {
  const { ctx, b, ea, eb, off, crewA, crewB, apply } = await world(t);
  const good1 = await apply(ea, crewA);
  const draft = await apply(ea, crewA, false);
  const suspendedOnes = await apply(eb, crewB);
  const good2 = await apply(ea, crewA);
  const issued = await apply(ea, crewA);
  t.equal((await off.request('POST', `/api/v1/passes/${issued}/approve`)).statusCode, 200);
  await ctx.repos.enterprises.setStatus(b, 'suspended', 'test');

  const res = await off.request('POST', '/api/v1/passes/approve', { ids: [good1, draft, suspendedOnes, 999_999, issued, good2, good1] });
  t.equal(res.statusCode, 200, res.body);
  const results = (res.json() as { results: Result[] }).results;
  t.same(results.map((r) => [r.id, r.ok, r.code]), [
    [good1, true, undefined],
    [draft, false, 'invalid_state'],
    [suspendedOnes, false, 'enterprise_not_approved'],
    [999_999, false, 'not_found'],
    [issued, false, 'invalid_state'],
    [good2, true, undefined],
  ], 'per application, a repeated id answered once');
  t.equal((await ctx.repos.passes.get(draft))!.status, 'draft');
  t.equal((await ctx.repos.passes.get(suspendedOnes))!.status, 'submitted');
  t.equal((await ctx.repos.passes.get(good2))!.status, 'issued');
  t.same(await issues(ctx), await Promise.all([issued, good1, good2].map(async (id) => (await ctx.repos.passes.get(id))!.passNo)), 'audited: the issued ones only');
});

t.test('bulk approval of an amendment revokes the pass it replaces, as a single approval does', async (t) => {
  const { ctx, ea, off, crewA, apply } = await world(t);
  const first = await apply(ea, crewA);
  t.equal((await off.request('POST', `/api/v1/passes/${first}/approve`)).statusCode, 200);
  const amended = await ea.request('POST', `/api/v1/passes/${first}/amend`);
  t.equal(amended.statusCode, 201, amended.body);
  const replacement = (amended.json() as { id: number }).id;
  t.equal((await ea.request('POST', `/api/v1/passes/${replacement}/submit`)).statusCode, 200);
  const other = await apply(ea, crewA);

  const res = await off.request('POST', '/api/v1/passes/approve', { ids: [replacement, other] });
  t.same((res.json() as { results: Result[] }).results.map((r) => r.ok), [true, true]);
  const old = (await ctx.repos.passes.get(first))!;
  t.equal(old.status, 'revoked');
  t.equal(old.replacedById, replacement);
  t.ok(await ctx.app.services.trust.isRevoked(old.passNo), 'in the revocation feed');
});

t.test('bulk approval is the bureau’s: an enterprise user is refused', async (t) => {
  const { ea, crewA, apply } = await world(t);
  const id = await apply(ea, crewA);
  const res = await ea.request('POST', '/api/v1/passes/approve', { ids: [id] });
  t.equal(res.statusCode, 403);
  t.match(res.headers['content-type'], /application\/problem\+json/);
});
