import t, { type Test } from 'tap';
import { base64url } from 'jose';
import { gunzipSync } from 'node:zlib';
import type { JSONWebKeySet } from 'jose';
import { setup, type TestContext } from '../../helpers/app.js';
import { loggedIn, type Client } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../../../src/core/rules/index.js';
import {
  DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC,
  applyRevocationDelta,
  enterpriseDirectory,
  isNewerBundle,
  revocationChecker,
  verifyBundle,
  type TrustBundle,
} from '../../../src/core/trust/index.js';
import { BUNDLE_MAX_AGE_SEC, trustService, type RuleSetSource } from '../../../src/server/features/trust/service.js';
import { trustRepo } from '../../../src/server/features/trust/repository.js';
import { addRevocation } from './fixtures.js';

interface BundleBody {
  bundle: string;
  etag: string;
  seq: number;
}
interface KeyInfo {
  kid: string;
  purpose: 'pass' | 'bundle';
  state: string;
}

const A_CODE = creditCode(11);
const B_CODE = creditCode(12);
const C_CODE = creditCode(13);

/** An issued pass of the enterprise user's enterprise, through the API as people would do it. */
async function issuePass(ent: Client, officer: Client, plate: string, tag: string): Promise<{ id: number; passNo: string }> {
  const crew = await fleet(ent, plate, tag);
  const created = await ent.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  if (created.statusCode !== 201) throw new Error(`apply: ${created.statusCode} ${created.body}`);
  const { id } = created.json() as { id: number };
  const submitted = await ent.request('POST', `/api/v1/passes/${id}/submit`);
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const approved = await officer.request('POST', `/api/v1/passes/${id}/approve`);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  return { id, passNo: (approved.json() as { passNo: string }).passNo };
}

/** Decodes without verifying: only for looking at what a test just verified. */
function payloadOf(jws: string): TrustBundle {
  return JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1]!))) as TrustBundle;
}

async function world(t: Test) {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', A_CODE, 'approved');
  const b = await ctx.enterprise('昆山待备案物流有限公司', B_CODE, 'registered');
  await ctx.enterprise('昆山已暂停运输有限公司', C_CODE, 'suspended');
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('bureau_officer', 'officer');
  await ctx.user('bureau_admin', 'admin');
  const ent = await loggedIn(ctx.app, 'a1', { remoteAddress: '10.9.0.1' });
  const officer = await loggedIn(ctx.app, 'officer', { remoteAddress: '10.9.0.2' });
  const admin = await loggedIn(ctx.app, 'admin', { remoteAddress: '10.9.0.3' });
  return { ctx, a, b, ent, officer, admin };
}

/** The bundle keys a device would pin: taken from the public JWKS by the kid the administrator shows for purpose 'bundle'. */
async function pinnedBundleKeys(admin: Client): Promise<JSONWebKeySet> {
  const jwks = (await admin.request('GET', '/.well-known/jwks.json')).json() as JSONWebKeySet;
  const bundleKids = new Set(((await admin.request('GET', '/api/v1/keys')).json() as KeyInfo[]).filter((k) => k.purpose === 'bundle').map((k) => k.kid));
  return { keys: jwks.keys.filter((k) => bundleKids.has(k.kid!)) };
}

async function getBundle(c: Client, etag?: string) {
  return c.request('GET', '/api/v1/trust/bundle', undefined, etag ? { 'if-none-match': etag } : {});
}

t.test('the bundle verifies with the pinned bundle key and holds the expected data', async (t) => {
  const { ctx, ent, officer, admin } = await world(t);
  const live = await issuePass(ent, officer, '苏E12345', '1');
  const revoked = await issuePass(ent, officer, '苏E23456', '2');
  t.equal((await officer.request('POST', `/api/v1/passes/${revoked.id}/revoke`, { reason: '车辆已出售' })).statusCode, 200);
  // A revocation whose pass expired long ago: the pass's own exp refuses it, so the bundle need not list it.
  await addRevocation(ctx, 'EXPRD23456', Math.floor(Date.now() / 1000) - 86_400);

  const res = await getBundle(officer);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /application\/json/);
  t.match(String(res.headers['cache-control']), /no-cache/);
  const body = res.json() as BundleBody;
  t.equal(res.headers.etag, body.etag, 'ETag header and body agree');
  t.match(body.etag, /^"\d+-[A-Za-z0-9_-]{22}"$/);

  const trustedKeys = await pinnedBundleKeys(admin);
  t.equal(trustedKeys.keys.length, 1, 'one bundle key published');
  const verified = await verifyBundle(body.bundle, { trustedKeys });
  t.ok(verified.ok, verified.ok ? 'verifies' : verified.reason);
  if (!verified.ok) return;
  const bundle = verified.bundle;
  t.equal(verified.kid, trustedKeys.keys[0]!.kid);
  t.equal(bundle.seq, body.seq);
  t.equal(bundle.exp - bundle.iat, BUNDLE_MAX_AGE_SEC, 'exp = iat + maximum age');
  t.ok(Math.abs(bundle.iat - Date.now() / 1000) < 60, 'issued now');
  t.equal(bundle.iss, 'KSJT');

  t.same(bundle.enterprises, [[A_CODE, '昆山锦程精密机械有限公司', '051257001234']], 'approved enterprises only');
  t.same(enterpriseDirectory(bundle).get(A_CODE)?.dutyPhone, '051257001234');
  t.notMatch(JSON.stringify(bundle), /张建国|李卫东|13812345678|前进东路/, 'no people, phones of people or addresses');

  t.equal(bundle.revocations.version, await ctx.repos.passes.revocationVersion(), 'revocation version is the feed version');
  t.same(bundle.revocations.passNos, [revoked.passNo], 'revoked and unexpired only');
  const isRevoked = revocationChecker(bundle.revocations);
  t.ok(isRevoked(revoked.passNo));
  t.notOk(isRevoked(live.passNo));

  const active = (await officer.request('GET', '/api/v1/rules/active')).json() as { ruleSet: RuleSet };
  t.same(bundle.ruleSets.active, active.ruleSet, 'the active rule set, as published');
  t.same(bundle.ruleSets.active.keyAreas, DEFAULT_RULE_SET.keyAreas);
  t.same(bundle.ruleSets.scheduled, []);

  const keys = ((await admin.request('GET', '/api/v1/keys')).json() as KeyInfo[]);
  t.same(bundle.jwks.keys.map((k) => k.kid), keys.filter((k) => k.purpose === 'pass').map((k) => k.kid), 'pass keys only in jwks');
  t.same(bundle.bundleKeys?.keys.map((k) => k.kid), [verified.kid], 'bundle keys announced');

  // The pass keys in the bundle verify an issued pass (what a scanner does with them).
  const { token } = (await ent.request('GET', `/api/v1/passes/${live.id}/token`)).json() as { token: string };
  const { verifyPass } = await import('../../../src/core/pass/index.js');
  t.ok((await verifyPass(token, { keys: bundle.jwks, isRevoked })).ok, 'a pass verifies with the bundle jwks');

  // A pass key is not a bundle key, even though both are in the one JWKS.
  const passKeyOnly = { keys: ((await admin.request('GET', '/.well-known/jwks.json')).json() as JSONWebKeySet).keys.filter((k) => !trustedKeys.keys.some((b) => b.kid === k.kid)) };
  const wrongKey = await verifyBundle(body.bundle, { trustedKeys: passKeyOnly });
  t.equal(!wrongKey.ok && wrongKey.reason, 'unknown_kid', 'refused with the pass key');
});

t.test('a tampered or expired bundle is rejected by the shared verifier', async (t) => {
  const { officer, admin } = await world(t);
  const { bundle: jws } = (await getBundle(officer)).json() as BundleBody;
  const trustedKeys = await pinnedBundleKeys(admin);
  const good = await verifyBundle(jws, { trustedKeys });
  t.ok(good.ok);
  if (!good.ok) return;

  // One byte of the signed JSON changed (the seq digit), re-encoded canonically: only the signature can tell.
  const [h, p, s] = jws.split('.') as [string, string, string];
  const bytes = base64url.decode(p);
  const at = new TextDecoder().decode(bytes).indexOf('"seq":') + 6;
  bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
  const tampered = `${h}.${base64url.encode(bytes)}.${s}`;
  t.not(tampered, jws);
  const r1 = await verifyBundle(tampered, { trustedKeys });
  t.equal(!r1.ok && r1.reason, 'bad_signature', 'one payload byte changed');

  // Every single-byte change of the JWS text is refused (a sample across header, payload and signature).
  const positions = [0, 5, h.length + 1, h.length + 50, Math.floor(jws.length / 2), jws.length - s.length + 3, jws.length - 1];
  for (const i of positions) {
    const c = jws[i]!;
    const swapped = jws.slice(0, i) + (c === 'A' ? 'B' : 'A') + jws.slice(i + 1);
    const r = await verifyBundle(swapped, { trustedKeys });
    t.notOk(r.ok, `byte ${i} changed: refused (${r.ok ? 'ok' : r.reason})`);
  }

  // Expired: verified after exp (beyond the clock tolerance).
  const { iat, exp } = good.bundle;
  t.ok((await verifyBundle(jws, { trustedKeys, now: exp - 1 })).ok, 'valid until its exp');
  const expired = await verifyBundle(jws, { trustedKeys, now: exp + DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC });
  t.equal(!expired.ok && expired.reason, 'expired', 'refused once past exp');
  const early = await verifyBundle(jws, { trustedKeys, now: iat - DEFAULT_BUNDLE_CLOCK_TOLERANCE_SEC - 1 });
  t.equal(!early.ok && early.reason, 'not_yet_valid');
});

t.test('ETag: 304 while nothing changed; a new ETag after a revocation or an approval', async (t) => {
  const { ctx, b, ent, officer } = await world(t);
  const pass = await issuePass(ent, officer, '苏E12345', '1');

  const first = await getBundle(officer);
  const etag = String(first.headers.etag);
  const notModified = await getBundle(officer, etag);
  t.equal(notModified.statusCode, 304, 'If-None-Match with the current ETag');
  t.equal(notModified.body, '', 'no body');
  t.equal(notModified.headers.etag, etag);
  t.equal((await getBundle(officer, `"other", W/${etag}`)).statusCode, 304, 'a list, weak comparison');
  t.equal((await getBundle(officer, '"stale"')).statusCode, 200, 'another ETag gets the bundle');
  t.equal((await getBundle(officer)).headers.etag, etag, 'unchanged state, same ETag');
  t.equal((await getBundle(ent, etag)).statusCode, 304, 'an enterprise user gets the same bundle');

  // Revocation.
  t.equal((await officer.request('POST', `/api/v1/passes/${pass.id}/revoke`, { reason: '企业申请注销' })).statusCode, 200);
  const afterRevoke = await getBundle(officer, etag);
  t.equal(afterRevoke.statusCode, 200, 'changed after a revocation');
  const revokedBody = afterRevoke.json() as BundleBody;
  t.not(revokedBody.etag, etag);
  t.ok(revokedBody.seq > (first.json() as BundleBody).seq, 'seq moves forward');
  t.ok(payloadOf(revokedBody.bundle).revocations.passNos.includes(pass.passNo));
  t.equal((await getBundle(officer, revokedBody.etag)).statusCode, 304);

  // Enterprise approval (复工备案) adds it to the directory.
  const approved = await officer.request('POST', `/api/v1/enterprises/${b}/status`, { status: 'approved' });
  t.equal(approved.statusCode, 200);
  const afterApproval = await getBundle(officer, revokedBody.etag);
  t.equal(afterApproval.statusCode, 200, 'changed after an approval');
  const approvedBody = afterApproval.json() as BundleBody;
  t.not(approvedBody.etag, revokedBody.etag);
  t.same(payloadOf(approvedBody.bundle).enterprises.map(([uscc]) => uscc), [A_CODE, B_CODE].sort());

  // Changes outside the bundle (an enterprise's address) do not change it.
  await ctx.repos.enterprises.update(b, { name: '昆山待备案物流有限公司', creditCode: B_CODE, address: '昆山市新地址 9 号', regionCode: '320583', dutyPhone: '051257001234' });
  t.equal((await getBundle(officer, approvedBody.etag)).statusCode, 304, 'address is not in the bundle');

  // Summary for the bureau, without the download.
  const summary = await officer.request('GET', '/api/v1/trust/bundle/summary');
  t.equal(summary.statusCode, 200);
  t.match(summary.json(), { seq: approvedBody.seq, etag: approvedBody.etag, activeRuleSet: DEFAULT_RULE_SET.version, enterprises: 2, revoked: 1 });
  t.equal((await ent.request('GET', '/api/v1/trust/bundle/summary')).statusCode, 403, 'summary is for the bureau');
});

t.test('who may fetch the bundle', async (t) => {
  const { ctx } = await world(t);
  const { Client } = await import('../../helpers/client.js');
  const anon = new Client(ctx.app, { remoteAddress: '10.9.1.1' });
  const res = await anon.request('GET', '/api/v1/trust/bundle');
  t.equal(res.statusCode, 401, 'signed-in users and enrolled devices, not the public');
  t.match(res.headers['content-type'], /application\/problem\+json/);
  const policy = ctx.app.routeTable.find((r) => r.method === 'GET' && r.url === '/api/v1/trust/bundle')?.access;
  t.notSame(policy, { kind: 'public' }, 'not public');
  t.same([...((policy as { roles?: readonly string[] } | undefined)?.roles ?? [])].sort(), ['bureau_admin', 'bureau_officer', 'enterprise_user'], 'every signed-in role');
});

t.test('a revocation delta from the bundle version gives the next bundle’s list', async (t) => {
  const { ent, officer, admin } = await world(t);
  const p1 = await issuePass(ent, officer, '苏E12345', '1');
  const p2 = await issuePass(ent, officer, '苏E23456', '2');
  await officer.request('POST', `/api/v1/passes/${p1.id}/revoke`, { reason: '车辆已出售' });
  const trustedKeys = await pinnedBundleKeys(admin);
  const before = await verifyBundle(((await getBundle(officer)).json() as BundleBody).bundle, { trustedKeys });
  if (!before.ok) return t.fail('bundle');

  await officer.request('POST', `/api/v1/passes/${p2.id}/revoke`, { reason: '驾驶员离职' });
  const feed = (await officer.request('GET', `/api/v1/trust/revocations?since=${before.bundle.revocations.version}`)).json() as {
    version: number;
    items: Array<{ version: number; passNo: string }>;
  };
  const applied = applyRevocationDelta(before.bundle.revocations, {
    fromVersion: before.bundle.revocations.version,
    toVersion: feed.version,
    added: feed.items.map((i) => i.passNo),
  });
  t.ok(applied.ok);
  const after = await verifyBundle(((await getBundle(officer)).json() as BundleBody).bundle, { trustedKeys });
  if (!applied.ok || !after.ok) return t.fail('delta or bundle');
  t.equal(applied.revocations.version, after.bundle.revocations.version, 'same version');
  t.same([...applied.revocations.passNos].sort(), after.bundle.revocations.passNos, 'same list (the bundle lists it sorted)');
  t.ok(isNewerBundle(after.bundle, before.bundle), 'the later bundle replaces the earlier one');
  t.notOk(isNewerBundle(before.bundle, after.bundle), 'never the other way round');
});

t.test('bundle key rotation: a device learns the next key from a verified bundle', async (t) => {
  const { officer, admin } = await world(t);
  const pinned = await pinnedBundleKeys(admin);
  const added = await admin.request('POST', '/api/v1/keys/next', { purpose: 'bundle' });
  t.equal(added.statusCode, 201);
  const nextKid = (added.json() as KeyInfo).kid;

  const announcing = await verifyBundle(((await getBundle(officer)).json() as BundleBody).bundle, { trustedKeys: pinned });
  if (!announcing.ok) return t.fail(`announcing bundle: ${announcing.reason}`);
  t.not(announcing.kid, nextKid, 'still signed by the old key');
  t.ok(announcing.bundle.bundleKeys?.keys.some((k) => k.kid === nextKid), 'announces the next key');
  // The device adds the announced keys only after the bundle verified.
  const learned = { keys: [...pinned.keys, ...(announcing.bundle.bundleKeys?.keys ?? [])] };

  t.equal((await admin.request('POST', '/api/v1/keys/promote', { purpose: 'bundle' })).statusCode, 200);
  const rotated = ((await getBundle(officer)).json() as BundleBody).bundle;
  const withLearned = await verifyBundle(rotated, { trustedKeys: learned as JSONWebKeySet });
  t.ok(withLearned.ok && withLearned.kid === nextKid, 'signed by the promoted key, verified with the learned set');
  const withOldOnly = await verifyBundle(rotated, { trustedKeys: pinned });
  t.equal(!withOldOnly.ok && withOldOnly.reason, 'unknown_kid', 'a device that never synced the announcement must re-enrol');
});

t.test('service: cache, refresh age, and a new rule-set version', async (t) => {
  const ctx: TestContext = await setup(t);
  const keys = ctx.app.services.keys;
  let active: RuleSet = { ...DEFAULT_RULE_SET };
  let scheduled: RuleSet[] = [];
  const rules: RuleSetSource = { activeRuleSet: () => active, scheduledRuleSets: () => scheduled };
  const svc = trustService({ repos: ctx.repos, keys, rules });
  const t0 = new Date('2020-02-26T08:00:00+08:00');
  const at = (sec: number) => new Date(t0.getTime() + sec * 1000);

  const b0 = await svc.current(t0);
  t.equal((await svc.current(at(60))).etag, b0.etag, 'cached while unchanged');
  const refresh = svc.refreshAfterSec(active);
  t.equal(refresh, DEFAULT_RULE_SET.trustWarnAgeSec / 2, 'refreshed at half the warning age (12 h by default)');
  const resigned = await svc.current(at(refresh));
  t.not(resigned.etag, b0.etag, 're-signed once the refresh age is reached');
  t.equal(resigned.contentHash, b0.contentHash, 'same content');
  t.ok(resigned.seq > b0.seq && resigned.iat > b0.iat);

  // A new active rule-set version (the rules feature publishing) changes the bundle at once.
  active = { ...DEFAULT_RULE_SET, version: 2, keyAreas: ['420000', '330300'], reason: '增加温州市' };
  const v2 = await svc.current(at(refresh + 10));
  t.not(v2.contentHash, resigned.contentHash);
  t.not(v2.etag, resigned.etag);
  t.equal(payloadOf(v2.jws).ruleSets.active.version, 2);
  scheduled = [{ ...DEFAULT_RULE_SET, version: 3, keyAreas: [], effectiveFrom: '2020-03-10T00:00:00+08:00', reason: '解除' }];
  const v3 = await svc.current(at(refresh + 20));
  t.same(payloadOf(v3.jws).ruleSets.scheduled.map((r) => r.version), [3], 'scheduled rule sets travel too');
  t.same(v3.summary.scheduledRuleSets, [3]);

  // Revocations age out once their pass has expired (plus the clock tolerance), and only then.
  const t0s = Math.floor(t0.getTime() / 1000);
  await addRevocation(ctx, 'AGEOUT2345', t0s + 7200);
  await addRevocation(ctx, 'LATER23456', t0s + 86_400);
  const listed = (sec: number) => svc.buildContent(at(sec)).then((b) => b.content.revocations);
  t.same((await listed(100)).passNos, ['AGEOUT2345', 'LATER23456'], 'listed, sorted');
  t.same((await listed(7200 + 299)).passNos, ['AGEOUT2345', 'LATER23456'], 'still listed within the clock tolerance');
  const aged = await listed(7200 + 300);
  t.same(aged.passNos, ['LATER23456'], 'gone once expired beyond the tolerance');
  t.equal(aged.version, await ctx.repos.passes.revocationVersion(), 'the version still counts every revocation');
  t.same((await listed(200)).passNos, ['AGEOUT2345', 'LATER23456'], 'an earlier time (clock stepped back) lists it again');
  await addRevocation(ctx, 'NEWONE2345', t0s + 86_400);
  t.same((await listed(8000)).passNos, ['LATER23456', 'NEWONE2345'], 'new rows picked up, expired pruned');

  // Concurrent polls after a change share one signing.
  active = { ...active, version: 4 };
  const [x, y] = await Promise.all([svc.current(at(refresh + 30)), svc.current(at(refresh + 30))]);
  t.equal(x.seq, y.seq, 'one seq for concurrent requests');

  // The signing key is kept published for as long as the bundle is valid.
  const bundleKey = (await keys.list(at(0), 'bundle')).find((k) => k.state === 'active')!;
  t.equal(bundleKey.lastExp, x.exp, 'recordSigned(kid, exp)');
});

t.test('done: change the key areas, try a scenario, publish, see the new version in the bundle', async (t) => {
  const { officer, admin } = await world(t);
  const trustedKeys = await pinnedBundleKeys(admin);
  const before = await getBundle(officer);
  const beforeBody = before.json() as BundleBody;
  const v1 = await verifyBundle(beforeBody.bundle, { trustedKeys });
  if (!v1.ok) return t.fail(v1.reason);
  t.equal(v1.bundle.ruleSets.active.version, 1, 'version 1 (Hubei) on a fresh install');

  // 1. An administrator adds Wenzhou (330300) to the draft's key areas.
  const draft = (await admin.request('GET', '/api/v1/rules/draft')).json() as { fields: { keyAreas: string[] } & Record<string, unknown> };
  const saved = await admin.request('PUT', '/api/v1/rules/draft', { ...draft.fields, keyAreas: [...draft.fields.keyAreas, '330300'] });
  t.equal(saved.statusCode, 200, saved.body);
  t.equal((await getBundle(officer, beforeBody.etag)).statusCode, 304, 'a draft is not published: bundle unchanged');

  // 2. The playground scenario: a driver who stayed in Wenzhou last week, Kunshan plate, no pass, no receiver.
  const scenario = (ruleSet: 'active' | 'draft') => ({
    qrText: null,
    observed: {
      plate: '苏E54321',
      people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [{ region: '330302', lastDay: chinaDate(-3) }] }],
      staffKeyAreaFlag: false,
    },
    ruleSet,
  });
  const underActive = (await officer.request('POST', '/api/v1/checks/evaluate', scenario('active'))).json() as { decision: { decision: string } };
  const underDraft = (await officer.request('POST', '/api/v1/checks/evaluate', scenario('draft'))).json() as { decision: { decision: string; ruleSetVersion: number } };
  t.equal(underActive.decision.decision, 'RELEASE', 'active rules: Wenzhou is no key area');
  t.equal(underDraft.decision.decision, 'REFUSE', 'draft rules: a key-area stay without a receiving enterprise');
  t.equal(underDraft.decision.ruleSetVersion, 2, 'the draft is numbered as the version it would become');

  // 3. Publish.
  const published = await admin.request('POST', '/api/v1/rules/draft/publish', { reason: '温州市列为重点疫区' });
  t.equal(published.statusCode, 201, published.body);

  // 4. The bundle carries version 2: new ETag, and the old one no longer answers 304.
  const after = await getBundle(officer, beforeBody.etag);
  t.equal(after.statusCode, 200, 'changed');
  const afterBody = after.json() as BundleBody;
  t.not(afterBody.etag, beforeBody.etag);
  const v2 = await verifyBundle(afterBody.bundle, { trustedKeys });
  if (!v2.ok) return t.fail(v2.reason);
  t.equal(v2.bundle.ruleSets.active.version, 2);
  t.same(v2.bundle.ruleSets.active.keyAreas, ['330300', '420000']);
  t.equal((await getBundle(officer, afterBody.etag)).statusCode, 304, 'and 304 again while nothing changes');
  const nowActive = (await officer.request('POST', '/api/v1/checks/evaluate', scenario('active'))).json() as { decision: { decision: string } };
  t.equal(nowActive.decision.decision, 'REFUSE', 'the online check follows the published version');

  // 5. A version scheduled for later travels in the bundle ahead of time.
  const draft2 = (await admin.request('GET', '/api/v1/rules/draft')).json() as { fields: Record<string, unknown> };
  await admin.request('PUT', '/api/v1/rules/draft', { ...draft2.fields, keyAreas: ['420000'] });
  const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
  t.equal((await admin.request('POST', '/api/v1/rules/draft/publish', { reason: '温州市解除', effectiveFrom: later })).statusCode, 201);
  const scheduled = await getBundle(officer, afterBody.etag);
  t.equal(scheduled.statusCode, 200);
  const v3 = await verifyBundle((scheduled.json() as BundleBody).bundle, { trustedKeys });
  if (!v3.ok) return t.fail(v3.reason);
  t.equal(v3.bundle.ruleSets.active.version, 2, 'still version 2 in force');
  t.same(v3.bundle.ruleSets.scheduled.map((r) => r.version), [3], 'version 3 scheduled');
});

t.test('the bundle is served gzipped to clients that accept it', async (t) => {
  const ctx = await setup(t);
  for (let i = 0; i < 300; i++) await ctx.enterprise(`昆山测试企业${i}有限公司`, creditCode(1000 + i));
  const c = await loggedIn(ctx.app, (await ctx.user('bureau_officer', 'gz'), 'gz'));
  const plain = await c.request('GET', '/api/v1/trust/bundle');
  const gz = await c.request('GET', '/api/v1/trust/bundle', undefined, { 'accept-encoding': 'gzip' });
  t.equal(gz.headers['content-encoding'], 'gzip');
  t.ok(gz.rawPayload.length < plain.rawPayload.length / 2, `${gz.rawPayload.length} < ${plain.rawPayload.length} / 2`);
  t.equal(gunzipSync(gz.rawPayload).toString(), plain.body, 'same content');
  const session = await c.request('GET', '/api/v1/session', undefined, { 'accept-encoding': 'gzip' });
  t.notOk(session.headers['content-encoding'], 'responses with CSRF tokens are never compressed');
});

t.test('several nodes on one database serve one bundle: one issue number and one ETag for the same content', async (t) => {
  const ctx: TestContext = await setup(t);
  const keys = ctx.app.services.keys;
  const rules: RuleSetSource = { activeRuleSet: () => DEFAULT_RULE_SET, scheduledRuleSets: () => [] };
  const a = trustService({ repos: ctx.repos, keys, rules });
  const b = trustService({ repos: ctx.repos, keys, rules });
  const t0 = new Date('2020-02-26T08:00:00+08:00');
  const at = (sec: number) => new Date(t0.getTime() + sec * 1000);
  const seqNow = async () => Number((await ctx.repos.store.q().selectFrom('settings').select('value').where('key', '=', 'trust.bundle.seq').executeTakeFirst())?.value ?? 0);

  const fromA = await a.current(t0);
  const issued = await seqNow();
  const fromB = await b.current(at(5));
  t.equal(fromB.etag, fromA.etag, 'B serves the bundle A signed');
  t.equal(fromB.jws, fromA.jws, 'byte for byte');
  t.equal(await seqNow(), issued, 'B signed nothing');

  // A change: whichever node sees it first signs; the other serves that one, not an issue of its own.
  await addRevocation(ctx, 'NODEB23456', 2_000_000_000);
  const changedB = await b.current(at(10));
  t.not(changedB.contentHash, fromA.contentHash);
  t.ok(changedB.seq > fromA.seq);
  const changedA = await a.current(at(11));
  t.equal(changedA.etag, changedB.etag, 'A serves what B signed for the new content');
  t.equal(changedA.seq, changedB.seq);

  // Both sign at once (neither finds a current one stored): the higher issue is stored, and from then on both serve it.
  await addRevocation(ctx, 'BOTH234567', 2_000_000_000);
  const [x, y] = await Promise.all([a.current(at(20)), b.current(at(20))]);
  t.equal(x.contentHash, y.contentHash);
  const stored = await ctx.repos.store.q().selectFrom('trust_bundle_current').select(['seq', 'etag']).executeTakeFirstOrThrow();
  t.equal(stored.seq, Math.max(x.seq, y.seq), 'the higher of the two is stored');
  t.equal((await a.current(at(30))).etag, stored.etag);
  t.equal((await b.current(at(30))).etag, stored.etag, 'and both nodes serve it');
  // A node never serves a lower issue than one it served before for the same content.
  t.ok((await a.current(at(31))).seq >= x.seq);
  t.ok((await b.current(at(31))).seq >= y.seq);

  // The race the order cannot prevent: a node read the content before a change but took its number after
  // another node's, so the higher issue holds the older content. The next poll signs the newer content
  // again above it, so a scanner that took the higher issue is not stuck with it.
  const current = await a.current(at(40));
  const repo = trustRepo(ctx.repos.store);
  const older = { ...fromA, seq: await repo.nextSeq('trust.bundle.seq', current.seq + 100), etag: '"older"', iat: Math.floor(at(40).getTime() / 1000) };
  t.ok(await repo.storeIfNewer(older), 'a higher issue of older content is stored');
  const next = await b.current(at(41));
  t.equal(next.contentHash, current.contentHash, 'the current content');
  t.ok(next.seq > older.seq, 'signed again above it');
  t.equal((await a.current(at(42))).etag, next.etag, 'and served by both');
});
