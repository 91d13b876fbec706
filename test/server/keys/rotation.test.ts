import t from 'tap';
import { setup } from '../../helpers/app.js';
import { Client } from '../../helpers/client.js';
import { kidFor, PASS_KID_LENGTH, signPass, verifyPass, type PassInput } from '../../../src/core/pass/index.js';
import { keysServiceFor, RETIRED_KEY_GRACE_SEC } from '../../../src/server/features/keys/service.js';
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

t.test('a fresh app has one active pass key, published in the JWKS', async (t) => {
  const ctx = await setup(t);
  const keys = keysServiceFor(ctx.app);
  const list = keys.list();
  t.equal(list.length, 1);
  t.match(list[0], { purpose: 'pass', state: 'active', published: true, lastExp: null, retiredAt: null });
  t.ok(list[0]!.activatedAt);
  const set = await jwks(ctx.app);
  t.same(kids(set), [list[0]!.kid]);
  t.equal(list[0]!.kid, await kidFor(set.keys[0]!), 'kid is the (shortened) RFC 7638 thumbprint');
  t.equal(list[0]!.kid.length, PASS_KID_LENGTH);

  const again = await keys.ensureActiveKey('pass');
  t.equal(again.kid, list[0]!.kid, 'ensureActiveKey is idempotent');
  t.equal(keys.list().length, 1);
  t.equal(ctx.repos.audit.list({ action: 'key.create', limit: 10 }).length, 1, 'the start-up key is audited');
});

t.test('rotation: next is published before it signs; old passes keep verifying; retired key drops once its passes expired', async (t) => {
  const ctx = await setup(t);
  const keys = keysServiceFor(ctx.app);
  const first = await keys.activeSigner('pass');

  // A pass signed before the rotation, valid for three days.
  const expA = nowSec() + 3 * DAY;
  keys.recordSigned(first.kid, expA);
  const tokenA = await signPass(input(expA, 'PASS-A'), { privateKey: first.privateKey, kid: first.kid, issuer: 'KSJT' });

  const next = await keys.addNextKey('pass');
  t.equal(next.state, 'next');
  t.ok(next.published);
  t.same(kids(await jwks(ctx.app)), [first.kid, next.kid].sort(), 'the next key is published before promotion');
  t.equal((await keys.activeSigner('pass')).kid, first.kid, 'but the old key still signs');
  await t.rejects(keys.addNextKey('pass'), { status: 409, code: 'conflict' }, 'one next key at a time');

  const { active, retired } = keys.promoteNext('pass');
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
  keys.recordSigned(second.kid, expB);
  const tokenB = await signPass(input(expB, 'PASS-B'), { privateKey: second.privateKey, kid: second.kid, issuer: 'KSJT' });

  const set = await jwks(ctx.app);
  t.same(kids(set), [first.kid, next.kid].sort(), 'the retired key stays while its pass is valid');
  const opts = { keys: set, isRevoked: () => false, issuer: 'KSJT' };
  const a = await verifyPass(tokenA, opts);
  t.ok(a.ok, 'a pass signed before the rotation still verifies');
  t.equal(a.ok && a.kid, first.kid);
  const b = await verifyPass(tokenB, opts);
  t.ok(b.ok, 'a pass signed after it verifies');
  t.equal(b.ok && b.kid, next.kid);

  // Drive time: published until expA + tolerance, then gone.
  const at = (sec: number) => new Date(sec * 1000);
  t.same(kids(keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC - 1))), [first.kid, next.kid].sort());
  t.same(kids(keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC))), [next.kid], 'dropped once every pass it signed has expired');
  t.notOk(keys.list(at(expA + RETIRED_KEY_GRACE_SEC)).find((k) => k.kid === first.kid)?.published);
  // The verifier agrees: by then the old pass is expired anyway.
  const late = await verifyPass(tokenA, { ...opts, keys: keys.publishedKeys(at(expA + RETIRED_KEY_GRACE_SEC)), now: expA + RETIRED_KEY_GRACE_SEC });
  t.match(late, { ok: false });

  const audit = ctx.repos.audit.list({ limit: 20 }).filter((e) => e.action.startsWith('key.'));
  t.same(audit.map((e) => e.action).sort(), ['key.create', 'key.create', 'key.promote', 'key.retire']);
  t.ok(audit.every((e) => e.subjectType === 'signing_key'));
});

t.test('a retired key that signed nothing drops out at once; last_exp only grows', async (t) => {
  const ctx = await setup(t);
  const keys = keysServiceFor(ctx.app);
  const first = await keys.activeSigner('pass');
  keys.recordSigned(first.kid, 2_000_000_000);
  keys.recordSigned(first.kid, 1_000_000_000);
  t.equal(keys.list().find((k) => k.kid === first.kid)?.lastExp, 2_000_000_000, 'last_exp = max(last_exp, exp)');
  t.throws(() => keys.recordSigned('no-such-kid', 1), /unknown signing key/);

  const n1 = await keys.addNextKey('pass');
  keys.promoteNext('pass');
  const n2 = await keys.addNextKey('pass');
  const { retired } = keys.promoteNext('pass');
  t.equal(retired?.kid, n1.kid);
  t.equal(retired?.published, false);
  t.equal(retired?.lastExp, null);
  t.same(kids(keys.publishedKeys()), [first.kid, n2.kid].sort(), 'the first key (still signed-for) stays, the unused one does not');
});

t.test('promote without a next key is a conflict; ensureActiveKey promotes a waiting next key', async (t) => {
  const ctx = await setup(t);
  const keys = keysServiceFor(ctx.app);
  let refused: unknown;
  try {
    keys.promoteNext('pass');
  } catch (err) {
    refused = err;
  }
  t.type(refused, Problem);
  t.match(refused, { status: 409, code: 'conflict' });

  // The bundle purpose starts empty: a next key, then ensureActiveKey, activates that one.
  await t.rejects(keys.activeSigner('bundle'), /no active bundle signing key/);
  const next = await keys.addNextKey('bundle');
  const ensured = await keys.ensureActiveKey('bundle');
  t.equal(ensured.kid, next.kid);
  t.equal(ensured.state, 'active');
  t.equal((await keys.activeSigner('bundle')).kid, next.kid);
  t.same(kids(keys.publishedKeys(new Date(), 'bundle')), [next.kid], 'publishedKeys can be narrowed to one purpose');
  t.equal(keys.publishedKeys().keys.length, 2, 'the JWKS carries both purposes');
  t.equal(keys.publishedKeys().keys[0]?.kid, (await keys.activeSigner('pass')).kid, 'pass keys come first');
});

t.test('passSigner signs with the active key and records the expiry first', async (t) => {
  const ctx = await setup(t);
  const keys = keysServiceFor(ctx.app);
  const exp = nowSec() + DAY;
  const { token, kid } = await keys.passSigner({ issuer: 'KSJT' }).sign({ ...input(exp, 'PASS-C'), exp: new Date(exp * 1000) });
  t.equal(kid, (await keys.activeSigner('pass')).kid);
  t.equal(keys.list().find((k) => k.kid === kid)?.lastExp, exp);
  const r = await verifyPass(token, { keys: await jwks(ctx.app), isRevoked: () => false });
  t.ok(r.ok);
});
