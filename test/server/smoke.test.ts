import t from 'tap';
import { setup } from '../helpers/app.js';
import { Client } from '../helpers/client.js';

t.test('smoke', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  const c = new Client(ctx.app);
  const h = await c.request('GET', '/healthz');
  t.equal(h.statusCode, 200, h.body);
  const login = await c.login('boss');
  t.equal(login.statusCode, 200, login.body);
  const list = await c.request('GET', '/api/v1/enterprises');
  t.equal(list.statusCode, 200, list.body);
  const page = await c.request('GET', '/');
  t.equal(page.statusCode, 200);
  t.match(page.body, /欢迎/);
});
