/**
 * databaseRateLimitStore under @fastify/rate-limit itself: routes limited with config.rateLimit count
 * apart (as the plugin's in-memory store does, one map per route), a createRateLimit limiter counts by
 * its key, `{ increment: false }` reads without counting, and the options it cannot honour are refused.
 */
import t from 'tap';
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import { freshSqliteStore } from '../../helpers/engines.js';
import { rateLimitsRepo } from '../../../src/server/features/rate-limits/repository.js';
import { databaseRateLimitStore } from '../../../src/server/features/rate-limits/store.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

t.test('per route, per limiter key, and read without counting', async (t) => {
  const repo = rateLimitsRepo(freshSqliteStore(t).store, { hashKey });
  let now = Date.parse('2026-12-01T04:00:00.000Z');
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(repo, { now: () => now }) });
  app.get('/a', { config: { rateLimit: { max: 2, timeWindow: 60_000 } } }, async () => 'a');
  app.get('/b', { config: { rateLimit: { max: 2, timeWindow: 60_000 } } }, async () => 'b');
  const limiter = app.createRateLimit({ max: 1, timeWindow: 60_000, keyGenerator: () => 'probe:203.0.113.1' });
  app.get('/c', async (request) => {
    const peek = await limiter(request, { increment: false });
    const hit = await limiter(request);
    return { peek: peek.isAllowed ? null : peek.remaining, exceeded: hit.isAllowed ? null : hit.isExceeded };
  });
  await app.ready();

  const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '203.0.113.1' });
  t.same([(await get('/a')).statusCode, (await get('/a')).statusCode, (await get('/a')).statusCode], [200, 200, 429], 'route /a: two, then refused');
  const b = await get('/b');
  t.equal(b.statusCode, 200, 'route /b counts on its own');
  t.equal(b.headers['x-ratelimit-remaining'], '1');
  t.same((await get('/c')).json(), { peek: 1, exceeded: false }, 'the limiter: nothing counted before its first hit');
  t.same((await get('/c')).json(), { peek: 0, exceeded: true }, 'its second hit exceeds max 1');
  now += 60_000;
  t.equal((await get('/a')).statusCode, 200, 'a new window');
  t.equal(await repo.prune(now + 60_000), 3, 'every window pruned once ended');
});

t.test('continueExceeding and exponentialBackoff are refused, not ignored', async (t) => {
  const repo = rateLimitsRepo(freshSqliteStore(t).store, { hashKey });
  const app = Fastify();
  t.teardown(() => app.close());
  await t.rejects(async () => {
    await app.register(rateLimit, { global: false, continueExceeding: true, store: databaseRateLimitStore(repo) });
    await app.ready();
  }, /fixed windows only/);
});
