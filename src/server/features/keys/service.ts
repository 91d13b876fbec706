import { KeyObject, sign as cryptoSign } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import {
  DEFAULT_CLOCK_TOLERANCE_SEC,
  exportPassPublicJwk,
  generatePassKeyPair,
  importPassPrivateKey,
  passInputSchema,
  signPass,
  type PassInput,
  type PassPublicJwk,
} from '../../../core/pass/index.js';
import type { Repos } from '../../repositories.js';
import { ONE_ACTIVE_KEY, type SigningKey } from './repository.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { Problem, type MessageParams } from '../../problem.js';
import type { MessageKey } from '../../i18n/messages.js';
import { DataKey } from '../../security/data-key.js';
import { BY_SYSTEM, type ActedBy } from '../../security/actor.js';
import type { KeyInfo, KeyPurpose } from './schema.js';

/** Associated data of the private-key ciphertext: a value from another column never decrypts here. */
export const PRIVATE_KEY_CONTEXT = 'signing_keys.private';

/**
 * A retired key stays published until the last thing it signed has expired,
 * plus the verifiers' clock tolerance (a scanner whose clock runs slow still
 * accepts such a pass until then, so it must still have the key).
 */
export const RETIRED_KEY_GRACE_SEC = DEFAULT_CLOCK_TOLERANCE_SEC;

export { byUser } from '../../security/actor.js';

export interface KeyChangeOptions {
  by?: ActedBy;
  /** time of the change; defaults to now (tests drive time with it) */
  now?: Date;
}

export interface ActiveSigner {
  kid: string;
  /** non-extractable Ed25519 private key, for signPass / CompactSign */
  privateKey: CryptoKey;
  publicJwk: PassPublicJwk;
}

/** What the passes service needs to sign (structurally its PassSigner). */
export interface PassSigner {
  sign(input: PassInput): Promise<{ token: string; kid: string }>;
  /** Signs each in turn with one key, its last expiry recorded once for all (one write, not one per pass). */
  signMany(inputs: readonly PassInput[]): Promise<Array<{ token: string; kid: string }>>;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const conflict = (detail: MessageKey, params?: MessageParams) => new Problem('conflict', { detail, ...(params ? { params } : {}) });

/** Only the public members, rebuilt one by one, whatever the stored JSON holds. */
export const publicOnly = (k: PassPublicJwk, purpose: KeyPurpose): PassPublicJwk & { purpose: KeyPurpose } => ({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use, purpose });

const PURPOSE_ORDER: Record<KeyPurpose, number> = { pass: 0, bundle: 1, audit: 2 };
const STATE_ORDER = { active: 0, next: 1, retired: 2 } as const;

/**
 * Ed25519 signing keys with rotation (purposes 'pass', 'bundle' and 'audit').
 *
 * Life of a key: created as `next` (published in /.well-known/jwks.json, not
 * signing, so scanners sync it first), promoted to `active` (signs; one per
 * purpose, enforced by a unique index), then `retired` by the next promotion
 * (no longer signs; published while anything it signed is still valid, per
 * last_exp). The private JWK is AES-256-GCM ciphertext in the database and is
 * decrypted only to sign; nothing here returns or logs it.
 *
 * Both purposes are published in the one JWKS with standard members only. A
 * trust-bundle verifier pins the bundle key by the kid in the bundle's header
 * (and the bundle's own `typ`), and a bundle lists only pass keys for passes:
 * use `publishedKeys(now, 'pass')` when building it.
 */
export function keysService(repos: Repos, dataKey: DataKey) {
  // Imported private keys by kid: a kid names one key forever, so this never goes stale.
  // Which key is active is read from the database on every call, so a rotation
  // from the CLI (another process) takes effect at once.
  const imported = new Map<string, Promise<CryptoKey>>();

  function publishedUntil(key: SigningKey): number | null {
    if (key.state !== 'retired') return Infinity;
    // An audit checkpoint never expires: a copy of the log is checked against it years later, so a
    // retired audit key stays published for good (docs/audit-log.md).
    if (key.purpose === 'audit') return Infinity;
    return key.lastExp === null ? null : key.lastExp + RETIRED_KEY_GRACE_SEC;
  }

  function isPublished(key: SigningKey, now: Date): boolean {
    const until = publishedUntil(key);
    return until !== null && until > seconds(now);
  }

  function info(key: SigningKey, now: Date): KeyInfo {
    const until = publishedUntil(key);
    return {
      kid: key.kid,
      purpose: key.purpose,
      state: key.state,
      createdAt: key.createdAt,
      activatedAt: key.activatedAt,
      retiredAt: key.retiredAt,
      lastExp: key.lastExp,
      published: isPublished(key, now),
      publishedUntil: key.state !== 'retired' ? null : until === null ? key.retiredAt : new Date(until * 1000).toISOString(),
      publicJwk: publicOnly(key.publicJwk, key.purpose),
    };
  }

  const active = async (purpose: KeyPurpose) => (await repos.signingKeys.inState(purpose, 'active'))[0];

  // The same private key as a node:crypto KeyObject, for one-shot synchronous Ed25519 signing of passes.
  const keyObjects = new Map<string, KeyObject>();
  function rawSigner(signer: ActiveSigner): (data: Uint8Array) => Uint8Array {
    let key = keyObjects.get(signer.kid);
    if (!key) keyObjects.set(signer.kid, (key = KeyObject.from(signer.privateKey)));
    const k = key;
    return (data) => cryptoSign(null, data, k);
  }

  async function newKeyMaterial() {
    let pair = await generatePassKeyPair();
    // kids are short (48 bits): never give a new key the kid of any key ever created here (rows are never deleted).
    while (await repos.signingKeys.get(pair.kid)) pair = await generatePassKeyPair();
    return { kid: pair.kid, publicJwk: pair.publicJwk, privateEnc: dataKey.encrypt(JSON.stringify(pair.privateJwk), PRIVATE_KEY_CONTEXT) };
  }

  /**
   * A transaction that changes the keys: no other node's key change runs between its reads and its writes
   * (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so a rotation reads the state it changes.
   */
  const keyChange = <T>(fn: () => Promise<T>): Promise<T> =>
    repos.store.transaction(async () => {
      await repos.signingKeys.lockForChange();
      return fn();
    });

  /** next → active, the old active → retired; in the caller's transaction (keyChange). */
  async function promoteInTx(purpose: KeyPurpose, by: ActedBy, now: Date) {
    const nexts = await repos.signingKeys.inState(purpose, 'next');
    if (nexts.length === 0) throw conflict(`keys.conflict.no_next_${purpose}`);
    if (nexts.length > 1) throw conflict('keys.conflict.several_next', { count: nexts.length });
    const next = nexts[0]!;
    const at = now.toISOString();
    const old = await active(purpose);
    // Retire first: the unique index allows one active key per purpose at any moment.
    if (old) {
      if (!(await repos.signingKeys.retire(old.kid, at))) throw conflict('keys.conflict.changed');
      await repos.audit.record({ actor: by.actor, action: 'key.retire', subjectId: old.kid, ip: by.ip ?? null, detail: { purpose: old.purpose, replacedBy: next.kid, lastExp: old.lastExp } });
    }
    if (!(await repos.signingKeys.activate(next.kid, at))) throw conflict('keys.conflict.changed');
    await repos.audit.record({ actor: by.actor, action: 'key.promote', subjectId: next.kid, ip: by.ip ?? null, detail: { purpose: next.purpose, replaces: old?.kid ?? null } });
    return { active: (await repos.signingKeys.get(next.kid))!, retired: old ? (await repos.signingKeys.get(old.kid))! : null };
  }

  async function loadPrivateKey(kid: string, publicJwk: PassPublicJwk): Promise<CryptoKey> {
    const enc = await repos.signingKeys.privateEnc(kid);
    if (!enc) throw new Error(`signing key ${kid} has no private half`);
    const jwk = JSON.parse(dataKey.decrypt(enc, PRIVATE_KEY_CONTEXT)) as JWK;
    // A row whose ciphertext was swapped in from another row would sign under the wrong kid: refuse it.
    const derived = await exportPassPublicJwk({ kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JWK);
    if (derived.kid !== kid || derived.x !== publicJwk.x) throw new Error(`signing key ${kid}: private half does not match the public key`);
    return importPassPrivateKey(jwk);
  }

  const service = {
    /**
     * Makes sure `purpose` has an active key (start-up; a fresh install can
     * sign at once). Promotes a waiting next key if there is one, since it is
     * already published; otherwise generates a key and activates it.
     */
    async ensureActiveKey(purpose: KeyPurpose, opts: KeyChangeOptions = {}): Promise<KeyInfo> {
      const by = opts.by ?? BY_SYSTEM;
      const now = opts.now ?? new Date();
      const existing = await active(purpose);
      if (existing) return info(existing, now);
      if ((await repos.signingKeys.inState(purpose, 'next')).length === 1) {
        return info(await keyChange(async () => (await active(purpose)) ?? (await promoteInTx(purpose, by, now)).active), now);
      }
      const material = await newKeyMaterial();
      try {
        const key = await keyChange(async () => {
          const raced = await active(purpose);
          if (raced) return raced;
          const created = await repos.signingKeys.insert({ ...material, purpose, state: 'active', at: now.toISOString() });
          await repos.audit.record({ actor: by.actor, action: 'key.create', subjectId: created.kid, ip: by.ip ?? null, detail: { purpose: created.purpose, state: 'active' } });
          return created;
        });
        return info(key, now);
      } catch (err) {
        // Another process (the CLI, a second server) activated one in between.
        const raced = isUniqueViolation(err, ONE_ACTIVE_KEY) ? await active(purpose) : undefined;
        if (raced) return info(raced, now);
        throw err;
      }
    },

    /** Generates the next key: published in the JWKS from now on, signing only once promoted. One next key per purpose. */
    async addNextKey(purpose: KeyPurpose, opts: KeyChangeOptions = {}): Promise<KeyInfo> {
      const by = opts.by ?? BY_SYSTEM;
      const now = opts.now ?? new Date();
      const pending = async () => {
        const next = (await repos.signingKeys.inState(purpose, 'next'))[0];
        if (next) throw conflict(`keys.conflict.next_waiting_${purpose}`, { kid: next.kid });
      };
      await pending();
      const material = await newKeyMaterial();
      // pending() again after the lock: a next key another node added meanwhile is the one waiting.
      const key = await keyChange(async () => {
        await pending();
        const created = await repos.signingKeys.insert({ ...material, purpose, state: 'next', at: now.toISOString() });
        await repos.audit.record({ actor: by.actor, action: 'key.create', subjectId: created.kid, ip: by.ip ?? null, detail: { purpose: created.purpose, state: 'next' } });
        return created;
      });
      return info(key, now);
    },

    /** next → active; the old active key → retired (still published while what it signed is valid). */
    async promoteNext(purpose: KeyPurpose, opts: KeyChangeOptions = {}): Promise<{ active: KeyInfo; retired: KeyInfo | null }> {
      const now = opts.now ?? new Date();
      const r = await keyChange(() => promoteInTx(purpose, opts.by ?? BY_SYSTEM, now));
      return { active: info(r.active, now), retired: r.retired && info(r.retired, now) };
    },

    /** The key to sign with now. Call recordSigned(kid, exp) for everything signed with it. */
    async activeSigner(purpose: KeyPurpose): Promise<ActiveSigner> {
      const key = await repos.signingKeys.active(purpose);
      if (!key) throw new Error(`no active ${purpose} signing key (ensureActiveKey('${purpose}') runs at start-up)`);
      let privateKey = imported.get(key.kid);
      if (!privateKey) {
        privateKey = loadPrivateKey(key.kid, key.publicJwk);
        imported.set(key.kid, privateKey);
        privateKey.catch(() => imported.delete(key.kid));
      }
      return { kid: key.kid, privateKey: await privateKey, publicJwk: publicOnly(key.publicJwk, purpose) };
    },

    /**
     * last_exp = max(last_exp, exp) (epoch seconds): keeps the key published
     * until what it signed has expired. Database work only, so it can run inside
     * the caller's store.transaction; call it before the signed thing leaves the server.
     */
    async recordSigned(kid: string, exp: number): Promise<void> {
      if (!Number.isFinite(exp)) throw new TypeError('exp must be epoch seconds');
      if (!(await repos.signingKeys.bumpLastExp(kid, exp))) throw new Error(`unknown signing key ${kid}`);
    },

    /**
     * The JWKS: next and active keys, and retired ones whose last signature
     * (plus clock tolerance) has not expired at `now`. Public members only.
     */
    async publishedKeys<P extends KeyPurpose = KeyPurpose>(now: Date = new Date(), purpose?: P): Promise<{ keys: Array<PassPublicJwk & { purpose: P }> }> {
      const keys = (await repos.signingKeys.listForPublishing(purpose))
        .filter((k) => isPublished(k, now))
        .sort((a, b) => PURPOSE_ORDER[a.purpose] - PURPOSE_ORDER[b.purpose] || STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.createdAt.localeCompare(a.createdAt) || a.kid.localeCompare(b.kid));
      // Filtered by `purpose` when given, so every key is of purpose P.
      return { keys: keys.map((k) => publicOnly(k.publicJwk, k.purpose) as PassPublicJwk & { purpose: P }) };
    },

    /** Every key with its state and whether it is published at `now`. */
    async list(now: Date = new Date(), purpose?: KeyPurpose): Promise<KeyInfo[]> {
      return (await repos.signingKeys.list(purpose)).map((k) => info(k, now));
    },

    /**
     * Signs a pass with the active pass key and records its expiry first, so
     * the key is never dropped from the JWKS while the pass is valid.
     */
    passSigner(options: { issuer: string | (() => string | Promise<string>); now?: () => Date }): PassSigner {
      return {
        async sign(input: PassInput) {
          const signer = await service.activeSigner('pass');
          const exp = passInputSchema.shape.exp.safeParse(input.exp);
          // An invalid exp makes signPass throw below; nothing is signed, so nothing to record.
          if (exp.success) await service.recordSigned(signer.kid, exp.data);
          const issuer = typeof options.issuer === 'function' ? await options.issuer() : options.issuer;
          const token = await signPass(input, { privateKey: signer.privateKey, kid: signer.kid, issuer, now: options.now?.() ?? new Date(), rawSign: rawSigner(signer) });
          return { token, kid: signer.kid };
        },
        async signMany(inputs: readonly PassInput[]) {
          if (inputs.length === 0) return [];
          const signer = await service.activeSigner('pass');
          const exps = inputs.map((i) => passInputSchema.shape.exp.safeParse(i.exp)).filter((e) => e.success).map((e) => e.data);
          // The latest expiry covers them all, recorded before any token exists (as sign does for one).
          if (exps.length > 0) await service.recordSigned(signer.kid, Math.max(...exps));
          const issuer = typeof options.issuer === 'function' ? await options.issuer() : options.issuer;
          const rawSign = rawSigner(signer);
          const tokens: Array<{ token: string; kid: string }> = [];
          for (const input of inputs) {
            tokens.push({ token: await signPass(input, { privateKey: signer.privateKey, kid: signer.kid, issuer, now: options.now?.() ?? new Date(), rawSign }), kid: signer.kid });
          }
          return tokens;
        },
      };
    },
  };
  return service;
}
export type KeysService = ReturnType<typeof keysService>;
