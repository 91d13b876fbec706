import t from 'tap';
import { safeNext } from '../../../src/server/views/forms.js';
import { setup } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';

const PUBLIC = 'http://localhost:3000';

// Every value a browser could turn into another origin, or that cannot go into a Location header.
const hostile = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '//evil.example',
  '///evil.example',
  'https://evil.example/',
  'http://localhost:3000@evil.example/',
  'javascript:alert(1)',
  ' /enterprise',
  '/enterprise ',
  '/ent erprise',
  '/\u0000x',
  '/\u202e/evil',
  '/\u00a0/evil.example',
  'enterprise',
  '',
];

t.test('safeNext refuses every off-site or malformed value', async (t) => {
  for (const v of hostile) t.equal(safeNext(v, PUBLIC), '/', JSON.stringify(v));
  t.equal(safeNext(undefined, PUBLIC), '/');
  t.equal(safeNext(42, PUBLIC), '/');
  t.equal(safeNext('/x'.repeat(1001), PUBLIC), '/', 'absurdly long');
});

t.test('safeNext keeps same-site paths, normalised', async (t) => {
  t.equal(safeNext('/enterprise', PUBLIC), '/enterprise');
  t.equal(safeNext('/bureau/passes?status=submitted&page=2', PUBLIC), '/bureau/passes?status=submitted&page=2');
  t.equal(safeNext('/a/../b', PUBLIC), '/b', 'dot segments resolved');
  t.equal(safeNext('/车辆', PUBLIC), '/%E8%BD%A6%E8%BE%86', 'returned percent-encoded, never raw');
  t.equal(safeNext('/x', 'https://kakou.example.gov.cn'), '/x');
});

const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

t.test('GET /login with a session redirects only on-site, with no 500 for CR/LF', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.8.0.1' });
  for (const next of ['%2F%09%2Fevil.example', '%2F%0D%2Fx', '%2F%0A%2Fx', '%2F%5Cevil.example', '%2F%2Fevil.example']) {
    const res = await c.request('GET', `/login?next=${next}`);
    t.equal(res.statusCode, 303, `next=${next}: ${res.body.slice(0, 80)}`);
    t.equal(location(res), '/', `next=${next} falls back to /`);
  }
  const ok = await c.request('GET', '/login?next=%2Fbureau%2Fpasses');
  t.equal(location(ok), '/bureau/passes');
});

t.test('signed out: the hidden next field and POST /login never carry a hostile value', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = new Client(ctx.app, { remoteAddress: '10.8.0.2' });
  const page = await c.request('GET', '/login?next=%2F%09%2Fevil.example');
  t.equal(page.statusCode, 200);
  const loginForm = page.body.slice(page.body.indexOf('action="/login"'));
  t.match(loginForm, /name="next" value="\/"/, 'the sign-in form carries the fallback, not the hostile value');
  t.notMatch(page.body, /\t|%09\/evil\.example"/, 'never echoed raw');

  const csrf = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  for (const next of ['/\t/evil.example', '/\r/x', '/\\evil.example']) {
    const d = new Client(ctx.app, { remoteAddress: `10.8.1.${next.length}` });
    const token = (await d.request('GET', '/api/v1/session')).json().csrfToken as string;
    const res = await d.form('/login', { _csrf: token, username: 'officer1', password: 'correct horse battery', next });
    t.equal(res.statusCode, 303, JSON.stringify(next));
    t.equal(location(res), '/', `${JSON.stringify(next)} goes home`);
    t.ok(d.cookies.get('kakou_sid'), 'the session cookie reaches the user');
  }
  t.ok(csrf);
});

t.test('POST /lang redirects only on-site', async (t) => {
  const ctx = await setup(t);
  const c = new Client(ctx.app, { remoteAddress: '10.8.0.3' });
  const csrf = (await c.request('GET', '/api/v1/session')).json().csrfToken as string;
  for (const next of ['/\t/evil.example', '/\r\n/x', '/\\evil.example', '//evil.example']) {
    const res = await c.form('/lang', { _csrf: csrf, locale: 'en', next });
    t.equal(res.statusCode, 303, `${JSON.stringify(next)}: ${res.body.slice(0, 80)}`);
    t.equal(location(res), '/');
  }
  const ok = await c.form('/lang', { _csrf: csrf, locale: 'en', next: '/login?next=%2Fenterprise' });
  t.equal(location(ok), '/login?next=%2Fenterprise');
});
