/**
 * The custody repository on both engines (issue 16): tasks made once per (run, passenger) and moved only to an
 * earlier check before the isolation is recorded, also when two transactions insert the same task at once; the
 * list's order with ties, its filters and pages; the isolation recorded and ended once (a second write says so
 * instead of failing); overdue records and flags written once; the flags' payload members; the unprojected
 * charter checks in (received_at, id) order; the database's own refusals; transactions rolling back.
 */
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../../src/server/db/store.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { charterRepo, type NewPassenger } from '../../../src/server/features/charter/repository.js';
import { custodyRepo, type CustodyFilter, type NewCustody } from '../../../src/server/features/custody/repository.js';
import { citizenId } from '../../helpers/fleet.js';
import { creditCode } from '../../helpers/credit-code.js';
import { Rollback, engineAnswers, onEachEngine, refusedWith } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const key = DataKey.fromBytes(randomBytes(32));
const AT = '2026-03-01T00:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.parse('2026-03-03T06:00:00.000Z') + minute * 60_000).toISOString();

/** What each engine answered, compared at the end when both ran. */
const { answer, compareAnswers } = engineAnswers();



/** Two enterprises, a checkpoint with a device, a run with six passengers (A's first four, B's last two), a user. */
async function world(store: Store) {
  const q = store.q();
  const charter = charterRepo(store, () => key);
  const a = await insertEnterprise(store, '昆山甲方电子有限公司', 1);
  const b = await insertEnterprise(store, 'Kunshan Bravo Precision', 2);
  const user = (await q.insertInto('users').values({ username: 'u', display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const cp = (await q.insertInto('checkpoints').values({ name: '千灯收费站', location: '昆山 S224', region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  const cp2 = (await q.insertInto('checkpoints').values({ name: '花桥收费站', location: '昆山 G2', region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  await q.insertInto('devices').values({ id: 'dev-a', checkpoint_id: cp, public_jwk: '{}', key_thumbprint: 'tp-a' }).execute();
  await q.insertInto('devices').values({ id: 'dev-b', checkpoint_id: cp2, public_jwk: '{}', key_thumbprint: 'tp-b' }).execute();
  const carrier = (await charter.insertCarrier({ name: '昆山交发集团客运公司', creditCode: creditCode(1303), dutyPhone: '051257009999' })).id;
  const needOf = async (enterpriseId: number) =>
    (await charter.insertNeed({
      enterpriseId, originRegion: '510100', workers: 30, earliestDate: '2026-03-02', latestDate: '2026-03-06', contactName: '王经理', contactPhone: '13912340000', note: '',
      createdBy: user, at: AT,
    })).id;
  const na = await needOf(a);
  const nb = await needOf(b);
  const runId = await charter.insertRun({
    carrierId: carrier, plate: '苏E88888', driverName: '赵师傅', driverIdNumber: citizenId('32058319750303123'), driverPhone: '13800001111',
    departureAt: '2026-03-03T00:00:00.000Z', arrivalBy: '2026-03-03T14:00:00.000Z', route: '成都—昆山', originRegion: '510100', createdBy: user, at: AT,
    needs: [{ needId: na, enterpriseId: a, seats: 4 }, { needId: nb, enterpriseId: b, seats: 2 }],
  });
  const passenger = (n: number): NewPassenger => ({
    name: `员工${n}`, idNumber: citizenId(`51010419900101${String(n).padStart(3, '0')}`), phone: `1390000${String(n).padStart(4, '0')}`, originRegion: '510100', stays: [],
  });
  await charter.replacePassengers(runId, na, a, [1, 2, 3, 4].map(passenger), AT);
  await charter.replacePassengers(runId, nb, b, [5, 6].map(passenger), AT);
  const passengers = (await q.selectFrom('charter_passengers').select(['id', 'id_last4']).orderBy('seq').orderBy('enterprise_id').orderBy('id').execute());
  const ids = (await q.selectFrom('charter_passengers').select('id').orderBy('id').execute()).map((r) => r.id);
  const event = async (n: number, o: { device?: string; receivedAt?: string; type?: string; payload?: Record<string, unknown> } = {}) => {
    const payload = JSON.stringify(o.payload ?? { runId: String(runId), plate: '苏E88888', decision: 'PASS' });
    await q
      .insertInto('events')
      .values({
        id: uuid(n), device_id: o.device ?? 'dev-a', seq: n, device_time: AT, received_at: o.receivedAt ?? AT, clock_offset_ms: 0, prev_hash: 'p'.repeat(43), hash: 'h'.repeat(43),
        type: o.type ?? 'charter_check', payload, canonical: payload, sig: 's',
      })
      .execute();
    return uuid(n);
  };
  const task = (passengerId: number, eventId: string, handedOverAt: string, over: Partial<NewCustody> = {}): NewCustody => ({
    runId, passengerId, place: ids.indexOf(passengerId), enterpriseId: ids.indexOf(passengerId) < 4 ? a : b, eventId, deviceId: 'dev-a', checkpointId: cp, handedOverAt, at: AT, ...over,
  });
  return { a, b, user, cp, cp2, runId, ids, passengers, event, task };
}

await onEachEngine(t, 'tasks: created once per (run, passenger), moved only to an earlier check and only before the isolation; get', async (t, store, engine) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const [e1, e2, e3, e4] = [await w.event(1), await w.event(2, { device: 'dev-b' }), await w.event(3), await w.event(4)];
  const p = w.ids[0]!;

  const first = await repo.insert(w.task(p, e1, at(60)));
  t.equal(first.change, 'created');
  t.type(first.id, 'number', 'a number on both engines');
  t.strictSame(await repo.insert(w.task(p, e3, at(90))), { id: first.id, change: 'none' }, 'a later check changes nothing');
  t.strictSame(await repo.insert(w.task(p, e1, at(60))), { id: first.id, change: 'none' }, 'the same check again changes nothing');
  t.strictSame(await repo.insert(w.task(p, e2, at(10), { deviceId: 'dev-b', checkpointId: w.cp2 })), { id: first.id, change: 'moved' }, 'an earlier check moves the hand-over');
  // The same device time: the smaller event id is the earlier check.
  t.strictSame(await repo.insert(w.task(p, e4, at(10))), { id: first.id, change: 'none' }, 'a tie on time with a larger event id: none');

  const got = (await repo.get(first.id))!;
  const last4 = w.passengers.find((x) => x.id === p)!.id_last4;
  t.strictSame(got, {
    id: first.id, runId: w.runId, plate: '苏E88888', place: 0, passenger: { id: p, name: '员工1', idMasked: `**************${last4}` }, enterpriseId: w.a,
    enterpriseName: '昆山甲方电子有限公司', checkpoint: { id: w.cp2, name: '花桥收费站', location: '昆山 G2' }, eventId: e2, handedOverAt: at(10), createdAt: AT, isolation: null,
  });
  t.equal(await repo.get(first.id + 100), undefined);

  // Once the isolation is recorded, the hand-over stays; the database refuses a move too.
  t.equal(await repo.insertIsolation(first.id, { place: '员工宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '王经理' }, w.user, AT), true);
  const e0 = await w.event(5);
  t.strictSame(await repo.insert(w.task(p, e0, at(0))), { id: first.id, change: 'none' }, 'no move after the isolation');
  t.equal((await repo.get(first.id))!.eventId, e2);
  await refusedWith(t, () => store.q().updateTable('charter_custody').set({ handed_over_at: at(-100) }).where('id', '=', first.id).execute(), /only moves to an earlier check/, 'the trigger refuses it');
  await refusedWith(t, () => store.q().deleteFrom('charter_custody').execute(), /never deleted/, 'tasks are never deleted');
  answer('tasks', engine, { got: { ...(await repo.get(first.id))!, id: 0, passenger: { ...got.passenger, id: 0 } } });
});

await onEachEngine(t, 'tasks: two transactions inserting the same task at once make one, and neither fails', async (t, store) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const [e1, e2] = [await w.event(1), await w.event(2)];
  const p = w.ids[1]!;
  // On PostgreSQL each transaction is its own connection: the second insert waits for the first to commit, then does nothing.
  const results = await Promise.all([
    store.transaction(async () => repo.insert(w.task(p, e2, at(30)))),
    store.transaction(async () => repo.insert(w.task(p, e1, at(20)))),
  ]);
  t.equal(results.filter((r) => r.change === 'created').length, 1, 'one created');
  t.equal(results[0].id, results[1].id, 'the same task');
  t.equal((await repo.get(results[0].id))!.eventId, e1, 'the earlier check holds, whichever committed first');
  const { n } = await store.q().selectFrom('charter_custody').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(n), 1);
});

await onEachEngine(t, 'list: unrecorded oldest first, then isolating and ended newest first, ties by id; filters, pages, total', async (t, store, engine) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const ev = await w.event(1);
  const [p1, p2, p3, p4, p5, p6] = w.ids as [number, number, number, number, number, number];
  // Ties on the hand-over time: p1/p2 at 10 (unrecorded), p3/p4 at 20 (isolating), p5 at 20 (B, ended), p6 at 5 (B, unrecorded).
  const id = async (p: number, minute: number) => (await repo.insert(w.task(p, ev, at(minute)))).id;
  const t1 = await id(p1, 10);
  const t2 = await id(p2, 10);
  const t3 = await id(p3, 20);
  const t4 = await id(p4, 20);
  const t5 = await id(p5, 20);
  const t6 = await id(p6, 5);
  const iso = { place: '员工宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '王经理' };
  for (const x of [t3, t4, t5]) t.equal(await repo.insertIsolation(x, iso, w.user, AT), true);
  t.equal(await repo.endIsolation(t5, '2026-03-17', w.user, AT), true);

  const ids = async (f: CustodyFilter & { limit?: number; offset?: number }) => {
    const r = await repo.list(f);
    return { ids: r.items.map((x) => x.id), total: r.total };
  };
  const all = await ids({});
  t.strictSame(all, { ids: [t6, t2, t1, t4, t3, t5], total: 6 }, 'unrecorded oldest first (ties newest id first), isolating, ended');
  t.strictSame(await ids({ status: 'all' }), all);
  t.strictSame(await ids({ status: 'active' }), { ids: [t6, t2, t1, t4, t3], total: 5 });
  t.strictSame(await ids({ status: 'unrecorded' }), { ids: [t6, t2, t1], total: 3 });
  t.strictSame(await ids({ status: 'isolating' }), { ids: [t4, t3], total: 2 });
  t.strictSame(await ids({ status: 'ended' }), { ids: [t5], total: 1 });
  t.strictSame(await ids({ enterpriseId: w.b }), { ids: [t6, t5], total: 2 });
  t.strictSame(await ids({ enterpriseId: w.a, status: 'active' }), { ids: [t2, t1, t4, t3], total: 4 });
  t.strictSame(await ids({ ids: [t1, t5, t6 + 100] }), { ids: [t1, t5], total: 2 });
  t.strictSame(await ids({ ids: [] }), { ids: [], total: 0 });
  const pages = [];
  for (let offset = 0; offset < 6; offset += 4) pages.push(...(await ids({ limit: 4, offset })).ids);
  t.strictSame(pages, all.ids, 'pages of 4 in the same order');
  t.strictSame(await ids({ limit: 2, offset: 1 }), { ids: [t2, t1], total: 6 }, 'the total counts every page');
  t.strictSame((await ids({ offset: 4 })).ids, [t3, t5], 'an offset without a limit');

  const ended = (await repo.get(t5))!;
  t.strictSame(ended.isolation, { place: '员工宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '王经理', recordedAt: AT, endedOn: '2026-03-17' });
  answer('list', engine, { order: all.ids.map((x) => [t1, t2, t3, t4, t5, t6].indexOf(x)) });
});

await onEachEngine(t, 'isolation: recorded once, ended once; a second write answers false instead of failing; the database checks the dates', async (t, store) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const ev = await w.event(1);
  const id = (await repo.insert(w.task(w.ids[0]!, ev, at(0)))).id;
  const iso = { place: '员工宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '王经理' };
  t.equal(await repo.endIsolation(id, '2026-03-17', w.user, AT), false, 'nothing to end yet');
  t.equal(await repo.insertIsolation(id, iso, w.user, AT), true);
  t.equal(await repo.insertIsolation(id, { ...iso, place: '另一处宿舍' }, w.user, AT), false, 'one isolation per task');
  t.equal((await repo.get(id))!.isolation!.place, '员工宿舍', 'the first stays');
  t.equal(await repo.endIsolation(id, '2026-03-16', w.user, '2026-03-16T01:00:00.000Z'), true);
  t.equal(await repo.endIsolation(id, '2026-03-17', w.user, AT), false, 'the end is recorded once');
  t.equal((await repo.get(id))!.isolation!.endedOn, '2026-03-16');

  const other = (await repo.insert(w.task(w.ids[1]!, ev, at(0)))).id;
  await refusedWith(t, () => repo.insertIsolation(other, { ...iso, plannedEnd: '2026-03-01' }, w.user, AT), /check/i, 'a planned end before the start');
  await refusedWith(t, () => repo.insertIsolation(other, { ...iso, startDate: '2026-02-30' }, w.user, AT), /check/i, 'not a date');
  t.equal(await repo.insertIsolation(other, iso, w.user, AT), true);
  await refusedWith(t, () => repo.endIsolation(other, '2026-03-01', w.user, AT), /check/i, 'an end before the start');
});

await onEachEngine(t, 'overdue records and flags are written once; flags list newest first with ties by id, payload members as text', async (t, store, engine) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const ev = await w.event(1);
  const id = (await repo.insert(w.task(w.ids[0]!, ev, at(0)))).id;
  t.equal(await repo.recordOverdue(id, 'isolation_unrecorded', at(1440), AT), true);
  t.equal(await repo.recordOverdue(id, 'isolation_unrecorded', at(1500), AT), false, 'once per task and kind');
  t.equal(await repo.recordOverdue(id, 'isolation_end', at(1500), AT), true);

  const map = await repo.passengerEnterprises(w.runId);
  t.strictSame([...map.entries()].sort((x, y) => x[0] - y[0]), w.ids.map((p, i) => [p, i < 4 ? w.a : w.b]));
  t.strictSame([...(await repo.passengerEnterprises(w.runId + 100)).entries()], []);

  const e2 = await w.event(2, { device: 'dev-b', payload: { runId: '999', plate: '苏E12345', decision: 'HOLD' } });
  const e3 = await w.event(3, { payload: { runId: null, plate: '苏E00001', decision: 'PASS' } });
  t.equal(await repo.flag({ eventId: e2, kind: 'unknown_run', detail: { runId: '999' }, at: AT }), true);
  t.equal(await repo.flag({ eventId: e2, kind: 'unknown_run', detail: { runId: 'other' }, at: AT }), false, 'once per (event, kind, place)');
  t.equal(await repo.flag({ eventId: ev, kind: 'ent_mismatch', place: 0, detail: { deviceEnt: 'x', ent: 'y' }, at: AT }), true);
  t.equal(await repo.flag({ eventId: ev, kind: 'ent_mismatch', place: 1, detail: {}, at: AT }), true, 'another place');
  t.equal(await repo.flag({ eventId: e3, kind: 'md_mismatch', detail: { n: 1 }, at: '2026-02-28T00:00:00.000Z' }), true);
  const flags = await repo.flags({ limit: 10 });
  t.equal(flags.total, 4);
  t.strictSame(flags.items.map((f) => [f.eventId, f.kind, f.place]), [[ev, 'ent_mismatch', 1], [ev, 'ent_mismatch', 0], [e2, 'unknown_run', null], [e3, 'md_mismatch', null]], 'newest first, ties by id');
  t.strictSame(flags.items[2], {
    eventId: e2, kind: 'unknown_run', place: null, detail: { runId: '999' }, createdAt: AT, deviceTime: AT, checkpoint: { id: w.cp2, name: '花桥收费站' },
    runId: '999', plate: '苏E12345', decision: 'HOLD',
  });
  t.equal(flags.items[3]!.runId, null, 'a null runId is null on both engines');
  t.strictSame(flags.items[1]!.detail, { deviceEnt: 'x', ent: 'y' });
  const pages = [...(await repo.flags({ limit: 3 })).items, ...(await repo.flags({ limit: 3, offset: 3 })).items];
  t.strictSame(pages, flags.items, 'pages in the same order');
  await refusedWith(t, () => store.q().deleteFrom('charter_check_flags').execute(), /never deleted/, 'flags are never deleted');
  answer('flags', engine, { flags: flags.items.map((f) => ({ ...f, checkpoint: f.checkpoint.name })) });
});

await onEachEngine(t, 'unprojected: charter checks with neither a task nor a flag, by (received_at, id)', async (t, store, engine) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const e1 = await w.event(1, { receivedAt: '2026-03-03T08:00:00.000Z' });
  const e2 = await w.event(2, { receivedAt: '2026-03-03T07:00:00.000Z' });
  const e3 = await w.event(3, { receivedAt: '2026-03-03T07:00:00.000Z' });
  const e4 = await w.event(4, { receivedAt: '2026-03-03T06:00:00.000Z' });
  await w.event(5, { type: 'check', payload: { passNo: 'P1' } });
  t.strictSame(await repo.unprojected(), [e4, e2, e3, e1], 'received first first, ties by id; not other event types');
  await repo.insert(w.task(w.ids[0]!, e2, at(0)));
  await repo.flag({ eventId: e4, kind: 'unknown_run', detail: {}, at: AT });
  t.strictSame(await repo.unprojected(), [e3, e1]);
  answer('unprojected', engine, (await repo.unprojected()).length);
});

await onEachEngine(t, 'a transaction that fails leaves no task, isolation, overdue record or flag', async (t, store) => {
  const repo = custodyRepo(store);
  const w = await world(store);
  const ev = await w.event(1);
  const kept = (await repo.insert(w.task(w.ids[0]!, ev, at(30)))).id;
  try {
    await store.transaction(async () => {
      const id = (await repo.insert(w.task(w.ids[1]!, ev, at(0)))).id;
      await repo.insertIsolation(id, { place: '员工宿舍', startDate: '2026-03-03', plannedEnd: '2026-03-17', responsible: '王经理' }, w.user, AT);
      await repo.recordOverdue(id, 'isolation_end', AT, AT);
      await repo.flag({ eventId: ev, kind: 'count_mismatch', detail: {}, at: AT });
      t.strictSame(await repo.insert(w.task(w.ids[0]!, ev, at(10))), { id: kept, change: 'moved' }, 'moved inside');
      throw new Rollback('on purpose');
    });
    t.fail('not rolled back');
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  t.strictSame((await repo.list({})).items.map((x) => [x.id, x.handedOverAt]), [[kept, at(30)]], 'the move rolled back, the new task is gone');
  t.equal((await repo.flags({ limit: 10 })).total, 0);
  t.equal(await repo.recordOverdue(kept, 'isolation_end', AT, AT), true);
});

compareAnswers(t);
