// The vehicles repository on both engines (issue 16): every method, the list's filters and order, the
// plate search's case and wildcards, the UNIQUE plate recognised the same way, and transactions.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { VEHICLE_PLATE_UNIQUE, vehiclesRepo, type VehicleFilter } from '../../../src/server/features/vehicles/repository.js';
import { creditCode } from '../../helpers/credit-code.js';
import { onEachEngine } from '../../helpers/engines.js';

const enterprise = async (store: Store, name: string, n: number) =>
  (
    await store
      .q()
      .insertInto('enterprises')
      .values({ name, credit_code: creditCode(n), address: '昆山', region_code: '320583', duty_phone: '0512-5000000' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const all = (f: Partial<VehicleFilter> = {}): VehicleFilter => ({ status: 'all', limit: 100, offset: 0, ...f });

onEachEngine(t, 'insert, get and getByPlate give the same vehicle', async (t, store) => {
  const repo = vehiclesRepo(store);
  const ent = await enterprise(store, '昆山甲物流有限公司', 1);
  const before = new Date(Date.now() - 5000).toISOString();
  const v = await repo.insert({ enterpriseId: ent, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  t.match(v, {
    enterpriseId: ent,
    enterpriseName: '昆山甲物流有限公司',
    plate: '苏E12345',
    type: 'truck',
    regionCode: '320500',
    regionName: '苏州市',
    archived: false,
  });
  t.type(v.id, 'number');
  t.match(v.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.ok(v.createdAt >= before);
  t.strictSame(await repo.get(v.id), v);
  t.strictSame(await repo.getByPlate(ent, '苏E12345'), v);
  t.equal(await repo.get(v.id + 1000), undefined);
  t.equal(await repo.getByPlate(ent, '苏E54321'), undefined);
  t.equal(await repo.getByPlate(ent + 1000, '苏E12345'), undefined, 'the plate is looked up within its enterprise');
});

onEachEngine(t, 'update and setArchived change the row and its updated_at, in the ISO form of the defaults', async (t, store) => {
  const repo = vehiclesRepo(store);
  const ent = await enterprise(store, '昆山甲物流有限公司', 1);
  const v = await repo.insert({ enterpriseId: ent, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  await store.q().updateTable('vehicles').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.update(v.id, { plate: '鄂A12345', type: 'van', regionCode: '420100' });
  const updated = (await repo.get(v.id))!;
  t.match(updated, { plate: '鄂A12345', type: 'van', regionCode: '420100', regionName: '武汉市', archived: false, createdAt: v.createdAt });
  t.match(updated.updatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.ok(updated.updatedAt > '2020', 'updated_at is now');

  await store.q().updateTable('vehicles').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.setArchived(v.id, true);
  const archived = (await repo.get(v.id))!;
  t.equal(archived.archived, true);
  t.ok(archived.updatedAt > '2020');
  await repo.setArchived(v.id, false);
  t.equal((await repo.get(v.id))!.archived, false);
});

onEachEngine(t, 'list filters by enterprise, plate part, type and status, and counts what matches', async (t, store) => {
  const repo = vehiclesRepo(store);
  const a = await enterprise(store, '昆山甲物流有限公司', 1);
  const b = await enterprise(store, '昆山乙物流有限公司', 2);
  const add = (enterpriseId: number, plate: string, type: 'truck' | 'van' | 'tanker') =>
    repo.insert({ enterpriseId, plate, type, regionCode: '320500' });
  const a1 = await add(a, '苏E12345', 'truck');
  const a2 = await add(a, '苏E54321', 'van');
  const b1 = await add(b, '苏E12399', 'tanker');
  const b2 = await add(b, '鄂A00001', 'truck');
  await repo.setArchived(a2.id, true);
  const ids = async (f: Partial<VehicleFilter>) => {
    const r = await repo.list(all(f));
    t.equal(r.total, r.items.length, `total of ${JSON.stringify(f)}`);
    return r.items.map((v) => v.id);
  };
  // Text sorts by code point on both engines: 乙 (U+4E59) before 甲 (U+7532), 苏 (U+82CF) before 鄂 (U+9102).
  t.strictSame(await ids({}), [b1.id, b2.id, a1.id, a2.id], 'active first, then by enterprise name and plate');
  t.strictSame(await ids({ status: 'active' }), [b1.id, b2.id, a1.id]);
  t.strictSame(await ids({ status: 'archived' }), [a2.id]);
  t.strictSame(await ids({ enterpriseId: b }), [b1.id, b2.id]);
  t.strictSame(await ids({ type: 'truck' }), [b2.id, a1.id]);
  t.strictSame(await ids({ q: 'E123' }), [b1.id, a1.id]);
  t.strictSame(await ids({ q: '' }), [b1.id, b2.id, a1.id, a2.id], 'an empty search is no filter');
  t.strictSame(await ids({ q: 'E123', enterpriseId: a, type: 'truck', status: 'active' }), [a1.id]);
  t.strictSame(await ids({ enterpriseId: a + b + 1000 }), []);
  const page = await repo.list(all({ limit: 1, offset: 1 }));
  t.equal(page.total, 4, 'total counts every match, not the page');
  t.strictSame(page.items.map((v) => v.id), [b2.id]);
  t.equal(page.items[0]!.enterpriseName, '昆山乙物流有限公司');
});

onEachEngine(t, 'the plate search ignores ASCII case and takes % and _ literally', async (t, store) => {
  const repo = vehiclesRepo(store);
  const a = await enterprise(store, '昆山甲物流有限公司', 1);
  const v1 = await repo.insert({ enterpriseId: a, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  await repo.insert({ enterpriseId: a, plate: '苏EA2345', type: 'truck', regionCode: '320500' });
  const found = async (q: string) => (await repo.list(all({ q }))).items.map((v) => v.plate);
  t.strictSame(await found('e123'), ['苏E12345'], 'lower case finds upper case');
  t.strictSame(await found('E123'), ['苏E12345']);
  t.strictSame(await found('苏e1'), ['苏E12345']);
  t.strictSame(await found('E_23'), [], '_ is not a wildcard');
  t.strictSame(await found('E%5'), [], '% is not a wildcard');
  t.strictSame(await found('\\'), [], 'a backslash is just a character');
  t.equal((await repo.list(all({ q: 'e123' }))).total, 1);
  t.ok(v1);
});

onEachEngine(t, 'the list order ends in the id: equal names and plates are walked in pages, each once', async (t, store) => {
  const repo = vehiclesRepo(store);
  // Two enterprises with the same name, the same plates in both: only the id tells their rows apart.
  const a = await enterprise(store, '昆山同名物流有限公司', 1);
  const b = await enterprise(store, '昆山同名物流有限公司', 2);
  const ids: number[] = [];
  for (const plate of ['苏E55555', '苏E00001', '苏E12345']) for (const ent of [b, a]) ids.push((await repo.insert({ enterpriseId: ent, plate, type: 'truck', regionCode: '320500' })).id);
  await repo.setArchived(ids[0]!, true);
  const plateOf = new Map<number, string>();
  for (const id of ids) plateOf.set(id, `${id === ids[0] ? 1 : 0}|${(await repo.get(id))!.plate}`);
  const expected = [...ids].sort((x, y) => (plateOf.get(x)! === plateOf.get(y)! ? x - y : plateOf.get(x)! < plateOf.get(y)! ? -1 : 1));
  for (const size of [1, 2, 4]) {
    const walked: number[] = [];
    for (let offset = 0; ; offset += size) {
      const { items, total } = await repo.list(all({ limit: size, offset }));
      t.equal(total, 6);
      walked.push(...items.map((v) => v.id));
      if (items.length < size) break;
    }
    t.strictSame(walked, expected, `pages of ${size}`);
  }
});

onEachEngine(t, 'onLivePass: a submitted or issued pass that has not ended', async (t, store) => {
  const repo = vehiclesRepo(store);
  const ent = await enterprise(store, '昆山甲物流有限公司', 1);
  const user = (
    await store
      .q()
      .insertInto('users')
      .values({ username: 'u1', display_name: 'u1', role: 'enterprise_user', enterprise_id: ent, password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const vehicle = async (plate: string) => (await repo.insert({ enterpriseId: ent, plate, type: 'truck', regionCode: '320500' })).id;
  let n = 0;
  const pass = async (vehicleId: number, status: string, validTo: string) =>
    store
      .q()
      .insertInto('passes')
      .values({
        pass_no: `P-TEST-${++n}`, enterprise_id: ent, vehicle_id: vehicleId, status, valid_from: '2020-01-01T00:00:00.000Z', valid_to: validTo,
        origin_region: '320583', destination: '昆山', cargo_category: 'parts', created_by: user,
      })
      .execute();
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const past = new Date(Date.now() - 60_000).toISOString();
  const submitted = await vehicle('苏E00001');
  await pass(submitted, 'submitted', future);
  const ended = await vehicle('苏E00002');
  await pass(ended, 'submitted', past);
  const draft = await vehicle('苏E00003');
  await pass(draft, 'draft', future);
  await pass(draft, 'rejected', future);
  const none = await vehicle('苏E00004');
  t.equal(await repo.onLivePass(submitted), true, 'submitted, ending tomorrow');
  t.equal(await repo.onLivePass(ended), false, 'ended a minute ago');
  t.equal(await repo.onLivePass(draft), false, 'drafts and rejected applications are not live');
  t.equal(await repo.onLivePass(none), false);
  await pass(ended, 'issued', future);
  t.equal(await repo.onLivePass(ended), true, 'issued, ending tomorrow');
});

onEachEngine(t, 'a second vehicle with the same plate in one enterprise is a UNIQUE violation, recognised on both engines', async (t, store) => {
  const repo = vehiclesRepo(store);
  const a = await enterprise(store, '昆山甲物流有限公司', 1);
  const b = await enterprise(store, '昆山乙物流有限公司', 2);
  const v = await repo.insert({ enterpriseId: a, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  const other = await repo.insert({ enterpriseId: b, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  t.ok(other, 'another enterprise may have the plate');
  const insertError = await repo.insert({ enterpriseId: a, plate: '苏E12345', type: 'van', regionCode: '320500' }).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(insertError, VEHICLE_PLATE_UNIQUE), `insert: ${String(insertError)}`);
  t.notOk(isUniqueViolation(insertError, { postgres: 'enterprises_credit_code_key', sqlite: 'enterprises.credit_code' }), 'not some other constraint');
  const second = await repo.insert({ enterpriseId: a, plate: '苏E54321', type: 'truck', regionCode: '320500' });
  const updateError = await repo.update(second.id, { plate: '苏E12345', type: 'truck', regionCode: '320500' }).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(updateError, VEHICLE_PLATE_UNIQUE), `update: ${String(updateError)}`);
  t.equal((await repo.get(second.id))!.plate, '苏E54321', 'unchanged');
  t.equal((await repo.list(all({ enterpriseId: a }))).total, 2);
  t.ok(v);
  // A CHECK is not a UNIQUE violation.
  const checkError = await repo.insert({ enterpriseId: a, plate: '苏E99999', type: 'bus' as never, regionCode: '320500' }).then(() => null, (e: unknown) => e);
  t.ok(checkError, 'the type CHECK refuses');
  t.notOk(isUniqueViolation(checkError));
});

onEachEngine(t, 'inside a transaction the methods see their own writes, and a rollback keeps none of them', async (t, store) => {
  const repo = vehiclesRepo(store);
  const a = await enterprise(store, '昆山甲物流有限公司', 1);
  const kept = await repo.insert({ enterpriseId: a, plate: '苏E12345', type: 'truck', regionCode: '320500' });
  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      const v = await repo.insert({ enterpriseId: a, plate: '苏E54321', type: 'van', regionCode: '320500' });
      await repo.update(kept.id, { plate: '苏E11111', type: 'van', regionCode: '320500' });
      await repo.setArchived(kept.id, true);
      t.equal((await repo.getByPlate(a, '苏E54321'))?.id, v.id, 'reads its own insert');
      t.equal((await repo.list(all())).total, 2);
      throw boom;
    }),
    boom,
  );
  t.strictSame((await repo.list(all())).items, [kept], 'the insert, update and archive are all undone');
  await store.transaction(async () => {
    await repo.insert({ enterpriseId: a, plate: '苏E54321', type: 'van', regionCode: '320500' });
  });
  t.equal((await repo.list(all())).total, 2, 'a transaction that resolves commits');
  // A duplicate inside a transaction aborts it; on PostgreSQL nothing more can run in it, so the whole of it goes.
  await t.rejects(
    store.transaction(async () => {
      await repo.insert({ enterpriseId: a, plate: '苏E77777', type: 'van', regionCode: '320500' });
      await repo.insert({ enterpriseId: a, plate: '苏E12345', type: 'van', regionCode: '320500' });
    }),
  );
  t.equal(await repo.getByPlate(a, '苏E77777'), undefined);
});
