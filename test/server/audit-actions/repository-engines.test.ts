// The action log's repository on both engines (issue 16): every method, the same rows on SQLite and PostgreSQL
// for the same seeded log, keyset pages through ties of `at` walked to the end.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { auditActionsRepo, type ActionFilter } from '../../../src/server/features/audit-actions/repository.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';

interface Entry {
  seq: number;
  at: string;
  actor_type: 'user' | 'device' | 'system';
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  enterprise_id: number | null;
  detail: string;
  pd: string | null;
}

const DAY1 = '2026-11-10';
/** at of the i-th entry: runs of three entries share one instant (recordMany), across two China days. */
const atOf = (i: number) => new Date(Date.parse(`${DAY1}T10:00:00.000Z`) + Math.floor(i / 3) * 3 * 3_600_000).toISOString();

/** 40 entries: every other one a device event; users 1–2 act on passes; an escort handover with personal members. */
function entries(ids: { alice: number; bob: number; entA: number; entB: number }): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < 40; i++) {
    const seq = i + 1;
    const base = { seq, at: atOf(i), reason: null, pd: null as string | null };
    if (i % 2 === 0) {
      out.push({ ...base, actor_type: 'device', actor_id: null, actor_name: `dev${i % 3}`, action: 'device.event', subject_type: 'event', subject_id: `ev-${seq}`, enterprise_id: null, detail: '{}' });
    } else if (i % 7 === 1) {
      out.push({ ...base, actor_type: 'system', actor_id: null, actor_name: 'cli', action: 'enterprise.status.suspended', subject_type: 'enterprise', subject_id: String(ids.entB), enterprise_id: ids.entB, detail: '{"from":"approved","to":"suspended"}' });
    } else if (i % 5 === 3) {
      out.push({ ...base, actor_type: 'user', actor_id: ids.bob, actor_name: 'Bob', action: 'escort.handover', subject_type: 'escort_request', subject_id: `${seq}`, enterprise_id: ids.entA, detail: '{"handoverEventId":"h"}', pd: 'x' });
    } else {
      const user = i % 4 === 1 ? ids.alice : ids.bob;
      out.push({ ...base, actor_type: 'user', actor_id: user, actor_name: user === ids.alice ? 'alice' : 'Bob', action: i % 3 === 0 ? 'pass.revoke' : 'pass.issue', subject_type: 'pass', subject_id: `P${i % 4}`, enterprise_id: ids.entA, detail: '{"kid":"k1"}' });
    }
  }
  return out;
}

async function seed(store: Store) {
  const q = store.q();
  const entA = await insertEnterprise(store, '甲物流有限公司', 1);
  const entB = await insertEnterprise(store, '乙物流有限公司', 2);
  const user = async (username: string, role: string, enterpriseId: number | null = null) =>
    (await q.insertInto('users').values({ username, display_name: `${username} (display)`, role, enterprise_id: enterpriseId, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const carol = await user('carol', 'enterprise_user', entA);
  const bob = await user('Bob', 'bureau_officer');
  const alice = await user('alice', 'bureau_officer');
  const zed = await user('zed', 'bureau_admin');
  const amy = await user('Amy', 'bureau_admin');
  const log = entries({ alice, bob, entA, entB });
  for (const e of log) await q.insertInto('audit_log').values({ ...e, prev_hash: 'x', hash: `h${e.seq}` }).execute();
  // Personal members kept for the first handover, erased (pd set, no row) for the others.
  const handovers = log.filter((e) => e.action === 'escort.handover');
  await q.insertInto('audit_personal').values({ seq: handovers[0]!.seq, salt: 's', fields: '{"escortName":"王强"}' }).execute();
  await q.insertInto('signing_keys').values({ kid: 'audit-1', purpose: 'audit', public_jwk: '{}', private_enc: 'x', state: 'active' }).execute();
  await q.insertInto('audit_checkpoints').values({ size: 10, head: 'h10', at: atOf(10), kid: 'audit-1', jws: 'x' }).execute();
  await q.insertInto('audit_checkpoints').values({ size: 20, head: 'h20', at: atOf(20), kid: 'audit-1', jws: 'x' }).execute();
  return { log, handovers, ids: { entA, entB, carol, bob, alice, zed, amy } };
}

const newestFirst = (log: Entry[], keep: (e: Entry) => boolean) => log.filter(keep).map((e) => e.seq).reverse();

onEachEngine(t, 'the action log: each filter, walked in pages through ties, counted and iterated alike', async (t, store) => {
  const { log, ids } = await seed(store);
  const repo = auditActionsRepo(store);
  const admin = (e: Entry) => e.action !== 'device.event';
  const day2Start = new Date(`2026-11-11T00:00:00+08:00`).toISOString();
  const tieAt = atOf(9); // entries 10–12 share it: a bound inside a run of ties
  const cases: Array<[string, ActionFilter, (e: Entry) => boolean]> = [
    ['default (device events left out)', {}, admin],
    ['with device events', { devices: true }, () => true],
    ['a user as actor', { userId: ids.alice }, (e) => admin(e) && e.actor_type === 'user' && e.actor_id === ids.alice],
    ['an actor by name', { actorName: 'dev1', devices: true }, (e) => e.actor_name === 'dev1'],
    ['an actor name is exact (case too)', { actorName: 'bob' }, () => false],
    ['an action', { action: 'pass.revoke' }, (e) => e.action === 'pass.revoke'],
    ['device events by action', { action: 'device.event' }, (e) => e.action === 'device.event'],
    ['subject type + id', { subjectType: 'pass', subjectId: 'P1' }, (e) => e.subject_type === 'pass' && e.subject_id === 'P1'],
    ['subject id alone', { subjectId: String(ids.entB) }, (e) => admin(e) && e.subject_id === String(ids.entB)],
    ['subject type event', { subjectType: 'event' }, (e) => e.subject_type === 'event'],
    ['an enterprise', { enterpriseId: ids.entA }, (e) => admin(e) && e.enterprise_id === ids.entA],
    ['an enterprise not registered', { enterpriseId: null }, () => false],
    ['one entry', { seq: 7 }, (e) => e.seq === 7],
    ['up to a seq', { maxSeq: 25, devices: true }, (e) => e.seq <= 25],
    ['from an instant inside a run of ties', { from: tieAt, devices: true }, (e) => e.at >= tieAt],
    ['before an instant inside a run of ties', { to: tieAt, devices: true }, (e) => e.at < tieAt],
    ['the first China day', { from: new Date(`${DAY1}T00:00:00+08:00`).toISOString(), to: day2Start }, (e) => admin(e) && e.at < day2Start],
    ['action + range', { action: 'pass.issue', from: tieAt, to: day2Start }, (e) => e.action === 'pass.issue' && e.at >= tieAt && e.at < day2Start],
    ['a range after the log', { from: '2027-01-01T00:00:00.000Z', devices: true }, () => false],
    ['a range before the log', { to: '2026-01-01T00:00:00.000Z', devices: true }, () => false],
  ];
  for (const [name, f, keep] of cases) {
    const want = newestFirst(log, keep);
    for (const limit of [4, 1]) {
      const walked = await cursorPages((cursor: number | null) => repo.page(f, cursor, limit));
      sameWalk(t, walked.map((e) => e.seq), want, `${name}, pages of ${limit}`);
    }
    t.equal(await repo.count(f), want.length, `${name}: count`);
    const iterated: number[] = [];
    for await (const r of repo.iterate(f, 3)) iterated.push(r.seq);
    t.same(iterated, want, `${name}: iterate`);
  }
});

onEachEngine(t, 'an entry as shown: label, actor display name, personal members kept or erased, hashes', async (t, store) => {
  const { handovers, ids } = await seed(store);
  const repo = auditActionsRepo(store);
  const [kept] = (await repo.page({ seq: handovers[0]!.seq }, null, 5)).items;
  t.match(kept, { actorType: 'user', actorId: ids.bob, actorName: 'Bob', actorDisplay: 'Bob (display)', action: 'escort.handover', subjectType: 'escort_request', enterpriseId: ids.entA, erased: false, hash: `h${handovers[0]!.seq}`, prevHash: 'x', reason: null, ip: null });
  t.same(kept!.detail, { handoverEventId: 'h', escortName: '王强' }, 'personal members merged into the detail');
  t.same(kept!.label, { zh: '卡口交接车辆', en: 'Vehicle handed over at the checkpoint' });
  const [erased] = (await repo.page({ seq: handovers[1]!.seq }, null, 5)).items;
  t.equal(erased!.erased, true);
  t.same(erased!.detail, { handoverEventId: 'h' });
  const [device] = (await repo.page({ seq: 1 }, null, 5)).items;
  t.match(device, { actorType: 'device', actorId: null, actorDisplay: null, erased: false });
  const [system] = (await repo.page({ action: 'enterprise.status.suspended' }, null, 1)).items;
  t.match(system, { actorType: 'system', actorName: 'cli', actorDisplay: null, detail: { from: 'approved', to: 'suspended' } });
  t.type(system!.seq, 'number');
  t.type(system!.enterpriseId, 'number');
});

onEachEngine(t, 'users for the actor select, enterprise ids by credit code, an event traced to its checkpoint, plans', async (t, store, engine) => {
  const { ids } = await seed(store);
  const repo = auditActionsRepo(store);
  // Admins, then officers, then the rest; by user name case-insensitively on both engines (NOCASE / citext).
  t.same(
    (await repo.users()).map((u) => u.username),
    ['Amy', 'zed', 'alice', 'Bob', 'carol'],
  );
  t.same((await repo.users())[0], { id: ids.amy, username: 'Amy', displayName: 'Amy (display)', role: 'bureau_admin' });
  t.equal(await repo.enterpriseIdByCredit('91320583MA1XYW0002'), ids.entB);
  t.equal(await repo.enterpriseIdByCredit('91320583MA1XYW0009'), null);

  t.same(await repo.trace('ev-5'), { seq: 5, at: atOf(4), hash: 'h5', prevHash: 'x', checkpoint: { size: 20, at: atOf(20), kid: 'audit-1' } }, 'the latest checkpoint covering it');
  t.same(await repo.trace('ev-21'), { seq: 21, at: atOf(20), hash: 'h21', prevHash: 'x', checkpoint: null }, 'after the last checkpoint: not covered');
  t.equal(await repo.trace('ev-2'), null, 'seq 2 is not a device event');
  t.equal(await repo.trace('nope'), null);

  const plan = await repo.plan({ action: 'pass.issue', from: atOf(3) }, 30);
  t.ok(plan.length > 0 && plan.every((l) => typeof l === 'string'), `${engine}: a plan`, { plan });
});
