import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';

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
  ctx.repos.ruleSets.insert({
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
