/**
 * The failed password checks behind the guess limiter (issue 16; migration 007) on both engines: add,
 * the window's count and oldest, remove, purge, and `exclusive`, which keeps a burst of parallel
 * attempts from all passing the count before any is recorded.
 */
import t from 'tap';
import { onEachEngine } from '../../helpers/engines.js';
import { authFailuresRepo } from '../../../src/server/features/auth/failures-repository.js';
import { guessLimiter, LOGIN_LIMITS } from '../../../src/server/features/auth/limits.js';

const T0 = Date.parse('2026-12-01T04:00:00.000Z');

await onEachEngine(t, 'add, inWindow, remove and purgeBefore', async (t, store) => {
  const repo = authFailuresRepo(store);
  t.same(await repo.inWindow('ip', 'k1', 0), { n: 0, oldest: null }, 'an empty window');
  const a = await repo.add('ip', 'k1', T0);
  const b = await repo.add('ip', 'k1', T0 + 1_000);
  const c = await repo.add('ip', 'k1', T0 + 2_000);
  await repo.add('ip', 'k2', T0 + 500);
  await repo.add('account', 'k1', T0 + 500);
  t.ok([a, b, c].every((id) => typeof id === 'number' && Number.isInteger(id)), 'ids are numbers');
  t.equal(new Set([a, b, c]).size, 3, 'each its own id');
  t.same(await repo.inWindow('ip', 'k1', T0 - 1), { n: 3, oldest: T0 }, 'count and oldest, by scope and key');
  t.same(await repo.inWindow('ip', 'k1', T0), { n: 2, oldest: T0 + 1_000 }, 'the window starts after sinceMs');
  t.same(await repo.inWindow('account', 'k1', T0 - 1), { n: 1, oldest: T0 + 500 }, 'another scope apart');

  await repo.remove(b);
  t.same(await repo.inWindow('ip', 'k1', T0 - 1), { n: 2, oldest: T0 }, 'removed');
  await repo.remove(b);
  t.same(await repo.inWindow('ip', 'k1', T0 - 1), { n: 2, oldest: T0 }, 'removing again changes nothing');

  t.equal(await repo.purgeBefore(T0 + 500), 3, 'at or before the bound');
  t.same(await repo.inWindow('ip', 'k1', 0), { n: 1, oldest: T0 + 2_000 });
  t.same(await repo.inWindow('ip', 'k2', 0), { n: 0, oldest: null });
  t.equal(await repo.purgeBefore(T0 + 500), 0, 'nothing left to purge');
});

await onEachEngine(t, 'exclusive runs one transaction at a time and rolls back on a throw', async (t, store) => {
  const repo = authFailuresRepo(store);
  await t.rejects(repo.exclusive(async () => {
    await repo.add('ip', 'k', T0);
    throw new Error('refused');
  }), { message: 'refused' });
  t.same(await repo.inWindow('ip', 'k', 0), { n: 0, oldest: null }, 'rolled back');

  // Each takes a slot only while fewer than 5 are taken: 20 at once must leave exactly 5.
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => repo.exclusive(async () => {
    const { n } = await repo.inWindow('ip', 'burst', 0);
    if (n >= 5) throw new Error('full');
    return repo.add('ip', 'burst', T0);
  })));
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 5, 'five let through');
  t.same(await repo.inWindow('ip', 'burst', 0), { n: 5, oldest: T0 }, 'and five recorded');
});

await onEachEngine(t, 'the guess limiter over it: a parallel burst from one address is cut at the limit', async (t, store) => {
  const limiter = guessLimiter(authFailuresRepo(store), { now: () => T0, guardDelayMs: 0 });
  // One attempt first, so the minute's purge has run: started in the same tick, the purging call's
  // store.transaction would begin while another's is open and the SQLite store refuses that (it takes it
  // for a synchronous db.transaction). Requests never start in the same tick, so only a test does this.
  await limiter.signIn('203.0.113.5', 'alice');
  const results = await Promise.allSettled(Array.from({ length: 11 }, () => limiter.signIn('203.0.113.5', 'alice')));
  const max = LOGIN_LIMITS.perAddressAccount.max;
  t.equal(results.filter((r) => r.status === 'fulfilled').length, max - 1, `exactly ${max} attempts in all let through`);
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { code?: string; status?: number; message?: string });
  t.same(refused.map((e) => [e.code ?? e.message, e.status]), Array.from({ length: 12 - max }, () => ['rate_limited', 429]), 'the rest: 429');

  // A right password removes its attempt's records: the slot is free again.
  const other = guessLimiter(authFailuresRepo(store), { now: () => T0 + 1, guardDelayMs: 0 });
  await t.rejects(other.signIn('203.0.113.5', 'alice'), { code: 'rate_limited', status: 429 });
  const ok = await other.signIn('203.0.113.6', 'alice');
  await ok.succeeded();
  t.same(await authFailuresRepo(store).inWindow('account', (await store.q().selectFrom('auth_failures').select('key').where('scope', '=', 'account').executeTakeFirstOrThrow()).key, 0), { n: max, oldest: T0 }, 'the succeeded attempt left no record');

  // A password change: a wrong current password counts, anything else does not.
  await t.rejects(other.passwordChange('198.51.100.1', 7, async () => { throw new Error('boom'); }), { message: 'boom' });
  t.equal(await other.passwordChange('198.51.100.1', 7, async () => 'done'), 'done');
  const rows = await store.q().selectFrom('auth_failures').select('id').where('scope', '=', 'pw-change').execute();
  t.equal(rows.length, 0, 'neither recorded');
});
