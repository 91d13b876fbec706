// The users repository on both engines (issue 16): every method, the user name's case ignored in lookups
// and in its UNIQUE constraint, the lists' filters and order, the UNIQUE violation recognised the same
// way, and transactions.
import t from 'tap';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import type { Store } from '../../../src/server/db/store.js';
import { USER_USERNAME_UNIQUE, usersRepo } from '../../../src/server/features/users/repository.js';
import type { Role } from '../../../src/server/features/users/schema.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const account = (username: string, role: Role, org: { enterpriseId?: number; carrierId?: number } = {}) => ({
  username,
  displayName: `名 ${username}`,
  role,
  enterpriseId: org.enterpriseId ?? null,
  carrierId: org.carrierId ?? null,
  passwordHash: `hash-of-${username}`,
  mustChangePassword: true,
});
const insertCarrier = async (store: Store, name: string, n: number) =>
  (await store.q().insertInto('carriers').values({ name, credit_code: `91320583MA2XYW${String(n).padStart(4, '0')}`, duty_phone: '0512-5000000' }).returning('id').executeTakeFirstOrThrow()).id;

onEachEngine(t, 'insert, get and getWithHash give the same account; booleans and defaults mapped', async (t, store) => {
  const repo = usersRepo(store);
  const u = await repo.insert(account('wang.li', 'bureau_officer'));
  t.strictSame({ ...u, id: 0, createdAt: '' }, {
    id: 0, username: 'wang.li', displayName: '名 wang.li', role: 'bureau_officer', enterpriseId: null, carrierId: null,
    mustChangePassword: true, locale: 'zh', disabled: false, createdAt: '',
  });
  t.type(u.id, 'number');
  t.match(u.createdAt, ISO);
  t.strictSame(await repo.get(u.id), u);
  t.strictSame(await repo.getWithHash('wang.li'), { ...u, passwordHash: 'hash-of-wang.li' });
  t.notOk('passwordHash' in (await repo.get(u.id))!, 'get never reads the hash');
  t.equal(await repo.get(u.id + 1000), undefined);
  t.equal(await repo.getWithHash('nobody'), undefined);
  const e = await insertEnterprise(store, '昆山甲物流有限公司', 1);
  const c = await insertCarrier(store, '昆山客运有限公司', 1);
  t.match(await repo.insert({ ...account('ent-user', 'enterprise_user', { enterpriseId: e }), mustChangePassword: false }), { enterpriseId: e, carrierId: null, mustChangePassword: false });
  const { carrierId: _omit, ...withoutCarrier } = account('no-carrier', 'bureau_admin');
  t.match(await repo.insert(withoutCarrier), { carrierId: null }, 'carrierId may be left out');
  t.match(await repo.insert(account('coach', 'carrier_user', { carrierId: c })), { carrierId: c, enterpriseId: null, role: 'carrier_user' });
});

onEachEngine(t, 'getWithHash ignores the ASCII case of the name on both engines (NOCASE / citext)', async (t, store) => {
  const repo = usersRepo(store);
  const u = await repo.insert(account('zhao.min', 'bureau_officer'));
  t.equal((await repo.getWithHash('ZHAO.MIN'))?.id, u.id);
  t.equal((await repo.getWithHash('Zhao.Min'))?.id, u.id);
  t.equal(await repo.getWithHash('zhao'), undefined, 'the whole name, not a prefix');
  t.equal(await repo.getWithHash('zhao_min'), undefined, '_ is no wildcard');
  t.equal(await repo.getWithHash('zhao%'), undefined, '% is no wildcard');
});

onEachEngine(t, 'setPassword, setLocale and setDisabled change the account alone', async (t, store) => {
  const repo = usersRepo(store);
  const a = await repo.insert(account('alpha', 'bureau_officer'));
  const b = await repo.insert(account('bravo', 'bureau_officer'));
  await repo.setPassword(a.id, 'new-hash', false);
  t.match(await repo.getWithHash('alpha'), { passwordHash: 'new-hash', mustChangePassword: false });
  await repo.setPassword(a.id, 'newer-hash', true);
  t.match(await repo.getWithHash('alpha'), { passwordHash: 'newer-hash', mustChangePassword: true });
  await repo.setLocale(a.id, 'en');
  t.equal((await repo.get(a.id))!.locale, 'en');
  await repo.setDisabled(a.id, true);
  t.equal((await repo.get(a.id))!.disabled, true);
  await repo.setDisabled(a.id, false);
  t.equal((await repo.get(a.id))!.disabled, false);
  t.strictSame(await repo.getWithHash('bravo'), { ...b, passwordHash: 'hash-of-bravo' }, 'the other account is untouched');
});

onEachEngine(t, 'the lists: by enterprise, by carrier and the bureau, each in id order; countByRole', async (t, store) => {
  const repo = usersRepo(store);
  const e1 = await insertEnterprise(store, '昆山甲物流有限公司', 1);
  const e2 = await insertEnterprise(store, '昆山乙物流有限公司', 2);
  const c1 = await insertCarrier(store, '昆山客运有限公司', 1);
  const ids: Record<string, number> = {};
  // Names out of id order, so an order by name would show.
  for (const [name, role, org] of [
    ['zz-admin', 'bureau_admin', {}],
    ['e1-z', 'enterprise_user', { enterpriseId: e1 }],
    ['coach-z', 'carrier_user', { carrierId: c1 }],
    ['aa-officer', 'bureau_officer', {}],
    ['e1-a', 'enterprise_user', { enterpriseId: e1 }],
    ['e2-a', 'enterprise_user', { enterpriseId: e2 }],
    ['coach-a', 'carrier_user', { carrierId: c1 }],
    ['mm-admin', 'bureau_admin', {}],
  ] as const) ids[name] = (await repo.insert(account(name, role, org))).id;
  const names = (us: { username: string }[]) => us.map((u) => u.username);
  t.strictSame(names(await repo.listByEnterprise(e1)), ['e1-z', 'e1-a']);
  t.strictSame(names(await repo.listByEnterprise(e2)), ['e2-a']);
  t.strictSame(await repo.listByEnterprise(e2 + 100), []);
  t.strictSame(names(await repo.listByCarrier(c1)), ['coach-z', 'coach-a']);
  t.strictSame(await repo.listByCarrier(c1 + 100), []);
  t.strictSame(names(await repo.listBureau()), ['zz-admin', 'aa-officer', 'mm-admin'], 'neither enterprise nor carrier');
  t.strictSame((await repo.listBureau())[0], await repo.get(ids['zz-admin']!), 'list rows are whole accounts');
  t.equal(await repo.countByRole('bureau_admin'), 2);
  t.equal(await repo.countByRole('enterprise_user'), 3);
  t.equal(await repo.countByRole('carrier_user'), 2);
  t.equal(await repo.countByRole('bureau_officer'), 1);
  t.type(await repo.countByRole('bureau_admin'), 'number', 'a number on PostgreSQL too (count is int8)');
});

onEachEngine(t, 'a taken user name, in any case, is a UNIQUE violation recognised on both engines', async (t, store) => {
  const repo = usersRepo(store);
  await repo.insert(account('li.lei', 'bureau_officer'));
  for (const name of ['li.lei', 'LI.LEI']) {
    const err = await repo.insert(account(name, 'bureau_admin')).then(() => null, (e: unknown) => e);
    t.ok(isUniqueViolation(err, USER_USERNAME_UNIQUE), `${name}: ${String(err)}`);
    t.notOk(isUniqueViolation(err, { postgres: 'enterprises_credit_code_key', sqlite: 'enterprises.credit_code' }), 'not another constraint');
  }
  // A CHECK (an enterprise user without an enterprise) is not a UNIQUE violation.
  const checkError = await repo.insert(account('orphan', 'enterprise_user')).then(() => null, (e: unknown) => e);
  t.ok(checkError, 'the role CHECK refuses');
  t.notOk(isUniqueViolation(checkError));
  t.equal(await repo.countByRole('bureau_admin'), 0);
});

onEachEngine(t, 'inside a transaction the methods see their own writes, and a rollback keeps none of them', async (t, store) => {
  const repo = usersRepo(store);
  const kept = await repo.insert(account('kept', 'bureau_officer'));
  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      const u = await repo.insert(account('gone', 'bureau_admin'));
      await repo.setPassword(kept.id, 'x', false);
      await repo.setLocale(kept.id, 'en');
      await repo.setDisabled(kept.id, true);
      t.equal((await repo.getWithHash('gone'))?.id, u.id, 'reads its own insert');
      t.equal(await repo.countByRole('bureau_admin'), 1);
      throw boom;
    }),
    boom,
  );
  t.strictSame(await repo.listBureau(), [kept], 'the insert and the three updates are all undone');
  t.equal((await repo.getWithHash('kept'))!.passwordHash, 'hash-of-kept');
  await store.transaction(async () => {
    await repo.insert(account('committed', 'bureau_admin'));
  });
  t.equal(await repo.countByRole('bureau_admin'), 1, 'a transaction that resolves commits');
  await t.rejects(
    store.transaction(async () => {
      await repo.insert(account('half', 'bureau_admin'));
      await repo.insert(account('KEPT', 'bureau_admin')); // taken, in another case
    }),
  );
  t.equal(await repo.getWithHash('half'), undefined);
});
