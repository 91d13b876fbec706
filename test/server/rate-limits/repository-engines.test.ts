/**
 * The rate-limit windows (issue 16; migration 022) on both engines: one upsert counts and reads, a window
 * that has ended starts again at 1, concurrent hits are all counted, and no key is stored in clear.
 */
import t from 'tap';
import { createHmac } from 'node:crypto';
import { onEachEngine } from '../../helpers/engines.js';
import { rateLimitsRepo } from '../../../src/server/features/rate-limits/repository.js';

const hashKey = (key: string) => createHmac('sha256', 'test key').update(`rate-limit:${key}`).digest('base64url');
const T0 = Date.parse('2026-12-01T04:00:00.000Z');

await onEachEngine(t, 'hits count within a window, and the window restarts once it has ended', async (t, store) => {
  const repo = rateLimitsRepo(store, { hashKey });
  t.same(await repo.hit('enroll-ip:203.0.113.7', 60_000, T0), { count: 1, windowEnd: T0 + 60_000 }, 'the first hit opens the window');
  t.same(await repo.hit('enroll-ip:203.0.113.7', 60_000, T0 + 1_000), { count: 2, windowEnd: T0 + 60_000 }, 'the second counts in the same window');
  t.same(await repo.hit('enroll-ip:203.0.113.8', 60_000, T0 + 2_000), { count: 1, windowEnd: T0 + 62_000 }, 'another key has its own');
  t.same(await repo.read('enroll-ip:203.0.113.7', T0 + 59_999), { count: 2, windowEnd: T0 + 60_000 }, 'read does not count');
  t.same(await repo.hit('enroll-ip:203.0.113.7', 60_000, T0 + 60_000), { count: 1, windowEnd: T0 + 120_000 }, 'at the window end a new one starts at 1');
  t.equal(await repo.read('enroll-ip:203.0.113.9', T0), null, 'never hit');
  t.equal(await repo.read('enroll-ip:203.0.113.8', T0 + 62_000), null, 'ended');

  const stored = await store.q().selectFrom('rate_limits').select(['key', 'count']).orderBy('key').execute();
  t.equal(stored.length, 2);
  t.notOk(stored.some((r) => r.key.includes('203.0.113') || r.key.includes('enroll')), 'no address or scope in clear');
  t.ok(stored.some((r) => r.key === hashKey('enroll-ip:203.0.113.7')), 'the keyed hash');

  t.equal(await repo.prune(T0 + 62_000), 1, 'only the ended window is pruned');
  t.same(await repo.read('enroll-ip:203.0.113.7', T0 + 62_000), { count: 1, windowEnd: T0 + 120_000 }, 'the live one stays');
});

await onEachEngine(t, 'concurrent hits are each counted once', async (t, store, engine) => {
  const repo = rateLimitsRepo(store, { hashKey });
  const n = 40;
  const results = await Promise.all(Array.from({ length: n }, (_, i) => repo.hit('login:198.51.100.1', 60_000, T0 + i)));
  t.same(results.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i + 1), `every count from 1 to ${n} handed out exactly once (${engine})`);
  // On PostgreSQL the hits race for the row: whichever commits first opens the window, at its own time.
  const opener = results.findIndex((r) => r.count === 1);
  const windowEnd = T0 + opener + 60_000;
  t.ok(results.every((r) => r.windowEnd === windowEnd), 'every hit counted in the window the first one opened');
  t.same(await repo.read('login:198.51.100.1', T0 + n), { count: n, windowEnd });
});
