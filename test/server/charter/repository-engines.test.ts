/**
 * The charter repository on both engines (issue 16): carriers, needs (seats offered summed as a number),
 * runs and their needs, the approval checkpoints, the charter pass, and the passengers (ID numbers and
 * phones only as ciphertext); list filters and their order with ties, the UNIQUE constraints recognised
 * the same way, the database's own refusals, and transactions rolling back.
 */
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../../src/server/db/store.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { ERASED } from '../../../src/core/audit/retention.js';
import {
  CARRIER_CREDIT_CODE_UNIQUE, CARRIER_NAME_UNIQUE, charterRepo, type NewCharterPass, type NewNeed, type NewPassenger, type NewRun,
} from '../../../src/server/features/charter/repository.js';
import { citizenId } from '../../helpers/fleet.js';
import { creditCode } from '../../helpers/credit-code.js';
import { onEachEngine, refusedWith } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const key = DataKey.fromBytes(randomBytes(32));
const repoOf = (store: Store) => charterRepo(store, () => key);
const AT = '2026-03-01T00:00:00.000Z';
const DRIVER_ID = citizenId('32058319750303123');

interface World {
  a: number;
  b: number;
  user: number;
  carrier: number;
  other: number;
}

async function world(store: Store): Promise<World> {
  const repo = repoOf(store);
  const a = await insertEnterprise(store, '昆山甲方电子有限公司', 1);
  const b = await insertEnterprise(store, 'Kunshan Bravo Precision', 2);
  await store.q().updateTable('enterprises').set({ status: 'approved' }).where('id', '=', a).execute();
  const user = (await store.q().insertInto('users').values({ username: 'u', display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const carrier = (await repo.insertCarrier({ name: '昆山交发集团客运公司', creditCode: creditCode(1303), dutyPhone: '051257009999' })).id;
  const other = (await repo.insertCarrier({ name: '另一家客运公司', creditCode: creditCode(1304), dutyPhone: '051257008888' })).id;
  return { a, b, user, carrier, other };
}

const need = (w: World, over: Partial<NewNeed> = {}): NewNeed => ({
  enterpriseId: w.a, originRegion: '510100', workers: 30, earliestDate: '2026-03-02', latestDate: '2026-03-06',
  contactName: '王经理', contactPhone: '13912340000', note: '', createdBy: w.user, at: AT, ...over,
});
const run = (w: World, needs: NewRun['needs'], over: Partial<NewRun> = {}): NewRun => ({
  carrierId: w.carrier, plate: '苏E88888', driverName: '赵师傅', driverIdNumber: DRIVER_ID, driverPhone: '13800001111',
  departureAt: '2026-03-03T00:00:00.000Z', arrivalBy: '2026-03-03T14:00:00.000Z', route: '成都—昆山', originRegion: '510100',
  createdBy: w.user, at: AT, needs, ...over,
});
const passenger = (n: number, stays: NewPassenger['stays'] = []): NewPassenger => ({
  name: `员工${n}`, idNumber: citizenId(`51010419900101${String(n).padStart(3, '0')}`), phone: `1390000${String(n).padStart(4, '0')}`, originRegion: '510100', stays,
});
const pass = (w: World, runId: number, jti: string, over: Partial<NewCharterPass> = {}): NewCharterPass => ({
  jti, runId, kid: 'k', jws: 'header.payload.sig', md: 'A'.repeat(43), passengers: 2, nbf: 1_772_496_000, exp: 1_772_546_400, issuedAt: AT, issuedBy: w.user, ...over,
});

await onEachEngine(t, 'carriers: insert, get, by name or credit code, list in id order; UNIQUE name and credit code recognised', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const c = (await repo.getCarrier(w.carrier))!;
  t.match(c, { id: w.carrier, name: '昆山交发集团客运公司', creditCode: creditCode(1303), dutyPhone: '051257009999', disabled: false });
  t.match(c.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.equal(await repo.getCarrier(w.other + 100), undefined);
  t.strictSame(await repo.carrierByName('昆山交发集团客运公司', 'nope'), c, 'by name');
  t.strictSame((await repo.carrierByName('nope', creditCode(1304)))?.id, w.other, 'by credit code');
  t.equal((await repo.carrierByName('另一家客运公司', creditCode(1303)))?.id, w.carrier, 'both match: the first registered');
  t.equal(await repo.carrierByName('nope', 'nope'), undefined);
  t.strictSame((await repo.listCarriers()).map((x) => x.id), [w.carrier, w.other]);
  await store.q().updateTable('carriers').set({ disabled: 1 }).where('id', '=', w.other).execute();
  t.equal((await repo.getCarrier(w.other))!.disabled, true);

  const sameName = await repo.insertCarrier({ name: '昆山交发集团客运公司', creditCode: creditCode(1305), dutyPhone: '1' }).catch((e: unknown) => e);
  t.ok(isUniqueViolation(sameName, CARRIER_NAME_UNIQUE), 'the name: recognised');
  t.notOk(isUniqueViolation(sameName, CARRIER_CREDIT_CODE_UNIQUE), 'and told apart from the credit code');
  const sameCode = await repo.insertCarrier({ name: '第三家客运公司', creditCode: creditCode(1303), dutyPhone: '1' }).catch((e: unknown) => e);
  t.ok(isUniqueViolation(sameCode, CARRIER_CREDIT_CODE_UNIQUE), 'the credit code: recognised');
  t.notOk(isUniqueViolation(sameCode, CARRIER_NAME_UNIQUE));
  t.equal((await repo.listCarriers()).length, 2, 'nothing inserted');
});

await onEachEngine(t, 'needs: insert, get, list by enterprise and open board (order with ties), status; seats offered by live runs as a number', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const n1 = await repo.insertNeed(need(w, { note: '车间二线' }));
  t.match(n1, {
    enterpriseId: w.a, enterpriseName: '昆山甲方电子有限公司', originRegion: '510100', workers: 30, earliestDate: '2026-03-02', latestDate: '2026-03-06',
    contactName: '王经理', contactPhone: '13912340000', note: '车间二线', status: 'open', seatsOffered: 0, createdAt: AT, updatedAt: AT,
  });
  t.strictSame(await repo.getNeed(n1.id), n1);
  t.equal(await repo.getNeed(n1.id + 100), undefined);
  const n2 = await repo.insertNeed(need(w, { earliestDate: '2026-03-01' }));
  const n3 = await repo.insertNeed(need(w)); // ties with n1 on earliest_date
  const nb = await repo.insertNeed(need(w, { enterpriseId: w.b, earliestDate: '2026-03-01' }));
  const ids = async (f: Parameters<typeof repo.listNeeds>[0]) => (await repo.listNeeds(f)).map((x) => x.id);
  t.strictSame(await ids({}), [n2.id, nb.id, n1.id, n3.id], 'earliest first, ties by id');
  t.strictSame(await ids({ enterpriseId: w.a }), [n2.id, n1.id, n3.id]);
  t.strictSame(await ids({ openOnly: true }), [n2.id, n1.id, n3.id], "the open board: approved enterprises' needs only");

  const r1 = await repo.insertRun(run(w, [{ needId: n1.id, enterpriseId: w.a, seats: 5 }, { needId: nb.id, enterpriseId: w.b, seats: 3 }]));
  await repo.insertRun(run(w, [{ needId: n1.id, enterpriseId: w.a, seats: 7 }]));
  const gone = await repo.insertRun(run(w, [{ needId: n1.id, enterpriseId: w.a, seats: 11 }]));
  await repo.setRunStatus(gone, 'cancelled', AT);
  const offered = (await repo.getNeed(n1.id))!.seatsOffered;
  t.equal(offered, 12, 'planned runs count, a cancelled one not');
  t.type(offered, 'number', 'a number on both engines');
  await repo.setRunStatus(r1, 'rejected', AT, { by: w.user, reason: 'no' });
  t.equal((await repo.getNeed(n1.id))!.seatsOffered, 7);
  t.equal((await repo.listNeeds({ enterpriseId: w.a })).find((x) => x.id === n1.id)!.seatsOffered, 7, 'the same in the list');

  await repo.setNeedStatus(n1.id, 'partly_served', '2026-03-01T01:00:00.000Z');
  t.match(await repo.getNeed(n1.id), { status: 'partly_served', updatedAt: '2026-03-01T01:00:00.000Z' });
  t.strictSame(await ids({ openOnly: true }), [n2.id, n1.id, n3.id], 'partly served stays on the board');
  const cancelledAt = async (id: number) => (await store.q().selectFrom('charter_needs').select('cancelled_at').where('id', '=', id).executeTakeFirstOrThrow()).cancelled_at;
  t.equal(await cancelledAt(n1.id), null);
  await repo.setNeedStatus(n3.id, 'cancelled', '2026-03-01T02:00:00.000Z');
  t.equal(await cancelledAt(n3.id), '2026-03-01T02:00:00.000Z', 'cancelling stamps cancelled_at');
  await repo.setNeedStatus(n2.id, 'served', '2026-03-01T02:00:00.000Z');
  t.strictSame(await ids({ openOnly: true }), [n1.id], 'served and cancelled leave the board');
});

await onEachEngine(t, 'runs: insert with needs, get, runNeeds with passenger counts, list filters and order with ties, status and confirmations', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const na = await repo.insertNeed(need(w));
  const nb = await repo.insertNeed(need(w, { enterpriseId: w.b }));
  const r1 = await repo.insertRun(run(w, [{ needId: nb.id, enterpriseId: w.b, seats: 3 }, { needId: na.id, enterpriseId: w.a, seats: 5 }]));
  const row = (await repo.getRun(r1))!;
  t.match(row, {
    id: r1, carrier_id: w.carrier, carrier_name: '昆山交发集团客运公司', plate: '苏E88888', driver_name: '赵师傅', driver_id_last4: DRIVER_ID.slice(-4),
    departure_at: '2026-03-03T00:00:00.000Z', arrival_by: '2026-03-03T14:00:00.000Z', route: '成都—昆山', origin_region: '510100', status: 'planned',
    created_by: w.user, created_at: AT, updated_at: AT, decided_at: null, decided_by: null, decision_reason: null, redacted_at: null,
  });
  t.not(row.driver_id_enc, DRIVER_ID, 'the ID number is stored encrypted');
  t.notMatch(row.driver_phone_enc, /13800001111/, 'the phone too');
  t.equal(repo.driverPhoneMasked(row), '138****1111');
  t.equal(await repo.getRun(r1 + 100), undefined);

  const needs = await repo.runNeeds(r1);
  t.strictSame(needs.map((n) => [n.need_id, n.enterprise_id, n.seats, n.passengers, n.confirmed_at]), [[na.id, w.a, 5, 0, null], [nb.id, w.b, 3, 0, null]], 'by need id');
  t.match(needs[1], { run_id: r1, enterprise_name: 'Kunshan Bravo Precision', credit_code: '91320583MA1XYW0002', confirmed_by: null });
  await repo.replacePassengers(r1, na.id, w.a, [passenger(1), passenger(2)], AT);
  const counted = (await repo.runNeeds(r1))[0]!.passengers;
  t.equal(counted, 2);
  t.type(counted, 'number');

  await repo.confirmRunNeed(r1, na.id, w.user, '2026-03-01T03:00:00.000Z');
  t.match((await repo.runNeeds(r1))[0], { confirmed_at: '2026-03-01T03:00:00.000Z', confirmed_by: w.user });
  t.equal((await repo.runNeeds(r1))[1]!.confirmed_at, null, 'only that need');
  await repo.clearConfirmation(r1, na.id);
  t.match((await repo.runNeeds(r1))[0], { confirmed_at: null, confirmed_by: null });

  const r2 = await repo.insertRun(run(w, [{ needId: na.id, enterpriseId: w.a, seats: 1 }])); // ties with r1 on departure
  const r3 = await repo.insertRun(run(w, [{ needId: nb.id, enterpriseId: w.b, seats: 1 }], { carrierId: w.other, departureAt: '2026-03-04T00:00:00.000Z', arrivalBy: '2026-03-04T10:00:00.000Z' }));
  const ids = async (f: Parameters<typeof repo.listRuns>[0]) => (await repo.listRuns(f)).map((r) => r.id);
  t.strictSame(await ids({}), [r3, r2, r1], 'newest departure first, ties by id, newest first');
  t.strictSame(await ids({ carrierId: w.carrier }), [r2, r1]);
  t.strictSame(await ids({ enterpriseId: w.a }), [r2, r1], 'runs serving the enterprise');
  t.strictSame(await ids({ enterpriseId: w.b }), [r3, r1]);
  await repo.setRunStatus(r2, 'confirmed', '2026-03-01T04:00:00.000Z');
  t.strictSame(await ids({ status: 'confirmed' }), [r2]);
  t.strictSame(await ids({ status: 'planned', enterpriseId: w.b, carrierId: w.carrier }), [r1], 'filters combine');
  t.match(await repo.getRun(r2), { status: 'confirmed', updated_at: '2026-03-01T04:00:00.000Z', decided_at: null });
  await repo.setRunStatus(r2, 'approved', '2026-03-01T05:00:00.000Z', { by: w.user, reason: null });
  t.match(await repo.getRun(r2), { status: 'approved', decided_at: '2026-03-01T05:00:00.000Z', decided_by: w.user, decision_reason: null });
  await refusedWith(t, () => repo.setRunStatus(r2, 'cancelled', AT), /a decided or cancelled charter run is final/, 'a decided run is final');
});

await onEachEngine(t, 'passengers: replace per need, list in order (all or one enterprise), masked; blind indexes; one person once per run', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const na = await repo.insertNeed(need(w));
  const nb = await repo.insertNeed(need(w, { enterpriseId: w.b }));
  const r = await repo.insertRun(run(w, [{ needId: na.id, enterpriseId: w.a, seats: 5 }, { needId: nb.id, enterpriseId: w.b, seats: 5 }]));
  await repo.replacePassengers(r, nb.id, w.b, [passenger(9)], AT);
  await repo.replacePassengers(r, na.id, w.a, [passenger(1, [{ code: '420100', lastDay: '2026-02-20' }]), passenger(2), passenger(3)], AT);
  const list = await repo.passengers(r);
  t.strictSame(list.map((p) => [p.needId, p.seq, p.name]), [[na.id, 1, '员工1'], [na.id, 2, '员工2'], [na.id, 3, '员工3'], [nb.id, 1, '员工9']], 'need, then place');
  const p1 = passenger(1);
  t.match(list[0], {
    runId: r, enterpriseId: w.a, idLast4: p1.idNumber.slice(-4), idMasked: `**************${p1.idNumber.slice(-4)}`, phoneMasked: '139****0001',
    originRegion: '510100', stays: [{ code: '420100', lastDay: '2026-02-20' }], creditCode: '91320583MA1XYW0001',
  });
  t.strictSame((await repo.passengers(r, w.b)).map((p) => p.name), ['员工9'], "one enterprise's");
  t.strictSame(await repo.passengers(r + 100), []);
  const stored = await store.q().selectFrom('charter_passengers').selectAll().where('run_id', '=', r).orderBy('id').execute();
  t.notOk(stored.some((s) => s.id_number_enc.includes(p1.idNumber.slice(0, 10)) || s.phone_enc.includes('1390000')), 'ciphertext only');
  t.equal(stored.find((s) => s.name === '员工1')!.id_hmac, repo.idHash(p1.idNumber));

  t.strictSame([...(await repo.otherIdHashes(r, na.id))], [repo.idHash(passenger(9).idNumber)], 'the other needs only');
  t.strictSame([...(await repo.otherIdHashes(r, nb.id))].sort(), [1, 2, 3].map((n) => repo.idHash(passenger(n).idNumber)).sort());

  await repo.replacePassengers(r, na.id, w.a, [passenger(4)], AT);
  t.strictSame((await repo.passengers(r)).map((p) => [p.seq, p.name]), [[1, '员工4'], [1, '员工9']], 'the list replaced as a whole');
  await repo.replacePassengers(r, na.id, w.a, [], AT);
  t.strictSame((await repo.passengers(r)).map((p) => p.name), ['员工9'], 'an empty list clears it');

  const twice = await repo.replacePassengers(r, na.id, w.a, [passenger(9)], AT).catch((e: unknown) => e);
  t.ok(isUniqueViolation(twice, { postgres: 'charter_passengers_run_id_id_hmac_key', sqlite: 'charter_passengers.run_id, charter_passengers.id_hmac' }), 'a person on the run twice: UNIQUE on both');
});

await onEachEngine(t, 'approval checkpoints and the charter pass: set and listed, pass id taken, revoked once, expected at a checkpoint', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  await store.q().insertInto('signing_keys').values({ kid: 'k', purpose: 'pass', public_jwk: '{}', private_enc: 'x', state: 'active' }).execute();
  const cp = async (name: string) => (await store.q().insertInto('checkpoints').values({ name, location: '某地某路', region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  const zeta = await cp('Zeta 卡口');
  const alpha = await cp('Alpha 卡口');
  const far = await cp('千灯卡口');
  const na = await repo.insertNeed(need(w));
  const approvedRun = async (over: Partial<NewRun> = {}) => {
    const id = await repo.insertRun(run(w, [{ needId: na.id, enterpriseId: w.a, seats: 2 }], over));
    await repo.replacePassengers(id, na.id, w.a, [passenger(id * 10 + 1), passenger(id * 10 + 2)], AT);
    await repo.setRunStatus(id, 'approved', AT, { by: w.user, reason: null });
    return id;
  };
  const r1 = await approvedRun();
  await repo.setRunCheckpoints(r1, [zeta, alpha]);
  t.strictSame(await repo.runCheckpoints(r1), [{ id: alpha, name: 'Alpha 卡口', status: 'active' }, { id: zeta, name: 'Zeta 卡口', status: 'active' }], 'by name');
  t.strictSame(await repo.runCheckpoints(r1 + 100), []);
  const planned = await repo.insertRun(run(w, [{ needId: na.id, enterpriseId: w.a, seats: 1 }]));
  await refusedWith(t, () => repo.setRunCheckpoints(planned, [zeta]), /checkpoints are set when a charter run is approved/, 'only an approved run');
  await refusedWith(t, () => repo.replacePassengers(r1, na.id, w.a, [passenger(5)], AT), /the manifest of a decided charter run is fixed/, 'its manifest is fixed');

  t.equal(await repo.passOfRun(r1), undefined);
  t.equal(await repo.passIdTaken('CHARTER001'), false);
  await repo.insertPass(pass(w, r1, 'CHARTER001'));
  t.match(await repo.passOfRun(r1), {
    jti: 'CHARTER001', run_id: r1, kid: 'k', jws: 'header.payload.sig', md: 'A'.repeat(43), passengers: 2, nbf: 1_772_496_000, exp: 1_772_546_400,
    issued_at: AT, issued_by: w.user, revoked_at: null, revoked_by: null, revoke_reason: null,
  });
  t.equal(await repo.passIdTaken('CHARTER001'), true, 'a charter pass id');
  const vehicle = (await store.q().insertInto('vehicles').values({ enterprise_id: w.a, plate: '苏E12345', vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()).id;
  await store.q().insertInto('passes').values({
    pass_no: 'FREIGHT001', enterprise_id: w.a, vehicle_id: vehicle, status: 'draft', valid_from: AT, valid_to: AT, origin_region: '320583',
    destination: '昆山', cargo_category: 'parts', route_note: '', created_by: w.user,
  }).execute();
  t.equal(await repo.passIdTaken('FREIGHT001'), true, 'a freight pass number too');
  t.equal(await repo.passIdTaken('charter001'), false, 'compared exactly');
  await refusedWith(t, () => repo.setRunCheckpoints(r1, [far]), /checkpoints are set when a charter run is approved/, 'none added once the pass is issued');

  // The window [departure, arrival) against [from, to): r2 departs earlier, r3 ties r1's departure.
  const r2 = await approvedRun({ departureAt: '2026-03-02T20:00:00.000Z', arrivalBy: '2026-03-03T02:00:00.000Z' });
  const r3 = await approvedRun();
  const r4 = await approvedRun({ departureAt: '2026-03-05T00:00:00.000Z', arrivalBy: '2026-03-05T10:00:00.000Z' });
  for (const [r, jti] of [[r2, 'CHARTER002'], [r3, 'CHARTER003'], [r4, 'CHARTER004']] as const) {
    await repo.setRunCheckpoints(r, [alpha]);
    await repo.insertPass(pass(w, r, jti));
  }
  const expected = async (checkpoint: number, from: string, to: string) => (await repo.expectedAt(checkpoint, from, to)).map((x) => [x.runId, x.pass.jti]);
  t.strictSame(await expected(alpha, '2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z'), [[r2, 'CHARTER002'], [r1, 'CHARTER001'], [r3, 'CHARTER003']], 'earliest departure first, ties by run');
  t.strictSame(await expected(zeta, '2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z'), [[r1, 'CHARTER001']], 'listed at this checkpoint only');
  t.strictSame(await expected(alpha, '2026-03-03T02:00:00.000Z', '2026-03-03T03:00:00.000Z'), [[r1, 'CHARTER001'], [r3, 'CHARTER003']], 'r2 arrived by then');
  t.strictSame(await expected(alpha, '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'), [[r2, 'CHARTER002']], 'r1 departs at the end');
  t.strictSame(await expected(far, '2026-03-01T00:00:00.000Z', '2026-03-09T00:00:00.000Z'), []);

  t.equal(await repo.revokePass(r3, w.user, '证件不符', '2026-03-02T06:00:00.000Z'), true);
  t.match(await repo.passOfRun(r3), { revoked_at: '2026-03-02T06:00:00.000Z', revoked_by: w.user, revoke_reason: '证件不符' });
  t.equal(await repo.revokePass(r3, w.user, 'again', '2026-03-02T07:00:00.000Z'), false, 'once');
  t.equal((await repo.passOfRun(r3))!.revoke_reason, '证件不符');
  t.equal(await repo.revokePass(r1 + 100, w.user, 'none', AT), false, 'no pass');
  // The retention run's erasure of r2 (migration 019 admits exactly these values).
  await store.q().updateTable('charter_runs')
    .set({ driver_name: ERASED, driver_id_enc: ERASED, driver_id_last4: '****', driver_phone_enc: ERASED, redacted_at: '2026-03-04T00:00:00.000Z' })
    .where('id', '=', r2).execute();
  t.match((await repo.getRun(r2))!, { driver_name: ERASED, redacted_at: '2026-03-04T00:00:00.000Z' });
  t.equal(repo.driverPhoneMasked((await repo.getRun(r2))!), ERASED, 'an erased phone is shown as the marker, never decrypted');
  t.strictSame(await expected(alpha, '2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z'), [[r1, 'CHARTER001']], 'revoked and erased runs are not expected');
});

await onEachEngine(t, 'a transaction rolls back every write of the repository; a nested one rolls back alone', async (t, store) => {
  const repo = repoOf(store);
  const w = await world(store);
  const boom = new Error('boom');
  const failed = await store
    .transaction(async () => {
      const n = await repo.insertNeed(need(w));
      await repo.insertRun(run(w, [{ needId: n.id, enterpriseId: w.a, seats: 2 }]));
      await repo.insertCarrier({ name: '第三家客运公司', creditCode: creditCode(1305), dutyPhone: '1' });
      throw boom;
    })
    .catch((e: unknown) => e);
  t.equal(failed, boom);
  t.strictSame(await repo.listNeeds({}), []);
  t.strictSame(await repo.listRuns({}), []);
  t.equal((await repo.listCarriers()).length, 2);

  const kept = await store.transaction(async () => {
    const n = await repo.insertNeed(need(w));
    await store.transaction(async () => {
      await repo.setNeedStatus(n.id, 'cancelled', AT);
      throw boom;
    }).catch(() => undefined);
    return n.id;
  });
  t.equal((await repo.getNeed(kept))!.status, 'open', 'the savepoint rolled back, the rest committed');
});
