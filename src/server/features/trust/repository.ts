import { sql } from 'kysely';
import type { Store } from '../../db/store.js';

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
  };
}
export type TrustRepo = ReturnType<typeof trustRepo>;
