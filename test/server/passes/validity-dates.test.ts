// Issue 10: validity as people mean it (China dates, last day inclusive); no backdating.
import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

t.test('validity comes back as instants and as China dates with an inclusive last day', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'ent1', e);
  const ent = await loggedIn(ctx.app, 'ent1', { remoteAddress: '10.2.0.1' });
  const { vehicleId, driverId } = await fleet(ent);
  const body = { vehicleId, driverId, escortIds: [], originRegion: '320583', destination: '昆山开发区', cargoCategory: 'parts' };

  const first = chinaDate(1);
  const last = chinaDate(14);
  const res = await ent.request('POST', '/api/v1/passes', { ...body, validFrom: first, validTo: last });
  t.equal(res.statusCode, 201, res.body);
  const pass = res.json() as { validFrom: string; validTo: string; validity: { firstDay: string; lastDay: string } };
  t.same(pass.validity, { firstDay: first, lastDay: last }, 'the dates as sent');
  t.equal(pass.validFrom, new Date(`${first}T00:00:00+08:00`).toISOString(), 'instant: China midnight starting the first day');
  t.equal(pass.validTo, new Date(Date.parse(`${last}T00:00:00+08:00`) + 86_400_000).toISOString(), 'instant: exclusive, China midnight after the last day');

  const today = await ent.request('POST', '/api/v1/passes', { ...body, validFrom: chinaDate(0), validTo: chinaDate(2) });
  t.equal(today.statusCode, 201, 'starting today is fine');

  for (const [what, from] of [['ten days back', chinaDate(-10)], ['yesterday', chinaDate(-1)]] as const) {
    const back = await ent.request('POST', '/api/v1/passes', { ...body, validFrom: from, validTo: chinaDate(3) });
    t.equal(back.statusCode, 400, what);
    t.match(back.json(), { code: 'validation', errors: [{ path: /validFrom$/ }] }, `${what}: the start is named`);
  }
  const draft = (today.json() as { id: number }).id;
  const edit = await ent.request('PUT', `/api/v1/passes/${draft}`, { ...body, validFrom: chinaDate(-3), validTo: chinaDate(3) });
  t.equal(edit.statusCode, 400, 'an edit cannot backdate either');
});
