// The audit log's repositories on both engines (issue 16): appends one and many (chunked), the chain
// verified, personal fields kept apart and erased by retention, list filters and paging, head, the
// integrity repository's checkpoints and verifications, a rolled-back append, and 60 concurrent appends
// that never fork the chain (the advisory lock on PostgreSQL, BEGIN IMMEDIATE and the queue on SQLite).
import t from 'tap';
import { sql } from 'kysely';
import type { Store } from '../../../src/server/db/store.js';
import { BULK_CHUNK } from '../../../src/server/db/bulk-insert.js';
import { AuditChainVerifier, GENESIS_PREV, entryHash, type AuditVerifyReport } from '../../../src/core/audit/index.js';
import { auditRepo, type AuditEntry, type AuditRepo } from '../../../src/server/features/audit/repository.js';
import { auditIntegrityRepo } from '../../../src/server/features/audit/integrity-repository.js';
import { auditTrail } from '../../../src/server/features/audit/trail.js';
import { passesRepo } from '../../../src/server/features/passes/repository.js';
import { sha256 } from '../../../src/server/features/audit/hash.js';
import { SYSTEM } from '../../../src/server/security/actor.js';
import { Rollback, engineAnswers, onEachEngine } from '../../helpers/engines.js';

const { answer, compareAnswers } = engineAnswers();

const plain = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorType: 'system', actorId: null, actorName: 'test', action: 'audit.retention_purge', subjectType: 'audit_log',
  detail: { before: '1970-01-01T00:00:00.000Z', auditEntries: n }, ...over,
});
const person = (name: string, enterpriseId: number | null = null): AuditEntry => ({
  actorType: 'user', actorId: 7, actorName: 'officer', action: 'person.create', subjectType: 'person', subjectId: 42, enterpriseId,
  reason: null, ip: '10.0.0.1', detail: { name, role: 'driver', idLast4: '1234', stays: null },
});

async function verify(repo: AuditRepo, pageSize?: number): Promise<AuditVerifyReport> {
  const verifier = new AuditChainVerifier([], sha256);
  for await (const e of repo.chain(pageSize)) verifier.push(e);
  return verifier.finish();
}

/** The stored rows, as text, without what differs from run to run (time, salts, hashes over them). */
async function storedRows(store: Store) {
  const rows = await store.q().selectFrom('audit_log').select(['seq', 'actor_type', 'actor_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'enterprise_id', 'reason', 'detail', 'ip']).orderBy('seq').execute();
  const personal = await store.q().selectFrom('audit_personal').select(['seq', 'fields']).orderBy('seq').execute();
  return { rows, personal };
}

await onEachEngine(t, 'insert and insertMany: seqs in order, chained, the same stored text on both engines', async (t, store, engine) => {
  const repo = auditRepo(store);
  t.same(await repo.head(), { size: 0, head: GENESIS_PREV }, 'an empty log');
  t.equal(await repo.backfill(), 0, 'nothing to backfill on a fresh database');
  t.equal(await repo.insert(plain(0)), 1);
  t.equal(await repo.insert({ ...plain(1), subjectId: 99, enterpriseId: 3, reason: '复核', ip: '::1' }), 2, 'a numeric subject is stored as text');
  t.same(await repo.insertMany([]), [], 'nothing to append');
  const many = Array.from({ length: BULK_CHUNK * 2 + 5 }, (_, i) => (i % 3 === 0 ? person(`张${i}`, i % 2) : plain(i)));
  const seqs = await repo.insertMany(many);
  t.same(seqs, Array.from({ length: many.length }, (_, i) => i + 3), 'several statements, one chain');
  const last = (await store.q().selectFrom('audit_log').select(['seq', 'hash', 'prev_hash', 'at']).orderBy('seq', 'desc').limit(2).execute());
  t.same(await repo.head(), { size: many.length + 2, head: last[0]!.hash }, 'head: the last entry');
  t.equal(last[0]!.prev_hash, last[1]!.hash, 'each entry names the one before');
  const report = await verify(repo);
  t.match(report, { ok: true, entries: many.length + 2, erased: 0 }, 'the chain verifies');
  t.match(await verify(repo, 7), { ok: true, entries: many.length + 2 }, 'read in small pages too');
  const first = (await store.q().selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow());
  t.equal(
    first.hash,
    entryHash(
      {
        seq: 2, at: first.at, actorType: 'system', actorId: null, actorName: 'test', action: 'audit.retention_purge', subjectType: 'audit_log',
        subjectId: '99', enterpriseId: 3, reason: '复核', detail: { before: '1970-01-01T00:00:00.000Z', auditEntries: 1 }, ip: '::1', pd: null, prev: first.prev_hash!,
      },
      sha256,
    ),
    'the hash is the core entry hash of what is stored',
  );
  t.equal(first.detail, '{"before":"1970-01-01T00:00:00.000Z","auditEntries":1}', 'detail stored as JSON.stringify gives it');
  answer('stored rows', engine, await storedRows(store));
});

await onEachEngine(t, 'personal fields kept apart, shown in the list, erased by retention while the chain still verifies', async (t, store) => {
  const repo = auditRepo(store);
  await repo.insert(plain(0));
  const seq = await repo.insert(person('王强'));
  const row = await store.q().selectFrom('audit_log').select(['detail', 'pd']).where('seq', '=', seq).executeTakeFirstOrThrow();
  t.equal(row.detail, '{"role":"driver","stays":null}', 'the log keeps only the open members');
  t.type(row.pd, 'string', 'and a commitment to the rest');
  const kept = await store.q().selectFrom('audit_personal').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  t.same(JSON.parse(kept.fields), { name: '王强', idLast4: '1234' });
  t.match((await repo.list({ limit: 1 }))[0], { seq, erased: false, subjectId: '42', detail: { name: '王强', idLast4: '1234', role: 'driver', stays: null } }, 'shown with the entry');
  t.equal(await repo.purgePersonal(new Date(0)), 0, 'nothing recorded before 1970');
  t.equal(await repo.purgePersonal(new Date(Date.now() + 60_000)), 1, 'erased');
  const shown = (await repo.list({ limit: 1 }))[0]!;
  t.match(shown, { seq, erased: true });
  t.same(shown.detail, { role: 'driver', stays: null }, 'the personal members are gone');
  t.match(await verify(repo), { ok: true, entries: 2, erased: 1 }, 'the chain keeps their salted hash');
});

await onEachEngine(t, 'list: filters by enterprise and action, newest first, paged by seq', async (t, store, engine) => {
  const repo = auditRepo(store);
  for (let i = 0; i < 9; i++) await repo.insert(i % 3 === 0 ? person(`李${i}`, 1) : plain(i, { enterpriseId: i % 2 === 0 ? 2 : null }));
  const seqs = (rs: Array<{ seq: number }>) => rs.map((r) => r.seq);
  t.same(seqs(await repo.list({ limit: 100 })), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  t.same(seqs(await repo.list({ enterpriseId: 1, limit: 100 })), [7, 4, 1]);
  t.same(seqs(await repo.list({ enterpriseId: 2, limit: 100 })), [9, 5, 3]);
  t.same(seqs(await repo.list({ action: 'person.create', limit: 2 })), [7, 4]);
  t.same(seqs(await repo.list({ action: 'person.create', limit: 2, beforeSeq: 4 })), [1]);
  const pages: number[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await repo.list({ limit: 4, ...(before === undefined ? {} : { beforeSeq: before }) });
    if (page.length === 0) break;
    pages.push(seqs(page));
    before = page.at(-1)!.seq;
  }
  t.same(pages, [[9, 8, 7, 6], [5, 4, 3, 2], [1]], 'pages cover every entry once');
  const page = await repo.list({ enterpriseId: 1, limit: 3 });
  answer('list', engine, page.map(({ at: _at, ...r }) => r));
});

await onEachEngine(t, 'integrity: checkpoints in size order, the latest, verifications recorded and read back', async (t, store, engine) => {
  const repo = auditIntegrityRepo(store);
  t.equal(await repo.latestCheckpoint(), null);
  t.equal(await repo.lastVerification(), null);
  t.same(await repo.checkpoints(), []);
  await store.q().insertInto('signing_keys').values({ kid: 'a1', purpose: 'audit', public_jwk: '{}', private_enc: 'x', state: 'active' }).execute();
  const c1 = await repo.insertCheckpoint({ size: 5, head: 'h5', at: '2026-03-01T00:00:00.000Z', kid: 'a1', jws: 'j5' });
  const c2 = await repo.insertCheckpoint({ size: 2, head: 'h2', at: '2026-03-01T00:01:00.000Z', kid: 'a1', jws: 'j2' });
  const c3 = await repo.insertCheckpoint({ size: 5, head: 'h5', at: '2026-03-01T00:02:00.000Z', kid: 'a1', jws: 'j5b' });
  t.type(c1.id, 'number');
  t.same((await repo.checkpoints()).map((c) => c.id), [c2.id, c1.id, c3.id], 'by size, ties by id');
  t.same(await repo.latestCheckpoint(), c3);
  await t.rejects(store.q().updateTable('audit_checkpoints').set({ head: 'x' }).where('id', '=', c1.id).execute(), /append-only/, 'checkpoints are append-only');
  const v1 = await repo.insertVerification({ at: '2026-03-02T00:00:00.000Z', ok: true, entries: 5, erased: 1, checkpoints: 3, head: 'h5', failureKind: null, failureSeq: null, detail: null, byName: 'cli' });
  const v2 = await repo.insertVerification({ at: '2026-03-02T00:01:00.000Z', ok: false, entries: 5, erased: 0, checkpoints: 3, head: 'h5', failureKind: 'hash_mismatch', failureSeq: 3, detail: 'entry 3', byName: 'boss' });
  t.ok(v2 > v1);
  const last = await repo.lastVerification();
  t.same(last, { id: v2, at: '2026-03-02T00:01:00.000Z', ok: false, entries: 5, erased: 0, checkpoints: 3, head: 'h5', failureKind: 'hash_mismatch', failureSeq: 3, detail: 'entry 3', byName: 'boss' });
  answer('integrity', engine, { checkpoints: (await repo.checkpoints()).map(({ id: _id, ...c }) => c), last: { ...last, id: 0 } });
});

await onEachEngine(t, 'a rolled-back transaction leaves no entry, and the next append takes its seq', async (t, store) => {
  const repo = auditRepo(store);
  await repo.insert(plain(0));
  try {
    await store.transaction(async () => {
      t.same(await repo.insertMany([plain(1), person('赵六')]), [2, 3]);
      throw new Rollback('on purpose');
    });
    t.fail('not rolled back');
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  t.equal((await repo.head()).size, 1, 'nothing of it stays');
  t.equal((await store.q().selectFrom('audit_personal').select('seq').execute()).length, 0, 'not its personal fields either');
  t.equal(await repo.insert(plain(2)), 2, 'the seq is taken again');
  t.match(await verify(repo), { ok: true, entries: 2 }, 'and the chain verifies');
});

await onEachEngine(t, '60 concurrent records, each in its own transaction: seqs 1..60 with no gap, and the chain verifies', async (t, store) => {
  const trail = auditTrail(auditRepo(store), { strict: true });
  const record = (i: number) => trail.record({ actor: SYSTEM, action: 'audit.retention_purge', detail: { before: new Date(0).toISOString(), auditEntries: i } });
  const inTransactions = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      store.transaction(async () => {
        // Read, then append: the shape of a service transaction.
        await store.q().selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        return record(i);
      }),
    ),
  );
  t.same([...inTransactions].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 1), 'every seq once');
  // And without a caller's transaction: record opens its own.
  const alone = await Promise.all(Array.from({ length: 60 }, (_, i) => record(60 + i)));
  t.same([...alone].sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 61));
  const seqs = (await store.q().selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
  t.same(seqs, Array.from({ length: 120 }, (_, i) => i + 1), 'stored without a gap');
  t.match(await verify(auditRepo(store)), { ok: true, entries: 120, failure: null }, 'no fork');
});

await onEachEngine(t, 'the chain and the revocation feed: an append then a revocation beside a revocation then an append, at once, never deadlock', async (t, store) => {
  // A pass approved in place of another records pass.issue, then revokes the old one (the feed's lock); a
  // revocation takes the feed's lock, then records. passes.addRevocation takes the chain's lock before the
  // feed's on PostgreSQL, so both orders take them chain first and cannot wait on each other (without it,
  // PostgreSQL aborted about half of these transactions as deadlocks).
  const repo = auditRepo(store);
  const passes = passesRepo(store);
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      store.transaction(async () => {
        if (i % 2 === 0) {
          await repo.insert(plain(i));
          await passes.addRevocation(`P${i}`, 'replaced', 2_000_000_000);
        } else {
          await passes.addRevocation(`P${i}`, 'revoked', 2_000_000_000);
          await repo.insert(plain(i));
        }
      }),
    ),
  );
  t.same(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), [], 'no transaction failed');
  t.match(await verify(repo), { ok: true, entries: 20 });
});

compareAnswers(t);
