import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

const DAY = 86_400_000;

t.test('a pass that expired before the cut-off loses its signed token (names, ID suffixes); the pass row and a live pass stay', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(1));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('bureau_officer', 'officer');
  const ea = await loggedIn(ctx.app, 'a1');
  const off = await loggedIn(ctx.app, 'officer');
  const crew = await fleet(ea);
  const issue = async (validTo: string) => {
    const body = { vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId], validFrom: chinaDate(0), validTo, originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2' };
    const created = (await ea.request('POST', '/api/v1/passes', body)).json() as { id: number; passNo: string };
    await ea.request('POST', `/api/v1/passes/${created.id}/submit`);
    t.equal((await off.request('POST', `/api/v1/passes/${created.id}/approve`)).statusCode, 200);
    return created;
  };
  const short = await issue(chinaDate(2));
  const long = await issue(chinaDate(13));
  const q = () => ctx.repos.store.q();
  const token = async (id: number) => (await q().selectFrom('passes').select('token').where('id', '=', id).executeTakeFirstOrThrow()).token;
  t.match(await token(short.id), /^ey/, 'issued: a signed token');
  t.equal((await ea.request('GET', `/api/v1/passes/${short.id}/token`)).statusCode, 200, 'printable while kept');

  const retention = ctx.app.services.retention;
  t.equal((await retention.run(new Date())).tables.passTokens, 0, 'nothing expired yet');
  t.equal((await retention.run(new Date(Date.now() + 10 * DAY))).tables.passTokens, 0, 'expired, but within the period');

  // The short pass expired 2 days from now; 181 days after that it is past the default 180-day period.
  const later = new Date(Date.now() + (2 + 182) * DAY);
  const r = await retention.run(later);
  t.equal(r.tables.passTokens, 1, 'the short pass only');
  t.equal(await token(short.id), null, 'its token erased');
  t.match(await token(long.id), /^ey/, 'the pass still within the period keeps its token');
  t.equal((await retention.run(later)).tables.passTokens, 0, 'a second run changes nothing');

  const row = await q().selectFrom('passes').select(['pass_no', 'status', 'valid_to']).where('id', '=', short.id).executeTakeFirstOrThrow();
  t.equal(row.pass_no, short.passNo, 'the pass number stays');
  t.equal(row.status, 'issued', 'and its status');
  const print = await ea.request('GET', `/api/v1/passes/${short.id}/token`);
  t.equal(print.statusCode, 409, 'no longer printable');
  t.match(print.headers['content-type'], /^application\/problem\+json/);
  t.match(print.json().detail ?? print.json().title, /retention|保留期限/, 'and the problem says why');
  t.equal((await off.request('GET', `/bureau/passes/${short.id}`)).statusCode, 200, 'the pass page still opens');
  const purge = await q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.retention_purge').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  t.equal((JSON.parse(purge.detail) as { tables: Record<string, number> }).tables.passTokens, 1, 'the run is audited with its count');
  const v = await ctx.app.services.auditIntegrity.verify({ record: false });
  t.ok(v.ok, 'the audit log still verifies');
});
