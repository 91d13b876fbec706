import t from 'tap';
import { setup } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { BearerClient, createToken } from '../../helpers/bearer.js';
import {
  bearerOf, mayGrantRole, mintToken, parseToken, scopesAllow, scopesForRole, secretMatches, TOKEN_SCOPES, TOKEN_SCOPE_CODES,
} from '../../../src/server/security/api-token.js';
import { AUDIT_ACTIONS } from '../../../src/server/features/audit/catalogue.js';

t.test('token text, hash and comparison', async (t) => {
  const a = mintToken();
  const b = mintToken();
  t.match(a.text, /^kk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  t.not(a.text, b.text);
  const parsed = parseToken(a.text)!;
  t.equal(parsed.id, a.id);
  t.ok(secretMatches(parsed.secret, a.secretHash));
  t.notOk(secretMatches(parsed.secret, b.secretHash));
  t.notOk(secretMatches(parsed.secret.slice(0, -1) + (parsed.secret.endsWith('A') ? 'B' : 'A'), a.secretHash));
  t.notOk(a.secretHash.includes(parsed.secret), 'the hash is not the secret');
  for (const bad of ['', 'kk_', `${a.text}x`, a.text.replace('kk_', 'kx_'), 'kk_ZZZZZZZZZZZZ_' + 'a'.repeat(43)]) t.equal(parseToken(bad), null, `refused: ${bad}`);
  t.equal(bearerOf(undefined), undefined);
  t.equal(bearerOf('Basic abc'), undefined);
  t.equal(bearerOf('Bearer abc'), 'abc');
  t.equal(bearerOf('bearer  abc '), 'abc');
  t.equal(bearerOf('Bearer'), '');
});

t.test('scopes and roles', async (t) => {
  t.ok(scopesAllow(['passes:read'], 'GET', '/api/v1/passes/:id'));
  t.ok(scopesAllow(['passes:read'], 'HEAD', '/api/v1/passes/:id'), 'HEAD counts as GET');
  t.notOk(scopesAllow(['passes:read'], 'POST', '/api/v1/passes'));
  t.notOk(scopesAllow(['nonsense', 'toString'], 'GET', '/api/v1/passes'));
  t.notOk(scopesAllow(TOKEN_SCOPE_CODES, 'GET', '/enterprise'), 'no scope opens a page');
  t.same(scopesForRole('enterprise_user').sort(), ['enterprises:read', 'fleet:read', 'fleet:write', 'passes:read', 'passes:write']);
  t.ok(mayGrantRole('bureau_admin', 'enterprise_user'));
  t.ok(mayGrantRole('bureau_admin', 'bureau_admin'));
  t.notOk(mayGrantRole('enterprise_user', 'bureau_officer'));
  t.notOk(mayGrantRole('bureau_officer', 'bureau_officer'));
  t.ok(AUDIT_ACTIONS['token.create'] && AUDIT_ACTIONS['token.revoke'], 'in the audit catalogue');

  const ctx = await setup(t);
  for (const [scope, def] of Object.entries(TOKEN_SCOPES)) {
    for (const route of def.routes) {
      const [method, url] = route.split(' ') as [string, string];
      const r = ctx.app.routeTable.find((x) => x.method === method && x.url === url);
      t.ok(r, `${scope}: ${route} exists`);
      t.ok(url.startsWith('/api/v1/') && !url.startsWith('/api/v1/tokens') && !url.startsWith('/api/v1/session'), `${scope}: ${route} is a data API route`);
      const a = r?.access;
      t.ok(a && (a.kind === 'user' || a.kind === 'user_or_device') && def.roles.some((role) => (a.roles as readonly string[]).includes(role)), `${scope}: ${route} admits one of the scope's roles`);
    }
  }
});

t.test('bearer requests over HTTP', async (t) => {
  const ctx = await setup(t);
  const A = await ctx.enterprise('昆山甲方物流有限公司', creditCode(41), 'approved');
  const B = await ctx.enterprise('苏州乙方运输有限公司', creditCode(42), 'approved');
  await ctx.user('bureau_admin', 'admin');
  await ctx.user('bureau_officer', 'officer');
  await ctx.user('enterprise_user', 'a1', A);
  const a2 = await ctx.user('enterprise_user', 'a2', A);
  const admin = await loggedIn(ctx.app, 'admin', { remoteAddress: '10.7.0.1' });
  const officer = await loggedIn(ctx.app, 'officer', { remoteAddress: '10.7.0.2' });
  const a1 = await loggedIn(ctx.app, 'a1', { remoteAddress: '10.7.0.3' });
  const a2c = await loggedIn(ctx.app, 'a2', { remoteAddress: '10.7.0.4' });

  await t.test('management: who may create what', async (t) => {
    const own = await a1.request('POST', '/api/v1/tokens', { name: '调度', scopes: ['passes:read'], expiresInDays: 30 });
    t.equal(own.statusCode, 201, own.body);
    const body = own.json() as { token: string; apiToken: { role: string; enterpriseId: number; state: string; expiresAt: string } };
    t.match(body.apiToken, { role: 'enterprise_user', enterpriseId: A, state: 'active' });
    t.match(own.headers['cache-control'], /no-store/);
    t.ok(Math.abs(Date.parse(body.apiToken.expiresAt) - Date.now() - 30 * 86_400_000) < 60_000, 'expires in 30 days');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', scopes: ['passes:read'], expiresInDays: 30, enterpriseId: B })).statusCode, 404, 'not for another enterprise');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', role: 'bureau_officer', scopes: ['passes:read'], expiresInDays: 30 })).statusCode, 403, 'never above its role');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', scopes: ['checks:evaluate'], expiresInDays: 30 })).statusCode, 400, 'a bureau scope is refused');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', scopes: ['passes:read'] })).statusCode, 400, 'expiry is required');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', scopes: ['passes:read'], expiresInDays: 366 })).statusCode, 400, 'at most a year');
    t.equal((await a1.request('POST', '/api/v1/tokens', { name: 'x', scopes: [], expiresInDays: 30 })).statusCode, 400, 'at least one scope');
    t.equal((await officer.request('POST', '/api/v1/tokens', { name: 'x', scopes: ['passes:read'], expiresInDays: 30 })).statusCode, 403, 'an officer creates none');
    t.equal((await admin.request('POST', '/api/v1/tokens', { name: 'x', role: 'enterprise_user', scopes: ['passes:read'], expiresInDays: 30 })).statusCode, 400, 'an enterprise token needs its enterprise');
    t.equal((await admin.request('POST', '/api/v1/tokens', { name: 'x', role: 'bureau_officer', enterpriseId: A, scopes: ['passes:read'], expiresInDays: 30 })).statusCode, 400);
    t.equal((await admin.request('POST', '/api/v1/tokens', { name: 'x', role: 'enterprise_user', enterpriseId: 9999, scopes: ['passes:read'], expiresInDays: 30 })).statusCode, 400);

    // a2 (same enterprise) sees a1's token; an admin sees all; the list never holds a secret or hash.
    const list = (await a2c.request('GET', '/api/v1/tokens')).json() as { id: string }[];
    t.equal(list.length, 1);
    t.notMatch(JSON.stringify(list), /secret|Hash|kk_/);
    const audit = () => ctx.repos.store.q().selectFrom('audit_log');
    const created = await audit().select(['actor_name', 'action', 'enterprise_id', 'subject_id']).where('action', '=', 'token.create').orderBy('seq').execute();
    t.same(created, [{ actor_name: 'a1', action: 'token.create', enterprise_id: A, subject_id: list[0]!.id }]);
    t.notMatch(JSON.stringify(await audit().selectAll().execute()), body.token.slice(16), 'the token is in no audit row');
  });

  await t.test('an invalid bearer is a 401, never a fallback to the session', async (t) => {
    for (const header of ['Bearer nonsense', 'Bearer', `Bearer kk_000000000000_${'a'.repeat(43)}`]) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/passes', headers: { authorization: header, cookie: admin.cookieHeader } });
      t.equal(res.statusCode, 401, header);
      t.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
      t.match(res.headers['content-type'], /^application\/problem\+json/);
      t.match(res.json(), { code: 'unauthenticated', detail: String });
    }
    // A valid enterprise token with an admin's session cookie is still only the token.
    const { token } = await createToken(a1, { name: 'reader', scopes: ['passes:read'] });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${token}`, cookie: admin.cookieHeader } });
    t.equal(res.statusCode, 403, 'the cookie is ignored');
    const session = await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${token}`, cookie: admin.cookieHeader } });
    t.equal(session.statusCode, 200, 'public route');
    t.notMatch(session.body, /"admin"/, 'no session user behind the token');
  });

  await t.test('no CSRF, no pages, no token management with a token', async (t) => {
    const { token } = await createToken(a1, { name: 'writer', scopes: ['fleet:write', 'fleet:read'] });
    const c = new BearerClient(ctx.app, token);
    const v = await c.request('POST', '/api/v1/vehicles', { plate: '苏E22222', type: 'truck' });
    t.equal(v.statusCode, 201, 'a state change without a CSRF token');
    const page = await ctx.app.inject({ method: 'GET', url: '/enterprise', headers: { authorization: `Bearer ${token}` } });
    t.equal(page.statusCode, 403, 'portal pages are not for tokens');
    t.equal((await c.request('GET', '/api/v1/tokens')).statusCode, 403);
    t.equal((await c.request('POST', '/api/v1/tokens', { name: 'child', scopes: ['fleet:read'], expiresInDays: 1 })).statusCode, 403, 'a token mints no token');
    t.equal((await c.request('DELETE', '/api/v1/session')).statusCode, 403);
    t.equal((await c.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode, 403);
    const audit = await ctx.repos.store
      .q()
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'actor_name'])
      .where('action', '=', 'vehicle.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    t.match(audit, { actor_type: 'user', actor_name: /^token:[0-9a-f]{12}$/ });
    t.equal(audit.actor_id, (await ctx.repos.users.getWithHash('a1'))!.id, "actor_id is the token's creator");
  });

  await t.test('Accept-Language picks the language of a token request', async (t) => {
    const { token } = await createToken(a1, { name: 'lang', scopes: ['passes:read'] });
    const en = await ctx.app.inject({ method: 'POST', url: '/api/v1/passes', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' }, payload: '{}' });
    t.equal(en.statusCode, 403);
    t.equal(en.json().title, 'You are not allowed to do this');
  });

  await t.test('revoked, expired, creator disabled: 401; last use at most once a minute', async (t) => {
    const { token, id } = await createToken(a2c, { name: 'short', scopes: ['passes:read'] });
    const c = new BearerClient(ctx.app, token, { remoteAddress: '10.7.9.9' });
    t.equal((await c.request('GET', '/api/v1/passes')).statusCode, 200);
    const first = (await ctx.repos.apiTokens.get(id))!;
    t.equal(first.lastUsedIp, '10.7.9.9');
    await c.request('GET', '/api/v1/passes');
    t.equal((await ctx.repos.apiTokens.get(id))!.lastUsedAt, first.lastUsedAt, 'not written again within the minute');
    const q = () => ctx.repos.store.q();
    await q().updateTable('api_tokens').set({ last_used_at: new Date(Date.now() - 61_000).toISOString() }).where('id', '=', id).execute();
    await c.request('GET', '/api/v1/passes');
    t.ok((await ctx.repos.apiTokens.get(id))!.lastUsedAt! > first.lastUsedAt!, 'written again after a minute');

    await ctx.repos.users.setDisabled(a2, true);
    t.equal((await c.request('GET', '/api/v1/passes')).statusCode, 401, 'creator disabled');
    await ctx.repos.users.setDisabled(a2, false);
    t.equal((await c.request('GET', '/api/v1/passes')).statusCode, 200, 'creator enabled again');

    await q().updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    t.equal((await c.request('GET', '/api/v1/passes')).statusCode, 401, 'expired');
    t.equal((await a1.request('GET', `/api/v1/tokens/${id}`)).json().state, 'expired');
    await q().updateTable('api_tokens').set({ expires_at: new Date(Date.now() + 86_400_000).toISOString() }).where('id', '=', id).execute();

    t.equal((await officer.request('POST', `/api/v1/tokens/${id}/revoke`)).statusCode, 403, 'an officer revokes none');
    const other = await createToken(admin, { name: 'bureau', role: 'bureau_officer', scopes: ['passes:read'] });
    t.equal((await a1.request('POST', `/api/v1/tokens/${other.id}/revoke`)).statusCode, 404, "an enterprise user cannot see the bureau's tokens");
    const revoked = await a1.request('POST', `/api/v1/tokens/${id}/revoke`);
    t.equal(revoked.statusCode, 200, revoked.body);
    t.equal(revoked.json().state, 'revoked');
    t.equal((await c.request('GET', '/api/v1/passes')).statusCode, 401, 'revoked');
    t.equal((await a1.request('POST', `/api/v1/tokens/${id}/revoke`)).statusCode, 409, 'already revoked');
    const row = await q().selectFrom('audit_log').select(['actor_name', 'subject_id', 'enterprise_id']).where('action', '=', 'token.revoke').orderBy('seq').executeTakeFirst();
    t.same(row, { actor_name: 'a1', subject_id: id, enterprise_id: A });
  });

  await t.test('the portal pages: created once, listed without secret, revoked', async (t) => {
    const page = await admin.request('GET', '/bureau/tokens');
    t.equal(page.statusCode, 200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const created = await admin.form('/bureau/tokens', { _csrf: csrf, name: '省平台', role: 'bureau_officer', scopes: 'checks:evaluate', expiresInDays: '90' });
    t.equal(created.statusCode, 201, created.body.slice(0, 500));
    const text = /kk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(created.body)?.[0];
    t.ok(text, 'the token is shown once');
    const again = await admin.request('GET', '/bureau/tokens');
    t.notMatch(again.body, text!, 'and never again');
    t.match(again.body, '省平台');
    const id = text!.slice(3, 15);
    const revoked = await admin.form(`/bureau/tokens/${id}/revoke`, { _csrf: csrf });
    t.equal(revoked.statusCode, 303);
    t.equal((await ctx.repos.apiTokens.get(id))!.revokedAt !== null, true);
    const refused = await admin.form('/bureau/tokens', { _csrf: csrf, name: 'x', role: 'bureau_officer', expiresInDays: '90' });
    t.equal(refused.statusCode, 400, 'no scope chosen');
    const ent = await a1.request('GET', '/enterprise/tokens');
    t.equal(ent.statusCode, 200);
    t.notMatch(ent.body, '省平台', "an enterprise sees none of the bureau's tokens");
    t.equal((await a1.request('GET', '/bureau/tokens')).statusCode, 403);
    t.equal((await new Client(ctx.app).request('GET', '/enterprise/tokens')).statusCode, 303);
  });
});
