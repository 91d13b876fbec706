// The devices repository on both engines (issue 16): devices (insert, lookups, the list's filters and order
// with ties), the replay cache of request nonces (atomic under concurrency: one of many identical nonces is
// fresh), enrollment codes (attempt counting, the code's row locked for enrollment so parallel guesses take
// turns, consuming, expiry, purges), and the UNIQUE keys recognised the
// same way, including inside a savepoint that keeps the outer transaction going (as enrollment uses it).
import t from 'tap';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import type { Store } from '../../../src/server/db/store.js';
import { checkpointsRepo } from '../../../src/server/features/checkpoints/repository.js';
import { DEVICE_KEY_UNIQUE, devicesRepo, ENROLLMENT_CODE_ID_UNIQUE } from '../../../src/server/features/devices/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const AT = '2026-12-01T04:00:00.000Z';
// Epoch milliseconds past 2^31: the columns must hold them on both engines.
const NOW = Date.parse(AT);
const MIN = 60_000;
const JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } as const;

const checkpoint = async (store: Store, name: string) =>
  (await checkpointsRepo(store).insert({ name, location: '沪宁高速花桥收费站', regionCode: '320583', direction: 'both' })).id;

/** A code row of its own for each device (devices.enrollment_code_id references one). */
async function enrolled(store: Store, cp: number, id: string, over: { at?: string; thumbprint?: string; label?: string | null } = {}) {
  const repo = devicesRepo(store);
  await repo.insertCode({ id: `code-${id}`, checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt: NOW + 15 * MIN, at: AT });
  return repo.insert({
    id, checkpointId: cp, publicJwk: JWK, thumbprint: over.thumbprint ?? `thumb-${id}`, label: over.label ?? null, appVersion: '1.0.0',
    enrollmentCodeId: `code-${id}`, ip: '10.0.0.7', at: over.at ?? AT,
  });
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

onEachEngine(t, 'insert, get, forAuth and existsWithThumbprint', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  const d = await enrolled(store, cp, 'dev-1', { label: '入城 1 号机' });
  t.strictSame(d, {
    id: 'dev-1', checkpointId: cp, checkpointName: '花桥卡口', label: '入城 1 号机', status: 'active', enrolledAt: AT, lastSeenAt: AT,
    appVersion: '1.0.0', queueLength: null, bundleAgeSec: null, reportedAt: null, revokedAt: null, revokeReason: null,
  });
  t.strictSame(await repo.get('dev-1'), d);
  t.equal(await repo.get('dev-2'), undefined);
  t.strictSame(await repo.forAuth('dev-1'), { id: 'dev-1', checkpointId: cp, publicJwk: JWK, revoked: false }, 'the key as stored');
  t.equal(await repo.forAuth('dev-2'), undefined);
  t.equal(await repo.existsWithThumbprint('thumb-dev-1'), true);
  t.equal(await repo.existsWithThumbprint('thumb-dev'), false, 'the whole thumbprint');
  t.same(
    await store.q().selectFrom('devices').select(['enrollment_code_id', 'enrolled_ip', 'last_ip']).execute(),
    [{ enrollment_code_id: 'code-dev-1', enrolled_ip: '10.0.0.7', last_ip: '10.0.0.7' }],
    'the code and address recorded',
  );
});

onEachEngine(t, 'a key enrolled twice and a code id drawn twice are recognised UNIQUE violations', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  await enrolled(store, cp, 'dev-1');
  const key = await failure(enrolled(store, cp, 'dev-2', { thumbprint: 'thumb-dev-1' }));
  t.ok(isUniqueViolation(key, DEVICE_KEY_UNIQUE), `UNIQUE on the key: ${String(key)}`);
  t.notOk(isUniqueViolation(key, ENROLLMENT_CODE_ID_UNIQUE));
  const code = await failure(repo.insertCode({ id: 'code-dev-1', checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt: NOW, at: AT }));
  t.ok(isUniqueViolation(code, ENROLLMENT_CODE_ID_UNIQUE), `primary key of the code: ${String(code)}`);
  t.notOk(isUniqueViolation(code, DEVICE_KEY_UNIQUE));
  const fk = await failure(enrolled(store, cp + 1000, 'dev-3'));
  t.ok(fk, 'an unknown checkpoint is an error');
  t.notOk(isUniqueViolation(fk), 'but no UNIQUE one');
});

onEachEngine(t, 'the device list: filters, and active first, then checkpoint name, enrollment time and id, ties included', async (t, store) => {
  const repo = devicesRepo(store);
  // Names whose byte order differs from insertion order and from a locale's.
  const b = await checkpoint(store, '千灯卡口');
  const a = await checkpoint(store, 'A-卡口');
  const later = '2026-12-01T05:00:00.000Z';
  for (const [cp, id, at] of [[a, 'dev-g', AT], [b, 'dev-e', AT], [a, 'dev-d', later], [a, 'dev-c', AT], [b, 'dev-a', AT], [a, 'dev-b', AT], [b, 'dev-f', later]] as const) {
    await enrolled(store, cp, id, { at });
  }
  t.equal(await repo.revoke('dev-c', { by: null, reason: '丢失', at: later }), true);
  t.equal(await repo.revoke('dev-a', { by: null, reason: '丢失', at: later }), true);
  const ids = async (f?: Parameters<typeof repo.list>[0]) => (await repo.list(f)).map((d) => d.id);
  t.strictSame(await ids(), ['dev-b', 'dev-g', 'dev-d', 'dev-e', 'dev-f', 'dev-c', 'dev-a'], 'active first; by name (bytes), time, id (not insertion order)');
  t.strictSame(await ids({ status: 'all' }), await ids());
  t.strictSame(await ids({ status: 'active' }), ['dev-b', 'dev-g', 'dev-d', 'dev-e', 'dev-f']);
  t.strictSame(await ids({ status: 'revoked' }), ['dev-c', 'dev-a']);
  t.strictSame(await ids({ checkpointId: b }), ['dev-e', 'dev-f', 'dev-a']);
  t.strictSame(await ids({ checkpointId: a, status: 'revoked' }), ['dev-c']);
  t.strictSame(await ids({ checkpointId: a + b + 1000 }), []);
});

onEachEngine(t, 'touch, report and revoke', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  await enrolled(store, cp, 'dev-1');
  await enrolled(store, cp, 'dev-2');
  await repo.touch('dev-1', '2026-12-01T04:05:00.000Z', '10.0.0.9');
  t.equal((await repo.get('dev-1'))!.lastSeenAt, '2026-12-01T04:05:00.000Z');
  t.equal((await repo.get('dev-2'))!.lastSeenAt, AT, 'the other untouched');
  t.same(await store.q().selectFrom('devices').select('last_ip').where('id', '=', 'dev-1').executeTakeFirst(), { last_ip: '10.0.0.9' });

  await repo.report('dev-1', { appVersion: '1.2.3', queueLength: 17, bundleAgeSec: 5400, at: '2026-12-01T04:06:00.000Z' });
  t.match(await repo.get('dev-1'), { appVersion: '1.2.3', queueLength: 17, bundleAgeSec: 5400, reportedAt: '2026-12-01T04:06:00.000Z' });
  t.equal(typeof (await repo.get('dev-1'))!.queueLength, 'number', 'a number on both engines');
  await repo.report('dev-1', { appVersion: null, queueLength: 0, bundleAgeSec: null, at: '2026-12-01T04:07:00.000Z' });
  t.match(await repo.get('dev-1'), { appVersion: '1.2.3', queueLength: 0, bundleAgeSec: null }, 'the app version is kept when not sent');
  t.equal((await repo.get('dev-2'))!.queueLength, null);

  t.equal(await repo.revoke('dev-1', { by: null, reason: '设备丢失', at: '2026-12-01T04:08:00.000Z' }), true);
  t.equal(await repo.revoke('dev-1', { by: null, reason: '再次', at: '2026-12-01T04:09:00.000Z' }), false, 'once only');
  t.equal(await repo.revoke('dev-3', { by: null, reason: '无', at: AT }), false, 'unknown device');
  t.match(await repo.get('dev-1'), { status: 'revoked', revokedAt: '2026-12-01T04:08:00.000Z', revokeReason: '设备丢失' });
  t.equal((await repo.forAuth('dev-1'))!.revoked, true);
  t.equal((await repo.forAuth('dev-2'))!.revoked, false);
});

onEachEngine(t, 'nonces: fresh once per device, and of many at once exactly one is fresh', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  await enrolled(store, cp, 'dev-1');
  await enrolled(store, cp, 'dev-2');
  t.equal(await repo.useNonce('dev-1', 'n-1', NOW + 10 * MIN), true, 'fresh');
  t.equal(await repo.useNonce('dev-1', 'n-1', NOW + 10 * MIN), false, 'replayed');
  t.equal(await repo.useNonce('dev-2', 'n-1', NOW + 10 * MIN), true, "another device's nonce is its own");

  // Plain statements (on PostgreSQL each on a pooled connection of its own), and each in its own transaction
  // (the second insert waits for the first to commit, then does nothing).
  const plain = await Promise.all(Array.from({ length: 24 }, () => repo.useNonce('dev-1', 'n-race', NOW + 10 * MIN)));
  t.equal(plain.filter(Boolean).length, 1, 'one of 24 concurrent uses is fresh');
  const inTx = await Promise.all(Array.from({ length: 12 }, () => store.transaction(() => repo.useNonce('dev-2', 'n-race-tx', NOW + 10 * MIN))));
  t.equal(inTx.filter(Boolean).length, 1, 'one of 12 concurrent transactions finds it fresh');
  const mixed = await Promise.all(Array.from({ length: 16 }, (_, i) => repo.useNonce('dev-1', `n-${i % 4}-mixed`, NOW + 10 * MIN)));
  t.equal(mixed.filter(Boolean).length, 4, 'four distinct nonces among 16: four fresh');

  await repo.useNonce('dev-1', 'n-old', NOW - MIN);
  t.equal(await repo.purgeNonces(NOW - MIN), 0, 'expires_at < now only');
  t.equal(await repo.purgeNonces(NOW), 1, 'the expired one');
  t.equal(await repo.useNonce('dev-1', 'n-old', NOW + MIN), true, 'a purged nonce is unknown again');
  t.equal(await repo.purgeNonces(NOW + 11 * MIN), 9, 'all past their window');
  t.equal(Number((await store.q().selectFrom('device_nonces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0);
});

onEachEngine(t, 'codes: insert, lookups, attempts counted atomically, consumed once', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  const expiresAt = NOW + 15 * MIN;
  const c = await repo.insertCode({ id: 'K7QMA', checkpointId: cp, secretHash: 'hash', createdBy: null, expiresAt, at: AT });
  t.strictSame(c, { id: 'K7QMA', checkpointId: cp, secretHash: 'hash', createdAt: AT, expiresAt, attempts: 0, usedAt: null, deviceId: null });
  t.strictSame(await repo.code('K7QMA'), c);
  t.equal(await repo.code('K7QMB'), undefined);
  t.equal(await repo.codeIdTaken('K7QMA'), true);
  t.equal(await repo.codeIdTaken('K7QMB'), false);

  await Promise.all(Array.from({ length: 7 }, () => repo.countFailedAttempt('K7QMA')));
  t.equal((await repo.code('K7QMA'))!.attempts, 7, 'seven wrong secrets at once: seven counted, none lost');
  const consume = (id: string, deviceId: string, o: { now?: number; max?: number } = {}) =>
    repo.consumeCode(id, { deviceId, at: '2026-12-01T04:01:00.000Z', now: o.now ?? NOW, maxAttempts: o.max ?? 5 });
  t.equal(await consume('K7QMA', 'dev-1'), false, 'burnt: 7 attempts of 5');
  t.equal(await consume('K7QMA', 'dev-1', { max: 8 }), true, 'under a higher limit');
  t.match(await repo.code('K7QMA'), { usedAt: '2026-12-01T04:01:00.000Z', deviceId: 'dev-1' });
  t.equal(await consume('K7QMA', 'dev-2', { max: 8 }), false, 'used');

  await repo.insertCode({ id: 'K7QMC', checkpointId: cp, secretHash: 'hash', createdBy: null, expiresAt, at: AT });
  t.equal(await consume('K7QMC', 'dev-3', { now: expiresAt }), false, 'expired at its expiry');
  t.equal(await consume('K7QMC', 'dev-3', { now: expiresAt - 1 }), true, 'usable until then');

  await repo.insertCode({ id: 'K7QMD', checkpointId: cp, secretHash: 'hash', createdBy: null, expiresAt, at: AT });
  const winners = await Promise.all(Array.from({ length: 10 }, (_, i) => store.transaction(() => consume('K7QMD', `dev-r${i}`))));
  t.equal(winners.filter(Boolean).length, 1, 'of 10 concurrent consumptions one wins');
  t.equal((await repo.code('K7QMD'))!.deviceId, `dev-r${winners.indexOf(true)}`, 'and the code names the winner');
});

onEachEngine(t, 'lockCode: parallel guesses at one code take turns, so no more than the limit are tried', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  await repo.insertCode({ id: 'K7QMA', checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt: NOW + 15 * MIN, at: AT });
  await repo.insertCode({ id: 'K7QMB', checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt: NOW + 15 * MIN, at: AT });
  t.strictSame(await repo.lockCode('K7QMA'), await repo.code('K7QMA'), 'the same record as code()');
  t.equal(await repo.lockCode('K7QMZ'), undefined);
  // What enrollment does with a wrong secret: read the attempts, other reads (the checkpoint), and count one
  // more if under the limit. A limit of 2, below the 4 connections of the test's pool: without the lock, on
  // PostgreSQL, 4 guesses in flight at once would all read 0 and all be tried.
  const limit = 2;
  const guess = (id: string) =>
    store.transaction(async () => {
      const rec = (await repo.lockCode(id))!;
      await store.q().selectFrom('checkpoints').select('status').where('id', '=', cp).execute();
      if (rec.attempts >= limit) return false;
      await repo.countFailedAttempt(id);
      return true;
    });
  const tried = await Promise.all([...Array.from({ length: 10 }, () => guess('K7QMA')), ...Array.from({ length: 4 }, () => guess('K7QMB'))]);
  t.equal(tried.slice(0, 10).filter(Boolean).length, 2, 'of 10 parallel guesses at one code, 2 are tried');
  t.equal(tried.slice(10).filter(Boolean).length, 2, 'and of 4 at another code, 2');
  t.equal((await repo.code('K7QMA'))!.attempts, 2, 'counted, no more');
  t.equal((await repo.code('K7QMB'))!.attempts, 2);
});

onEachEngine(t, 'pending codes in order with ties; expireCodes withdraws the unused; purgeCodes deletes the expired unused', async (t, store) => {
  const repo = devicesRepo(store);
  const a = await checkpoint(store, '花桥卡口');
  const b = await checkpoint(store, '千灯卡口');
  const code = (id: string, cp: number, at: string, expiresAt: number) => repo.insertCode({ id, checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt, at });
  const earlier = '2026-12-01T03:00:00.000Z';
  for (const id of ['code-q', 'code-m', 'code-z', 'code-n']) await code(id, a, AT, NOW + 15 * MIN);
  await code('code-old', a, earlier, NOW + 15 * MIN);
  await code('code-stale', a, AT, NOW - MIN);
  await code('code-used', a, AT, NOW + 15 * MIN);
  await code('code-burnt', a, AT, NOW + 15 * MIN);
  await code('code-b', b, AT, NOW + 15 * MIN);
  await repo.consumeCode('code-used', { deviceId: 'dev-1', at: AT, now: NOW, maxAttempts: 5 });
  for (let i = 0; i < 5; i++) await repo.countFailedAttempt('code-burnt');

  const pending = async (cp: number, now = NOW) => (await repo.pendingCodes(cp, now, 5)).map((c) => c.id);
  t.strictSame(await pending(a), ['code-m', 'code-n', 'code-q', 'code-z', 'code-old'], 'newest first, ties by id; not expired, used or burnt');
  t.strictSame(await pending(b), ['code-b']);
  t.strictSame(await pending(a, NOW + 15 * MIN), [], 'all expired by then');

  t.equal(await repo.expireCodes(a, NOW), 6, 'the unused live codes of a, burnt included');
  t.strictSame(await pending(a), []);
  t.equal((await repo.code('code-q'))!.expiresAt, NOW, 'expired now');
  t.equal((await repo.code('code-stale'))!.expiresAt, NOW - MIN, 'already expired: untouched');
  t.equal((await repo.code('code-used'))!.expiresAt, NOW + 15 * MIN, 'used: untouched');
  t.strictSame(await pending(b), ['code-b'], 'another checkpoint: untouched');
  t.equal(await repo.expireCodes(a, NOW), 0, 'nothing left');

  t.equal(await repo.purgeCodes(NOW - MIN), 0, 'expires_at < before only');
  t.equal(await repo.purgeCodes(NOW + 1), 7, 'the expired unused ones');
  t.equal(await repo.code('code-q'), undefined);
  t.ok(await repo.code('code-used'), 'a used code stays: its device names it');
  t.ok(await repo.code('code-b'), 'an unexpired code stays');
});

onEachEngine(t, 'a UNIQUE violation inside a savepoint rolls back to it and the transaction goes on (enrollment)', async (t, store) => {
  const repo = devicesRepo(store);
  const cp = await checkpoint(store, '花桥卡口');
  await enrolled(store, cp, 'dev-1');
  await repo.insertCode({ id: 'K7QMA', checkpointId: cp, secretHash: 'h', createdBy: null, expiresAt: NOW + 15 * MIN, at: AT });
  const outcome = await store.transaction(async () => {
    const taken = await store
      .transaction(async () => {
        t.equal(await repo.consumeCode('K7QMA', { deviceId: 'dev-2', at: AT, now: NOW, maxAttempts: 5 }), true);
        await repo.insert({ id: 'dev-2', checkpointId: cp, publicJwk: JWK, thumbprint: 'thumb-dev-1', label: null, appVersion: null, enrollmentCodeId: 'K7QMA', ip: null, at: AT });
        return false;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e, DEVICE_KEY_UNIQUE)) return true;
        throw e;
      });
    // On PostgreSQL an error outside a savepoint would have aborted the whole transaction here.
    await repo.countFailedAttempt('K7QMA');
    return taken;
  });
  t.equal(outcome, true, 'the key was taken');
  t.match(await repo.code('K7QMA'), { usedAt: null, deviceId: null, attempts: 1 }, 'the code given back; the later statement committed');
  t.equal(await repo.get('dev-2'), undefined);
});
