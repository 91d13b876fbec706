/**
 * The sessions repository (issue 16) on both engines: what a node writes at sign-in another node reads,
 * touches and ends; a user's sessions end together (but for the one kept on a password change); the
 * purge removes exactly the rows past their end or idle too long, and says how many.
 */
import t from 'tap';
import { onEachEngine } from '../../helpers/engines.js';
import type { Store } from '../../../src/server/db/store.js';
import { sessionsRepo } from '../../../src/server/features/auth/sessions-repository.js';

async function user(store: Store, username: string): Promise<number> {
  const row = await store
    .q()
    .insertInto('users')
    .values({ username, display_name: username, role: 'bureau_officer', enterprise_id: null, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// Epoch milliseconds past 2^31 (the columns must hold them on both engines).
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const HOUR = 60 * 60 * 1000;

await onEachEngine(t, 'insert, get, touch, delete', async (t, store) => {
  const repo = sessionsRepo(store);
  const alice = await user(store, 'alice');
  t.equal(await repo.get('h-none'), undefined, 'unknown hash');

  await repo.insert({ tokenHash: 'h-1', userId: alice, now: NOW, expiresAt: NOW + 12 * HOUR, ip: '10.0.0.7', userAgent: 'Mozilla/5.0' });
  await repo.insert({ tokenHash: 'h-2', userId: alice, now: NOW, expiresAt: NOW + 12 * HOUR, ip: '10.0.0.8', userAgent: undefined });
  t.same(await repo.get('h-1'), { token_hash: 'h-1', user_id: alice, created_at: NOW, last_seen_at: NOW, expires_at: NOW + 12 * HOUR }, 'the row as written, times as numbers');
  t.equal(typeof (await repo.get('h-1'))!.expires_at, 'number', 'epoch ms come back as a number (int8 on PostgreSQL)');
  t.same(
    await store.q().selectFrom('sessions').select(['token_hash', 'ip', 'user_agent']).orderBy('token_hash').execute(),
    [{ token_hash: 'h-1', ip: '10.0.0.7', user_agent: 'Mozilla/5.0' }, { token_hash: 'h-2', ip: '10.0.0.8', user_agent: null }],
    'address and user agent stored (absent agent as null), not returned by get',
  );

  await repo.touch('h-1', NOW + 90_000);
  t.equal((await repo.get('h-1'))!.last_seen_at, NOW + 90_000, 'touched');
  t.equal((await repo.get('h-2'))!.last_seen_at, NOW, 'the other untouched');

  await repo.delete('h-1');
  t.equal(await repo.get('h-1'), undefined, 'deleted');
  t.ok(await repo.get('h-2'), 'the other stays');
  await repo.delete('h-1');
  t.pass('deleting a missing row is not an error');

  await t.rejects(
    repo.insert({ tokenHash: 'h-2', userId: alice, now: NOW, expiresAt: NOW + HOUR, ip: '10.0.0.9', userAgent: undefined }),
    'a hash already stored is refused (primary key)',
  );
});

await onEachEngine(t, "deleteForUser ends one user's sessions, but for the one kept", async (t, store) => {
  const repo = sessionsRepo(store);
  const alice = await user(store, 'alice');
  const bob = await user(store, 'bob');
  for (const [hash, who] of [['a1', alice], ['a2', alice], ['a3', alice], ['b1', bob]] as const) {
    await repo.insert({ tokenHash: hash, userId: who, now: NOW, expiresAt: NOW + HOUR, ip: '10.0.0.1', userAgent: undefined });
  }
  const left = async () => (await store.q().selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash);

  t.equal(await repo.deleteForUser(alice, 'a2'), 2, 'two ended');
  t.same(await left(), ['a2', 'b1'], "the kept session and the other user's remain");
  t.equal(await repo.deleteForUser(alice), 1, 'without an exception: the last one too');
  t.same(await left(), ['b1']);
  t.equal(await repo.deleteForUser(alice), 0, 'none left');
  t.equal(await repo.deleteForUser(bob, 'not-a-session'), 1, 'an exception that matches nothing ends them all');
  t.same(await left(), []);
});

await onEachEngine(t, 'purgeExpired: past the end, or idle too long, and nothing else', async (t, store) => {
  const repo = sessionsRepo(store);
  const alice = await user(store, 'alice');
  const idle = 2 * HOUR;
  const rows: Array<[string, number, number]> = [
    // [hash, last seen, expires]
    ['fresh', NOW - 1000, NOW + HOUR],
    ['ends-now', NOW - 1000, NOW], // expires_at <= now: over
    ['ends-later', NOW - 1000, NOW + 1], // one ms left
    ['idle-exactly', NOW - idle, NOW + HOUR], // last seen exactly idleMs ago: over
    ['idle-almost', NOW - idle + 1, NOW + HOUR],
  ];
  for (const [hash, lastSeen, expires] of rows) {
    await repo.insert({ tokenHash: hash, userId: alice, now: lastSeen, expiresAt: expires, ip: '10.0.0.1', userAgent: undefined });
  }
  t.equal(await repo.purgeExpired(NOW, idle), 2, 'two purged');
  t.same(
    (await store.q().selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash),
    ['ends-later', 'fresh', 'idle-almost'],
  );
  t.equal(await repo.purgeExpired(NOW, idle), 0, 'nothing more');
});

await onEachEngine(t, 'a rolled-back transaction leaves no session behind', async (t, store) => {
  const repo = sessionsRepo(store);
  const alice = await user(store, 'alice');
  await t.rejects(
    store.transaction(async () => {
      await repo.insert({ tokenHash: 'tx-1', userId: alice, now: NOW, expiresAt: NOW + HOUR, ip: '10.0.0.1', userAgent: undefined });
      throw new Error('abort');
    }),
    /abort/,
  );
  t.equal(await repo.get('tx-1'), undefined);
});
