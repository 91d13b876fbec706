/**
 * The escorts repository on both engines (issue 16): a request made once per check, also when two transactions
 * insert it at once; the list's order with ties, its filters and pages; the active and checkpoint lists; each
 * step (dispatch, handover, arrival, close, isolation and its end) written once and saying whether it wrote; the
 * escort mismatch column; the timeline's steps once per ref; the unprojected checks and handovers; the handovers
 * of a check; an enterprise's pass checks; the database's own refusals; transactions rolling back.
 */
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../../src/server/db/store.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { escortsRepo, type NewRequest, type RequestFilter } from '../../../src/server/features/escorts/repository.js';
import { Rollback, engineAnswers, onEachEngine, refusedWith } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const key = DataKey.fromBytes(randomBytes(32));
const repoOf = (store: Store) => escortsRepo(store, () => key);
const AT = '2026-03-01T00:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.parse('2026-03-03T06:00:00.000Z') + minute * 60_000).toISOString();
const PEOPLE = [
  { index: 0, passIndex: 0, name: '张建国', idMasked: '**************0016', role: 'driver' as const, keyArea: true },
  { index: 1, passIndex: null, name: null, idMasked: null, role: 'other' as const, keyArea: false },
];

/** What each engine answered, compared at the end when both ran. */
const { answer, compareAnswers } = engineAnswers();



async function world(store: Store) {
  const q = store.q();
  const a = await insertEnterprise(store, '昆山甲方电子有限公司', 1);
  const b = await insertEnterprise(store, 'Kunshan Bravo Precision', 2);
  const user = (await q.insertInto('users').values({ username: 'u', display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const cp = (await q.insertInto('checkpoints').values({ name: '花桥收费站', location: '昆山 G312', region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  const cp2 = (await q.insertInto('checkpoints').values({ name: '千灯收费站', location: '昆山 S224', region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  await q.insertInto('devices').values({ id: 'dev-a', checkpoint_id: cp, public_jwk: '{}', key_thumbprint: 'tp-a' }).execute();
  await q.insertInto('devices').values({ id: 'dev-b', checkpoint_id: cp2, public_jwk: '{}', key_thumbprint: 'tp-b' }).execute();
  let seq = 0;
  const event = async (n: number, o: { device?: string; type?: string; deviceTime?: string; receivedAt?: string; payload?: Record<string, unknown> } = {}) => {
    const payload = JSON.stringify(o.payload ?? { decision: 'ESCORT', passNo: null, plate: '苏E12345', reasons: ['keyarea.stay'] });
    await q
      .insertInto('events')
      .values({
        id: uuid(n), device_id: o.device ?? 'dev-a', seq: ++seq, device_time: o.deviceTime ?? AT, received_at: o.receivedAt ?? AT, clock_offset_ms: 0,
        prev_hash: 'p'.repeat(43), hash: 'h'.repeat(43), type: o.type ?? 'check', payload, canonical: payload, sig: 's',
      })
      .execute();
    return uuid(n);
  };
  const request = (checkEventId: string, over: Partial<NewRequest> = {}): NewRequest => ({
    checkEventId, deviceId: 'dev-a', checkpointId: cp, enterpriseId: a, passNo: 'P-1', plate: '苏E12345', people: PEOPLE, reasons: ['keyarea.stay'], ruleSetVersion: 1,
    waitingSince: AT, at: AT, ...over,
  });
  return { a, b, user, cp, cp2, event, request };
}

await onEachEngine(t, 'requests: inserted once per check (also from two transactions at once), get, get by check', async (t, store, engine) => {
  const repo = repoOf(store);
  const w = await world(store);
  const c1 = await w.event(1);
  const c2 = await w.event(2);
  const first = await repo.insert(w.request(c1, { waitingSince: at(0) }));
  t.equal(first.created, true);
  t.type(first.id, 'number');
  t.strictSame(await repo.insert(w.request(c1, { plate: 'other' })), { id: first.id, created: false }, 'a replay makes nothing');
  const both = await Promise.all([store.transaction(() => repo.insert(w.request(c2))), store.transaction(() => repo.insert(w.request(c2)))]);
  t.strictSame(both.map((x) => x.created).sort(), [false, true], 'two at once: one created, no error');
  t.equal(both[0].id, both[1].id);

  const got = (await repo.get(first.id))!;
  t.strictSame(got, {
    id: first.id, checkEventId: c1, deviceId: 'dev-a', checkpoint: { id: w.cp, name: '花桥收费站', location: '昆山 G312' }, enterpriseId: w.a, enterpriseName: '昆山甲方电子有限公司',
    passNo: 'P-1', plate: '苏E12345', people: PEOPLE, reasons: ['keyarea.stay'], ruleSetVersion: 1, waitingSince: at(0), createdAt: AT, status: 'open', updatedAt: AT,
    dispatch: null, handover: null, arrivedAt: null, closedAt: null, isolations: [],
  });
  t.strictSame(await repo.getByCheckEvent(c1), got);
  t.equal(await repo.get(first.id + 100), undefined);
  t.equal(await repo.getByCheckEvent(uuid(99)), undefined);
  const none = await repo.insert(w.request(await w.event(3), { enterpriseId: null, passNo: null }));
  t.match(await repo.get(none.id), { enterpriseId: null, enterpriseName: null, passNo: null }, 'a request naming no enterprise');
  await refusedWith(t, () => store.q().deleteFrom('escort_requests').execute(), /never deleted/, 'requests are never deleted');
  answer('requests', engine, { ...got, id: 0, enterpriseId: 0, checkpoint: got.checkpoint.name });
});

await onEachEngine(t, 'steps: dispatch until the handover, the handover once, the arrival once, the close once, isolations once; the escort mismatch', async (t, store, engine) => {
  const repo = repoOf(store);
  const w = await world(store);
  const c1 = await w.event(1);
  const h1 = await w.event(2, { type: 'escort_handover', payload: { checkEventId: c1, escortName: '王 强', escortPhoneLast4: '5678' } });
  const h2 = await w.event(3, { type: 'escort_handover', payload: { checkEventId: c1, escortName: '李四' } });
  const { id } = await repo.insert(w.request(c1));

  t.equal(await repo.setDispatch(id, { escortName: '赵六', phone: '13800001234', dispatchedAt: at(5), by: w.user, at: at(5) }), true);
  t.equal(await repo.setDispatch(id, { escortName: '王强', phone: '13800005678', dispatchedAt: at(6), by: w.user, at: at(6) }), true, 'a new dispatch replaces it');
  let r = (await repo.get(id))!;
  t.strictSame(r.dispatch, { escortName: '王强', phoneMasked: '138****5678', phoneLast4: '5678', dispatchedAt: at(6) }, 'the phone decrypted and masked');
  t.equal(r.status, 'dispatched');
  const enc = (await store.q().selectFrom('escort_requests').select('escort_phone_enc').where('id', '=', id).executeTakeFirstOrThrow()).escort_phone_enc!;
  t.notMatch(enc, '13800005678', 'stored as ciphertext');

  t.equal(await repo.linkHandover(id, { eventId: h1, at: at(10), escortName: '王 强', phoneLast4: '5678', recordedAt: at(11) }), true);
  t.equal(await repo.linkHandover(id, { eventId: h2, at: at(12), escortName: '李四', phoneLast4: null, recordedAt: at(12) }), false, 'linked once');
  r = (await repo.get(id))!;
  t.strictSame(r.handover, { eventId: h1, at: at(10), escortName: '王 强', phoneLast4: '5678', differentEscort: false }, 'the same escort, spacing aside');
  t.equal(r.status, 'in_transit');
  t.equal(await repo.setDispatch(id, { escortName: '赵六', phone: '13800001234', dispatchedAt: at(13), by: w.user, at: at(13) }), false, 'no dispatch after the handover');
  t.equal(await repo.close(id, at(14)), false, 'not arrived: not closed');

  t.equal(await repo.setArrival(id, { arrivedAt: at(60), by: w.user, at: at(61) }), true);
  t.equal(await repo.setArrival(id, { arrivedAt: at(70), by: w.user, at: at(71) }), false, 'the arrival once');
  t.equal((await repo.get(id))!.arrivedAt, at(60));

  const iso = { personIndex: 0, place: '企业隔离宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '李调度' };
  t.equal(await repo.endIsolation(id, 0, '2026-03-17', w.user, AT), false, 'nothing to end');
  t.equal(await repo.insertIsolation(id, iso, w.user, at(62)), true);
  t.equal(await repo.insertIsolation(id, { ...iso, place: '另一处' }, w.user, at(62)), false, 'one per person');
  t.equal(await repo.insertIsolation(id, { ...iso, personIndex: 1 }, null, at(62)), true);
  t.equal(await repo.endIsolation(id, 0, '2026-03-16', w.user, at(63)), true);
  t.equal(await repo.endIsolation(id, 0, '2026-03-17', w.user, at(63)), false, 'the end once');
  await refusedWith(t, () => repo.insertIsolation(id, { ...iso, personIndex: 2, plannedEnd: '2026-03-01' }, w.user, AT), /check/i, 'a planned end before the start');
  await repo.touch(id, at(64));
  r = (await repo.get(id))!;
  t.strictSame(r.isolations, [
    { personIndex: 0, place: '企业隔离宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '李调度', recordedAt: at(62), endedOn: '2026-03-16' },
    { personIndex: 1, place: '企业隔离宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '李调度', recordedAt: at(62), endedOn: null },
  ], 'by person');
  t.equal(r.updatedAt, at(64), 'touched');
  t.equal(await repo.close(id, at(65)), true);
  t.equal(await repo.close(id, at(66)), false, 'closed once');
  t.match(await repo.get(id), { status: 'closed', closedAt: at(65) });
  t.equal(await repo.setArrival(id, { arrivedAt: at(70), by: w.user, at: at(71) }), false);
  await refusedWith(t, () => store.q().updateTable('escort_requests').set({ status: 'open' }).where('id', '=', id).execute(), /never goes back/, 'the status never goes back');

  // A different person at the handover than the one dispatched; without a dispatch, no judgement.
  const c2 = await w.event(4);
  const h3 = await w.event(5, { type: 'escort_handover', payload: { checkEventId: c2, escortName: '李四' } });
  const other = (await repo.insert(w.request(c2))).id;
  await repo.linkHandover(other, { eventId: h3, at: at(10), escortName: '李四', phoneLast4: null, recordedAt: at(10) });
  t.equal((await repo.get(other))!.handover!.differentEscort, null, 'not dispatched: null');
  const c3 = await w.event(6);
  const h4 = await w.event(7, { type: 'escort_handover', payload: { checkEventId: c3, escortName: '李四' } });
  const third = (await repo.insert(w.request(c3))).id;
  await repo.setDispatch(third, { escortName: '王强', phone: '13800005678', dispatchedAt: at(5), by: null, at: at(5) });
  await repo.linkHandover(third, { eventId: h4, at: at(10), escortName: '李四', phoneLast4: null, recordedAt: at(10) });
  t.equal((await repo.get(third))!.handover!.differentEscort, true, 'another name: true');
  answer('steps', engine, [(await repo.get(id))!.status, (await repo.get(third))!.handover]);
});

await onEachEngine(t, 'list: open and dispatched oldest waiting first, the rest newest first, ties by id; filters, pages, total; active; for a checkpoint', async (t, store, engine) => {
  const repo = repoOf(store);
  const w = await world(store);
  const make = async (n: number, waitingSince: string, over: Partial<NewRequest> = {}) => (await repo.insert(w.request(await w.event(n), { waitingSince, ...over }))).id;
  const o1 = await make(1, at(10));
  const o2 = await make(2, at(10)); // ties with o1
  const d1 = await make(3, at(5));
  await repo.setDispatch(d1, { escortName: '王强', phone: '13800005678', dispatchedAt: at(6), by: null, at: at(6) });
  const t1 = await make(4, at(20), { enterpriseId: w.b, checkpointId: w.cp2, deviceId: 'dev-b' });
  const t2 = await make(5, at(20));
  for (const x of [t1, t2]) await repo.linkHandover(x, { eventId: await w.event(100 + x, { type: 'escort_handover', payload: {} }), at: at(30), escortName: '李四', phoneLast4: null, recordedAt: at(30) });
  const ar = await make(6, at(1));
  await repo.setArrival(ar, { arrivedAt: at(60), by: null, at: at(60) });
  const cl = await make(7, at(2), { enterpriseId: w.b });
  await repo.setArrival(cl, { arrivedAt: at(60), by: null, at: at(60) });
  await repo.close(cl, at(61));
  await repo.insertIsolation(o1, { personIndex: 0, place: '企业隔离宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '李调度' }, null, AT);

  const page = async (f: Partial<RequestFilter>) => {
    const r = await repo.list({ limit: 50, offset: 0, ...f });
    return { ids: r.items.map((x) => x.id), total: r.total };
  };
  const all = await page({});
  t.strictSame(all, { ids: [o2, o1, d1, t2, t1, ar, cl], total: 7 }, 'open (ties newest id first), dispatched, in transit (newest first, ties by id), arrived, closed');
  t.strictSame(await page({ status: 'all' }), all);
  t.strictSame(await page({ status: 'active' }), { ids: [o2, o1, d1, t2, t1, ar], total: 6 });
  t.strictSame(await page({ status: 'in_transit' }), { ids: [t2, t1], total: 2 });
  t.strictSame(await page({ enterpriseId: w.b }), { ids: [t1, cl], total: 2 });
  t.strictSame(await page({ checkpointId: w.cp2 }), { ids: [t1], total: 1 });
  t.strictSame(await page({ ids: [cl, o1, 999] }), { ids: [o1, cl], total: 2 });
  t.strictSame(await page({ ids: [] }), { ids: [], total: 0 });
  const paged = [...(await page({ limit: 3 })).ids, ...(await page({ limit: 3, offset: 3 })).ids, ...(await page({ limit: 3, offset: 6 })).ids];
  t.strictSame(paged, all.ids, 'pages in the same order');
  t.strictSame(await page({ limit: 2, offset: 1 }), { ids: [o1, d1], total: 7 });
  const listed = (await repo.list({ limit: 50, offset: 0 })).items;
  t.equal(listed.find((x) => x.id === o1)!.isolations.length, 1, 'with their isolations');

  t.strictSame((await repo.active()).map((x) => x.id), [o1, o2, d1, t1, t2, ar], 'not closed, by id');
  t.strictSame((await repo.forCheckpoint(w.cp, at(5))).map((x) => x.id), [d1, o1, o2, t2], "the checkpoint's, since then, by (waiting since, id)");
  t.strictSame((await repo.forCheckpoint(w.cp2, at(0))).map((x) => x.id), [t1]);
  answer('list', engine, all.ids.map((x) => [o1, o2, d1, t1, t2, ar, cl].indexOf(x)));
});

await onEachEngine(t, 'timeline: steps once per ref (without a ref, every time), by (at, id)', async (t, store, engine) => {
  const repo = repoOf(store);
  const w = await world(store);
  const { id } = await repo.insert(w.request(await w.event(1)));
  const step = (kind: 'requested' | 'notified' | 'overdue', when: string, ref: string | null, detail?: Record<string, unknown>) =>
    repo.appendTimeline({ requestId: id, kind, at: when, recordedAt: AT, actorType: 'system', actorName: 'sweep', ref, ...(detail ? { detail } : {}) });
  t.equal(await step('requested', at(0), 'check'), true);
  t.equal(await step('requested', at(0), 'check'), false, 'the same ref: not again');
  t.equal(await step('overdue', at(30), 'wait', { kind: 'wait', personIndex: null }), true);
  t.equal(await step('overdue', at(30), 'isolation:0'), true, 'another ref');
  t.equal(await step('notified', at(20), null), true);
  t.equal(await step('notified', at(20), null), true, 'without a ref: every time');
  const tl = await repo.timeline(id);
  t.strictSame(tl.map((e) => [e.kind, e.at]), [['requested', at(0)], ['notified', at(20)], ['notified', at(20)], ['overdue', at(30)], ['overdue', at(30)]]);
  t.strictSame(tl[3], { kind: 'overdue', at: at(30), recordedAt: AT, actorType: 'system', actorName: 'sweep', detail: { kind: 'wait', personIndex: null } });
  t.strictSame(tl[1]!.detail, {});
  answer('timeline', engine, tl);
});

await onEachEngine(t, 'unprojected checks and handovers, the handovers of a check, an enterprise\'s pass checks', async (t, store, engine) => {
  const repo = repoOf(store);
  const w = await world(store);
  const c1 = await w.event(1, { receivedAt: at(2) });
  const c2 = await w.event(2, { receivedAt: at(1) });
  await w.event(3, { payload: { decision: 'RELEASE', passNo: null, plate: 'x', reasons: [] } });
  const c4 = await w.event(4, { receivedAt: at(1) });
  const h1 = await w.event(5, { type: 'escort_handover', deviceTime: '2026-03-03T14:10:00+08:00', payload: { checkEventId: c1 } });
  const h2 = await w.event(6, { type: 'escort_handover', deviceTime: '2026-03-03T14:05:00+08:00', payload: { checkEventId: c1 } });
  await w.event(7, { type: 'escort_handover', payload: { checkEventId: c2 } });
  t.strictSame(await repo.unprojected(), [c2, c4, c1], 'ESCORT checks without a request, by (received_at, id); handovers of no request are not');
  await repo.insert(w.request(c1));
  await repo.insert(w.request(c2));
  const linked = await repo.insert(w.request(c4));
  t.strictSame(await repo.unprojected(), [h1, h2, uuid(7)], 'then the handovers of unlinked requests');
  await repo.linkHandover((await repo.getByCheckEvent(c2))!.id, { eventId: uuid(7), at: AT, escortName: 'x', phoneLast4: null, recordedAt: AT });
  t.strictSame(await repo.unprojected(), [h1, h2]);
  t.strictSame(await repo.handoversOf(c1), [h2, h1], 'by device time');
  t.strictSame(await repo.handoversOf(c4), []);
  t.ok(linked.created);

  // Pass checks: the checks naming a pass of the enterprise.
  const vehicle = (await store.q().insertInto('vehicles').values({ enterprise_id: w.a, plate: '苏E12345', vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [passNo, ent] of [['P-A', w.a], ['P-B', w.b]] as const) {
    await store.q().insertInto('passes').values({
      pass_no: passNo, enterprise_id: ent, vehicle_id: vehicle, status: 'issued', valid_from: '2020-01-01T00:00:00.000Z', valid_to: '2030-01-01T00:00:00.000Z',
      origin_region: '320583', destination: '昆山', cargo_category: 'parts', created_by: w.user,
    }).execute();
  }
  const check = (n: number, passNo: string, deviceTime: string, device = 'dev-a') =>
    w.event(n, { device, deviceTime, payload: { decision: 'RELEASE', passNo, plate: '苏E12345', reasons: ['pass.valid'] } });
  const p1 = await check(20, 'P-A', '2026-03-03T10:00:00+08:00');
  const p2 = await check(21, 'P-A', '2026-03-03T11:00:00+08:00', 'dev-b');
  const p3 = await check(22, 'P-A', '2026-03-03T11:00:00+08:00');
  const p4 = await check(23, 'P-B', '2026-03-03T12:00:00+08:00');
  const checks = await repo.passChecks(w.a, 10, 0);
  t.equal(checks.total, 3);
  t.strictSame(checks.items.map((c) => c.eventId), [p2, p3, p1], 'newest first, ties by id');
  t.strictSame(checks.items[0], {
    eventId: p2, at: '2026-03-03T03:00:00.000Z', checkpoint: { id: w.cp2, name: '千灯收费站', location: '昆山 S224' }, passNo: 'P-A', plate: '苏E12345', decision: 'RELEASE', reasons: ['pass.valid'],
  });
  t.strictSame((await repo.passChecks(w.a, 2, 2)).items.map((c) => c.eventId), [p1]);
  t.equal((await repo.passChecks(undefined, 10, 0)).total, 4, 'every enterprise');
  t.strictSame((await repo.passChecks(w.b, 10, 0)).items.map((c) => c.eventId), [p4]);
  answer('unprojected', engine, checks.items.map((c) => c.at));
});

await onEachEngine(t, 'a transaction that fails leaves no request, step, isolation or timeline entry', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const c1 = await w.event(1);
  const kept = (await repo.insert(w.request(c1))).id;
  const c2 = await w.event(2, { payload: { decision: 'RELEASE', passNo: null, plate: 'x', reasons: [] } });
  try {
    await store.transaction(async () => {
      const id = (await repo.insert(w.request(c2))).id;
      await repo.setDispatch(kept, { escortName: '王强', phone: '13800005678', dispatchedAt: AT, by: null, at: AT });
      await repo.setArrival(id, { arrivedAt: AT, by: null, at: AT });
      await repo.insertIsolation(id, { personIndex: 0, place: '企业隔离宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '李调度' }, null, AT);
      await repo.appendTimeline({ requestId: kept, kind: 'notified', at: AT, recordedAt: AT, actorType: 'system', actorName: 's', ref: 'x' });
      throw new Rollback('on purpose');
    });
    t.fail('not rolled back');
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  t.strictSame((await repo.list({ limit: 10, offset: 0 })).items.map((r) => [r.id, r.status, r.dispatch]), [[kept, 'open', null]]);
  t.strictSame(await repo.timeline(kept), []);
  t.strictSame(await repo.unprojected(), [], 'the check has its request; the other is not an ESCORT check');
});

compareAnswers(t);
