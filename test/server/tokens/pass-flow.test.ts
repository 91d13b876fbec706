import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';
import { BearerClient, createToken } from '../../helpers/bearer.js';

/**
 * The whole pass flow and the online check driven by integrations holding API
 * tokens only: no cookie jar, no CSRF token. A person signs in once, as an
 * administrator, to hand out the two tokens; nothing after that uses a session.
 */
t.test('an integration drives the pass flow and the online check with tokens only', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(31), 'approved');
  await ctx.user('bureau_admin', 'admin');
  const admin = await loggedIn(ctx.app, 'admin', { remoteAddress: '10.9.0.1' });

  const dispatch = await createToken(admin, {
    name: '企业调度系统', role: 'enterprise_user', enterpriseId: a,
    scopes: ['fleet:read', 'fleet:write', 'passes:read', 'passes:write'],
  });
  const province = await createToken(admin, {
    name: 'province review system', role: 'bureau_officer', scopes: ['passes:read', 'passes:decide', 'checks:evaluate'],
  });
  const ent = new BearerClient(ctx.app, dispatch.token, { remoteAddress: '10.9.0.2' });
  const bureau = new BearerClient(ctx.app, province.token, { remoteAddress: '10.9.0.3' });

  // The enterprise's system registers its vehicle and people and applies.
  const crew = await fleet(ent, '苏E12345', '1');
  const created = await ent.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  t.equal(created.statusCode, 201, created.body);
  const { id } = created.json() as { id: number };
  const submitted = await ent.request('POST', `/api/v1/passes/${id}/submit`);
  t.equal(submitted.statusCode, 200, submitted.body);
  t.equal((submitted.json() as { status: string }).status, 'submitted');

  // The province's system sees the queue and approves.
  const queue = await bureau.request('GET', '/api/v1/passes?status=submitted');
  t.same((queue.json() as { items: { id: number }[] }).items.map((p) => p.id), [id]);
  const approved = await bureau.request('POST', `/api/v1/passes/${id}/approve`);
  t.equal(approved.statusCode, 200, approved.body);
  const { passNo, status } = approved.json() as { passNo: string; status: string };
  t.equal(status, 'issued');

  // The enterprise fetches the QR (text and image); the bureau checks it online.
  const printed = await ent.request('GET', `/api/v1/passes/${id}/token`);
  t.equal(printed.statusCode, 200, printed.body);
  const { qrText } = printed.json() as { qrText: string };
  const png = await ent.request('GET', `/api/v1/passes/${id}/qr.png`);
  t.equal(png.statusCode, 200);
  t.match(png.headers['content-type'], /^image\/png/);

  const check = await bureau.request('POST', '/api/v1/checks/evaluate', {
    qrText,
    observed: {
      plate: '苏E12345',
      people: [
        { passIndex: 0, id4Matches: true, readings: [36.5], stays: [] },
        { passIndex: 1, id4Matches: true, readings: [36.7], stays: [] },
      ],
      staffKeyAreaFlag: false,
    },
  });
  t.equal(check.statusCode, 200, check.body);
  const decision = (check.json() as { decision: { decision: string; reasons: { code: string; facts: { jti?: string } }[] } }).decision;
  t.equal(decision.decision, 'RELEASE');
  t.ok(decision.reasons.some((r) => r.code === 'pass.valid' && r.facts.jti === passNo));

  // Every state change is attributed to the token that made it; its creator is actor_id.
  const rows = await ctx.repos.store.q().selectFrom('audit_log').select(['actor_type', 'actor_name', 'action']).where('actor_name', 'like', 'token:%').orderBy('seq').execute();
  const by = (name: string) => rows.filter((r) => r.actor_name === `token:${name}`).map((r) => r.action);
  t.same([...new Set(by(dispatch.id))].sort(), ['pass.apply', 'pass.print', 'pass.submit', 'person.create', 'vehicle.create']);
  t.same(by(province.id), ['pass.issue']);

  // Last use is visible to the administrator, with the address.
  const listed = (await admin.request('GET', '/api/v1/tokens')).json() as { id: string; lastUsedAt: string | null; lastUsedIp: string | null }[];
  const seen = listed.find((x) => x.id === dispatch.id)!;
  t.ok(seen.lastUsedAt, 'last use recorded');
  t.equal(seen.lastUsedIp, '10.9.0.2');
  // The secret is what follows `kk_<12 hex id>_`; it may itself hold '_', so it is not split out at '_'.
  t.notMatch(JSON.stringify(listed), dispatch.token.slice(16, 36), 'no secret in the list');
});
