import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, testStore, type TestContext } from '../../helpers/app.js';
import { Client } from '../../helpers/client.js';
import { kidFor, PASS_KID_LENGTH, signPass, verifyPass, type PassInput } from '../../../src/core/pass/index.js';
import { keysService, RETIRED_KEY_GRACE_SEC, type KeysService } from '../../../src/server/features/keys/service.js';
import { repositories } from '../../../src/server/repositories.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { Problem } from '../../../src/server/problem.js';
import type { App } from '../../../src/server/app.js';
import { typicalInput } from '../../core/pass/fixtures.js';

const DAY = 86400;
const nowSec = () => Math.floor(Date.now() / 1000);

// The core's own typical pass, so this test follows the pass format as it evolves; only the times and id differ.
const input = (exp: number, jti: string): PassInput => ({ ...typicalInput, jti, nbf: undefined, exp });

async function jwks(app: App) {
  const res = await new Client(app).request('GET', '/.well-known/jwks.json');
  if (res.statusCode !== 200) throw new Error(`jwks: ${res.statusCode} ${res.body}`);
  return res.json() as { keys: Array<Record<string, unknown>> };
}
const kids = (set: { keys: Array<{ kid?: unknown }> }) => set.keys.map((k) => k.kid).sort();

/**
 * The app starts with one active key per purpose (the keys feature ensures a
 * pass key; trust and devices a bundle key). Pass-key tests find the bundle
 * key here and check it is published alongside, and left alone.
 */
async function only(keys: KeysService, purpose: 'pass' | 'bundle') {
  const list = await keys.list(new Date(), purpose);
  if (list.length !== 1) throw new Error(`expected one ${purpose} key, got ${list.length}`);
  return list[0]!;
}
const keyAuditActions = async (ctx: TestContext, purpose: 'pass' | 'bundle') =>
  (await ctx.repos.audit.list({ limit: 50 }))
    .filter((e) => e.action.startsWith('key.') && e.detail?.purpose === purpose)
    .map((e) => e.action)
    .sort();

t.test('a fresh app has one active pass key and one active bundle key, both published in the JWKS', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const list = await keys.list();
  t.equal(list.length, 2, 'one key per purpose');
  const pass = await keys.list(new Date(), 'pass');
  const bundle = await keys.list(new Date(), 'bundle');
  t.equal(pass.length, 1);
  t.equal(bundle.length, 1);
  t.match(pass[0], { purpose: 'pass', state: 'active', published: true, lastExp: null, retiredAt: null });
  t.match(bundle[0], { purpose: 'bundle', state: 'active', published: true, lastExp: null, retiredAt: null });
  t.ok(pass[0]!.activatedAt);
  t.ok(bundle[0]!.activatedAt);
  t.not(pass[0]!.kid, bundle[0]!.kid);
  const set = await jwks(ctx.app);
  t.same(kids(set), [pass[0]!.kid, bundle[0]!.kid].sort(), 'both purposes are published');
  for (const k of [pass[0]!, bundle[0]!]) {
    const jwk = set.keys.find((j) => j.kid === k.kid);
    t.ok(jwk, `${k.purpose} key is in the JWKS`);
    t.equal(k.kid, await kidFor(jwk!), `${k.purpose}: kid is the (shortened) RFC 7638 thumbprint`);
    t.equal(k.kid.length, PASS_KID_LENGTH);
  }
  t.equal(set.keys[0]?.kid, pass[0]!.kid, 'pass keys come first');

  const again = await keys.ensureActiveKey('pass');
  t.equal(again.kid, pass[0]!.kid, 'ensureActiveKey is idempotent');
  t.equal((await keys.ensureActiveKey('bundle')).kid, bundle[0]!.kid, 'for the bundle purpose too');
  t.equal((await keys.list()).length, 2);
  const created = (await ctx.repos.audit.list({ action: 'key.create', limit: 10 }));
  t.same(created.map((e) => e.detail?.purpose).sort(), ['bundle', 'pass'], 'each start-up key is audited once');
  t.ok(created.every((e) => e.actorType === 'system'));
});

t.test('rotation: next is published before it signs; old passes keep verifying; retired key drops once its passes expired', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const first = await keys.activeSigner('pass');
  const bundle = await only(keys, 'bundle');

  // A pass signed before the rotation, valid for three days.
  const expA = nowSec() + 3 * DAY;
  await keys.recordSigned(first.kid, expA);
  const tokenA = await signPass(input(expA, 'PASS-A'), { privateKey: first.privateKey, kid: first.kid, issuer: 'KSJT' });

  const next = await keys.addNextKey('pass');
  t.equal(next.state, 'next');
  t.ok(next.published);
  t.equal(next.purpose, 'pass');
  t.same(kids(await jwks(ctx.app)), [first.kid, next.kid, bundle.kid].sort(), 'the next key is published before promotion (beside the bundle key)');
  t.equal((await keys.activeSigner('pass')).kid, first.kid, 'but the old key still signs');
  await t.rejects(keys.addNextKey('pass'), { status: 409, code: 'conflict' }, 'one next key at a time');

  const { active, retired } = await keys.promoteNext('pass');
  t.equal(active.kid, next.kid);
  t.equal(active.state, 'active');
  t.equal(retired?.kid, first.kid);
  t.equal(retired?.state, 'retired');
  t.ok(retired?.retiredAt);
  t.equal(retired?.lastExp, expA);
  t.equal(retired?.publishedUntil, new Date((expA + RETIRED_KEY_GRACE_SEC) * 1000).toISOString());

  const second = await keys.activeSigner('pass');
  t.equal(second.kid, next.kid, 'new passes are signed with the promoted key');
  const expB = nowSec() + 2 * DAY;
  await keys.recordSigned(second.kid, expB);
  const tokenB = await signPass(input(expB, 'PASS-B'), { privateKey: second.privateKey, kid: second.kid, issuer: 'KSJT' });

  const set = await jwks(ctx.app);
  t.same(kids(set), [first.kid, next.kid, bundle.kid].sort(), 'the retired key stays while its pass is valid');
  t.same(await keys.list(new Date(), 'bundle'), [bundle], 'the bundle key is untouched by the pass rotation');
  t.equal((await keys.activeSigner('bundle')).kid, bundle.kid, 'and still signs bundles');
  const opts = { keys: set, isRevoked: () => false, issuer: 'KSJT' };
  const a = await verifyPass(tokenA, opts);
  t.ok(a.ok, 'a pass signed before the rotation still verifies');
  t.equal(a.ok && a.kid, first.kid);
  const b = await verifyPass(tokenB, opts);
  t.ok(b.ok, 'a pass signed after it verifies');
  t.equal(b.ok && b.kid, next.kid);

  // Drive time: published until expA + tolerance, then gone.
  const at = (sec: number) => new Date(sec * 1000);
  t.same(kids(await keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC - 1), 'pass')), [first.kid, next.kid].sort());
  t.same(kids(await keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC), 'pass')), [next.kid], 'dropped once every pass it signed has expired');
  t.same(kids(await keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC))), [next.kid, bundle.kid].sort(), 'the whole JWKS then holds the new pass key and the bundle key');
  t.notOk((await keys.list(at(expA + RETIRED_KEY_GRACE_SEC))).find((k) => k.kid === first.kid)?.published);
  // The verifier agrees: by then the old pass is expired anyway.
  const late = await verifyPass(tokenA, { ...opts, keys: await keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC)), now: expA + RETIRED_KEY_GRACE_SEC });
  t.match(late, { ok: false });

  t.same(await keyAuditActions(ctx, 'pass'), ['key.create', 'key.create', 'key.promote', 'key.retire']);
  t.same(await keyAuditActions(ctx, 'bundle'), ['key.create'], 'the bundle key saw only its start-up creation');
  const audit = (await ctx.repos.audit.list({ limit: 20 })).filter((e) => e.action.startsWith('key.'));
  t.equal(audit.length, 5);
  t.ok(audit.every((e) => e.subjectType === 'signing_key'));
});

t.test('a retired key that signed nothing drops out at once; last_exp only grows', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const first = await keys.activeSigner('pass');
  const bundle = await only(keys, 'bundle');
  await keys.recordSigned(first.kid, 2_000_000_000);
  await keys.recordSigned(first.kid, 1_000_000_000);
  t.equal((await keys.list()).find((k) => k.kid === first.kid)?.lastExp, 2_000_000_000, 'last_exp = max(last_exp, exp)');
  await t.rejects(keys.recordSigned('no-such-kid', 1), /unknown signing key/);

  const n1 = await keys.addNextKey('pass');
  await keys.promoteNext('pass');
  const n2 = await keys.addNextKey('pass');
  const { retired } = await keys.promoteNext('pass');
  t.equal(retired?.kid, n1.kid);
  t.equal(retired?.published, false);
  t.equal(retired?.lastExp, null);
  t.same(kids(await keys.publishedKeys(new Date(), 'pass')), [first.kid, n2.kid].sort(), 'the first key (still signed-for) stays, the unused one does not');
  t.same(kids(await keys.publishedKeys()), [first.kid, n2.kid, bundle.kid].sort(), 'the bundle key is published throughout');
  t.same(await only(keys, 'bundle'), bundle, 'and untouched');
});

t.test('promote without a next key is a conflict; ensureActiveKey promotes a waiting next key', async (t) => {
  const ctx = await setup(t);
  const appKeys = ctx.app.services.keys;
  for (const purpose of ['pass', 'bundle'] as const) {
    let refused: unknown;
    try {
      await appKeys.promoteNext(purpose);
    } catch (err) {
      refused = err;
    }
    t.type(refused, Problem, purpose);
    t.match(refused, { status: 409, code: 'conflict', detail: `keys.conflict.no_next_${purpose}` });
  }
  t.equal((await appKeys.list()).length, 2, 'a refused promotion changes nothing');

  // The app's start-up makes both keys; over a bare database (as the CLI sees it) nothing exists yet.
  const dir = mkdtempSync(join(tmpdir(), 'kakou-keys-bare-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Teardowns run in reverse: the store closes before its folder goes.
  const keys = keysService(repositories(await testStore(t, dir)), DataKey.load(dir));
  t.same(await keys.list(), []);

  // The bundle purpose starts empty here: a next key, then ensureActiveKey, activates that one.
  await t.rejects(keys.activeSigner('bundle'), /no active bundle signing key/);
  const next = await keys.addNextKey('bundle');
  const ensured = await keys.ensureActiveKey('bundle');
  t.equal(ensured.kid, next.kid);
  t.equal(ensured.state, 'active');
  t.equal((await keys.activeSigner('bundle')).kid, next.kid);
  t.same(kids(await keys.publishedKeys(new Date(), 'bundle')), [next.kid], 'publishedKeys can be narrowed to one purpose');
  await t.rejects(keys.activeSigner('pass'), /no active pass signing key/, 'activating a bundle key makes no pass key');
  t.same(kids(await keys.publishedKeys(new Date(), 'pass')), []);
  const pass = await keys.ensureActiveKey('pass');
  t.equal(pass.purpose, 'pass');
  t.same(kids(await keys.publishedKeys(new Date(), 'pass')), [pass.kid]);
  t.equal((await keys.publishedKeys()).keys.length, 2, 'the JWKS carries both purposes');
  t.equal((await keys.publishedKeys()).keys[0]?.kid, (await keys.activeSigner('pass')).kid, 'pass keys come first');
});

t.test('a bundle-key rotation leaves the pass key alone', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const pass = await only(keys, 'pass');
  const oldBundle = await only(keys, 'bundle');

  const next = await keys.addNextKey('bundle');
  t.match(next, { purpose: 'bundle', state: 'next', published: true });
  t.same(kids(await jwks(ctx.app)), [pass.kid, oldBundle.kid, next.kid].sort(), 'the next bundle key is published beside the pass key');
  await t.rejects(keys.addNextKey('bundle'), { status: 409, code: 'conflict' }, 'one next bundle key at a time');
  const passNext = await keys.addNextKey('pass');
  t.equal(passNext.purpose, 'pass', 'a waiting bundle key does not block a next pass key');

  const { active, retired } = await keys.promoteNext('bundle');
  t.equal(active.kid, next.kid);
  t.equal(retired?.kid, oldBundle.kid);
  t.equal((await keys.activeSigner('bundle')).kid, next.kid);
  t.equal((await keys.activeSigner('pass')).kid, pass.kid, 'the pass key still signs');
  t.same((await keys.list(new Date(), 'pass')).find((k) => k.kid === pass.kid), pass, 'and is unchanged');
  t.equal((await keys.list(new Date(), 'pass')).find((k) => k.kid === passNext.kid)?.state, 'next', 'the next pass key still waits');
  t.same(kids(await keys.publishedKeys(new Date(), 'pass')), [pass.kid, passNext.kid].sort());
  t.same(await keyAuditActions(ctx, 'pass'), ['key.create', 'key.create']);
});

t.test('passSigner signs with the active key and records the expiry first', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const bundle = await only(keys, 'bundle');
  const exp = nowSec() + DAY;
  const { token, kid } = await keys.passSigner({ issuer: 'KSJT' }).sign({ ...input(exp, 'PASS-C'), exp: new Date(exp * 1000) });
  t.equal(kid, (await keys.activeSigner('pass')).kid);
  t.not(kid, bundle.kid, 'passes are never signed with the bundle key');
  t.equal((await keys.list()).find((k) => k.kid === kid)?.lastExp, exp);
  t.same(await only(keys, 'bundle'), bundle, 'signing a pass records nothing on the bundle key');
  const r = await verifyPass(token, { keys: await jwks(ctx.app), isRevoked: () => false });
  t.ok(r.ok);
});

t.test('passSigner: node:crypto signing gives the token CompactSign gives, byte for byte; signMany records the latest expiry once', async (t) => {
  const ctx = await setup(t);
  const keys = ctx.app.services.keys;
  const signer = await keys.activeSigner('pass');
  const exp = nowSec() + 3 * DAY;
  const one = { ...input(exp, 'PASS-D'), nbf: nowSec(), exp: new Date(exp * 1000) };
  const viaJose = await signPass(one, { privateKey: signer.privateKey, kid: signer.kid, issuer: 'KSJT' });
  const { token } = await keys.passSigner({ issuer: 'KSJT' }).sign(one);
  t.equal(token, viaJose, 'Ed25519 is deterministic: the same bytes as jose CompactSign');

  const later = exp + DAY;
  const many = await keys.passSigner({ issuer: 'KSJT' }).signMany([one, { ...input(later, 'PASS-E'), nbf: nowSec(), exp: new Date(later * 1000) }]);
  t.equal(many.length, 2);
  t.equal(many[0]!.token, viaJose, 'each signed as sign would');
  t.equal((await keys.list()).find((k) => k.kid === signer.kid)?.lastExp, later, 'the latest expiry of the batch recorded');
  const published = await jwks(ctx.app);
  for (const m of many) t.ok((await verifyPass(m.token, { keys: published, isRevoked: () => false })).ok, 'verifies');
  t.same(await keys.passSigner({ issuer: 'KSJT' }).signMany([]), [], 'nothing to sign: nothing recorded');
});
