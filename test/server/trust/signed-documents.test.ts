/**
 * The per-checkpoint signed documents every node serves (trust/signed-documents.ts, migration 024), on
 * both engines: a stored copy is served while it holds, a new one is signed and stored when the content,
 * the key or half the lifetime says so, two nodes signing at once agree on one copy, and expired copies
 * are pruned.
 */
import t from 'tap';
import { onEachEngine } from '../../helpers/engines.js';
import { servedDocument, signedDocumentsRepo, type ServeOptions } from '../../../src/server/features/trust/signed-documents.js';

const TTL = 1000;

/** A signer that makes a recognisable copy per call and counts its calls. */
function signer(label: string, base: Omit<ServeOptions, 'sign'>) {
  let calls = 0;
  const sign = async () => {
    calls += 1;
    return { jws: `${label}-${calls}`, iat: base.nowSec, exp: base.nowSec + TTL };
  };
  return { opts: { ...base, sign }, calls: () => calls };
}

await onEachEngine(t, 'served, signed again, shared, pruned', async (t, store) => {
  const repo = signedDocumentsRepo(store);
  const base = { kind: 'checkpoint-data' as const, scope: 7, contentHash: 'h1', kid: 'k1', nowSec: 10_000, ttlSec: TTL };

  const a = signer('a', base);
  const first = await servedDocument(repo, a.opts);
  t.match(first, { jws: 'a-1', iat: 10_000, exp: 11_000 }, 'nothing stored: signed');
  t.same(await repo.current('checkpoint-data', 7), first, 'and stored');

  // Another node, later, same content and key: the stored copy, not a new signature.
  const b = signer('b', { ...base, nowSec: 10_400 });
  t.same(await servedDocument(repo, b.opts), first, "another node serves the stored copy's bytes");
  t.equal(b.calls(), 0, 'without signing');
  t.equal(await repo.current('charter-runs', 7), undefined, 'the kinds are apart');

  // Each reason to sign again.
  const changed = signer('c', { ...base, nowSec: 10_400, contentHash: 'h2' });
  t.match(await servedDocument(repo, changed.opts), { jws: 'c-1', contentHash: 'h2' }, 'new content: signed again');
  const rekeyed = signer('d', { ...base, nowSec: 10_401, contentHash: 'h2', kid: 'k2' });
  t.match(await servedDocument(repo, rekeyed.opts), { jws: 'd-1', kid: 'k2' }, 'a new signing key: signed again');
  const halfway = signer('e', { ...base, nowSec: 10_401 + TTL / 2, contentHash: 'h2', kid: 'k2' });
  t.match(await servedDocument(repo, halfway.opts), { jws: 'e-1' }, 'half the lifetime gone: signed again');
  const justBefore = signer('f', { ...base, nowSec: 10_901 + TTL / 2 - 1, contentHash: 'h2', kid: 'k2' });
  t.match(await servedDocument(repo, justBefore.opts), { jws: 'e-1' }, 'a second before that: the stored copy');

  // A copy signed earlier than the stored one never replaces it.
  t.notOk(await repo.storeUnlessNewer('checkpoint-data', 7, { jws: 'old', etag: '"old"', kid: 'k2', iat: 10_000, exp: 11_000, contentHash: 'h2' }), 'an older copy is not stored');
  t.equal((await repo.current('checkpoint-data', 7))!.jws, 'e-1');

  // Two nodes signing at once (new content on both): one copy stays, and both serve it from then on.
  const at = 20_000;
  const n1 = signer('n1', { ...base, scope: 8, nowSec: at, contentHash: 'h3' });
  const n2 = signer('n2', { ...base, scope: 8, nowSec: at, contentHash: 'h3' });
  const [r1, r2] = await Promise.all([servedDocument(repo, n1.opts), servedDocument(repo, n2.opts)]);
  const kept = (await repo.current('checkpoint-data', 8))!;
  t.ok([r1.jws, r2.jws].includes(kept.jws), 'one of the two copies is stored');
  const next1 = await servedDocument(repo, signer('x', { ...base, scope: 8, nowSec: at + 1, contentHash: 'h3' }).opts);
  const next2 = await servedDocument(repo, signer('y', { ...base, scope: 8, nowSec: at + 1, contentHash: 'h3' }).opts);
  t.same([next1.etag, next2.etag], [kept.etag, kept.etag], 'and from the next request on both nodes serve it');

  // Pruning: only what has expired.
  t.equal(await repo.prune(at + TTL - 1), 1, 'the copy of checkpoint 7 (exp 11,901) is expired at 20,999');
  t.ok(await repo.current('checkpoint-data', 8), "checkpoint 8's copy is not expired yet");
  t.equal(await repo.current('checkpoint-data', 7), undefined);
  t.equal(await repo.prune(at + TTL + 1), 1, 'then it is');
});
