import { sql } from 'kysely';
import { bundleSummarySchema, type BundleSummary } from '../../../core/sync/index.js';
import type { Store } from '../../db/store.js';

/** A signed bundle; the one every node serves is stored (migration 023). */
export interface SignedBundle {
  /** compact JWS, typ kakou-bundle+jwt */
  jws: string;
  /** strong ETag (quoted): changes with the content and with every re-signing */
  etag: string;
  seq: number;
  iat: number;
  exp: number;
  /** bundle key that signed it */
  kid: string;
  /** sha-256 (base64url) of the content, i.e. of everything except iat, exp and seq */
  contentHash: string;
  /** what it holds, for the bureau's overview */
  summary: BundleSummary;
}
/** A stored bundle's issue, without its bytes. */
export type StoredBundleIssue = Omit<SignedBundle, 'jws' | 'summary'>;
const storedSummarySchema = bundleSummarySchema.omit({ seq: true, etag: true, iat: true, exp: true, kid: true, contentHash: true });

/** A revocation as the bundle lists it: raw, because a city's list is a hundred thousand of them. */
export type RevocationRow = [version: number, passNo: string, expiresAt: number];
/** A directory row as read: credit code, name, duty phone. */
export type DirectoryRow = [uscc: string, name: string, dutyPhone: string];

/**
 * What the trust bundle reads (the approved directory, the revocation feed)
 * and its one write (the issue counter), with Kysely over a Store, the same on
 * SQLite and PostgreSQL. Used by the service on the main thread and by the
 * bundle worker on its own connection.
 */
export function trustRepo(store: Store) {
  const approved = () => store.q().selectFrom('enterprises').select(['credit_code', 'name', 'duty_phone']).where('status', '=', 'approved');
  const toDirectory = (r: { credit_code: string; name: string; duty_phone: string }): DirectoryRow => [r.credit_code, r.name, r.duty_phone];
  async function maxRevocationVersion(): Promise<number> {
    const row = await store.q().selectFrom('revocations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  return {
    /** The revocation feed's version: the highest ever given, whatever has expired since. */
    maxRevocationVersion,

    /** Revocations after `version` whose pass expires after `cutoffSec`, in version order; at most `limit`. */
    async revocationsAfter(version: number, cutoffSec: number, limit?: number): Promise<RevocationRow[]> {
      let q = store.q()
        .selectFrom('revocations')
        .select(['version', 'pass_no', 'expires_at'])
        .where('version', '>', version)
        .where('expires_at', '>', cutoffSec)
        .orderBy('version');
      if (limit !== undefined) q = q.limit(limit);
      return (await q.execute()).map((r) => [r.version, r.pass_no, r.expires_at]);
    },

    /** Every approved enterprise, by credit code. */
    async directory(): Promise<DirectoryRow[]> {
      return (await approved().orderBy('credit_code').execute()).map(toDirectory);
    },

    /** Approved enterprises after `after` by credit code, `limit` of them (the warm-up's steps). */
    async directoryPage(after: string, limit: number): Promise<DirectoryRow[]> {
      return (await approved().where('credit_code', '>', after).orderBy('credit_code').limit(limit).execute()).map(toDirectory);
    },

    async isRevoked(passNo: string): Promise<boolean> {
      return (await store.q().selectFrom('revocations').select('version').where('pass_no', '=', passNo).limit(1).executeTakeFirst()) !== undefined;
    },

    async approvedEnterprise(uscc: string): Promise<DirectoryRow | undefined> {
      const row = await approved().where('credit_code', '=', uscc).executeTakeFirst();
      return row && toDirectory(row);
    },

    /**
     * At most how many rows a bundle lists: the approved enterprises plus every revocation ever given
     * (the highest version, not a scan of the table), so a big list is never built in-process by mistake.
     */
    async rowsAtMost(): Promise<number> {
      const [enterprises, revocations] = await Promise.all([
        store.q().selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'approved').executeTakeFirstOrThrow(),
        maxRevocationVersion(),
      ]);
      return Number(enterprises.n) + revocations;
    },

    /**
     * The next value of the counter under `key`: max(previous + 1, nowSec), in one upsert. It never
     * decreases, a database restored from an older backup still moves forward, and two nodes signing at
     * once get two values.
     */
    async nextSeq(key: string, nowSec: number): Promise<number> {
      const next = store.engine === 'postgres'
        ? sql<string>`greatest(cast(settings.value as bigint) + 1, cast(excluded.value as bigint))::text`
        : sql<string>`max(cast(settings.value as integer) + 1, cast(excluded.value as integer))`;
      const row = await store.q()
        .insertInto('settings')
        .values({ key, value: String(nowSec) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: next }))
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },

    /** The stored bundle's issue, without its bytes (a city's bundle is megabytes; most polls need only this). */
    async storedIssue(): Promise<StoredBundleIssue | undefined> {
      const r = await store.q().selectFrom('trust_bundle_current').select(['seq', 'content_hash', 'kid', 'iat', 'exp', 'etag']).where('id', '=', 1).executeTakeFirst();
      return r && { seq: r.seq, contentHash: r.content_hash, kid: r.kid, iat: r.iat, exp: r.exp, etag: r.etag };
    },

    /** The stored bundle, bytes and all. */
    async stored(): Promise<SignedBundle | undefined> {
      const r = await store.q().selectFrom('trust_bundle_current').selectAll().where('id', '=', 1).executeTakeFirst();
      return r && {
        seq: r.seq, contentHash: r.content_hash, kid: r.kid, iat: r.iat, exp: r.exp, etag: r.etag, jws: r.jws,
        summary: storedSummarySchema.parse(JSON.parse(r.summary)),
      };
    },

    /**
     * Stores `b` as the bundle to serve if its issue number is higher than the stored one's, in one
     * conditional upsert (two nodes that signed at once: the higher number stays). True when stored.
     */
    async storeIfNewer(b: SignedBundle): Promise<boolean> {
      const values = { seq: b.seq, content_hash: b.contentHash, kid: b.kid, iat: b.iat, exp: b.exp, etag: b.etag, jws: b.jws, summary: JSON.stringify(b.summary) };
      const row = await store.q()
        .insertInto('trust_bundle_current')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values).where('trust_bundle_current.seq', '<', b.seq))
        .returning('seq')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
export type TrustRepo = ReturnType<typeof trustRepo>;
