import t from 'tap';
import { setup, PASSWORD } from '../helpers/app.js';
import { countRows } from '../helpers/rows.js';
import { Client, loggedIn } from '../helpers/client.js';
import { ensureFirstAdmin } from '../../src/server/bootstrap.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/server/plugins/session.js';
import { sha256 } from '../../src/server/security/tokens.js';
import { hashPassword } from '../../src/server/security/password.js';

interface SetCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  maxAge?: number;
}
const sid = (res: { cookies: unknown }, name = 'kakou_sid') => (res.cookies as SetCookie[]).find((c) => c.name === name);
const rawSetCookie = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []).find((h) => h.startsWith(`${name}=`)) ?? '';

// Every login costs one per-IP rate-limit slot (10 a minute); give each client its own address.
let ipSeq = 1;
const nextIp = () => `10.1.0.${ipSeq++}`;
const client = (app: Parameters<typeof loggedIn>[0]) => new Client(app, { remoteAddress: nextIp() });
const login = (app: Parameters<typeof loggedIn>[0], username: string, password = PASSWORD) =>
  loggedIn(app, username, { remoteAddress: nextIp(), password });

t.test('login sets a hardened session cookie (http)', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = client(ctx.app);
  const res = await c.login('officer1');
  t.equal(res.statusCode, 200, res.body);
  const body = res.json() as { user: { username: string; role: string }; csrfToken: string };
  t.equal(body.user.username, 'officer1');
  t.equal(body.user.role, 'bureau_officer');
  t.notOk('passwordHash' in body.user, 'no hash in the response');
  t.notMatch(res.body, /argon2/, 'no hash anywhere in the response');
  t.ok(body.csrfToken.length > 20, 'fresh CSRF token');

  const cookie = sid(res);
  t.ok(cookie, 'kakou_sid set');
  t.equal(cookie?.httpOnly, true, 'HttpOnly');
  t.equal(cookie?.sameSite, 'Strict', 'SameSite=Strict');
  t.equal(cookie?.path, '/', 'Path=/');
  t.notOk(cookie?.secure, 'no Secure over http');
  t.notOk(cookie?.domain, 'no Domain');
  t.equal(cookie?.maxAge, SESSION_MAX_MS / 1000, 'lifetime is the absolute session limit');
  t.ok((cookie?.value.length ?? 0) >= 40, 'token has enough entropy');
  t.notMatch(rawSetCookie(res, 'kakou_sid'), /;\s*Secure/i);

  const row = await ctx.repos.sessions.get(sha256(cookie!.value));
  t.ok(row, 'the session row is keyed by the token hash');
  const raw = await ctx.repos.store.q().selectFrom('sessions').select('token_hash').where('token_hash', '=', cookie!.value).execute();
  t.equal(raw.length, 0, 'the raw token is not stored');

  const who = await c.request('GET', '/api/v1/session');
  t.equal((who.json() as { user: { username: string } }).user.username, 'officer1');

  const upper = await client(ctx.app).login('  OFFICER1 ');
  t.equal(upper.statusCode, 200, 'usernames are case-insensitive and trimmed at login');
});

t.test('login over https uses a __Host- cookie with Secure', async (t) => {
  const ctx = await setup(t, { KAKOU_PUBLIC_URL: 'https://kakou.example.cn' });
  await ctx.user('bureau_officer', 'officer1');
  const c = client(ctx.app);
  const res = await c.login('officer1');
  t.equal(res.statusCode, 200, res.body);
  t.notOk(sid(res), 'no plain kakou_sid');
  const cookie = sid(res, '__Host-kakou_sid');
  t.ok(cookie, '__Host-kakou_sid set');
  t.equal(cookie?.secure, true, 'Secure');
  t.equal(cookie?.path, '/', '__Host- requires Path=/');
  t.notOk(cookie?.domain, '__Host- forbids Domain');
  t.equal(cookie?.httpOnly, true);
  t.equal(cookie?.sameSite, 'Strict');
  const who = await c.request('GET', '/api/v1/session');
  t.equal((who.json() as { user: { username: string } | null }).user?.username, 'officer1', 'the __Host- cookie authenticates');
  // A plain-named cookie with the same token is not accepted.
  const plain = await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `kakou_sid=${cookie!.value}` } });
  t.equal((plain.json() as { user: unknown }).user, null, 'kakou_sid is ignored under https');
  t.match(String(who.headers['strict-transport-security'] ?? ''), /max-age=/, 'HSTS under https');
});

t.test('wrong password, unknown user and disabled user are refused alike', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const disabledId = await ctx.user('bureau_officer', 'gone1');
  await ctx.repos.users.setDisabled(disabledId, true);

  const attempt = async (username: string, password: string) => {
    const c = client(ctx.app);
    await c.refreshCsrf();
    const res = await c.request('POST', '/api/v1/session', { username, password });
    t.notOk(sid(res), `${username}: no session cookie`);
    return res;
  };
  const wrong = await attempt('officer1', 'wrong password!');
  const unknown = await attempt('nobody', 'wrong password!');
  const disabled = await attempt('gone1', PASSWORD);
  for (const res of [wrong, unknown, disabled]) {
    t.equal(res.statusCode, 401);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { code: 'login_failed', status: 401, type: 'urn:kakou:problem:login_failed' });
  }
  t.equal(wrong.body, unknown.body, 'wrong password and unknown user: identical bodies');
  t.equal(wrong.body, disabled.body, 'disabled user: identical body');
  t.equal(await countRows(ctx.repos.store, 'sessions'), 0, 'no sessions created');

  const failed = (await ctx.repos.audit.list({ action: 'login.failed', limit: 10 }));
  t.equal(failed.length, 3, 'each failure audited');
  t.same(failed.map((f) => f.detail.username).filter(Boolean).sort(), ['gone1', 'officer1'], 'known accounts are named');
  t.ok(failed.every((f) => f.ip?.startsWith('10.1.0.')), 'client address recorded');
  t.notMatch(JSON.stringify(failed), /wrong password!/, 'the tried password is never audited');
  const unknownRow = failed.find((f) => !f.detail.username);
  t.equal(unknownRow?.subjectId, null);
  t.notMatch(JSON.stringify(unknownRow), /nobody/, 'an unknown name is not recorded as typed');
  t.match(unknownRow?.detail, { usernameHash: /^[A-Za-z0-9_-]{43}$/ }, 'only its keyed hash');
});

t.test('a disabled user loses an existing session', async (t) => {
  const ctx = await setup(t);
  const id = await ctx.user('bureau_officer', 'officer1');
  const c = await login(ctx.app, 'officer1');
  t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 200);
  await ctx.repos.users.setDisabled(id, true);
  t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 401);
  t.equal((await c.request('GET', '/api/v1/session')).json().user, null);
});

t.test('the session id is rotated at login', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  await ctx.user('bureau_admin', 'admin1');
  const c = await login(ctx.app, 'officer1');
  const before = c.cookies.get('kakou_sid')!;
  t.ok(before);

  // Signing in again (as someone else) from the same browser.
  const again = await c.login('admin1');
  t.equal(again.statusCode, 200, again.body);
  const after = c.cookies.get('kakou_sid')!;
  t.not(after, before, 'new token after login');
  t.notOk(await ctx.repos.sessions.get(sha256(before)), 'the old session row is gone');
  const old = await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `kakou_sid=${before}` } });
  t.equal(old.json().user, null, 'the old token no longer authenticates');
  t.equal((await c.request('GET', '/api/v1/session')).json().user.username, 'admin1');

  // Session fixation: a token planted before login is never adopted.
  const planted = 'attacker-chosen-session-token-0123456789abcdef';
  const victim = client(ctx.app);
  victim.cookies.set('kakou_sid', planted);
  const res = await victim.login('officer1');
  t.equal(res.statusCode, 200);
  t.not(victim.cookies.get('kakou_sid'), planted, 'server issues its own token');
  const fixed = await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `kakou_sid=${planted}` } });
  t.equal(fixed.json().user, null);
});

t.test('logout destroys the session', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const c = await login(ctx.app, 'officer1');
  const token = c.cookies.get('kakou_sid')!;
  const out = await c.request('DELETE', '/api/v1/session');
  t.equal(out.statusCode, 204, out.body);
  const cleared = sid(out);
  t.ok(cleared, 'cookie cleared');
  t.equal(cleared?.value, '', 'cleared cookie is empty');
  t.match(rawSetCookie(out, 'kakou_sid'), /Expires=Thu, 01 Jan 1970/, 'and expired');
  t.notOk(await ctx.repos.sessions.get(sha256(token)), 'row deleted');

  const replay = async (method: 'GET', url: string) =>
    ctx.app.inject({ method, url, headers: { cookie: `kakou_sid=${token}` } });
  t.equal((await replay('GET', '/api/v1/session')).json().user, null, 'old cookie: user null');
  const prot = await replay('GET', '/api/v1/enterprises');
  t.equal(prot.statusCode, 401, 'old cookie: protected route 401');
  t.equal(prot.json().code, 'unauthenticated');
  t.equal((await c.request('DELETE', '/api/v1/session')).statusCode, 401, 'logging out twice needs a session');

  // The portal form logs out too.
  const d = await login(ctx.app, 'officer1');
  const csrf = (await d.request('GET', '/api/v1/session')).json().csrfToken as string;
  const token2 = d.cookies.get('kakou_sid')!;
  const form = await d.form('/logout', { _csrf: csrf });
  t.equal(form.statusCode, 303);
  t.match(String(form.headers.location), /^\/login/);
  t.notOk(await ctx.repos.sessions.get(sha256(token2)), 'form logout deletes the row');
});

t.test('password change', async (t) => {
  const ctx = await setup(t);
  const id = await ctx.user('bureau_officer', 'officer1');
  const c = await login(ctx.app, 'officer1');
  const other = await login(ctx.app, 'officer1');
  t.equal((await other.request('GET', '/api/v1/session')).json().user.username, 'officer1', 'second session works');

  const wrong = await c.request('POST', '/api/v1/me/password', { currentPassword: 'not it at all', newPassword: 'a brand new password' });
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().code, 'wrong_password');

  const short = await c.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
  t.equal(short.statusCode, 400);
  t.equal(short.json().code, 'validation');
  t.match(short.json().errors, [{ path: 'newPassword' }]);

  const same = await c.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
  t.equal(same.statusCode, 400);
  t.equal(same.json().code, 'password_reused');

  t.equal((await other.request('GET', '/api/v1/session')).json().user?.username, 'officer1', 'failed attempts end nothing');

  const NEW = 'a brand new password';
  const ok = await c.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW });
  t.equal(ok.statusCode, 204, ok.body);
  t.equal(ok.body, '');
  t.equal((await c.request('GET', '/api/v1/session')).json().user?.username, 'officer1', 'the current session stays');
  t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 200);
  t.equal((await other.request('GET', '/api/v1/session')).json().user, null, 'the other session ended');
  t.equal((await other.request('GET', '/api/v1/enterprises')).statusCode, 401);
  const rows = await ctx.repos.store.q().selectFrom('sessions').select('token_hash').where('user_id', '=', id).execute();
  t.equal(rows.length, 1, 'one session left');

  t.equal((await client(ctx.app).login('officer1')).statusCode, 401, 'old password no longer works');
  t.equal((await client(ctx.app).login('officer1', NEW)).statusCode, 200, 'new password works');

  const audit = (await ctx.repos.audit.list({ action: 'password.change', limit: 10 }));
  t.equal(audit.length, 1, 'one password.change (failed attempts not recorded as changes)');
  t.match(audit[0], { actorType: 'user', actorId: id, actorName: 'officer1', subjectType: 'user', subjectId: String(id) });
  t.notMatch(JSON.stringify(audit), new RegExp(NEW), 'no password in the audit');

  const logins = (await ctx.repos.audit.list({ action: 'login', limit: 10 }));
  t.equal(logins.length, 3, 'each successful login audited');
  t.match(logins[0], { actorType: 'user', actorId: id, actorName: 'officer1', subjectId: String(id) });
  t.ok(logins[0]!.ip, 'login ip recorded');
  t.equal((await ctx.repos.audit.list({ action: 'login.failed', limit: 10 })).length, 1);
});

t.test('a one-time password must be changed before anything else', async (t) => {
  const ctx = await setup(t);
  const e = await ctx.enterprise('昆山速运有限公司', '91320583MA1XKCJ23G');
  const passwordHash = await hashPassword('one-time-pass-1');
  await ctx.repos.users.insert({ username: 'fresh1', displayName: 'Fresh', role: 'enterprise_user', enterpriseId: e, passwordHash, mustChangePassword: true });
  await ctx.repos.users.insert({ username: 'fresh2', displayName: 'Fresh', role: 'bureau_officer', enterpriseId: null, passwordHash, mustChangePassword: true });

  const c = await login(ctx.app, 'fresh2', 'one-time-pass-1');
  t.equal((await c.request('GET', '/api/v1/session')).json().user.mustChangePassword, true);
  const blocked = await c.request('GET', '/api/v1/enterprises');
  t.equal(blocked.statusCode, 403);
  t.equal(blocked.json().code, 'password_change_required');
  const blockedPost = await c.request('POST', '/api/v1/enterprises', { name: 'x' });
  t.equal(blockedPost.statusCode, 403, 'state changes blocked too');
  t.equal(blockedPost.json().code, 'password_change_required');
  const page = await c.request('GET', '/');
  t.equal(page.statusCode, 303, 'portal home redirects');
  t.equal(page.headers.location, '/password');
  t.equal((await c.request('GET', '/password')).statusCode, 200, 'the password page is reachable');
  t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode, 200, 'language can be set');

  const changed = await c.request('POST', '/api/v1/me/password', { currentPassword: 'one-time-pass-1', newPassword: 'my own password 1' });
  t.equal(changed.statusCode, 204, changed.body);
  t.equal((await c.request('GET', '/api/v1/session')).json().user.mustChangePassword, false);
  t.equal((await c.request('GET', '/api/v1/enterprises')).statusCode, 200, 'unblocked');
  t.equal((await c.request('GET', '/')).statusCode, 200);

  // The form login sends a must-change user straight to /password.
  const f = client(ctx.app);
  const csrf = (await f.request('GET', '/api/v1/session')).json().csrfToken as string;
  const form = await f.form('/login', { _csrf: csrf, username: 'fresh1', password: 'one-time-pass-1', next: '/enterprise' });
  t.equal(form.statusCode, 303);
  t.equal(form.headers.location, '/password');
  const own = await f.request('GET', `/api/v1/enterprises/${e}`);
  t.equal(own.statusCode, 403);
  t.equal(own.json().code, 'password_change_required');
});

t.test('session idle and absolute expiry', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer1');
  const sessions = () => ctx.repos.store.q().updateTable('sessions');

  // Activity within the idle window slides last_seen_at forward.
  const a = await login(ctx.app, 'officer1');
  const hashA = sha256(a.cookies.get('kakou_sid')!);
  const halfIdle = Date.now() - SESSION_IDLE_MS / 2;
  await sessions().set({ last_seen_at: halfIdle }).where('token_hash', '=', hashA).execute();
  t.equal((await a.request('GET', '/api/v1/enterprises')).statusCode, 200, 'still valid half-way through the idle window');
  t.ok((await ctx.repos.sessions.get(hashA))!.last_seen_at > halfIdle + 1000, 'last_seen_at touched');

  // Idle too long.
  await sessions().set({ last_seen_at: Date.now() - SESSION_IDLE_MS - 1000 }).where('token_hash', '=', hashA).execute();
  const idle = await a.request('GET', '/api/v1/enterprises');
  t.equal(idle.statusCode, 401, 'idle session refused');
  t.equal(idle.json().code, 'unauthenticated');
  t.notOk(await ctx.repos.sessions.get(hashA), 'idle session row removed');

  // Active but past the absolute limit.
  const b = await login(ctx.app, 'officer1');
  const hashB = sha256(b.cookies.get('kakou_sid')!);
  const row = (await ctx.repos.sessions.get(hashB))!;
  t.ok(row.expires_at - row.created_at === SESSION_MAX_MS, 'absolute limit set at creation');
  await sessions().set({ expires_at: Date.now() - 1, last_seen_at: Date.now() }).where('token_hash', '=', hashB).execute();
  t.equal((await b.request('GET', '/api/v1/enterprises')).statusCode, 401, 'expired session refused');
  t.equal((await b.request('GET', '/api/v1/session')).json().user, null);
  t.notOk(await ctx.repos.sessions.get(hashB), 'expired session row removed');
});

t.test('first run: ensureFirstAdmin creates admin with a one-time password', async (t) => {
  const ctx = await setup(t);
  const created = await ensureFirstAdmin(ctx.repos);
  t.ok(created);
  t.equal(created!.username, 'admin');
  t.match(created!.password, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  t.equal(await ensureFirstAdmin(ctx.repos), null, 'a second call creates nothing');
  t.equal(await ctx.repos.users.countByRole('bureau_admin'), 1);
  const audit = (await ctx.repos.audit.list({ action: 'user.create', limit: 10 }));
  t.equal(audit.length, 1);
  t.match(audit[0], { actorType: 'system', actorName: 'bootstrap', subjectType: 'user', detail: { role: 'bureau_admin', firstRun: true } });
  t.notMatch(JSON.stringify(audit), new RegExp(created!.password), 'the password is not audited');

  const c = await login(ctx.app, 'admin', created!.password);
  const me = (await c.request('GET', '/api/v1/session')).json().user;
  t.match(me, { username: 'admin', role: 'bureau_admin', mustChangePassword: true, enterpriseId: null });
  t.equal((await c.request('GET', '/api/v1/staff')).json().code, 'password_change_required');
  const home = await c.request('GET', '/');
  t.equal(home.statusCode, 303);
  t.equal(home.headers.location, '/password');
  const changed = await c.request('POST', '/api/v1/me/password', { currentPassword: created!.password, newPassword: 'the admin password 1' });
  t.equal(changed.statusCode, 204, changed.body);
  t.equal((await c.request('GET', '/')).statusCode, 200);
  const staff = await c.request('GET', '/api/v1/staff');
  t.equal(staff.statusCode, 200);
  t.same(staff.json().map((u: { username: string }) => u.username), ['admin']);
  t.equal(await ensureFirstAdmin(ctx.repos), null, 'still nothing once the admin changed the password');
});
