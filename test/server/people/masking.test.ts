// Issue 10: one masking rule for ID numbers and phones across API, portal and print.
import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { chinaDate, citizenId, fleet } from '../../helpers/fleet.js';

t.test('the same person is masked the same way in the API, the portal and the printed pass', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'ent1', e);
  await ctx.user('bureau_officer', 'officer1');
  const ent = await loggedIn(ctx.app, 'ent1', { remoteAddress: '10.3.0.1' });
  const officer = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.3.0.2' });
  const { vehicleId, driverId } = await fleet(ent);
  const full = citizenId('32058319800101001');
  const masked = `${'*'.repeat(14)}${full.slice(14)}`;

  const person = (await ent.request('GET', `/api/v1/people/${driverId}`)).json() as { idMasked: string; phoneMasked: string };
  t.equal(person.idMasked, masked, 'API: only the last four');
  t.equal(person.phoneMasked, '138****5678');
  const page = await ent.request('GET', '/enterprise/people');
  t.match(page.body, masked, 'portal list');
  t.notMatch(page.body, full.slice(6, 14), 'no birth date anywhere on the page');

  const created = await ent.request('POST', '/api/v1/passes', { vehicleId, driverId, escortIds: [], validFrom: chinaDate(1), validTo: chinaDate(3), originRegion: '320583', destination: '昆山开发区', cargoCategory: 'parts' });
  const id = (created.json() as { id: number }).id;
  await ent.request('POST', `/api/v1/passes/${id}/submit`);
  const approved = await officer.request('POST', `/api/v1/passes/${id}/approve`);
  t.equal(approved.statusCode, 200, approved.body);
  const pass = (await ent.request('GET', `/api/v1/passes/${id}`)).json() as { people: Array<{ idMasked: string }> };
  t.equal(pass.people[0]?.idMasked, masked, 'pass detail in the API');
  const print = await ent.request('GET', `/passes/${id}/print`);
  t.equal(print.statusCode, 200);
  t.match(print.body, masked, 'the printed sheet');
  t.notMatch(print.body, full.slice(6, 14), 'no birth date');
});
