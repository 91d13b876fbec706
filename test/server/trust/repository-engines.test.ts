// The trust bundle's reads and its issue counter on both engines (issue 16): the approved directory in credit-code
// order and by pages, the revocation feed after a version and a cut-off, the counter that never goes back, and
// two nodes signing at once getting two numbers.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { contentBuilder } from '../../../src/server/features/trust/content.js';
import { trustRepo } from '../../../src/server/features/trust/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

async function enterprise(store: Store, creditCode: string, name: string, status: string): Promise<void> {
  await store.q().insertInto('enterprises').values({ name, credit_code: creditCode, address: '昆山市', region_code: '320583', duty_phone: '051257001234', status }).execute();
}
async function revoke(store: Store, passNo: string, expiresAt: number): Promise<void> {
  await store.q().insertInto('revocations').values({ pass_no: passNo, reason: 'test', expires_at: expiresAt }).execute();
}

onEachEngine(t, 'the directory: approved enterprises only, by credit code, whole or in pages', async (t, store) => {
  const repo = trustRepo(store);
  t.same(await repo.directory(), []);
  await enterprise(store, '91320583MA1B000002', '昆山乙', 'approved');
  await enterprise(store, '91320583MA1A000001', '昆山甲', 'approved');
  await enterprise(store, '91320583MA1C000003', '昆山丙', 'suspended');
  await enterprise(store, '91320583MA10000004', '昆山丁', 'approved');
  await enterprise(store, '91320583MA1D000005', '昆山戊', 'registered');
  const all = await repo.directory();
  t.same(all.map((r) => r[0]), ['91320583MA10000004', '91320583MA1A000001', '91320583MA1B000002'], 'approved only, digits before letters');
  t.same(all[1], ['91320583MA1A000001', '昆山甲', '051257001234']);
  t.same((await repo.directoryPage('', 2)).map((r) => r[0]), ['91320583MA10000004', '91320583MA1A000001']);
  t.same((await repo.directoryPage('91320583MA1A000001', 2)).map((r) => r[0]), ['91320583MA1B000002']);
  t.same(await repo.approvedEnterprise('91320583MA1A000001'), ['91320583MA1A000001', '昆山甲', '051257001234']);
  t.equal(await repo.approvedEnterprise('91320583MA1C000003'), undefined, 'a suspended enterprise is not in the directory');
  t.equal(await repo.approvedEnterprise('nope'), undefined);
});

onEachEngine(t, 'the revocation feed: after a version, past a cut-off, in version order; its highest version stays', async (t, store) => {
  const repo = trustRepo(store);
  t.equal(await repo.maxRevocationVersion(), 0);
  t.equal(await repo.rowsAtMost(), 0);
  await revoke(store, 'KS-3', 3000);
  await revoke(store, 'KS-1', 1000);
  await revoke(store, 'KS-2', 2000);
  await revoke(store, 'KS-4', 4000);
  t.equal(await repo.maxRevocationVersion(), 4);
  t.same(await repo.revocationsAfter(0, 0), [[1, 'KS-3', 3000], [2, 'KS-1', 1000], [3, 'KS-2', 2000], [4, 'KS-4', 4000]]);
  t.same(await repo.revocationsAfter(1, 1500), [[3, 'KS-2', 2000], [4, 'KS-4', 4000]], 'after version 1, expiring after 1500');
  t.same(await repo.revocationsAfter(0, 1500, 2), [[1, 'KS-3', 3000], [3, 'KS-2', 2000]], 'a page of two');
  t.same(await repo.revocationsAfter(4, 0), []);
  t.equal(await repo.isRevoked('KS-2'), true);
  t.equal(await repo.isRevoked('KS-9'), false);
  await enterprise(store, '91320583MA1A000001', '昆山甲', 'approved');
  await enterprise(store, '91320583MA1B000002', '昆山乙', 'registered');
  t.equal(await repo.rowsAtMost(), 5, 'approved enterprises plus every revocation ever given');
});

onEachEngine(t, 'the issue counter: max(previous + 1, now), never back, one number per signing from two nodes at once', async (t, store) => {
  const repo = trustRepo(store);
  t.equal(await repo.nextSeq('trust.bundle.seq', 1000), 1000, 'starts at now');
  t.equal(await repo.nextSeq('trust.bundle.seq', 1000), 1001, 'the same second: previous + 1');
  t.equal(await repo.nextSeq('trust.bundle.seq', 900), 1002, 'a clock stepped back: still forward');
  t.equal(await repo.nextSeq('trust.bundle.seq', 5000), 5000, 'later: now');
  t.equal(await repo.nextSeq('other.seq', 7), 7, 'counters are per key');
  const seqs = await Promise.all(Array.from({ length: 20 }, () => store.transaction(() => repo.nextSeq('trust.bundle.seq', 5000))));
  t.same([...seqs].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => 5001 + i), 'twenty concurrent signings, twenty numbers');
  const stored = await store.q().selectFrom('settings').select('value').where('key', '=', 'trust.bundle.seq').executeTakeFirstOrThrow();
  t.equal(stored.value, '5020', 'stored as text on both engines');
});

const hashes = new Map<string, string>();
await onEachEngine(t, 'a bundle built from either engine lists the same content', async (t, store, engine) => {
  await enterprise(store, '91320583MA1A000001', '昆山甲', 'approved');
  await enterprise(store, '91320583MA1B000002', '昆山乙', 'approved');
  await revoke(store, 'KS-2', 2000);
  await revoke(store, 'KS-1', 3000);
  const builder = contentBuilder(trustRepo(store));
  const inputs = { iss: 'KSJT', jwks: { keys: [] }, bundleKeys: { keys: [] }, active: {} as never, scheduled: [], cutoffSec: 1000 };
  const built = await builder.build(inputs);
  t.same(built.content.enterprises.map((e) => e[0]), ['91320583MA1A000001', '91320583MA1B000002']);
  t.same(built.content.revocations, { version: 2, passNos: ['KS-1', 'KS-2'] });
  hashes.set(engine, built.hash);
  await revoke(store, 'KS-3', 1500);
  t.same((await builder.build(inputs)).content.revocations, { version: 3, passNos: ['KS-1', 'KS-2', 'KS-3'] }, 'a new revocation is added');
  t.same((await builder.build({ ...inputs, cutoffSec: 2500 })).content.revocations, { version: 3, passNos: ['KS-1'] }, 'expired ones drop out');
});

t.test('the same rows give the same content hash on both engines', { skip: hashes.size < 2 && 'PostgreSQL is not available here' }, async (t) => {
  t.equal(hashes.get('postgres'), hashes.get('sqlite'));
});

onEachEngine(t, 'the stored bundle: kept only by a higher issue number, read with or without its bytes', async (t, store) => {
  const repo = trustRepo(store);
  t.equal(await repo.storedIssue(), undefined);
  t.equal(await repo.stored(), undefined);
  const summary = { activeRuleSet: 1, scheduledRuleSets: [], revocationsVersion: 2, revoked: 2, enterprises: 1, passKeys: ['p1'], bundleKeys: ['b1'], jwsBytes: 9 };
  const bundle = (seq: number, hash: string) => ({ seq, contentHash: hash, kid: 'b1', iat: 1000 + seq, exp: 9000, etag: `"${seq}-${hash}"`, jws: `jws-${seq}`, summary });
  t.equal(await repo.storeIfNewer(bundle(5, 'h1')), true, 'the first is stored');
  t.same(await repo.storedIssue(), { seq: 5, contentHash: 'h1', kid: 'b1', iat: 1005, exp: 9000, etag: '"5-h1"' });
  t.equal(await repo.storeIfNewer(bundle(4, 'h0')), false, 'a lower issue is not');
  t.equal(await repo.storeIfNewer(bundle(5, 'h9')), false, 'nor the same issue');
  t.equal(await repo.storeIfNewer(bundle(7, 'h2')), true, 'a higher one replaces it');
  t.same(await repo.stored(), bundle(7, 'h2'), 'bytes and summary read back');
  const [x, y] = await Promise.all([store.transaction(() => repo.storeIfNewer(bundle(9, 'h3'))), store.transaction(() => repo.storeIfNewer(bundle(8, 'h4')))]);
  t.equal((await repo.storedIssue())?.seq, 9, 'two nodes at once: the higher stays');
  t.ok(x, 'the higher was stored');
  t.equal(typeof y, 'boolean');
  const rows = await store.q().selectFrom('trust_bundle_current').select('id').execute();
  t.equal(rows.length, 1, 'one row, ever');
});
