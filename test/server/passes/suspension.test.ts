// Issue 10: suspending an enterprise reaches the road; reinstatement does not resurrect passes.
import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

t.test('suspension revokes the passes in force with a coarse reason; reinstatement leaves them revoked', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'ent1', e);
  await ctx.user('bureau_officer', 'officer1');
  const ent = await loggedIn(ctx.app, 'ent1', { remoteAddress: '10.1.5.1' });
  const officer = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.1.5.2' });
  const { vehicleId, driverId, escortId } = await fleet(ent);
  const apply = async (validFrom: string, validTo: string) => {
    const res = await ent.request('POST', '/api/v1/passes', { vehicleId, driverId, escortIds: [escortId], validFrom, validTo, originRegion: '320583', destination: '昆山开发区', cargoCategory: 'parts' });
    const id = (res.json() as { id: number }).id;
    await ent.request('POST', `/api/v1/passes/${id}/submit`);
    return id;
  };
  const issued = [await apply(chinaDate(0), chinaDate(5)), await apply(chinaDate(1), chinaDate(3))];
  for (const id of issued) t.equal((await officer.request('POST', `/api/v1/passes/${id}/approve`)).statusCode, 200);
  const waiting = await apply(chinaDate(2), chinaDate(4));
  const feedBefore = (await officer.request('GET', '/api/v1/trust/revocations?since=0')).json() as { version: number };

  const first = (await ent.request('GET', `/api/v1/passes/${issued[0]}`)).json() as { passNo: string };
  const suspend = await officer.request('POST', `/api/v1/enterprises/${e}/status`, { status: 'suspended', reason: '停工整改' });
  t.equal(suspend.statusCode, 200, suspend.body);

  for (const id of issued) {
    const p = (await ent.request('GET', `/api/v1/passes/${id}`)).json() as { status: string; revokeReason: string };
    t.equal(p.status, 'revoked', `pass ${id} revoked`);
    t.equal(p.revokeReason, '停工整改', 'the officer’s reason on the pass (not in the public feed)');
  }
  const feed = (await officer.request('GET', `/api/v1/trust/revocations?since=${feedBefore.version}`)).json() as { items: Array<{ passNo: string; reason: string }> };
  t.equal(feed.items.length, 2, 'both in the revocation feed');
  t.ok(feed.items.every((i) => i.reason === 'enterprise_suspended'), 'with the coarse reason only');
  t.ok(feed.items.some((i) => i.passNo === first.passNo));
  t.notMatch(JSON.stringify(feed), /停工整改/, 'the free text stays out of the public feed');
  t.equal((await ctx.repos.audit.list({ action: 'pass.revoke', limit: 10 })).length, 2, 'each revocation audited');
  t.equal((await officer.request('POST', `/api/v1/passes/${waiting}/approve`)).statusCode, 409, 'a waiting application cannot be issued while suspended');

  // Suspending again changes nothing more.
  await officer.request('POST', `/api/v1/enterprises/${e}/status`, { status: 'suspended', reason: '再次暂停' });
  t.equal(((await officer.request('GET', `/api/v1/trust/revocations?since=${feedBefore.version}`)).json() as { items: unknown[] }).items.length, 2);

  // Reinstated: the revoked passes stay revoked; the waiting application can now be issued.
  t.equal((await officer.request('POST', `/api/v1/enterprises/${e}/status`, { status: 'approved' })).statusCode, 200);
  for (const id of issued) t.equal(((await ent.request('GET', `/api/v1/passes/${id}`)).json() as { status: string }).status, 'revoked', 'still revoked');
  t.equal((await officer.request('POST', `/api/v1/passes/${waiting}/approve`)).statusCode, 200, 'the waiting application is issued after reinstatement');
});
