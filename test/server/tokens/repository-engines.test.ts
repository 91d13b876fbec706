/**
 * The API token repository (issue 16) on both engines: insert and get with every field, the list (all, or
 * one enterprise's; newest first, ties by id), revoke only once, and the last use.
 */
import t from 'tap';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';
import type { Store } from '../../../src/server/db/store.js';
import { apiTokensRepo } from '../../../src/server/features/tokens/repository.js';

async function seed(store: Store) {
  const q = store.q();
  const entA = await insertEnterprise(store, '甲物流有限公司', 1);
  const entB = await insertEnterprise(store, '乙物流有限公司', 2);
  const user = async (username: string, role: string, enterpriseId: number | null = null) =>
    (await q.insertInto('users').values({ username, display_name: username, role, enterprise_id: enterpriseId, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  return { entA, entB, admin: await user('admin', 'bureau_admin'), carol: await user('carol', 'enterprise_user', entA) };
}

const AT = '2026-12-01T04:00:00.000Z';
const EXP = '2027-03-01T04:00:00.000Z';

await onEachEngine(t, 'insert, get, list, revoke and touch', async (t, store) => {
  const repo = apiTokensRepo(store);
  const ids = await seed(store);
  t.equal(await repo.get('000000000000'), undefined, 'unknown id');

  await repo.insert({ id: 'aaaaaaaaaaa1', name: '省平台', secretHash: 'hash-1', role: 'bureau_officer', enterpriseId: null, scopes: ['passes:read', 'checks:evaluate'], createdBy: ids.admin, createdAt: AT, expiresAt: EXP });
  t.same(await repo.get('aaaaaaaaaaa1'), {
    id: 'aaaaaaaaaaa1',
    name: '省平台',
    secretHash: 'hash-1',
    role: 'bureau_officer',
    enterpriseId: null,
    scopes: ['passes:read', 'checks:evaluate'],
    createdBy: ids.admin,
    createdAt: AT,
    expiresAt: EXP,
    revokedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
  }, 'every field back, scopes in order');

  // Two with the same created_at (ties broken by id), one later, one of the other enterprise.
  await repo.insert({ id: 'ccccccccccc3', name: 'erp', secretHash: 'hash-3', role: 'enterprise_user', enterpriseId: ids.entA, scopes: ['passes:read'], createdBy: ids.carol, createdAt: AT, expiresAt: EXP });
  await repo.insert({ id: 'bbbbbbbbbbb2', name: 'erp2', secretHash: 'hash-2', role: 'enterprise_user', enterpriseId: ids.entA, scopes: ['passes:read'], createdBy: ids.carol, createdAt: AT, expiresAt: EXP });
  await repo.insert({ id: 'ddddddddddd4', name: 'later', secretHash: 'hash-4', role: 'enterprise_user', enterpriseId: ids.entB, scopes: ['passes:read'], createdBy: ids.admin, createdAt: '2026-12-02T00:00:00.000Z', expiresAt: EXP });

  t.same((await repo.list()).map((x) => x.id), ['ddddddddddd4', 'aaaaaaaaaaa1', 'bbbbbbbbbbb2', 'ccccccccccc3'], 'all: newest first, ties by id');
  t.same((await repo.list(ids.entA)).map((x) => x.id), ['bbbbbbbbbbb2', 'ccccccccccc3'], "one enterprise's");
  t.same((await repo.list(ids.entB)).map((x) => [x.id, x.enterpriseId, x.role]), [['ddddddddddd4', ids.entB, 'enterprise_user']]);
  t.same(await repo.list(ids.entB + 1000), [], 'an enterprise with none');

  t.equal(await repo.revoke('bbbbbbbbbbb2', ids.carol, '2026-12-03T00:00:00.000Z'), true, 'revoked');
  t.equal(await repo.revoke('bbbbbbbbbbb2', ids.admin, '2026-12-04T00:00:00.000Z'), false, 'not twice');
  t.equal(await repo.revoke('000000000000', ids.admin, '2026-12-04T00:00:00.000Z'), false, 'unknown');
  t.equal((await repo.get('bbbbbbbbbbb2'))!.revokedAt, '2026-12-03T00:00:00.000Z', 'the first revocation stays');
  t.same(await store.q().selectFrom('api_tokens').select('revoked_by').where('id', '=', 'bbbbbbbbbbb2').executeTakeFirst(), { revoked_by: ids.carol });
  t.equal((await repo.get('ccccccccccc3'))!.revokedAt, null, 'the others untouched');

  await repo.touch('ccccccccccc3', '2026-12-05T00:00:00.000Z', '10.7.9.9');
  t.match(await repo.get('ccccccccccc3'), { lastUsedAt: '2026-12-05T00:00:00.000Z', lastUsedIp: '10.7.9.9' });
  await repo.touch('ccccccccccc3', '2026-12-06T00:00:00.000Z', null);
  t.match(await repo.get('ccccccccccc3'), { lastUsedAt: '2026-12-06T00:00:00.000Z', lastUsedIp: null });
  t.equal((await repo.get('aaaaaaaaaaa1'))!.lastUsedAt, null, 'only that token');
});

await onEachEngine(t, 'a duplicate id is refused, and the insert rolls back with its transaction', async (t, store) => {
  const repo = apiTokensRepo(store);
  const ids = await seed(store);
  const token = { id: 'eeeeeeeeeee5', name: 'x', secretHash: 'h', role: 'bureau_admin' as const, enterpriseId: null, scopes: [], createdBy: ids.admin, createdAt: AT, expiresAt: EXP };
  await repo.insert(token);
  await t.rejects(repo.insert({ ...token, secretHash: 'other' }), 'the primary key holds');
  t.equal((await repo.get('eeeeeeeeeee5'))!.secretHash, 'h');
  await t.rejects(store.transaction(async () => {
    await repo.insert({ ...token, id: 'fffffffffff6' });
    throw new Error('rolled back');
  }));
  t.equal(await repo.get('fffffffffff6'), undefined, 'nothing kept');
});
