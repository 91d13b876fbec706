import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { PassPublicJwk } from '../../../core/pass/index.js';
import type { UniqueConstraint } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import type { KeyPurpose, KeyState } from './schema.js';

interface SigningKeyRow {
  kid: string;
  purpose: string;
  public_jwk: string;
  state: string;
  created_at: string;
  activated_at: string | null;
  retired_at: string | null;
  /** max(last_exp, the latest valid_to of the passes stored with this kid), in epoch seconds */
  signed_until: number | null;
}

/** A signing key as the rest of the server sees it: never the private half (see privateEnc). */
export interface SigningKey {
  kid: string;
  purpose: KeyPurpose;
  publicJwk: PassPublicJwk;
  state: KeyState;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  /**
   * Latest expiry (epoch seconds) of anything this key signed: the recorded
   * last_exp, or the latest valid_to of the passes stored with this kid if
   * that is later (a backstop should a signature ever go unrecorded).
   */
  lastExp: number | null;
}

/**
 * The one-active-key-per-purpose index (migrations/002_passes.sql, `signing_keys_one_active`, partial on
 * state = 'active'): the schema's guarantee that a purpose never has two signing keys.
 */
export const ONE_ACTIVE_KEY: UniqueConstraint = { postgres: 'signing_keys_one_active', sqlite: 'signing_keys.purpose' };

/**
 * The PostgreSQL advisory lock (transaction-level) that serialises key changes (create, promote) across
 * nodes: "kakou" + "ky" in hex, apart from the other advisory locks. On SQLite, BEGIN IMMEDIATE already
 * serialises every writing transaction.
 */
export const SIGNING_KEYS_LOCK_KEY = 0x6b616b6f6b79;

const toKey = (r: SigningKeyRow): SigningKey => ({
  kid: r.kid,
  purpose: r.purpose as KeyPurpose,
  publicJwk: JSON.parse(r.public_jwk) as PassPublicJwk,
  state: r.state as KeyState,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
  retiredAt: r.retired_at,
  lastExp: r.signed_until === 0 ? null : r.signed_until,
});

// private_enc is deliberately not selected: only privateEnc() reads it.
const COLUMNS = ['k.kid', 'k.purpose', 'k.public_jwk', 'k.state', 'k.created_at', 'k.activated_at', 'k.retired_at'] as const;

/**
 * The engine differences of this repository, in one place: the larger of two numbers (SQLite's scalar
 * max, PostgreSQL's greatest) and an ISO timestamp's epoch seconds (strftime('%s'), extract(epoch)).
 */
function signedUntil(engine: Store['engine']) {
  const epoch = (col: RawBuilder<string>) =>
    engine === 'postgres' ? sql<number>`floor(extract(epoch FROM (${col})::timestamptz))::bigint` : sql<number>`CAST(strftime('%s', ${col}) AS INTEGER)`;
  const larger = (a: RawBuilder<number>, b: RawBuilder<number>) => (engine === 'postgres' ? sql<number>`greatest(${a}, ${b})` : sql<number>`max(${a}, ${b})`);
  // The covering partial index passes_kid (migration 020) serves the inner query on both engines.
  return (eb: ExpressionBuilder<DB & { k: DB['signing_keys'] }, 'k'>) => {
    const latestPass = eb
      .selectFrom('passes as p')
      .select(() => sql<number>`max(${epoch(sql.ref('p.valid_to'))})`.as('m'))
      .whereRef('p.kid', '=', 'k.kid')
      .where('p.token', 'is not', null);
    return larger(sql<number>`coalesce(${sql.ref('k.last_exp')}, 0)`, sql<number>`coalesce((${latestPass}), 0)`).as('signed_until');
  };
}

/** next first, then active, then retired; newest first within a state; kid last (unique). */
const stateRank = (eb: ExpressionBuilder<DB & { k: DB['signing_keys'] }, 'k'>) =>
  eb.case().when('k.state', '=', 'next').then(0).when('k.state', '=', 'active').then(1).else(2).end();

export function signingKeysRepo(store: Store) {
  // A retired key signs nothing more: what it signed is settled when it retires (keys service
  // recordSigned raises last_exp before a signature is handed out). So its signed_until is
  // scanned once per process, keyed by kid, retirement and last_exp, and rescanned should either
  // change. The only later change to its passes is the retention run clearing tokens of passes
  // already expired, which cannot lower a date still in the future.
  const retiredSignedUntil = new Map<string, number | null>();
  const withSignedUntil = () => store.q().selectFrom('signing_keys as k').select(COLUMNS).select(signedUntil(store.engine));
  /**
   * What publishedKeys needs, without the correlated scan of passes (at 100,000 passes about 45 ms per key
   * before migration 020's index, on every online check and bundle poll). Only a retired pass or bundle
   * key's publication depends on signed_until; see signedUntilRetired for how that is found.
   */
  const withoutScan = () => store.q().selectFrom('signing_keys as k').select(COLUMNS).select('k.last_exp as signed_until');
  // One order for both selects (they differ in signed_until only).
  const ordered = <Q extends ReturnType<typeof withSignedUntil>>(q: Q) => q.orderBy('k.purpose').orderBy(stateRank).orderBy('k.created_at', 'desc').orderBy('k.kid');
  const orderedForPublishing = (q: ReturnType<typeof withoutScan>) => q.orderBy('k.purpose').orderBy(stateRank).orderBy('k.created_at', 'desc').orderBy('k.kid');

  const signedUntilRetired = async (r: SigningKeyRow): Promise<number | null> => {
    const key = `${r.kid}\n${r.retired_at}\n${r.signed_until}`;
    if (retiredSignedUntil.has(key)) return retiredSignedUntil.get(key)!;
    const found = (await withSignedUntil().where('k.kid', '=', r.kid).executeTakeFirst())?.signed_until ?? null;
    // Outside a transaction only: a rolled-back write must not leave its value behind.
    if (!store.inTransaction()) retiredSignedUntil.set(key, found);
    return found;
  };

  return {
    /** The active key of a purpose, kid and public JWK only (one at most: a unique index says so). */
    async active(purpose: KeyPurpose): Promise<Pick<SigningKey, 'kid' | 'publicJwk'> | undefined> {
      // Without signed_until, which reads the passes the key signed: the key to sign with is looked up on
      // every approval and bundle poll, and must not grow with them.
      const r = await store
        .q()
        .selectFrom('signing_keys')
        .select(['kid', 'public_jwk'])
        .where('purpose', '=', purpose)
        .where('state', '=', 'active')
        .orderBy('created_at', 'desc')
        .orderBy('kid')
        .limit(1)
        .executeTakeFirst();
      return r && { kid: r.kid, publicJwk: JSON.parse(r.public_jwk) as PassPublicJwk };
    },
    async get(kid: string): Promise<SigningKey | undefined> {
      const r = await withSignedUntil().where('k.kid', '=', kid).executeTakeFirst();
      return r && toKey(r);
    },
    /** All keys, or one purpose's: next first, then active, then retired newest first. */
    async list(purpose?: KeyPurpose): Promise<SigningKey[]> {
      let q = withSignedUntil();
      if (purpose) q = q.where('k.purpose', '=', purpose);
      return (await ordered(q).execute()).map(toKey);
    },
    /** As list, but lastExp is null for any key whose publication does not depend on it (not retired, or audit). */
    async listForPublishing(purpose?: KeyPurpose): Promise<SigningKey[]> {
      let q = withoutScan();
      if (purpose) q = q.where('k.purpose', '=', purpose);
      const rows = await orderedForPublishing(q).execute();
      const out: SigningKey[] = [];
      for (const r of rows) {
        out.push(toKey({ ...r, signed_until: r.state === 'retired' && r.purpose !== 'audit' ? await signedUntilRetired(r) : null }));
      }
      return out;
    },
    async inState(purpose: KeyPurpose, state: KeyState): Promise<SigningKey[]> {
      return (await ordered(withSignedUntil().where('k.purpose', '=', purpose).where('k.state', '=', state)).execute()).map(toKey);
    },
    /** The encrypted private JWK; the keys service alone decrypts it. */
    async privateEnc(kid: string): Promise<string | undefined> {
      return (await store.q().selectFrom('signing_keys').select('private_enc').where('kid', '=', kid).executeTakeFirst())?.private_enc;
    },
    /**
     * Waits until no other node changes this database's signing keys, for the rest of the transaction
     * (PostgreSQL; SQLite's BEGIN IMMEDIATE already did). Inside store.transaction only.
     */
    async lockForChange(): Promise<void> {
      if (!store.inTransaction()) throw new Error('signingKeys.lockForChange: inside store.transaction only');
      if (store.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SIGNING_KEYS_LOCK_KEY})`.execute(store.q());
    },
    /** A second active key of the purpose breaks ONE_ACTIVE_KEY. */
    async insert(k: { kid: string; purpose: KeyPurpose; publicJwk: PassPublicJwk; privateEnc: string; state: 'next' | 'active'; at: string }): Promise<SigningKey> {
      await store
        .q()
        .insertInto('signing_keys')
        .values({
          kid: k.kid,
          purpose: k.purpose,
          public_jwk: JSON.stringify(k.publicJwk),
          private_enc: k.privateEnc,
          state: k.state,
          created_at: k.at,
          activated_at: k.state === 'active' ? k.at : null,
        })
        .execute();
      return (await this.get(k.kid))!;
    },
    /** next → active; false when the key was not in state next. A second active key of the purpose breaks ONE_ACTIVE_KEY. */
    async activate(kid: string, at: string): Promise<boolean> {
      const r = await store.q().updateTable('signing_keys').set({ state: 'active', activated_at: at }).where('kid', '=', kid).where('state', '=', 'next').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** active → retired; false when the key was not active. */
    async retire(kid: string, at: string): Promise<boolean> {
      const r = await store.q().updateTable('signing_keys').set({ state: 'retired', retired_at: at }).where('kid', '=', kid).where('state', '=', 'active').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** last_exp = max(last_exp, exp): the key stays published until everything it signed has expired. */
    async bumpLastExp(kid: string, exp: number): Promise<boolean> {
      const e = Math.floor(exp);
      // A conditional update rather than max()/greatest(): the same on both engines, and no write when nothing rises.
      const r = await store
        .q()
        .updateTable('signing_keys')
        .set({ last_exp: e })
        .where('kid', '=', kid)
        .where((eb) => eb.or([eb('last_exp', 'is', null), eb('last_exp', '<', e)]))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return true;
      return (await store.q().selectFrom('signing_keys').select('kid').where('kid', '=', kid).executeTakeFirst()) !== undefined;
    },
  };
}
export type SigningKeysRepo = ReturnType<typeof signingKeysRepo>;
