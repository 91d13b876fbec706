import t from 'tap';
import {
  GENESIS_PREV,
  canonicalEntry,
  entryHash,
  personalDigest,
  splitPersonal,
  verifyAuditLog,
  type StoredAuditEntry,
} from '../../../src/core/audit/index.js';
import { chain, claim, sha256 } from './fixtures.js';

t.test('the hashed form: RFC 8785, personal fields only as their commitment, genesis is 43 A', async (t) => {
  const [e] = chain(3).slice(2);
  t.equal(GENESIS_PREV, 'A'.repeat(43));
  t.notMatch(canonicalEntry(e!), /王强|5678/, 'no personal field in the hashed form');
  t.match(canonicalEntry(e!), /^\{"action":"escort.dispatch","actorId":1,/, 'members sorted');
  t.not(personalDigest('a', { n: '1234' }, sha256), personalDigest('b', { n: '1234' }, sha256), 'salted per entry');
});

t.test('a healthy log verifies, with its checkpoints', async (t) => {
  const log = chain(20);
  const r = verifyAuditLog(log, [claim(log, 10), claim(log, 20, 2)], sha256);
  t.match(r, { ok: true, entries: 20, erased: 0, checkpoints: 2, head: log[19]!.hash, failure: null });
  t.match(verifyAuditLog([], [], sha256), { ok: true, entries: 0, head: GENESIS_PREV });
});

t.test('erased personal fields still verify; changed ones do not', async (t) => {
  const log = chain(9).map((e) => (e.seq <= 6 ? { ...e, personal: null } : e));
  t.match(verifyAuditLog(log, [], sha256), { ok: true, erased: 2 });
  const changed = chain(9);
  changed[5] = { ...changed[5]!, personal: { salt: changed[5]!.personal!.salt, fields: { escortName: '李四', phoneLast4: '5678' } } };
  t.match(verifyAuditLog(changed, [], sha256).failure, { kind: 'personal_mismatch', seq: 6 });
});

t.test('each kind of tampering is found and the first bad entry named', async (t) => {
  const log = chain(20);
  const flip = log.map((e) => (e.seq === 7 ? { ...e, actorName: 'offiser' } : e));
  t.match(verifyAuditLog(flip, [], sha256).failure, { kind: 'hash_mismatch', seq: 7 });

  t.match(verifyAuditLog(log.filter((e) => e.seq !== 7), [], sha256).failure, { kind: 'gap', seq: 7 });

  const swapped = log.map((e) => (e.seq === 7 ? { ...log[7]!, seq: 7 } : e.seq === 8 ? { ...log[6]!, seq: 8 } : e));
  t.match(verifyAuditLog(swapped, [], sha256).failure, { kind: 'reordered', seq: 7 }, 'two entries swapped (seqs kept)');
  const outOfOrder = [...log.slice(0, 6), log[7]!, log[6]!, ...log.slice(8)];
  t.match(verifyAuditLog(outOfOrder, [], sha256).failure, { kind: 'gap', seq: 7 }, 'read out of order: 7 is not where it belongs');

  const relinked = log.map((e) => (e.seq === 7 ? { ...e, prev: log[4]!.hash } : e));
  t.match(verifyAuditLog(relinked, [], sha256).failure, { kind: 'broken_link', seq: 7 });

  t.match(verifyAuditLog(log.slice(0, 15), [claim(log, 18)], sha256).failure, { kind: 'truncated', seq: 16, checkpointId: 1 });
  t.match(verifyAuditLog(log, [{ ...claim(log, 18), signatureOk: false, signatureProblem: 'signature: bad_signature' }], sha256).failure, { kind: 'bad_checkpoint_signature', checkpointId: 1 });

  // Rewritten from entry 7 on with every later hash recomputed: only a checkpoint shows it.
  const rewritten: StoredAuditEntry[] = log.slice(0, 6);
  for (const e of log.slice(6)) {
    const next = { ...e, actorName: e.seq === 7 ? 'someone else' : e.actorName, prev: rewritten.at(-1)!.hash };
    rewritten.push({ ...next, hash: entryHash(next, sha256) });
  }
  t.ok(verifyAuditLog(rewritten, [], sha256).ok, 'a consistent rewrite passes the chain alone');
  t.match(verifyAuditLog(rewritten, [claim(log, 10)], sha256).failure, { kind: 'checkpoint_mismatch', seq: 10, checkpointId: 1 });
});

t.test('the hashed form is exactly the formula of docs/audit-log.md', async (t) => {
  const e = chain(3)[2]!;
  t.equal(
    canonicalEntry(e),
    `{"action":"escort.dispatch","actorId":1,"actorName":"officer","actorType":"user","at":"2026-11-30T00:00:03.000Z","detail":{"plate":"苏E12345"},` +
      `"enterpriseId":7,"ip":null,"pd":"${e.pd!}","prev":"${e.prev}","reason":null,"seq":3,"subjectId":"3","subjectType":"escort_request"}`,
  );
  t.equal(entryHash(e, sha256), sha256(canonicalEntry(e)));
  t.equal(e.pd, sha256('{"fields":{"escortName":"王强","phoneLast4":"5678"},"salt":"salt-3"}'), 'pd: SHA-256 of JCS({ salt, fields })');
});

t.test('splitPersonal: named top-level members go to the personal part', async (t) => {
  t.strictSame(splitPersonal({ plate: '苏E12345', escortName: '王强', n: { escortName: 'x' } }, ['escortName', 'phoneLast4']), {
    open: { plate: '苏E12345', n: { escortName: 'x' } },
    personal: { escortName: '王强' },
  });
  t.strictSame(splitPersonal({ plate: '苏E12345' }, ['escortName']), { open: { plate: '苏E12345' }, personal: null }, 'none: null, not {}');
  t.strictSame(splitPersonal({}, []), { open: {}, personal: null });
});
