import type { Db } from '../../db/open.js';
import type { PassPublicJwk } from '../../../core/pass/index.js';
import type { KeyPurpose, KeyState } from './schema.js';

interface SigningKeyRow {
  kid: string;
  purpose: KeyPurpose;
  public_jwk: string;
  state: KeyState;
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

const toKey = (r: SigningKeyRow): SigningKey => ({
  kid: r.kid,
  purpose: r.purpose,
  publicJwk: JSON.parse(r.public_jwk) as PassPublicJwk,
  state: r.state,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
  retiredAt: r.retired_at,
  lastExp: r.signed_until,
});

// private_enc is deliberately not selected: only privateEnc() reads it.
const SELECT = `SELECT kid, purpose, public_jwk, state, created_at, activated_at, retired_at,
  max(coalesce(last_exp, 0), coalesce((SELECT max(CAST(strftime('%s', p.valid_to) AS INTEGER)) FROM passes p
                                       WHERE p.kid = k.kid AND p.token IS NOT NULL), 0)) AS signed_until
  FROM signing_keys k`;
/**
 * What publishedKeys needs, without the correlated scan of passes (there is no index on
 * passes.kid: at 100,000 passes the scan took about 45 ms per key, on every online check and
 * bundle poll). Only a retired pass or bundle key's publication depends on signed_until; see
 * retiredSignedUntil for how that is found.
 */
const SELECT_FOR_PUBLISHING = `SELECT kid, purpose, public_jwk, state, created_at, activated_at, retired_at, last_exp AS signed_until
  FROM signing_keys k`;
const SIGNED_UNTIL = `SELECT max(coalesce(last_exp, 0), coalesce((SELECT max(CAST(strftime('%s', p.valid_to) AS INTEGER)) FROM passes p
                                       WHERE p.kid = k.kid AND p.token IS NOT NULL), 0)) AS signed_until
  FROM signing_keys k WHERE kid = ?`;
const ORDER = `ORDER BY purpose, CASE state WHEN 'next' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, created_at DESC, kid`;

const fixZero = (r: SigningKeyRow): SigningKeyRow => (r.signed_until === 0 ? { ...r, signed_until: null } : r);

export function signingKeysRepo(db: Db) {
  // The published key set is read on every online check and bundle poll: prepared once, on first use.
  let listed: ReturnType<typeof db.prepare<[{ purpose: KeyPurpose | null }], SigningKeyRow>> | undefined;
  let forPublishing: ReturnType<typeof db.prepare<[{ purpose: KeyPurpose | null }], SigningKeyRow>> | undefined;
  let signedUntilOf: ReturnType<typeof db.prepare<[string], { signed_until: number | null }>> | undefined;
  // A retired key signs nothing more: what it signed is settled when it retires (keys service
  // recordSigned raises last_exp before a signature is handed out). So its signed_until is
  // scanned once per process, keyed by kid, retirement and last_exp, and rescanned should either
  // change. The only later change to its passes is the retention run clearing tokens of passes
  // already expired, which cannot lower a date still in the future.
  const retiredSignedUntil = new Map<string, number | null>();
  const signedUntilRetired = (r: SigningKeyRow): number | null => {
    const key = `${r.kid}\n${r.retired_at}\n${r.signed_until}`;
    if (retiredSignedUntil.has(key)) return retiredSignedUntil.get(key)!;
    const found = (signedUntilOf ??= db.prepare<[string], { signed_until: number | null }>(SIGNED_UNTIL)).get(r.kid)?.signed_until ?? null;
    // Outside a transaction only: a rolled-back write must not leave its value behind.
    if (!db.inTransaction) retiredSignedUntil.set(key, found);
    return found;
  };
  let inStateOf: ReturnType<typeof db.prepare<[KeyPurpose, KeyState], SigningKeyRow>> | undefined;
  // Without SELECT's signed_until, which reads every pass the key signed (no index on passes.kid):
  // the key to sign with is looked up on every approval and bundle poll, and must not grow with them.
  const activeOf = db.prepare<[KeyPurpose], Pick<SigningKeyRow, 'kid' | 'public_jwk'>>(
    "SELECT kid, public_jwk FROM signing_keys WHERE purpose = ? AND state = 'active' ORDER BY created_at DESC, kid LIMIT 1",
  );
  return {
    /** The active key of a purpose, kid and public JWK only (one at most: a unique index says so). */
    active(purpose: KeyPurpose): Pick<SigningKey, 'kid' | 'publicJwk'> | undefined {
      const r = activeOf.get(purpose);
      return r && { kid: r.kid, publicJwk: JSON.parse(r.public_jwk) as PassPublicJwk };
    },
    get(kid: string): SigningKey | undefined {
      const r = db.prepare<[string], SigningKeyRow>(`${SELECT} WHERE kid = ?`).get(kid);
      return r && toKey(fixZero(r));
    },
    /** All keys, or one purpose's: next first, then active, then retired newest first. */
    list(purpose?: KeyPurpose): SigningKey[] {
      return (listed ??= db.prepare<[{ purpose: KeyPurpose | null }], SigningKeyRow>(`${SELECT} WHERE (@purpose IS NULL OR purpose = @purpose) ${ORDER}`))
        .all({ purpose: purpose ?? null })
        .map((r) => toKey(fixZero(r)));
    },
    /** As list, but lastExp is null for any key whose publication does not depend on it (not retired, or audit). */
    listForPublishing(purpose?: KeyPurpose): SigningKey[] {
      return (forPublishing ??= db.prepare<[{ purpose: KeyPurpose | null }], SigningKeyRow>(`${SELECT_FOR_PUBLISHING} WHERE (@purpose IS NULL OR purpose = @purpose) ${ORDER}`))
        .all({ purpose: purpose ?? null })
        .map((r) => toKey(fixZero(r.state === 'retired' && r.purpose !== 'audit' ? { ...r, signed_until: signedUntilRetired(r) } : { ...r, signed_until: null })));
    },
    inState(purpose: KeyPurpose, state: KeyState): SigningKey[] {
      return (inStateOf ??= db.prepare<[KeyPurpose, KeyState], SigningKeyRow>(`${SELECT} WHERE purpose = ? AND state = ? ${ORDER}`))
        .all(purpose, state)
        .map((r) => toKey(fixZero(r)));
    },
    /** The encrypted private JWK; the keys service alone decrypts it. */
    privateEnc(kid: string): string | undefined {
      return db.prepare<[string], { private_enc: string }>('SELECT private_enc FROM signing_keys WHERE kid = ?').get(kid)?.private_enc;
    },
    insert(k: { kid: string; purpose: KeyPurpose; publicJwk: PassPublicJwk; privateEnc: string; state: 'next' | 'active'; at: string }): SigningKey {
      db.prepare(
        `INSERT INTO signing_keys (kid, purpose, public_jwk, private_enc, state, created_at, activated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(k.kid, k.purpose, JSON.stringify(k.publicJwk), k.privateEnc, k.state, k.at, k.state === 'active' ? k.at : null);
      return this.get(k.kid)!;
    },
    /** next → active; false when the key was not in state next. */
    activate(kid: string, at: string): boolean {
      return db.prepare(`UPDATE signing_keys SET state = 'active', activated_at = ? WHERE kid = ? AND state = 'next'`).run(at, kid).changes === 1;
    },
    /** active → retired; false when the key was not active. */
    retire(kid: string, at: string): boolean {
      return db.prepare(`UPDATE signing_keys SET state = 'retired', retired_at = ? WHERE kid = ? AND state = 'active'`).run(at, kid).changes === 1;
    },
    /** last_exp = max(last_exp, exp): the key stays published until everything it signed has expired. */
    bumpLastExp(kid: string, exp: number): boolean {
      return (
        db.prepare('UPDATE signing_keys SET last_exp = max(coalesce(last_exp, 0), ?) WHERE kid = ?').run(Math.floor(exp), kid).changes === 1
      );
    },
  };
}
export type SigningKeysRepo = ReturnType<typeof signingKeysRepo>;
