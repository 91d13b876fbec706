// The checkpoints repository on both engines (issue 16): every method, the staff and device counts,
// the status filter, the list order (active first, then by name), the UNIQUE name recognised the same
// way, and transactions.
import t from 'tap';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import type { Store } from '../../../src/server/db/store.js';
import { CHECKPOINT_NAME_UNIQUE, checkpointsRepo, type CheckpointFields } from '../../../src/server/features/checkpoints/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const fields = (name: string, direction: CheckpointFields['direction'] = 'both'): CheckpointFields => ({ name, location: '沪宁高速花桥收费站', regionCode: '320583', direction });

let n = 0;
const addStaff = async (store: Store, checkpointId: number, disabled = 0) =>
  store.q().insertInto('staff').values({ checkpoint_id: checkpointId, badge: `KS${String(++n).padStart(4, '0')}`, name: '张三', pin_hash: 'x', disabled }).execute();
const addDevice = async (store: Store, checkpointId: number, revoked = false) => {
  const id = `dev-${++n}`;
  await store.q().insertInto('devices').values({ id, checkpoint_id: checkpointId, public_jwk: '{}', key_thumbprint: `thumb-${n}` }).execute();
  if (revoked) await store.q().updateTable('devices').set({ revoked_at: '2026-01-01T00:00:00.000Z', revoke_reason: 'lost' }).where('id', '=', id).execute();
};

onEachEngine(t, 'insert, get and getByName give the same checkpoint, with its region name and zero counts', async (t, store) => {
  const repo = checkpointsRepo(store);
  const c = await repo.insert(fields('花桥收费站入城', 'inbound'));
  t.match(c, { name: '花桥收费站入城', location: '沪宁高速花桥收费站', regionCode: '320583', regionName: String, direction: 'inbound', status: 'active', staffCount: 0, deviceCount: 0 });
  t.type(c.id, 'number');
  t.match(c.createdAt, ISO);
  t.match(c.updatedAt, ISO);
  t.strictSame(await repo.get(c.id), c);
  t.strictSame(await repo.getByName('花桥收费站入城'), c);
  t.equal(await repo.get(c.id + 1000), undefined);
  t.equal(await repo.getByName('花桥'), undefined, 'the whole name');
});

onEachEngine(t, 'the counts: enabled staff and unrevoked devices of this checkpoint only, as numbers', async (t, store) => {
  const repo = checkpointsRepo(store);
  const a = await repo.insert(fields('花桥卡口'));
  const b = await repo.insert(fields('千灯卡口'));
  await addStaff(store, a.id);
  await addStaff(store, a.id);
  await addStaff(store, a.id, 1);
  await addStaff(store, b.id);
  await addDevice(store, a.id);
  await addDevice(store, a.id, true);
  await addDevice(store, b.id);
  await addDevice(store, b.id);
  const got = (await repo.get(a.id))!;
  t.equal(got.staffCount, 2, 'a disabled member is not counted');
  t.equal(got.deviceCount, 1, 'a revoked device is not counted');
  t.type(got.staffCount, 'number');
  t.type(got.deviceCount, 'number');
  t.match(await repo.getByName('千灯卡口'), { staffCount: 1, deviceCount: 2 });
  t.strictSame((await repo.list()).map((c) => [c.name, c.staffCount, c.deviceCount]), [['千灯卡口', 1, 2], ['花桥卡口', 2, 1]]);
});

onEachEngine(t, 'list: active before closed, each by name; the status filter', async (t, store) => {
  const repo = checkpointsRepo(store);
  // Inserted out of name order, so an order by id would show.
  const ids: Record<string, number> = {};
  for (const name of ['陆家卡口', 'B 卡口', '千灯卡口', 'A 卡口', '张浦卡口']) ids[name] = (await repo.insert(fields(name))).id;
  await repo.setStatus(ids['A 卡口']!, 'closed');
  await repo.setStatus(ids['陆家卡口']!, 'closed');
  const names = async (status?: 'active' | 'closed') => (await repo.list(status ? { status } : {})).map((c) => c.name);
  // Code point order: ASCII before CJK; 千 (U+5343) < 张 (U+5F20) < 陆 (U+9646).
  t.strictSame(await names(), ['B 卡口', '千灯卡口', '张浦卡口', 'A 卡口', '陆家卡口']);
  t.strictSame(await names('active'), ['B 卡口', '千灯卡口', '张浦卡口']);
  t.strictSame(await names('closed'), ['A 卡口', '陆家卡口']);
  t.strictSame(await repo.list({ status: undefined }), await repo.list(), 'an undefined status is no filter');
  await repo.setStatus(ids['A 卡口']!, 'active');
  t.strictSame(await names(), ['A 卡口', 'B 卡口', '千灯卡口', '张浦卡口', '陆家卡口'], 'reopened, it sorts with the active ones');
});

onEachEngine(t, 'update and setStatus change the row and its updated_at', async (t, store) => {
  const repo = checkpointsRepo(store);
  const c = await repo.insert(fields('花桥卡口', 'inbound'));
  const other = await repo.insert(fields('千灯卡口'));
  await store.q().updateTable('checkpoints').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.update(c.id, { name: '花桥收费站出城', location: '新址', regionCode: '320505', direction: 'outbound' });
  const updated = (await repo.get(c.id))!;
  t.match(updated, { name: '花桥收费站出城', location: '新址', regionCode: '320505', direction: 'outbound', status: 'active', createdAt: c.createdAt });
  t.ok(updated.updatedAt > '2020', 'updated_at is now');
  t.match(updated.updatedAt, ISO);
  await store.q().updateTable('checkpoints').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.setStatus(c.id, 'closed');
  const closed = (await repo.get(c.id))!;
  t.equal(closed.status, 'closed');
  t.ok(closed.updatedAt > '2020');
  t.equal((await repo.get(other.id))!.updatedAt, '2000-01-01T00:00:00.000Z', 'the other row is untouched');
});

onEachEngine(t, 'a second checkpoint with a taken name is a UNIQUE violation, recognised on both engines', async (t, store) => {
  const repo = checkpointsRepo(store);
  await repo.insert(fields('花桥卡口'));
  const other = await repo.insert(fields('千灯卡口'));
  const insertError = await repo.insert(fields('花桥卡口')).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(insertError, CHECKPOINT_NAME_UNIQUE), `insert: ${String(insertError)}`);
  t.notOk(isUniqueViolation(insertError, { postgres: 'users_username_key', sqlite: 'users.username' }), 'not another constraint');
  const updateError = await repo.update(other.id, fields('花桥卡口')).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(updateError, CHECKPOINT_NAME_UNIQUE), `update: ${String(updateError)}`);
  t.equal((await repo.get(other.id))!.name, '千灯卡口', 'unchanged');
  // A CHECK (the name's length) is not a UNIQUE violation.
  const checkError = await repo.insert(fields('花')).then(() => null, (e: unknown) => e);
  t.ok(checkError, 'the name CHECK refuses');
  t.notOk(isUniqueViolation(checkError));
  t.equal((await repo.list()).length, 2);
});

onEachEngine(t, 'inside a transaction the methods see their own writes, and a rollback keeps none of them', async (t, store) => {
  const repo = checkpointsRepo(store);
  const kept = await repo.insert(fields('花桥卡口'));
  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      const c = await repo.insert(fields('千灯卡口'));
      await repo.update(kept.id, fields('花桥改名卡口'));
      await repo.setStatus(kept.id, 'closed');
      t.equal((await repo.getByName('千灯卡口'))?.id, c.id, 'reads its own insert');
      t.equal((await repo.list({ status: 'closed' })).length, 1);
      throw boom;
    }),
    boom,
  );
  t.strictSame(await repo.list(), [kept], 'the insert, update and status change are all undone');
  await store.transaction(async () => {
    await repo.insert(fields('千灯卡口'));
  });
  t.equal((await repo.list()).length, 2, 'a transaction that resolves commits');
  await t.rejects(
    store.transaction(async () => {
      await repo.insert(fields('张浦卡口'));
      await repo.insert(fields('花桥卡口')); // the name is taken
    }),
  );
  t.equal(await repo.getByName('张浦卡口'), undefined);
});
