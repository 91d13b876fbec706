import t, { type Test } from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';
import { creditCode } from '../../helpers/credit-code.js';
import { issuedPass } from '../../helpers/fleet.js';

// The evaluate path keeps parsed rule sets and imported keys in memory: what they are keyed on must make
// every change visible to the very next request.
const body = { qrText: null, observed: { plate: '苏E12345', people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [] }], staffKeyAreaFlag: false } };

t.test('a revoked API token and a newly published rule set take effect on the next request', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'admin');
  const admin = await loggedIn(ctx.app, 'admin');
  const made = await admin.request('POST', '/api/v1/tokens', { name: 'terminal', role: 'bureau_officer', scopes: ['checks:evaluate'], expiresInDays: 30 });
  t.equal(made.statusCode, 201, made.body);
  const { token, apiToken } = made.json() as { token: string; apiToken: { id: string } };
  const call = () => ctx.app.inject({ method: 'POST', url: '/api/v1/checks/evaluate', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  const first = await call();
  t.equal(first.statusCode, 200, first.body);
  const v1 = (first.json() as { ruleSet: { version: number } }).ruleSet.version;

  const next = v1 + 1;
  // Straight into the database, as another node publishing it would: this node learns of it at its next request.
  await ctx.repos.ruleSets.insert({
    version: next, rules: JSON.stringify({ ...DEFAULT_RULE_SET, version: next }), authorId: null, authorName: 'test', reason: 'test',
    publishedAt: new Date(Date.now() - 1000).toISOString(), effectiveFrom: new Date(Date.now() - 1000).toISOString(),
  });
  const second = await call();
  t.equal(second.statusCode, 200, second.body);
  t.equal((second.json() as { ruleSet: { version: number } }).ruleSet.version, next, 'the new rule set is in force at once');

  const revoked = await admin.request('POST', `/api/v1/tokens/${apiToken.id}/revoke`);
  t.equal(revoked.statusCode, 200, revoked.body);
  t.equal((await call()).statusCode, 401, 'the revoked token is refused at once');
});

/** An admin, an officer-role evaluate token and an approved pass, all through the API. */
async function passWorld(t: Test) {
  const ctx = await setup(t);
  const ent = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(41));
  await ctx.user('enterprise_user', 'a1', ent);
  await ctx.user('bureau_officer', 'officer');
  const adminId = await ctx.user('bureau_admin', 'admin');
  const a1 = await loggedIn(ctx.app, 'a1');
  const officer = await loggedIn(ctx.app, 'officer');
  const admin = await loggedIn(ctx.app, 'admin');
  const id = await issuedPass(t, a1, officer);
  const { qrText } = (await a1.request('GET', `/api/v1/passes/${id}/token`)).json() as { qrText: string };
  const made = await admin.request('POST', '/api/v1/tokens', { name: 'terminal', role: 'bureau_officer', scopes: ['checks:evaluate'], expiresInDays: 30 });
  const { token } = made.json() as { token: string };
  const observed = {
    plate: '苏E12345',
    people: [{ passIndex: 0, id4Matches: true, readings: [36.5], stays: [] }, { passIndex: 1, id4Matches: true, readings: [36.7], stays: [] }],
    staffKeyAreaFlag: false,
  };
  const call = async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/checks/evaluate', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ qrText, observed }) });
    return { status: res.statusCode, body: res.json() as { decision: { decision: string }; pass: { ok: boolean; reason: string | null } } };
  };
  const first = await call();
  t.equal(first.status, 200);
  t.equal(first.body.decision.decision, 'RELEASE', 'a valid pass is released');
  return { ctx, admin, adminId, passId: id, call };
}

t.test("the token creator's account disabled takes effect on the next request, and enabled again too", async (t) => {
  const { admin, ctx, adminId, call } = await passWorld(t);
  // Another administrator disables the token's creator: the token acts as its creator, so it stops at once.
  await ctx.user('bureau_admin', 'admin2');
  const admin2 = await loggedIn(ctx.app, 'admin2');
  t.equal((await admin2.request('POST', `/api/v1/users/${adminId}/disable`)).statusCode, 200);
  t.equal((await call()).status, 401, 'refused once its creator is disabled');
  t.equal((await admin2.request('POST', `/api/v1/users/${adminId}/enable`)).statusCode, 200);
  t.equal((await call()).status, 200, 'accepted again once enabled');
  t.ok(admin);
});

t.test('a revoked pass and a pass key gone from the published set take effect on the next request', async (t) => {
  const { ctx, admin, passId, call } = await passWorld(t);
  t.equal((await admin.request('POST', `/api/v1/passes/${passId}/revoke`, { reason: '车辆已出售' })).statusCode, 200);
  const revoked = await call();
  t.equal(revoked.body.pass.reason, 'revoked', 'the revocation is seen at once');
  t.equal(revoked.body.decision.decision, 'REFUSE');

  // As if the key were withdrawn from another process (the CLI): retired, nothing it signed on record.
  const keys = ctx.app.services.keys;
  const signer = (await keys.list(new Date(), 'pass')).find((k) => k.state === 'active')!;
  await keys.addNextKey('pass');
  await keys.promoteNext('pass');
  await ctx.repos.store.q().updateTable('signing_keys').set({ last_exp: null }).where('kid', '=', signer.kid).execute();
  await ctx.repos.store.q().updateTable('passes').set({ token: null }).where('kid', '=', signer.kid).execute();
  const gone = await call();
  t.equal(gone.status, 200);
  t.same([gone.body.pass.ok, gone.body.pass.reason], [false, 'unknown_kid'], 'the withdrawn key no longer verifies anything');
});
