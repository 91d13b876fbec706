import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { parsePageId } from '../../../src/server/ids.js';

const SPELLINGS = ['0x1', '%201', '1%20', '1%0A', '01', '1e0', '+1', '1.0', '-1', '0', '9007199254740993'];

t.test('parsePageId takes canonical decimal only', async (t) => {
  t.equal(parsePageId('1'), 1);
  t.equal(parsePageId('42'), 42);
  for (const raw of ['0x1', ' 1', '1 ', '1\n', '01', '1e0', '+1', '1.0', '-1', '0', '', '１', undefined, 1]) t.equal(parsePageId(raw), undefined, JSON.stringify(raw));
});

t.test('API ids: any other spelling of 1 is a 400 on the parameter; pages answer 404', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山锦程精密机械有限公司', '91350100M000100Y43');
  await ctx.user('bureau_admin', 'admin1');
  const admin = await loggedIn(ctx.app, 'admin1', { remoteAddress: '10.5.0.1' });
  t.equal((await admin.request('GET', `/api/v1/enterprises/${e}`)).statusCode, 200, 'the canonical spelling works');
  for (const s of SPELLINGS) {
    const api = await admin.request('GET', `/api/v1/enterprises/${s}`);
    t.equal(api.statusCode, 400, `GET /api/v1/enterprises/${s}`);
    t.match(api.json(), { code: 'validation', errors: [{ path: 'params.id' }] });
    const page = await admin.request('GET', `/bureau/enterprises/${s}`);
    t.equal(page.statusCode, 404, `GET /bureau/enterprises/${s}`);
  }
  for (const s of ['0x1', '%201', '01']) {
    t.equal((await admin.request('POST', `/api/v1/users/${s}/disable`, {})).statusCode, 400, `users/${s}/disable`);
    t.equal((await admin.request('GET', `/api/v1/passes?enterpriseId=${s}`)).statusCode, 400, `passes?enterpriseId=${s}`);
    t.equal((await admin.request('GET', `/api/v1/enterprises?page=${s}`)).statusCode, 400, `enterprises?page=${s}`);
    t.equal((await admin.request('GET', `/bureau/checkpoints/${s}`)).statusCode, 404, `checkpoint page ${s}`);
  }
});
