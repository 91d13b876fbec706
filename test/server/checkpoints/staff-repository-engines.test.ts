// The checkpoint staff repository on both engines (issue 16): every method, the list order (enabled first,
// then badge), the PIN hashes only in forDevices (enabled staff only), the UNIQUE badge recognised the same
// way, and transactions.
import t from 'tap';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import type { Store } from '../../../src/server/db/store.js';
import { checkpointsRepo } from '../../../src/server/features/checkpoints/repository.js';
import { STAFF_BADGE_UNIQUE, staffRepo } from '../../../src/server/features/checkpoints/staff-repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const checkpoint = async (store: Store, name: string) =>
  (await checkpointsRepo(store).insert({ name, location: '沪宁高速花桥收费站', regionCode: '320583', direction: 'both' })).id;

onEachEngine(t, 'insert, get and getByBadge give the same staff member, without the PIN hash', async (t, store) => {
  const repo = staffRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  const s = await repo.insert({ checkpointId: cp, badge: 'KS0427', name: '王强', pinHash: 'pbkdf2-sha256$1$salt$hash' });
  t.match(s, { checkpointId: cp, badge: 'KS0427', name: '王强', disabled: false });
  t.type(s.id, 'number');
  t.match(s.pinSetAt, ISO);
  t.match(s.createdAt, ISO);
  t.notOk(JSON.stringify(s).includes('pbkdf2'), 'the hash is not in what get returns');
  t.strictSame(await repo.get(s.id), s);
  t.strictSame(await repo.getByBadge('KS0427'), s);
  t.equal(await repo.getByBadge('KS042'), undefined, 'the whole badge');
  t.equal(await repo.get(s.id + 1000), undefined);
});

onEachEngine(t, 'a badge is unique across checkpoints, and the violation is recognised', async (t, store) => {
  const repo = staffRepo(store);
  const a = await checkpoint(store, '花桥卡口');
  const b = await checkpoint(store, '千灯卡口');
  await repo.insert({ checkpointId: a, badge: 'KS0001', name: '王强', pinHash: 'h' });
  const err = await repo.insert({ checkpointId: b, badge: 'KS0001', name: '李明', pinHash: 'h' }).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(err, STAFF_BADGE_UNIQUE), `UNIQUE on the badge: ${String(err)}`);
  const other = await store.q().insertInto('staff').values({ checkpoint_id: a, badge: 'KS0002', name: 'x', pin_hash: 'h', disabled: 2 }).execute().then(() => null, (e: unknown) => e);
  t.ok(other, 'a CHECK violation is an error');
  t.notOk(isUniqueViolation(other, STAFF_BADGE_UNIQUE), 'but not this UNIQUE one');
});

onEachEngine(t, "listForCheckpoint and forDevices: one checkpoint's staff, in order; hashes of the enabled only", async (t, store) => {
  const repo = staffRepo(store);
  const a = await checkpoint(store, '花桥卡口');
  const b = await checkpoint(store, '千灯卡口');
  const add = (cp: number, badge: string, name: string) => repo.insert({ checkpointId: cp, badge, name, pinHash: `hash-${badge}` });
  await add(a, 'KS0003', '丙');
  const s1 = await add(a, 'KS0001', '甲');
  await add(a, 'KS0002', '乙');
  await add(b, 'KS0000', '丁');
  await repo.setDisabled(s1.id, true);
  t.same((await repo.listForCheckpoint(a)).map((s) => s.badge), ['KS0002', 'KS0003', 'KS0001'], 'enabled first, then by badge');
  t.same(await repo.forDevices(a), [
    { badge: 'KS0002', name: '乙', pinHash: 'hash-KS0002' },
    { badge: 'KS0003', name: '丙', pinHash: 'hash-KS0003' },
  ], 'enabled only, by badge');
  t.same((await repo.forDevices(b)).map((s) => s.badge), ['KS0000']);
  t.same(await repo.listForCheckpoint(b + 1000), []);
});

onEachEngine(t, 'rename, setPinHash and setDisabled; a rolled-back transaction leaves nothing', async (t, store) => {
  const repo = staffRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  const s = await repo.insert({ checkpointId: cp, badge: 'KS0427', name: '王强', pinHash: 'old' });
  await new Promise((r) => setTimeout(r, 5));
  await repo.rename(s.id, '王强强');
  const renamed = (await repo.get(s.id))!;
  t.equal(renamed.name, '王强强');
  t.ok(renamed.updatedAt > s.updatedAt, 'updated_at moves');
  t.equal(renamed.pinSetAt, s.pinSetAt, 'pin_set_at only with a new PIN');
  await new Promise((r) => setTimeout(r, 5));
  await repo.setPinHash(s.id, 'new');
  const pinned = (await repo.get(s.id))!;
  t.ok(pinned.pinSetAt > s.pinSetAt, 'pin_set_at moves');
  t.equal((await repo.forDevices(cp))[0]!.pinHash, 'new');
  await repo.setDisabled(s.id, true);
  t.equal((await repo.get(s.id))!.disabled, true);
  t.same(await repo.forDevices(cp), []);
  await repo.setDisabled(s.id, false);
  t.equal((await repo.get(s.id))!.disabled, false);

  await t.rejects(
    store.transaction(async () => {
      await repo.rename(s.id, '回滚');
      await repo.insert({ checkpointId: cp, badge: 'KS9999', name: '回滚', pinHash: 'h' });
      throw new Error('abort');
    }),
    /abort/,
  );
  t.equal((await repo.get(s.id))!.name, '王强强', 'the rename rolled back');
  t.equal(await repo.getByBadge('KS9999'), undefined, 'the insert rolled back');
});
