import t, { type Test } from 'tap';
import { setup } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import { verifyPin } from '../../../src/core/device/pin.js';

const input = { name: '周市出城卡口', location: 'G312 周市段', regionCode: '320583', direction: 'outbound' };

async function world(t: Test) {
  const ctx = await setup(t);
  const ent = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'clerk');
  await ctx.user('enterprise_user', 'ent', ent);
  return {
    ctx,
    admin: await loggedIn(ctx.app, 'boss', { remoteAddress: '10.6.0.1' }),
    officer: await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.6.0.2' }),
    enterprise: await loggedIn(ctx.app, 'ent', { remoteAddress: '10.6.0.3' }),
  };
}

t.test('checkpoints: create, correct, close and reopen (admin only, audited)', async (t) => {
  const { ctx, admin, officer, enterprise } = await world(t);
  const created = await admin.request('POST', '/api/v1/checkpoints', input);
  t.equal(created.statusCode, 201, created.body);
  const cp = created.json() as { id: number };
  t.match(cp, { ...input, regionName: String, status: 'active', staffCount: 0, deviceCount: 0, createdAt: String });

  const dup = await admin.request('POST', '/api/v1/checkpoints', { ...input, location: '别处' });
  t.equal(dup.statusCode, 409, 'names are unique');
  t.match(dup.json(), { errors: [{ path: 'name' }] });
  const bad = await admin.request('POST', '/api/v1/checkpoints', { name: 'x', location: '', regionCode: '999999', direction: 'sideways' });
  t.equal(bad.statusCode, 400);
  const paths = (bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path).join(' ');
  for (const f of ['name', 'location', 'regionCode', 'direction']) t.match(paths, f, `${f} reported`);
  t.equal((await admin.request('POST', '/api/v1/checkpoints', { ...input, name: '带\u202e控制字符' })).statusCode, 400, 'no bidi controls in names shown on scanners');

  const updated = await admin.request('PUT', `/api/v1/checkpoints/${cp.id}`, { ...input, direction: 'both', location: 'G312 周市段(东)' });
  t.equal(updated.statusCode, 200, updated.body);
  t.match(updated.json(), { direction: 'both', location: 'G312 周市段(东)' });
  t.equal((await admin.request('PUT', '/api/v1/checkpoints/9999', input)).statusCode, 404);

  t.match((await admin.request('POST', `/api/v1/checkpoints/${cp.id}/close`)).json(), { status: 'closed' });
  t.match((await admin.request('GET', '/api/v1/checkpoints?status=closed')).json(), [{ id: cp.id }]);
  t.same((await admin.request('GET', '/api/v1/checkpoints?status=active')).json(), []);
  t.match((await admin.request('POST', `/api/v1/checkpoints/${cp.id}/reopen`)).json(), { status: 'active' });

  const actions = (await ctx.repos.audit.list({ limit: 50 })).filter((a) => a.subjectType === 'checkpoint').map((a) => a.action).reverse();
  t.same(actions, ['checkpoint.create', 'checkpoint.update', 'checkpoint.close', 'checkpoint.reopen']);

  const anon = new Client(ctx.app);
  t.equal((await anon.request('GET', '/api/v1/checkpoints')).statusCode, 401);
  for (const [who, c] of [['officer', officer], ['enterprise user', enterprise]] as const) {
    t.equal((await c.request('GET', '/api/v1/checkpoints')).statusCode, 403, `${who}: list`);
    t.equal((await c.request('POST', '/api/v1/checkpoints', { ...input, name: `${who}的卡口` })).statusCode, 403, `${who}: create`);
    t.equal((await c.request('POST', `/api/v1/checkpoints/${cp.id}/close`)).statusCode, 403, `${who}: close`);
    t.equal((await c.request('GET', `/api/v1/checkpoints/${cp.id}/staff`)).statusCode, 403, `${who}: staff`);
    t.equal((await c.request('GET', '/bureau/checkpoints')).statusCode, 403, `${who}: page`);
  }
});

t.test('staff: badge, name and PIN; the PIN is hashed and never shown', async (t) => {
  const { ctx, admin } = await world(t);
  const a = (await admin.request('POST', '/api/v1/checkpoints', input)).json() as { id: number };
  const b = (await admin.request('POST', '/api/v1/checkpoints', { ...input, name: '另一个卡口' })).json() as { id: number };

  const created = await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff`, { badge: ' ks-0107 ', name: '张卫国', pin: '480915' });
  t.equal(created.statusCode, 201, created.body);
  const s = created.json() as Record<string, unknown> & { id: number };
  t.match(s, { badge: 'KS-0107', name: '张卫国', disabled: false, checkpointId: a.id, pinSetAt: String });
  t.notMatch(created.body, /480915|pbkdf2|pin_?hash/i, 'no PIN or hash in the answer');
  const pinHash = () => ctx.repos.store.q().selectFrom('staff').select('pin_hash').where('id', '=', s.id).executeTakeFirstOrThrow();
  const row = await pinHash();
  t.match(row.pin_hash, /^pbkdf2-sha256\$100000\$/, 'stored as a PBKDF2 hash with its parameters');
  t.ok(await verifyPin('480915', row.pin_hash), 'which the offline verifier accepts');
  t.notMatch(JSON.stringify((await ctx.repos.audit.list({ limit: 50 }))), /480915|pbkdf2/, 'the audit log holds neither');

  const dupElsewhere = await admin.request('POST', `/api/v1/checkpoints/${b.id}/staff`, { badge: 'KS-0107', name: '重名', pin: '480916' });
  t.equal(dupElsewhere.statusCode, 409, 'badges are unique across checkpoints');
  t.match(dupElsewhere.json(), { errors: [{ path: 'badge' }] });

  for (const pin of ['1111', '1234', '9876', '0123', '121212', '12a4', '123', '123456789', '４８０９１５']) {
    const res = await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff`, { badge: `KS-9${pin.length}`, name: '测试', pin });
    t.equal(res.statusCode, 400, `PIN ${pin} refused`);
  }
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff`, { badge: 'KS 01', name: '测试', pin: '480915' })).statusCode, 400, 'badge with a space');

  const list = await admin.request('GET', `/api/v1/checkpoints/${a.id}/staff`);
  t.equal(list.statusCode, 200);
  t.match(list.json(), [{ badge: 'KS-0107' }]);
  t.notMatch(list.body, /pbkdf2|pinHash/);

  t.match((await admin.request('PUT', `/api/v1/checkpoints/${a.id}/staff/${s.id}`, { name: '张卫东' })).json(), { name: '张卫东' });
  const before = row.pin_hash;
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff/${s.id}/pin`, { pin: '3690' })).statusCode, 200);
  const after = (await pinHash()).pin_hash;
  t.not(after, before);
  t.ok(await verifyPin('3690', after));
  t.match((await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff/${s.id}/disable`)).json(), { disabled: true });
  t.match((await admin.request('GET', `/api/v1/checkpoints/${a.id}`)).json(), { staffCount: 0 });
  t.match((await admin.request('POST', `/api/v1/checkpoints/${a.id}/staff/${s.id}/enable`)).json(), { disabled: false });
  // Through another checkpoint's URL: as if it did not exist.
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${b.id}/staff/${s.id}/disable`)).statusCode, 404);
  t.equal((await admin.request('POST', `/api/v1/checkpoints/${b.id}/staff/${s.id}/pin`, { pin: '3691' })).statusCode, 404);

  const actions = (await ctx.repos.audit.list({ limit: 50 })).filter((x) => x.subjectType === 'checkpoint_staff').map((x) => x.action).reverse();
  t.same(actions, ['checkpoint_staff.create', 'checkpoint_staff.update', 'checkpoint_staff.pin_reset', 'checkpoint_staff.disable', 'checkpoint_staff.enable']);
});

t.test('pages: list, create, staff, enrollment code with QR, devices', async (t) => {
  const { ctx, admin } = await world(t);
  const home = await admin.request('GET', '/');
  t.match(home.body, /href="\/bureau\/checkpoints"/, 'nav: checkpoints');
  t.match(home.body, /href="\/bureau\/devices"/, 'nav: devices');

  const list = await admin.request('GET', '/bureau/checkpoints');
  t.equal(list.statusCode, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(list.body)![1]!;

  const refused = await admin.form('/bureau/checkpoints', { _csrf: csrf, name: '', location: 'x', regionCode: '1', direction: 'both' });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, /has-error/);
  const made = await admin.form('/bureau/checkpoints', { _csrf: csrf, ...input });
  t.equal(made.statusCode, 303, made.body.slice(0, 300));
  const url = String(made.headers.location).split('?')[0]!;
  t.match(url, /^\/bureau\/checkpoints\/\d+$/);
  const id = Number(url.split('/').pop());

  const page = await admin.request('GET', `${url}?done=created`);
  t.equal(page.statusCode, 200);
  t.match(page.body, input.name);
  t.match(page.body, /卡口已创建|Checkpoint created/);

  const badPin = await admin.form(`${url}/staff`, { _csrf: csrf, badge: 'KS-1', name: '李', pin: '1234' });
  t.equal(badPin.statusCode, 400);
  t.notMatch(badPin.body, /value="1234"/, 'a refused PIN is not put back into the page');
  t.match(badPin.body, /value="KS-1"/, 'the badge is');
  const added = await admin.form(`${url}/staff`, { _csrf: csrf, badge: 'KS-1', name: '李明', pin: '480915' });
  t.equal(added.statusCode, 303);
  const withStaff = await admin.request('GET', url);
  t.match(withStaff.body, 'KS-1');
  const ids = [...withStaff.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  t.same(ids.filter((x, i) => ids.indexOf(x) !== i), [], 'every element id on the page is unique (labels point at the right input)');
  t.notMatch(withStaff.body, /pbkdf2|480915/, 'no PIN or hash on the page');
  const staffId = (await ctx.repos.staff.getByBadge('KS-1'))!.id;
  t.equal((await admin.form(`${url}/staff/${staffId}/pin`, { _csrf: csrf, pin: '11' })).statusCode, 400);
  t.equal((await admin.form(`${url}/staff/${staffId}/pin`, { _csrf: csrf, pin: '5820' })).statusCode, 303);
  t.equal((await admin.form(`${url}/staff/${staffId}/disable`, { _csrf: csrf })).statusCode, 303);
  t.equal((await ctx.repos.staff.get(staffId))!.disabled, true);

  const enroll = await admin.form(`${url}/enrollment-codes`, { _csrf: csrf });
  t.equal(enroll.statusCode, 200, 'the code is shown on the answer itself');
  t.equal(enroll.headers['cache-control'], 'no-store');
  const shown = /class="otp"[^>]*>([0-9A-Z-]{19})</.exec(enroll.body);
  t.ok(shown, 'the code as text');
  t.match(enroll.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/, 'and as a QR');
  const qrSvg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(enroll.body)![1]!, 'base64').toString();
  t.match(qrSvg, /^<svg/);
  const again = await admin.request('GET', url);
  t.notMatch(again.body, shown![1]!, 'never shown again');
  t.match(again.body, shown![1]!.slice(0, 4), 'its id is listed as pending');

  const devices = await admin.request('GET', `/bureau/devices?checkpointId=${id}`);
  t.equal(devices.statusCode, 200);

  t.equal((await admin.form(`${url}/close`, { _csrf: csrf })).statusCode, 303);
  const closedEnroll = await admin.form(`${url}/enrollment-codes`, { _csrf: csrf });
  t.equal(closedEnroll.statusCode, 409);
  t.equal((await admin.form(`${url}/reopen`, { _csrf: csrf })).statusCode, 303);
  t.equal((await admin.form(`${url}/close`, {})).statusCode, 403, 'forms need their CSRF token');
});
