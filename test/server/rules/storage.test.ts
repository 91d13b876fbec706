import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULE_SET, ruleSetSchema } from '../../../src/core/rules/index.js';
import { regionLevel } from '../../../src/core/validate/index.js';
import { REGION_ENTRIES } from '../../../src/core/validate/region-data.js';
import { repositories, type Repos } from '../../../src/server/repositories.js';
import { testStore } from '../../helpers/app.js';
import { refusedWith } from '../../helpers/engines.js';
import { countRows } from '../../helpers/rows.js';
import { coveredCounties, EPOCH, rulesService } from '../../../src/server/features/rules/service.js';
import { actorUserId, type ActedBy } from '../../../src/server/security/actor.js';
import { Problem } from '../../../src/server/problem.js';

async function fresh(t: Test): Promise<{ repos: Repos; admin: ActedBy }> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-rules-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Teardowns run in reverse: the store closes before its folder goes.
  const repos = repositories(await testStore(t, dir), { dataDir: dir });
  const user = await repos.users.insert({ username: 'boss', displayName: '王局长', role: 'bureau_admin', enterpriseId: null, passwordHash: 'x', mustChangePassword: false });
  return { repos, admin: { actor: { kind: 'user', user }, ip: '10.0.0.1' } };
}

/** Runs fn and checks it throws a Problem with this status (and a field error on `path`, with `message`, when given). */
async function refused(t: Test, fn: () => unknown, want: { status: number; path?: string; message?: string; detail?: string }, name: string) {
  try {
    await fn();
    t.fail(`${name}: did not throw`);
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    const field = want.path === undefined || e.errors?.some((x) => x.path === want.path && (want.message === undefined || x.message === want.message));
    const detail = want.detail === undefined || e.detail === want.detail;
    t.ok(e.status === want.status && field && detail, name, { status: e.status, errors: e.errors, detail: e.detail });
  }
}

const at = (iso: string) => new Date(iso);
const T1 = at('2020-02-26T02:00:00.000Z'); // 10:00 China time
const HOUR = 3_600_000;

/** The draft with one change, so there is something to publish. */
async function editDraft(svc: ReturnType<typeof rulesService>, admin: ActedBy, change: Record<string, unknown>, now = T1) {
  return await svc.saveDraft(admin, { ...(await svc.getDraft(now)).fields, ...change }, { now });
}

t.test('migration: tables, and published rows are immutable (trigger)', async (t) => {
  const { repos } = await fresh(t);
  const q = () => repos.store.q();
  const tables = (await q().introspection.getTables()).map((r) => r.name);
  t.ok(tables.includes('rule_sets') && tables.includes('rule_set_draft'));
  t.equal(await repos.ruleSets.latest(), undefined, 'the migration itself inserts no version');

  const svc = rulesService(repos);
  t.equal(await svc.ensureInitial({ now: T1 }), true, 'version 1 on an empty database');
  t.equal(await svc.ensureInitial({ now: T1 }), false, 'idempotent');
  t.equal(await rulesService(repos).ensureInitial(), false, 'idempotent across service instances');
  t.equal(await countRows(repos.store, 'rule_sets'), 1);

  await refusedWith(t, () => q().updateTable('rule_sets').set({ reason: 'changed' }).where('version', '=', 1).execute(), /immutable/, 'UPDATE refused');
  await refusedWith(t, () => q().deleteFrom('rule_sets').where('version', '=', 1).execute(), /immutable/, 'DELETE refused');
  // A CHECK failure as either engine words it (docs/database.md, Known differences).
  const check = /CHECK constraint failed|violates check constraint/;
  await refusedWith(
    t,
    () => q().insertInto('rule_sets').values({ version: 2, rules: '{"version":3}', author_name: 'x', reason: 'y', published_at: 'z', effective_from: 'z' }).execute(),
    check,
    'the JSON must carry the row version',
  );
  await refusedWith(t, () => q().insertInto('rule_set_draft').values({ id: 2, rules: '{}', updated_by_name: 'x', updated_at: 'y' }).execute(), check, 'one draft row only');
});

t.test('version 1 is the core default, published by the system and in force from the epoch', async (t) => {
  const { repos } = await fresh(t);
  const svc = rulesService(repos);
  t.throws(() => svc.activeRuleSet(T1), /not loaded/, 'nothing is read before load()');
  await svc.load();
  const v1 = svc.activeRuleSet(T1);
  t.equal(v1.version, 1);
  t.same(v1.keyAreas, ['420000']);
  t.equal(v1.feverThresholdC, DEFAULT_RULE_SET.feverThresholdC);
  t.equal(v1.stayLookbackDays, 14);
  t.equal(v1.trustWarnAgeSec, 86_400);
  // Before the epoch nothing is in force: a typed refusal (409 no_rule_set), never a bare Error (500).
  t.throws(() => svc.activeRuleSet(-1), { name: 'Problem', code: 'no_rule_set', status: 409 });
  t.equal(v1.trustMaxAgeSec, 259_200);
  t.equal(v1.effectiveFrom, EPOCH);
  t.equal(v1.author, 'system');
  t.ok(ruleSetSchema.safeParse(v1).success, 'a valid core RuleSet');
  t.same(svc.scheduledRuleSets(T1), []);
  const audit = (await repos.audit.list({ action: 'rules.publish', limit: 10 }));
  t.equal(audit.length, 1);
  t.match(audit[0], { actorType: 'system', subjectType: 'rule_set', subjectId: '1' });
});

t.test('publish creates a new immutable version with author, time and reason; audited with a diff', async (t) => {
  const { repos, admin } = await fresh(t);
  const svc = rulesService(repos);
  await svc.load({ now: T1 });

  const draft = await editDraft(svc, admin, { keyAreas: ['420000', '330300'], feverThresholdC: 37.5 });
  t.equal(draft.nextVersion, 2);
  t.same(draft.fields.keyAreas, ['330300', '420000'], 'key areas kept sorted');
  t.equal(svc.activeRuleSet(T1).version, 1, 'a draft changes nothing in force');

  await refused(t, () => svc.publish(admin, { reason: '  ' }, { now: T1 }), { status: 400, path: 'reason', message: 'rules.err.reason' }, 'a reason is required');

  const later = new Date(T1.getTime() + HOUR);
  const v2 = await svc.publish(admin, { reason: '温州市列为重点地区(2020-02-02 通知)' }, { now: later });
  t.equal(v2.version, 2);
  t.equal(v2.status, 'active');
  t.equal(v2.authorId, actorUserId(admin.actor));
  t.equal(v2.authorName, '王局长');
  t.equal(v2.ruleSet.author, '王局长');
  t.equal(v2.ruleSet.reason, '温州市列为重点地区(2020-02-02 通知)');
  t.equal(v2.ruleSet.publishedAt, later.toISOString());
  t.equal(v2.ruleSet.effectiveFrom, later.toISOString(), 'default: in force from now');
  t.equal(v2.ruleSet.feverThresholdC, 37.5);
  t.same(svc.activeRuleSet(later).keyAreas, ['330300', '420000']);
  t.equal(svc.activeRuleSet(T1).version, 1, 'before its time, version 1 was in force');

  const row = (await repos.ruleSets.get(2))!;
  t.match(row, { version: 2, authorId: actorUserId(admin.actor), authorName: '王局长', reason: v2.ruleSet.reason, publishedAt: later.toISOString() });

  const audit = (await repos.audit.list({ action: 'rules.publish', limit: 10 }))[0]!;
  t.match(audit, { actorType: 'user', actorId: actorUserId(admin.actor), actorName: 'boss', subjectId: '2', reason: v2.ruleSet.reason, ip: '10.0.0.1' });
  t.match(audit.detail, { version: 2, previous: 1, keyAreasAdded: ['330300'], keyAreasRemoved: [], changes: [{ field: 'feverThresholdC', from: 37.3, to: 37.5 }] });

  t.equal((await svc.getDraft(later)).updatedAt, null, 'the draft is a fresh copy after publishing');
  t.same((await svc.getDraft(later)).fields.keyAreas, ['330300', '420000']);
  await refused(t, () => svc.publish(admin, { reason: 'again' }, { now: later }), { status: 409, detail: 'rules.err.no_changes' }, 'nothing to publish: no field applies, the detail says why');
  t.same(svc.list(later).map((v) => [v.version, v.status]), [[2, 'active'], [1, 'superseded']]);
});

t.test('a scheduled version becomes active only at its time', async (t) => {
  const { repos, admin } = await fresh(t);
  const svc = rulesService(repos);
  await svc.load({ now: T1 });
  await editDraft(svc, admin, { keyAreas: [] });
  const when = '2020-02-27T00:00:00+08:00';
  const whenMs = Date.parse(when);

  await refused(
    t,
    () => svc.publish(admin, { reason: 'r', effectiveFrom: '2020-02-25T00:00:00+08:00' }, { now: T1 }),
    { status: 400, path: 'effectiveFrom', message: 'rules.err.effective_past' },
    'not in the past',
  );
  const v2 = await svc.publish(admin, { reason: '湖北省解除重点疫区', effectiveFrom: when }, { now: T1 });
  t.equal(v2.status, 'scheduled');
  t.equal(v2.ruleSet.effectiveFrom, new Date(when).toISOString());

  t.equal(svc.activeRuleSet(T1).version, 1);
  t.equal(svc.activeRuleSet(whenMs - 1).version, 1, 'one millisecond before: still version 1');
  t.equal(svc.activeRuleSet(whenMs).version, 2, 'at its time: version 2');
  t.equal(svc.activeRuleSet(new Date(whenMs + HOUR)).version, 2);
  t.same(svc.scheduledRuleSets(T1).map((r) => r.version), [2]);
  t.same(svc.scheduledRuleSets(whenMs).map((r) => r.version), [], 'no longer scheduled once in force');
  t.same(svc.list(T1).map((v) => [v.version, v.status]), [[2, 'scheduled'], [1, 'active']]);
  t.same(svc.list(new Date(whenMs)).map((v) => [v.version, v.status]), [[2, 'active'], [1, 'superseded']]);

  // The next draft starts from the scheduled version, and cannot be scheduled before it.
  t.same((await svc.getDraft(T1)).fields.keyAreas, [], 'draft starts from the newest version');
  t.equal((await svc.getDraft(T1)).activeVersion, 1);
  await editDraft(svc, admin, { keyAreas: ['420100'] });
  await refused(
    t,
    () => svc.publish(admin, { reason: 'r' }, { now: T1 }),
    { status: 409, path: 'effectiveFrom', message: 'rules.err.effective_before_scheduled' },
    'not before a version already scheduled',
  );
  const v3 = await svc.publish(admin, { reason: '武汉市仍为重点地区', effectiveFrom: when }, { now: T1 });
  t.equal(svc.activeRuleSet(whenMs).version, 3, 'same effective time: the higher version wins');
  t.equal(v3.version, 3);
});

t.test('draft validation: bounds and the core orderings, as field errors', async (t) => {
  const { repos, admin } = await fresh(t);
  const svc = rulesService(repos);
  await svc.load({ now: T1 });
  const base = (await svc.getDraft(T1)).fields;
  const fails = (change: Record<string, unknown>, path: string, message: string) =>
    refused(t, () => svc.saveDraft(admin, { ...base, ...change }, { now: T1 }), { status: 400, path, message }, `${JSON.stringify(change)} → ${path}: ${message}`);
  await fails({ feverThresholdC: 45 }, 'feverThresholdC', 'rules.err.feverThresholdC');
  await fails({ feverThresholdC: 'hot' }, 'feverThresholdC', 'rules.err.feverThresholdC');
  await fails({ plausibleMaxC: 39, feverThresholdC: 39.5 }, 'feverThresholdC', 'rules.err.threshold_order');
  await fails({ trustWarnAgeSec: 7200, trustMaxAgeSec: 3600 }, 'trustWarnAgeSec', 'rules.err.trust_order');
  await fails({ stayLookbackDays: 1.5 }, 'stayLookbackDays', 'rules.err.stayLookbackDays');
  await fails({ keyAreas: ['42'] }, 'keyAreas.0', 'rules.err.keyAreas');
  await fails({ keyAreas: ['420100', '420100'] }, 'keyAreas', 'rules.err.keyAreas_duplicate');
  await refused(t, () => svc.addKeyArea(admin, '999999', { now: T1 }), { status: 400, path: 'code', message: 'region.unknown' }, 'only codes from the region table');
  t.equal(await repos.ruleSets.draft(), undefined, 'nothing stored');
  t.equal((await repos.audit.list({ action: 'rules.draft_save', limit: 5 })).length, 0);

  await svc.addKeyArea(admin, '420100', { now: T1 });
  t.same((await svc.getDraft(T1)).fields.keyAreas, ['420000', '420100']);
  await svc.addKeyArea(admin, '420100', { now: T1 });
  t.same((await svc.getDraft(T1)).fields.keyAreas, ['420000', '420100'], 'adding twice changes nothing');
  await svc.removeKeyArea(admin, '420000', { now: T1 });
  t.same((await svc.getDraft(T1)).fields.keyAreas, ['420100']);
  t.equal((await repos.audit.list({ action: 'rules.draft_save', limit: 5 })).length, 2, 'each change audited once');
  await svc.discardDraft(admin, { now: T1 });
  t.same((await svc.getDraft(T1)).fields.keyAreas, ['420000'], 'discarded: back to the newest version');
});

t.test('compare lists added and removed key areas with names', async (t) => {
  const { repos, admin } = await fresh(t);
  const svc = rulesService(repos);
  await svc.load({ now: T1 });
  await editDraft(svc, admin, { keyAreas: ['420100', '330300'], stayLookbackDays: 21 });
  const c = await svc.compare(1, 'draft');
  t.same(c.keyAreasAdded.map((r) => [r.code, r.name]), [['330300', '温州市'], ['420100', '武汉市']]);
  t.same(c.keyAreasRemoved.map((r) => [r.code, r.name, r.level]), [['420000', '湖北省', 'province']]);
  t.equal(c.keyAreasAdded[1]!.fullName, '湖北省 武汉市');
  t.same(c.changes, [{ field: 'stayLookbackDays', from: 14, to: 21 }]);
  t.equal(c.countiesFrom, coveredCounties(['420000']));
  t.equal(c.countiesTo, coveredCounties(['420100', '330300']));
  const d = (await svc.getDraft(T1)).comparedWithActive;
  t.same(d.keyAreasAdded.map((r) => r.code), ['330300', '420100'], 'the draft page compares with the active version');
  await refused(t, () => svc.compare(1, 99), { status: 404 }, 'unknown version');
});

t.test('coveredCounties counts county-level codes of the region table', async (t) => {
  const hubeiCounties = REGION_ENTRIES.filter(([code]) => code.startsWith('42') && regionLevel(code) === 'county').length;
  const wuhanCounties = REGION_ENTRIES.filter(([code]) => code.startsWith('4201') && regionLevel(code) === 'county').length;
  t.ok(hubeiCounties > 100, `${hubeiCounties} county-level units in Hubei`);
  t.equal(coveredCounties(['420000']), hubeiCounties);
  t.equal(coveredCounties(['420100']), wuhanCounties);
  t.ok(coveredCounties(['420100']) < coveredCounties(['420000']));
  t.equal(coveredCounties(['420000', '420100']), hubeiCounties, 'overlaps counted once');
  t.equal(coveredCounties(['429004']), 1, '仙桃, a county-level city directly under the province');
  t.equal(coveredCounties([]), 0);
});

t.test('two nodes: a version one publishes is read by the other from its next refresh', async (t) => {
  const { repos, admin } = await fresh(t);
  const a = rulesService(repos);
  const b = rulesService(repos);
  await a.load({ now: T1 });
  await b.load({ now: T1 });
  await editDraft(a, admin, { keyAreas: ['420100'] });
  const later = new Date(T1.getTime() + HOUR);
  t.equal((await a.publish(admin, { reason: '武汉市', effectiveFrom: later.toISOString() }, { now: T1 })).version, 2);
  t.equal(a.activeRuleSet(later).version, 2, 'the publishing node at once');
  t.equal(b.activeRuleSet(later).version, 1, 'the other still reads its snapshot');
  t.equal(b.get(2), undefined);
  await b.refresh();
  t.equal(b.activeRuleSet(later).version, 2, 'after its refresh');
  t.same(b.list(later).map((v) => v.version), [2, 1]);
  t.same(b.scheduledRuleSets(T1).map((r) => r.version), [2]);
  await b.refresh();
  t.same(b.list(later).map((v) => v.version), [2, 1], 'a refresh with nothing new adds nothing');

  // The other node publishes next without having refreshed: its transaction reads the newest version itself.
  await editDraft(b, admin, { keyAreas: ['420100', '330300'] }, later);
  t.equal((await b.publish(admin, { reason: '温州市' }, { now: later })).version, 3, 'numbered after the other node’s');
});

t.test('refreshes that overlap: one read runs and one waits behind it, and the waiting one sees what committed meanwhile', async (t) => {
  const { repos, admin } = await fresh(t);
  const publisher = rulesService(repos);
  await publisher.load({ now: T1 });
  // The reader's repository is the real one; only its `after` is held open, so the test decides when the first read ends.
  let reads = 0;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const after = repos.ruleSets.after.bind(repos.ruleSets);
  // Over the real repositories (as prototype, not spread: spreading would read repos.db, which throws on PostgreSQL).
  const reader = rulesService(Object.assign(Object.create(repos) as Repos, { ruleSets: { ...repos.ruleSets, after: async (v: number) => {
    reads += 1;
    const rows = await after(v);
    if (reads === 2) await held; // the first read after load(): it has read, and has not answered yet
    return rows;
  } } }));
  await reader.load({ now: T1 });
  t.equal(reads, 1, 'load reads once');

  const first = reader.refresh(); // reads now, before version 2 exists
  await new Promise((r) => setImmediate(r));
  t.equal(reads, 2, 'the first refresh has read');
  await editDraft(publisher, admin, { keyAreas: ['420100'] });
  t.equal((await publisher.publish(admin, { reason: '武汉市' }, { now: T1 })).version, 2);
  // Three callers arrive while the first read is open: they must see version 2, and share one read.
  const waiting = [reader.refresh(), reader.refresh(), reader.refresh()];
  t.equal(reads, 2, 'no second read while the first is open');
  release();
  await first;
  await Promise.all(waiting);
  t.equal(reads, 3, 'one more read, shared by the three');
  t.same(reader.list(T1).map((v) => v.version), [2, 1], 'the waiting callers see the version committed during the first read');
  await reader.refresh();
  t.equal(reads, 4, 'with nothing open, a refresh reads at once');
});
