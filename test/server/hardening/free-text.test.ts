import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

const ID = '11010519491231002X';
const MOBILE = '139 1234 5678';

t.test('free-text fields refuse ID numbers and mobile numbers, with a message in the reader’s language', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'ent1', e);
  await ctx.user('bureau_officer', 'officer1');
  const ent = await loggedIn(ctx.app, 'ent1', { remoteAddress: '10.4.0.1' });
  const officer = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.4.0.2' });
  const { vehicleId, driverId } = await fleet(ent);
  const application = { vehicleId, driverId, escortIds: [], validFrom: chinaDate(1), validTo: chinaDate(3), originRegion: '320583', destination: '昆山开发区', cargoCategory: 'parts', routeNote: '' };

  // Full-width digits are what a Chinese input method types in full-width mode.
  const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const cases = [['routeNote', `司机电话 ${MOBILE}`], ['destination', `交给 ${ID}`], ['routeNote', `电话${fullWidth(MOBILE)}`], ['destination', `身份证${fullWidth(ID)}`]] as const;
  for (const [field, value] of cases) {
    const res = await ent.request('POST', '/api/v1/passes', { ...application, [field]: value });
    t.equal(res.statusCode, 400, `${field}: ${value}`);
    const err = (res.json() as { errors: Array<{ path: string; message: string }> }).errors.find((x) => x.path.endsWith(field));
    t.ok(err, `${field} is named`);
    t.match(err?.message, /身份证号码或手机号码/);
  }
  const created = await ent.request('POST', '/api/v1/passes', application);
  t.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: number }).id;
  t.equal((await ent.request('POST', `/api/v1/passes/${id}/submit`, {})).statusCode, 200);

  const reject = await officer.request('POST', `/api/v1/passes/${id}/reject`, { reason: `驾驶员 ${ID} 与证件不符` });
  t.equal(reject.statusCode, 400);
  t.match(reject.json(), { code: 'validation', errors: [{ path: 'body.reason' }] });
  const suspend = await officer.request('POST', `/api/v1/enterprises/${e}/status`, { status: 'suspended', reason: `负责人 ${MOBILE} 未接电话` });
  t.equal(suspend.statusCode, 400);
  t.match(suspend.json(), { errors: [{ path: 'body.reason' }] });
  t.equal((await ctx.repos.audit.list({ limit: 100 })).filter((a) => JSON.stringify(a).includes(ID)).length, 0, 'nothing with the number reached the audit log');

  const ok = await officer.request('POST', `/api/v1/passes/${id}/reject`, { reason: '驾驶员与证件不符' });
  t.equal(ok.statusCode, 200, 'the same reason without the number is taken');
});
