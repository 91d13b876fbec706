/**
 * The per-checkpoint signed documents a scanner syncs besides the trust bundle (migration 024): its
 * checkpoint data and its expected charter runs. Every node serves the one copy stored here, so a
 * scanner gets the same bytes and ETag (and a 304) from whichever node answers (issue 16).
 */
import type { Store } from '../../db/store.js';
import { sha256 } from '../../security/tokens.js';

/** How often the expired copies are removed (a cluster job, app.ts). */
export const SIGNED_DOCUMENTS_PRUNE_EVERY_MS = 3_600_000;

/** migration 024's CHECK on `kind` */
export type SignedDocumentKind = 'checkpoint-data' | 'charter-runs';

/** A signed document as it is served: the JWS, its ETag, and what decides whether it is still good. */
export interface SignedDocument {
  jws: string;
  etag: string;
  kid: string;
  iat: number;
  exp: number;
  contentHash: string;
}

export function signedDocumentsRepo(store: Store) {
  return {
    async current(kind: SignedDocumentKind, scope: number): Promise<SignedDocument | undefined> {
      const r = await store.q().selectFrom('signed_documents').selectAll().where('kind', '=', kind).where('scope', '=', scope).executeTakeFirst();
      return r && { jws: r.jws, etag: r.etag, kid: r.kid, iat: r.iat, exp: r.exp, contentHash: r.content_hash };
    },

    /**
     * Stores `d` unless the stored copy was signed later (another node signed meanwhile), in one
     * conditional upsert. True when stored.
     */
    async storeUnlessNewer(kind: SignedDocumentKind, scope: number, d: SignedDocument): Promise<boolean> {
      const values = { content_hash: d.contentHash, kid: d.kid, iat: d.iat, exp: d.exp, etag: d.etag, jws: d.jws };
      const row = await store.q()
        .insertInto('signed_documents')
        .values({ kind, scope, ...values })
        .onConflict((oc) => oc.columns(['kind', 'scope']).doUpdateSet(values).where('signed_documents.iat', '<=', d.iat))
        .returning('scope')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Removes the copies expired before `nowSec` (a closed checkpoint's last one would stay forever). */
    async prune(nowSec: number): Promise<number> {
      const r = await store.q().deleteFrom('signed_documents').where('exp', '<', nowSec).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type SignedDocumentsRepo = ReturnType<typeof signedDocumentsRepo>;

export interface ServeOptions {
  kind: SignedDocumentKind;
  /** the checkpoint id */
  scope: number;
  /** a hash of everything the document says (not its iat or exp) */
  contentHash: string;
  /** the key that signs now */
  kid: string;
  nowSec: number;
  /** the document's lifetime: a copy with less than half of it left is signed again */
  ttlSec: number;
  /** signs a new copy with the `kid` key, dated nowSec */
  sign(): Promise<{ jws: string; iat: number; exp: number }>;
}

/**
 * The copy to serve: the stored one while it says the same as `contentHash`, with the key that signs
 * now, and has more than half its lifetime left; otherwise a new one, stored for every node. Of two nodes
 * signing at once the later copy stays, and each answers with what is stored, so they agree from the
 * next request on.
 */
export async function servedDocument(repo: SignedDocumentsRepo, o: ServeOptions): Promise<SignedDocument> {
  const good = (d: SignedDocument | undefined): d is SignedDocument =>
    d !== undefined && d.contentHash === o.contentHash && d.kid === o.kid && d.iat <= o.nowSec && d.exp - o.nowSec > o.ttlSec / 2;
  const stored = await repo.current(o.kind, o.scope);
  if (good(stored)) return stored;
  const signed = await o.sign();
  const fresh: SignedDocument = { ...signed, etag: `"${sha256(signed.jws).slice(0, 27)}"`, kid: o.kid, contentHash: o.contentHash };
  if (await repo.storeUnlessNewer(o.kind, o.scope, fresh)) return fresh;
  const winner = await repo.current(o.kind, o.scope);
  return good(winner) ? winner : fresh;
}
