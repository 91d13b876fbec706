import t from 'tap';
import { keysService } from '../../../src/server/features/keys/service.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { setup, type TestContext } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import { etagMatches } from '../../../src/server/features/keys/api.js';

type Jwks = { keys: Array<Record<string, unknown>> };
const kids = (set: Jwks) => set.keys.map((k) => k.kid).sort();

/** The one key of a purpose (a fresh app has an active 'pass' key and an active 'bundle' key). */
async function onlyKey(ctx: TestContext, purpose: 'pass' | 'bundle') {
  const list = await ctx.app.services.keys.list(new Date(), purpose);
  if (list.length !== 1) throw new Error(`expected one ${purpose} key, got ${list.length}`);
  return list[0]!;
}

async function people(ctx: TestContext) {
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'clerk');
  const ent = await ctx.enterprise('昆山市精密机械制造有限公司', '91350100M000100Y43');
  await ctx.user('enterprise_user', 'factory', ent);
  return {
    admin: await loggedIn(ctx.app, 'boss', { remoteAddress: '10.0.0.1' }),
    officer: await loggedIn(ctx.app, 'clerk', { remoteAddress: '10.0.0.2' }),
    entUser: await loggedIn(ctx.app, 'factory', { remoteAddress: '10.0.0.3' }),
  };
}

t.test('JWKS: public, CORS, cacheable, ETag and 304', async (t) => {
  const ctx = await setup(t);
  const anon = new Client(ctx.app);
  const res = await anon.request('GET', '/.well-known/jwks.json');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  t.equal(res.headers['access-control-allow-origin'], '*');
  t.equal(res.headers['cache-control'], 'public, max-age=300');
  t.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
  const etag = res.headers.etag as string;
  t.match(etag, /^"[A-Za-z0-9_-]+"$/);

  const pass = await onlyKey(ctx, 'pass');
  const bundle = await onlyKey(ctx, 'bundle');
  const body = res.json() as Jwks;
  t.equal(body.keys.length, 2, 'the pass key and the bundle key');
  t.same(kids(body), [pass.kid, bundle.kid].sort());
  t.same(
    body.keys.map((k) => [String(k.kid), String(k.purpose)]).sort(),
    [[pass.kid, 'pass'], [bundle.kid, 'bundle']].sort(),
    'each key says whether it verifies passes or bundles',
  );
  for (const k of body.keys) {
    t.same(Object.keys(k).sort(), ['alg', 'crv', 'kid', 'kty', 'purpose', 'use', 'x'], 'public members only, and what the key is for');
    t.match(k, { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  }

  const again = await anon.request('GET', '/.well-known/jwks.json', undefined, { 'if-none-match': etag });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '');
  t.equal(again.headers.etag, etag);
  t.equal(again.headers['access-control-allow-origin'], '*');
  t.equal((await anon.request('GET', '/.well-known/jwks.json', undefined, { 'if-none-match': `"x", W/${etag}` })).statusCode, 304, 'lists and weak tags match');
  t.equal((await anon.request('GET', '/.well-known/jwks.json', undefined, { 'if-none-match': '"stale"' })).statusCode, 200);

  const next = await ctx.app.services.keys.addNextKey('pass');
  const changed = await anon.request('GET', '/.well-known/jwks.json', undefined, { 'if-none-match': etag });
  t.equal(changed.statusCode, 200, 'a new key changes the ETag');
  t.not(changed.headers.etag, etag);
  t.same(kids(changed.json() as Jwks), [pass.kid, next.kid, bundle.kid].sort(), 'the next pass key joins; the bundle key stays');

  const nextBundle = await ctx.app.services.keys.addNextKey('bundle');
  const changedAgain = await anon.request('GET', '/.well-known/jwks.json', undefined, { 'if-none-match': changed.headers.etag as string });
  t.equal(changedAgain.statusCode, 200, 'a new bundle key changes the ETag too');
  t.same(kids(changedAgain.json() as Jwks), [pass.kid, next.kid, bundle.kid, nextBundle.kid].sort());

  const head = await ctx.app.inject({ method: 'HEAD', url: '/.well-known/jwks.json' });
  t.equal(head.statusCode, 200);

  t.ok(etagMatches('*', '"a"'));
  t.notOk(etagMatches(undefined, '"a"'));
});

t.test('keys API: admin only; no private key material anywhere', async (t) => {
  const ctx = await setup(t);
  const { admin, officer, entUser } = await people(ctx);

  t.equal((await new Client(ctx.app).request('GET', '/api/v1/keys')).statusCode, 401);
  for (const [who, c] of [['officer', officer], ['enterprise user', entUser]] as const) {
    t.equal((await c.request('GET', '/api/v1/keys')).statusCode, 403, `${who}: list`);
    t.equal((await c.request('POST', '/api/v1/keys/next', { purpose: 'pass' })).statusCode, 403, `${who}: next`);
    t.equal((await c.request('POST', '/api/v1/keys/promote', { purpose: 'pass' })).statusCode, 403, `${who}: promote`);
    t.equal((await c.request('GET', '/bureau/keys')).statusCode, 403, `${who}: page`);
  }

  const bodies: string[] = [];
  const list = await admin.request('GET', '/api/v1/keys');
  t.equal(list.statusCode, 200, list.body);
  bodies.push(list.body);
  const listed = list.json() as Array<{ kid: string; purpose: string; [k: string]: unknown }>;
  t.same(listed.map((k) => k.purpose).sort(), ['bundle', 'pass'], 'one key per purpose');
  const only = listed.find((k) => k.purpose === 'pass');
  const bundle = listed.find((k) => k.purpose === 'bundle');
  t.match(only, { purpose: 'pass', state: 'active', published: true, lastExp: null, publishedUntil: null });
  t.match(bundle, { purpose: 'bundle', state: 'active', published: true, lastExp: null, publishedUntil: null });

  t.equal((await admin.request('POST', '/api/v1/keys/promote', { purpose: 'pass' })).statusCode, 409, 'nothing to promote');
  t.equal((await admin.request('POST', '/api/v1/keys/next', { purpose: 'nope' })).statusCode, 400);

  const next = await admin.request('POST', '/api/v1/keys/next', { purpose: 'pass' });
  t.equal(next.statusCode, 201, next.body);
  bodies.push(next.body);
  t.match(next.json(), { purpose: 'pass', state: 'next', published: true });
  const dup = await admin.request('POST', '/api/v1/keys/next', {}, { 'accept-language': 'en' });
  t.equal(dup.statusCode, 409, 'purpose defaults to pass; one next key at a time');
  t.equal(dup.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(dup.json(), { detail: /next pass key/ });

  const promoted = await admin.request('POST', '/api/v1/keys/promote', { purpose: 'pass' });
  t.equal(promoted.statusCode, 200, promoted.body);
  bodies.push(promoted.body);
  const p = promoted.json() as { active: { kid: string; state: string }; retired: { kid: string; state: string; published: boolean } };
  t.equal(p.active.kid, (next.json() as { kid: string }).kid);
  t.equal(p.retired.kid, only!.kid);
  t.equal(p.retired.published, false, 'it signed nothing, so it is unpublished at once');

  const after = await admin.request('GET', '/api/v1/keys');
  const afterList = after.json() as Array<{ kid: string; purpose: string; state: string }>;
  t.same(
    afterList.filter((k) => k.purpose === 'pass').map((k) => [k.kid, k.state]).sort(),
    [[p.active.kid, 'active'], [only!.kid, 'retired']].sort(),
  );
  t.same(afterList.filter((k) => k.purpose === 'bundle'), [bundle], 'the bundle key is untouched by the pass rotation');
  const jwks = await admin.request('GET', '/.well-known/jwks.json');
  t.same(kids(jwks.json() as Jwks), [p.active.kid, bundle!.kid].sort(), 'the JWKS holds the new pass key and the bundle key');

  bodies.push(after.body);
  bodies.push((await admin.request('GET', '/bureau/keys')).body);
  bodies.push(jwks.body);
  for (const b of bodies) t.notMatch(b, /"d"\s*:/, 'no private member in any response');

  // The raw table holds ciphertext only.
  const rows = await ctx.repos.store.q().selectFrom('signing_keys').select(['kid', 'public_jwk', 'private_enc']).execute();
  t.equal(rows.length, 3, 'two pass keys and the bundle key');
  for (const r of rows) {
    t.notMatch(r.private_enc, /"d"\s*:/);
    t.notMatch(r.private_enc, /Ed25519|OKP/);
    t.match(r.private_enc, /^v1\./);
    t.notMatch(r.public_jwk, /"d"/);
  }

  const keyActions = (await ctx.repos.audit.list({ limit: 50 })).filter((e) => e.action.startsWith('key.'));
  const actions = keyActions.filter((e) => e.detail?.purpose === 'pass');
  t.same(actions.map((e) => e.action).sort(), ['key.create', 'key.create', 'key.promote', 'key.retire']);
  t.same(
    keyActions.filter((e) => e.detail?.purpose === 'bundle').map((e) => [e.action, e.actorType]),
    [['key.create', 'system']],
    'the bundle key saw only its start-up creation',
  );
  t.equal(keyActions.length, 5);
  t.ok(actions.filter((e) => e.action !== 'key.create' || e.actorType === 'user').every((e) => e.actorName === 'boss'), 'API changes are audited to the admin');
});

t.test('keys API: rotating the bundle key leaves the pass key alone', async (t) => {
  const ctx = await setup(t);
  const { admin } = await people(ctx);
  const pass = await onlyKey(ctx, 'pass');
  const oldBundle = await onlyKey(ctx, 'bundle');

  const next = await admin.request('POST', '/api/v1/keys/next', { purpose: 'bundle' });
  t.equal(next.statusCode, 201, next.body);
  t.match(next.json(), { purpose: 'bundle', state: 'next', published: true });
  const promoted = await admin.request('POST', '/api/v1/keys/promote', { purpose: 'bundle' });
  t.equal(promoted.statusCode, 200, promoted.body);
  t.match(promoted.json(), { active: { kid: (next.json() as { kid: string }).kid, purpose: 'bundle' }, retired: { kid: oldBundle.kid, purpose: 'bundle' } });
  t.equal((await admin.request('POST', '/api/v1/keys/promote', { purpose: 'pass' })).statusCode, 409, 'no next pass key was made');

  const list = (await admin.request('GET', '/api/v1/keys')).json() as Array<{ purpose: string }>;
  t.same(list.filter((k) => k.purpose === 'pass'), [pass], 'the pass key is untouched');
  t.equal((await ctx.app.services.keys.activeSigner('pass')).kid, pass.kid);
  const jwks = (await new Client(ctx.app).request('GET', '/.well-known/jwks.json')).json() as Jwks;
  t.ok(kids(jwks).includes(pass.kid), 'and still published');
});

t.test('a private key swapped in from another row is refused', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const active = await keys.activeSigner('pass');
  const next = await keys.addNextKey('pass');
  const fresh = keysService(ctx.repos, DataKey.load(ctx.dataDir)); // no cached key
  const q = () => ctx.repos.store.q();
  const { private_enc } = await q().selectFrom('signing_keys').select('private_enc').where('kid', '=', next.kid).executeTakeFirstOrThrow();
  await q().updateTable('signing_keys').set({ private_enc }).where('kid', '=', active.kid).execute();
  await t.rejects(fresh.activeSigner('pass'), /does not match/);
});

t.test('admin page: lists keys, adds and promotes with forms', async (t) => {
  const ctx = await setup(t);
  const { admin } = await people(ctx);
  const key = await onlyKey(ctx, 'pass');
  const bundle = await onlyKey(ctx, 'bundle');

  const page = await admin.request('GET', '/bureau/keys');
  t.equal(page.statusCode, 200);
  t.match(page.body, key.kid);
  t.match(page.body, bundle.kid, 'the bundle key is listed too');
  t.match(page.body, /id="keys-pass"/);
  t.match(page.body, /id="keys-bundle"/);
  t.match(page.body, /签名密钥/);
  t.match(page.body, /同步/, 'explains that devices must sync before promotion');
  t.match(page.body, /action="\/bureau\/keys\/next"/);
  t.match(page.body, /href="\/bureau\/keys"/, 'admins get a nav link');

  const add = await admin.form('/bureau/keys/next', { purpose: 'pass', _csrf: admin.csrf });
  t.equal(add.statusCode, 303, add.body);
  t.match(add.headers.location, /^\/bureau\/keys\?done=added&kid=/);
  const after = await admin.request('GET', add.headers.location as string);
  t.equal(after.statusCode, 200);
  t.match(after.body, /action="\/bureau\/keys\/promote"/);
  t.match(after.body, /notice-warn/, 'a next key younger than a day gets a warning');

  const noCsrf = await admin.form('/bureau/keys/promote', { purpose: 'pass', confirm: 'yes' });
  t.equal(noCsrf.statusCode, 403);
  const unconfirmed = await admin.form('/bureau/keys/promote', { purpose: 'pass', _csrf: admin.csrf });
  t.equal(unconfirmed.statusCode, 400, 'promotion needs the sync confirmation');
  t.match(unconfirmed.body, /请先确认设备已同步|Confirm that the devices/);
  const dup = await admin.form('/bureau/keys/next', { purpose: 'pass', _csrf: admin.csrf });
  t.equal(dup.statusCode, 409);

  const promote = await admin.form('/bureau/keys/promote', { purpose: 'pass', confirm: 'yes', _csrf: admin.csrf });
  t.equal(promote.statusCode, 303, promote.body);
  t.match(promote.headers.location, /done=promoted/);
  const passKeys = await ctx.app.services.keys.list(new Date(), 'pass');
  t.same(passKeys.map((k) => k.state).sort(), ['active', 'retired']);
  t.equal(passKeys.find((k) => k.state === 'retired')?.kid, key.kid);
  t.same(await ctx.app.services.keys.list(new Date(), 'bundle'), [bundle], 'the bundle key is untouched');
});

t.test('OpenAPI documents the keys API and the JWKS', async (t) => {
  const ctx = await setup(t);
  const doc = (await new Client(ctx.app).request('GET', '/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  t.ok(doc.paths['/.well-known/jwks.json']?.get);
  t.ok(doc.paths['/api/v1/keys']?.get?.responses['403']);
  t.ok(doc.paths['/api/v1/keys/next']?.post?.responses['409']);
  t.ok(doc.paths['/api/v1/keys/promote']?.post);
  t.notOk(doc.paths['/bureau/keys'], 'pages stay out of the API document');
});
