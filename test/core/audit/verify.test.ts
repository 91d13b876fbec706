import t from 'tap';
import { AuditChainVerifier, GENESIS_PREV, REORDER_LOOKAHEAD, entryHash, verifyAuditLog, type AuditCheckpointClaim, type StoredAuditEntry } from '../../../src/core/audit/index.js';
import { chain, claim, sha256 } from './fixtures.js';

const log = chain(20);
const h = (seq: number) => log[seq - 1]!.hash;
const ok = (entries: number, checkpoints: number, erased = 0) => ({ ok: true, entries, erased, checkpoints, head: h(entries), failure: null });

t.test('a healthy log: the whole report', async (t) => {
  t.strictSame(verifyAuditLog(log, [claim(log, 20), claim(log, 1, 2)], sha256), ok(20, 2));
  t.strictSame(verifyAuditLog([], [], sha256), { ok: true, entries: 0, erased: 0, checkpoints: 0, head: GENESIS_PREV, failure: null });
  // Signed before the first entry: the head of an empty log is the genesis value (docs/audit-log.md).
  t.strictSame(verifyAuditLog(log, [{ id: 4, size: 0, head: GENESIS_PREV, signatureOk: true }], sha256), ok(20, 1));
  t.strictSame(verifyAuditLog([], [{ id: 4, size: 0, head: GENESIS_PREV, signatureOk: true }], sha256).failure, null);
});

t.test('only entries whose personal fields were kept and then erased count as erased', async (t) => {
  // Entries 3, 6, 9 have personal fields; 1, 2, 4, 5, 7, 8 never had any.
  const erased = chain(9).map((e) => (e.seq === 3 || e.seq === 9 ? { ...e, personal: null } : e));
  t.strictSame(verifyAuditLog(erased, [], sha256), { ok: true, entries: 9, erased: 2, checkpoints: 0, head: erased[8]!.hash, failure: null });
});

t.test('each failure is reported whole: kind, first bad entry, why', async (t) => {
  const flip = log.map((e) => (e.seq === 7 ? { ...e, actorName: 'offiser' } : e));
  const flipped = entryHash(flip[6]!, sha256);
  t.strictSame(verifyAuditLog(flip, [], sha256), {
    ok: false, entries: 20, erased: 0, checkpoints: 0, head: h(6),
    failure: { kind: 'hash_mismatch', seq: 7, detail: `the entry's content hashes to ${flipped}, its stored hash is ${h(7)}` },
  }, 'the head is the last entry that verified');

  t.strictSame(verifyAuditLog(log.filter((e) => e.seq !== 7), [], sha256).failure, { kind: 'gap', seq: 7, detail: 'entry 7 is missing (the next one stored is 8)' });

  const relinked = log.map((e) => (e.seq === 7 ? { ...e, prev: h(5) } : e));
  t.strictSame(verifyAuditLog(relinked, [], sha256).failure, { kind: 'broken_link', seq: 7, detail: `prev ${h(5)} is not the hash of entry 6 (${h(6)})` });

  const changed = chain(9);
  changed[5] = { ...changed[5]!, personal: { salt: changed[5]!.personal!.salt, fields: { escortName: '李四', phoneLast4: '5678' } } };
  t.strictSame(verifyAuditLog(changed, [], sha256).failure, { kind: 'personal_mismatch', seq: 6, detail: 'the personal fields kept for this entry do not match the commitment in the chain' });
});

t.test('seqs going backwards are a reorder, not a gap', async (t) => {
  // Entry 7 stored twice: the second copy stands where 8 belongs.
  const repeated = [...log.slice(0, 7), log[6]!, ...log.slice(7)];
  t.strictSame(verifyAuditLog(repeated, [], sha256).failure, { kind: 'reordered', seq: 7, detail: 'seq 7 stands after seq 7' });
  const back = [...log.slice(0, 9), log[3]!];
  t.strictSame(verifyAuditLog(back, [], sha256).failure, { kind: 'reordered', seq: 4, detail: 'seq 4 stands after seq 9' });
});

t.test('two swapped entries (seqs kept) are a reorder naming where the predecessor stands', async (t) => {
  const swapped = log.map((e) => (e.seq === 7 ? { ...log[7]!, seq: 7 } : e.seq === 8 ? { ...log[6]!, seq: 8 } : e));
  t.strictSame(verifyAuditLog(swapped, [], sha256).failure, {
    kind: 'reordered', seq: 7, detail: 'entry 7 names as its predecessor an entry stored after it (seq 8): entries were moved',
  });
});

t.test('the first failure wins: a later tampering does not replace it', async (t) => {
  const two = log.map((e) => (e.seq === 5 ? { ...e, actorName: 'x' } : e.seq === 12 ? { ...e, prev: h(2) } : e));
  t.match(verifyAuditLog(two, [], sha256).failure, { kind: 'hash_mismatch', seq: 5 });
  const relinkedThenGap = log.filter((e) => e.seq !== 15).map((e) => (e.seq === 7 ? { ...e, prev: h(5) } : e));
  t.match(verifyAuditLog(relinkedThenGap, [], sha256).failure, { kind: 'broken_link', seq: 7 }, 'a suspected break still wins over a gap after it');
  // An entry failure hides the checkpoints: they are only compared on a chain that verified.
  t.match(verifyAuditLog(two, [{ ...claim(log, 3), signatureOk: false }], sha256).failure, { kind: 'hash_mismatch', seq: 5 });
});

t.test('a reorder is recognised up to REORDER_LOOKAHEAD entries later, not one further', async (t) => {
  t.equal(REORDER_LOOKAHEAD, 1000);
  const long = chain(REORDER_LOOKAHEAD + 3);
  // Entry 2 names entry 2 + L as its predecessor: the last one the verifier looks at.
  const within = long.map((e) => (e.seq === 2 ? { ...e, prev: long[1 + REORDER_LOOKAHEAD]!.hash } : e));
  t.strictSame(verifyAuditLog(within, [], sha256).failure, {
    kind: 'reordered', seq: 2, detail: `entry 2 names as its predecessor an entry stored after it (seq ${2 + REORDER_LOOKAHEAD}): entries were moved`,
  });
  const beyond = long.map((e) => (e.seq === 2 ? { ...e, prev: long[2 + REORDER_LOOKAHEAD]!.hash } : e));
  t.strictSame(verifyAuditLog(beyond, [], sha256).failure, {
    kind: 'broken_link', seq: 2, detail: `prev ${long[2 + REORDER_LOOKAHEAD]!.hash} is not the hash of entry 1 (${long[0]!.hash})`,
  });
});

t.test('checkpoint failures: whole, and the smallest failing checkpoint first', async (t) => {
  t.strictSame(verifyAuditLog(log, [{ ...claim(log, 18, 3), signatureOk: false, signatureProblem: 'signature: bad_signature' }], sha256).failure, {
    kind: 'bad_checkpoint_signature', seq: 18, checkpointId: 3, detail: 'checkpoint 3 (size 18): signature: bad_signature',
  });
  t.strictSame(verifyAuditLog(log, [{ ...claim(log, 18, 3), signatureOk: false }], sha256).failure, {
    kind: 'bad_checkpoint_signature', seq: 18, checkpointId: 3, detail: 'checkpoint 3 (size 18): the signature does not verify',
  }, 'no problem given: a generic one');
  t.strictSame(verifyAuditLog(log, [{ id: 5, size: 0, head: GENESIS_PREV, signatureOk: false }], sha256).failure, {
    kind: 'bad_checkpoint_signature', seq: null, checkpointId: 5, detail: 'checkpoint 5 (size 0): the signature does not verify',
  }, 'a checkpoint of the empty log has no last entry');
  t.strictSame(verifyAuditLog(log.slice(0, 15), [claim(log, 18, 2)], sha256).failure, {
    kind: 'truncated', seq: 16, checkpointId: 2, detail: 'checkpoint 2 was signed over 18 entries; the log has 15',
  });
  t.strictSame(verifyAuditLog(log.slice(0, 18), [claim(log, 18, 2)], sha256).failure, null, 'exactly as long as signed');
  t.strictSame(verifyAuditLog(log, [{ ...claim(log, 10, 6), head: h(9) }], sha256).failure, {
    kind: 'checkpoint_mismatch', seq: 10, checkpointId: 6, detail: `checkpoint 6: the chain's hash after 10 entries is not the signed head ${h(9)}`,
  });
  // Seqs start at 1: a size-0 checkpoint has no last entry to name (the CLI prints "at entry -", not "at entry 0").
  t.strictSame(verifyAuditLog(log, [{ id: 7, size: 0, head: h(1), signatureOk: true }], sha256).failure, {
    kind: 'checkpoint_mismatch', seq: null, checkpointId: 7, detail: `checkpoint 7: the chain's hash after 0 entries is not the signed head ${h(1)}`,
  }, 'size 0 must sign the genesis value');

  // Given largest first: the failures are still reported by size, then id.
  const bad = (id: number, size: number): AuditCheckpointClaim => ({ ...claim(log, size, id), signatureOk: false });
  t.match(verifyAuditLog(log.slice(0, 15), [claim(log, 18, 1), bad(2, 12), bad(3, 5)], sha256).failure, { kind: 'bad_checkpoint_signature', checkpointId: 3 });
  t.match(verifyAuditLog(log, [bad(9, 5), bad(4, 5), bad(8, 5)], sha256).failure, { kind: 'bad_checkpoint_signature', checkpointId: 4 }, 'one size: the lowest id');
  t.match(verifyAuditLog(log, [bad(2, 5), bad(9, 5)], sha256).failure, { checkpointId: 2 });
});

t.test('the streaming verifier gives what the convenience one does', async (t) => {
  const v = new AuditChainVerifier([claim(log, 10)], sha256);
  for (const e of log) v.push(e as StoredAuditEntry);
  t.strictSame(v.finish(), ok(20, 1));
});
