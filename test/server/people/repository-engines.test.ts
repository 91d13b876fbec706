/**
 * The people repository on both engines (issue 16): every method, the ID number and phone stored only as
 * ciphertext and found by the blind index, the list's filters (name part taken literally, the last four of
 * the ID in either case), its order with ties, the UNIQUE ID number recognised the same way, and transactions.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../../src/server/db/store.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { PERSON_ID_UNIQUE, peopleRepo, type NewPerson, type PersonFilter } from '../../../src/server/features/people/repository.js';
import { citizenId } from '../../helpers/fleet.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const key = DataKey.fromBytes(randomBytes(32));
const repoOf = (store: Store) => peopleRepo(store, () => key);
const all = (f: Partial<PersonFilter> = {}): PersonFilter => ({ status: 'all', limit: 100, offset: 0, ...f });
const ID1 = citizenId('32058319800101001'); // ends in a digit
const ID2 = citizenId('11010519491231002'); // 11010519491231002X
const person = (enterpriseId: number, o: Partial<NewPerson> = {}): NewPerson => ({
  enterpriseId, name: '张建国', role: 'driver', idNumber: ID1, phone: '13812345678', stays: ['420106'], staysDeclaredAt: '2026-12-01T01:00:00.000Z', ...o,
});

await onEachEngine(t, 'insert, get and getByIdNumber give the same masked person; the clear values are never stored', async (t, store) => {
  const repo = repoOf(store);
  const ent = await insertEnterprise(store, '昆山甲物流有限公司', 1);
  const p = await repo.insert(person(ent, { idNumber: ID2 }));
  t.match(p, {
    enterpriseId: ent,
    enterpriseName: '昆山甲物流有限公司',
    name: '张建国',
    role: 'driver',
    idMasked: '**************002X',
    idLast4: '002X',
    phoneMasked: '138****5678',
    stays: [{ code: '420106', name: '湖北省 武汉市 武昌区' }],
    staysDeclaredAt: '2026-12-01T01:00:00.000Z',
    archived: false,
  });
  t.match(p.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.strictSame(await repo.get(p.id), p);
  t.strictSame(await repo.getByIdNumber(ent, ID2), p, 'found by the blind index');
  t.equal(await repo.getByIdNumber(ent, ID1), undefined);
  t.equal(await repo.getByIdNumber(ent + 1000, ID2), undefined, "not in another enterprise's people");
  t.equal(await repo.get(p.id + 1000), undefined);

  const raw = await store.q().selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
  const stored = JSON.stringify(raw);
  t.notOk(stored.includes(ID2) || stored.includes('13812345678'), 'neither the ID number nor the phone in clear');
  t.same(await repo.reveal(p.id), { idNumber: ID2, phone: '13812345678' }, 'reveal decrypts both');
  t.equal(await repo.reveal(p.id + 1000), undefined);

  const none = await repo.insert(person(ent, { idNumber: ID1, name: '李卫东', role: 'escort', stays: null, staysDeclaredAt: '2026-12-01T01:00:00.000Z' }));
  t.same([none.stays, none.staysDeclaredAt, none.role], [[], null, 'escort'], 'no declaration: no stays and no date');
});

await onEachEngine(t, 'an ID number is unique per enterprise, archived or not, and the violation is recognised', async (t, store) => {
  const repo = repoOf(store);
  const a = await insertEnterprise(store, '甲物流', 1);
  const b = await insertEnterprise(store, '乙物流', 2);
  await repo.insert(person(a));
  await repo.insert(person(b));
  t.pass('the same person may work for two enterprises');
  const err = await repo.insert(person(a, { name: '另一人' })).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(err, PERSON_ID_UNIQUE), `UNIQUE on (enterprise, id_hmac): ${String(err)}`);
  const other = await store.q().insertInto('people').values({ enterprise_id: a, name: 'x', role: 'pilot', id_number_enc: 'x', id_hmac: 'h', id_last4: '0000', phone_enc: 'x' }).execute().then(() => null, (e: unknown) => e);
  t.ok(other, 'a CHECK violation is an error');
  t.notOk(isUniqueViolation(other, PERSON_ID_UNIQUE), 'but not this UNIQUE one');
});

await onEachEngine(t, 'list: filters, search and order with ties', async (t, store) => {
  const repo = repoOf(store);
  const a = await insertEnterprise(store, '昆山乙物流有限公司', 1);
  const b = await insertEnterprise(store, '昆山甲物流有限公司', 2);
  let n = 100;
  const add = async (ent: number, name: string, o: Partial<NewPerson> = {}) => repo.insert(person(ent, { name, idNumber: citizenId(`32058319800101${n++}`), ...o }));
  const w1 = await add(a, '王伟');
  const w2 = await add(b, '王伟');
  const w3 = await add(a, '王伟');
  const li = await add(a, '李娜', { role: 'escort' });
  const x = await add(b, 'Li_Na%', { idNumber: ID2 });
  await repo.setArchived(w1.id, true);
  const ids = async (f: Partial<PersonFilter>) => (await repo.list(all(f))).items.map((p) => p.id);

  // Active first, then enterprise name, name and id; text compared by code point, as both engines do
  // under the C collation every Kakou database has.
  const expected = [w2, w3, li, x, w1]
    .map((p, i) => ({ p, i }))
    .sort((l, r) => Number(l.p.id === w1.id) - Number(r.p.id === w1.id) || (l.p.enterpriseName < r.p.enterpriseName ? -1 : l.p.enterpriseName > r.p.enterpriseName ? 1 : 0) || (l.p.name < r.p.name ? -1 : l.p.name > r.p.name ? 1 : 0) || l.p.id - r.p.id)
    .map(({ p }) => p.id);
  t.same(await ids({}), expected, 'active first, then enterprise, name, id');
  t.equal((await repo.list(all())).total, 5);
  t.same(await ids({ status: 'archived' }), [w1.id]);
  t.same((await ids({ status: 'active' })).sort(), [w2.id, w3.id, li.id, x.id].sort());
  t.same((await ids({ enterpriseId: b })).sort(), [w2.id, x.id].sort());
  t.same(await ids({ role: 'escort' }), [li.id]);
  t.same((await ids({ q: '王' })).length, 3, 'part of a name');
  t.same(await ids({ q: 'li_na%' }), [x.id], 'ASCII case ignored, % and _ taken literally');
  t.same(await ids({ q: 'i%a' }), [], 'a wildcard in the search is not a wildcard');
  t.same(await ids({ q: '002x' }), [x.id], 'the last four of the ID number, in either case');
  t.same(await ids({ q: '002X' }), [x.id]);
  const page = await repo.list(all({ limit: 2, offset: 1 }));
  t.same([page.items.map((p) => p.id), page.total], [expected.slice(1, 3), 5], 'a page, and the total of all');
  const { total } = await repo.list(all({ q: '王', status: 'active' }));
  t.equal(total, 2);
  t.type(total, 'number', 'a count is a number on both engines');
});

await onEachEngine(t, 'update changes only what is given; setArchived; a rolled-back transaction leaves nothing', async (t, store) => {
  const repo = repoOf(store);
  const ent = await insertEnterprise(store, '甲物流', 1);
  const p = await repo.insert(person(ent));
  const before = await store.q().selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
  await new Promise((r) => setTimeout(r, 5));
  await repo.update(p.id, {});
  t.strictSame(await repo.get(p.id), p, 'an empty patch writes nothing (updated_at kept)');

  await repo.update(p.id, { name: '张建华', idNumber: ID2, stays: { codes: ['320583', '420106'], declaredAt: '2026-12-02T00:00:00.000Z' } });
  const after = (await repo.get(p.id))!;
  t.match(after, { name: '张建华', role: 'driver', idLast4: '002X', phoneMasked: '138****5678', staysDeclaredAt: '2026-12-02T00:00:00.000Z' });
  t.same(after.stays.map((s) => s.code), ['320583', '420106']);
  t.ok(after.updatedAt > p.updatedAt, 'updated_at moves');
  t.equal((await repo.getByIdNumber(ent, ID2))?.id, p.id, 'the blind index follows the new number');
  t.equal(await repo.getByIdNumber(ent, ID1), undefined);
  const raw = await store.q().selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
  t.equal(raw.phone_enc, before.phone_enc, 'the phone untouched when not given');
  await repo.update(p.id, { phone: '13900001111', role: 'escort' });
  t.match(await repo.get(p.id), { phoneMasked: '139****1111', role: 'escort', name: '张建华' });

  await repo.setArchived(p.id, true);
  t.equal((await repo.get(p.id))!.archived, true);
  await repo.setArchived(p.id, false);
  t.equal((await repo.get(p.id))!.archived, false);

  await t.rejects(
    store.transaction(async () => {
      await repo.update(p.id, { name: '回滚' });
      await repo.insert(person(ent, { idNumber: ID1, name: '回滚' }));
      throw new Error('abort');
    }),
    /abort/,
  );
  t.equal((await repo.get(p.id))!.name, '张建华', 'the update rolled back');
  t.equal((await repo.list(all())).total, 1, 'the insert rolled back');
});

await onEachEngine(t, 'onLivePass: a submitted or issued pass not yet ended carries the person', async (t, store) => {
  const repo = repoOf(store);
  const ent = await insertEnterprise(store, '甲物流', 1);
  const user = (await store.q().insertInto('users').values({ username: 'u1', display_name: 'u1', role: 'enterprise_user', enterprise_id: ent, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const vehicle = (await store.q().insertInto('vehicles').values({ enterprise_id: ent, plate: '苏E00001', vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()).id;
  let n = 0;
  const pass = async (personId: number, status: string, validTo: string) => {
    const { id } = await store
      .q()
      .insertInto('passes')
      .values({
        pass_no: `P-TEST-${++n}`, enterprise_id: ent, vehicle_id: vehicle, status, valid_from: '2020-01-01T00:00:00.000Z', valid_to: validTo,
        origin_region: '320583', destination: '昆山', cargo_category: 'parts', created_by: user,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.q().insertInto('pass_people').values({ pass_id: id, person_id: personId, position: 0, role: 'driver' }).execute();
  };
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const past = new Date(Date.now() - 60_000).toISOString();
  let k = 200;
  const someone = async () => (await repo.insert(person(ent, { idNumber: citizenId(`32058319800101${k++}`) }))).id;
  const submitted = await someone();
  await pass(submitted, 'submitted', future);
  const ended = await someone();
  await pass(ended, 'issued', past);
  const draft = await someone();
  await pass(draft, 'draft', future);
  await pass(draft, 'revoked', future);
  const none = await someone();
  t.equal(await repo.onLivePass(submitted), true, 'submitted, ending tomorrow');
  t.equal(await repo.onLivePass(ended), false, 'ended a minute ago');
  t.equal(await repo.onLivePass(draft), false, 'drafts and revoked passes are not live');
  t.equal(await repo.onLivePass(none), false);
  await pass(ended, 'issued', future);
  t.equal(await repo.onLivePass(ended), true, 'issued, ending tomorrow');
});
