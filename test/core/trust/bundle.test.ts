import t from 'tap';
import { signPass, verifyPass } from '../../../src/core/pass/index.js';
import { bundleAgeSec, isNewerBundle, revocationChecker, trustBundleSchema } from '../../../src/core/trust/index.js';
import { HOUR, T0, passKey, payload } from './fixtures.js';

// What verifyBundle and signBundle do with these issues is in verify.test.ts; here, which issue each rule raises.
const issuesOf = (body: unknown) => {
  const r = trustBundleSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};
const [firm] = payload.enterprises as [[string, string, string]];
const withEnterprise = (name: string, phone = firm[2]) => ({ ...payload, enterprises: [[firm[0], name, phone]] });
const withPhone = (phone: string) => withEnterprise(firm[1], phone);

t.test('the fixture is a valid bundle', async (t) => {
  t.same(issuesOf(payload), []);
});

t.test('key sets: every key names its type and kid, none carries a secret', async (t) => {
  const key = passKey.publicJwk;
  t.same(issuesOf({ ...payload, jwks: { keys: [{ ...key, kid: undefined }] } }).map((i) => i.path), [['jwks', 'keys', 0, 'kid']], 'no kid');
  t.same(issuesOf({ ...payload, jwks: { keys: [{ ...key, kty: '' }] } }).map((i) => i.path), [['jwks', 'keys', 0, 'kty']], 'empty kty');
  for (const secret of ['d', 'k', 'p']) {
    t.same(issuesOf({ ...payload, bundleKeys: { keys: [{ ...key, [secret]: 'AAAA' }] } }), [{ path: ['bundleKeys', 'keys', 0], message: 'private or secret key material in a public key set' }], secret);
  }
});

t.test('enterprise names are shown to staff: at most 64 characters, trimmed, no control or format characters', async (t) => {
  t.same(issuesOf(withEnterprise('𠮷'.repeat(64))), [], '64 astral characters');
  t.same(issuesOf(withEnterprise('企'.repeat(65))), [{ path: ['enterprises', 0, 1], message: 'at most 64 characters' }]);
  t.same(issuesOf(withEnterprise(`${firm[1]} `)), [{ path: ['enterprises', 0, 1], message: 'no leading or trailing spaces' }]);
  t.same(issuesOf(withEnterprise(`昆山\u200b示例`)), [{ path: ['enterprises', 0, 1], message: 'no control or format characters' }], 'a zero-width space');
});

t.test('duty phones: a dialable number, optionally with an extension', async (t) => {
  for (const ok of ['0512-57501234', '+86 512 5750 1234', '0512 (5750) 1234', '0512-57501234转1234', '0512-57501234转123456', '13812345678']) {
    t.same(issuesOf(withPhone(ok)), [], ok);
  }
  for (const bad of ['x0512-57501234', '0512-57501234x', '0512-57501234\n', '0512-57501234转', '0512-57501234转1234567', '0512-57501234转分机', 'call me']) {
    t.same(issuesOf(withPhone(bad)), [{ path: ['enterprises', 0, 2], message: 'phone number' }], JSON.stringify(bad));
  }
});

t.test('seq: a counter or a whole base64url content hash', async (t) => {
  t.same(issuesOf({ ...payload, seq: 'c2hhMjU2LWNvbnRlbnQtaGFzaA' }), []);
  for (const seq of ['=c2hhMjU2', 'c2hhMjU2=', 'c2hhMjU2\n', 'short']) {
    const issues = trustBundleSchema.safeParse({ ...payload, seq }).error?.issues ?? [];
    t.equal(issues.length, 1, JSON.stringify(seq));
    // A union reports each branch; the string branch says what it expected.
    t.match(JSON.stringify(issues[0]), seq === 'short' ? /"path":\["seq"\]/ : /base64url hash/, JSON.stringify(seq));
  }
});

t.test('exp after iat; each enterprise once', async (t) => {
  t.same(issuesOf({ ...payload, exp: payload.iat }), [{ path: ['exp'], message: 'exp must be after iat' }]);
  t.same(issuesOf({ ...payload, enterprises: [firm, [firm[0], '另一个名称', '0512-1234567']] }), [{ path: ['enterprises'], message: 'an enterprise is listed twice' }]);
});

t.test('bundleAgeSec: seconds since iat, from a Date or epoch seconds', async (t) => {
  t.equal(bundleAgeSec({ iat: T0 }, new Date((T0 + HOUR) * 1000 + 999)), HOUR);
  t.equal(bundleAgeSec({ iat: T0 }, T0 + HOUR), HOUR);
  t.equal(bundleAgeSec({ iat: T0 }, new Date((T0 - 5) * 1000)), 0, 'never negative');
});

t.test('isNewerBundle: counters only when both are counters, else the later iat', async (t) => {
  t.equal(isNewerBundle({ iat: T0 + 10, seq: 1 }, { iat: T0, seq: 'hashA-xxxxxx' }), true, 'counter after hash: by iat');
  t.equal(isNewerBundle({ iat: T0 + 10, seq: 'hashB-xxxxxx' }, { iat: T0, seq: 4 }), true, 'hash after counter: by iat');
  t.equal(isNewerBundle({ iat: T0, seq: 9 }, { iat: T0 + 10, seq: 'hashA-xxxxxx' }), false, 'an older iat, whatever the counter');
});

t.test("revocationChecker: the bundle's list, no more and no less", async (t) => {
  const isRevoked = revocationChecker({ passNos: ['Q7mZ2xKp9A', 'Z9yX8wV7uT'] });
  t.equal(isRevoked('Q7mZ2xKp9A'), true);
  t.equal(isRevoked('Z9yX8wV7uT'), true);
  t.equal(isRevoked('A1b2C3d4E5'), false, 'a pass not on the list');
  // verifyPass treats anything but `false` as revoked, so a checker that answered nothing would refuse every pass.
  const pass = await signPass(
    { jti: 'A1b2C3d4E5', plate: '苏E12345', driver: { name: '张建国', id4: '002X' }, enterprise: { uscc: '91350100M000100Y43' }, origin: '320583', nbf: T0, exp: T0 + 14 * 86400 },
    { privateKey: passKey.privateKey, kid: passKey.kid, issuer: 'KSJT' },
  );
  t.match(await verifyPass(pass, { keys: { keys: [passKey.publicJwk] }, now: T0 + HOUR, isRevoked }), { ok: true });
});
