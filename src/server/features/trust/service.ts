import { createHash } from 'node:crypto';
import { DEFAULT_CLOCK_TOLERANCE_SEC, type PassPublicJwk } from '../../../core/pass/index.js';
import { DEFAULT_RULE_SET, ruleSetSchema, type RuleSet } from '../../../core/rules/index.js';
import {
  BUNDLE_FORMAT_VERSION,
  enterpriseEntrySchema,
  signBundle,
  type EnterpriseEntry,
  type EnterpriseInfo,
} from '../../../core/trust/index.js';
import type { Db } from '../../db/open.js';
import type { Repos } from '../../repositories.js';
import { type KeysService } from '../keys/service.js';

/**
 * How long a signed bundle is good for (exp − iat). After it a scanner stops
 * trusting the bundle at all; well before it, the rule set's trustMaxAgeSec
 * (3 days by default) already turns automatic decisions into MANUAL.
 */
export const BUNDLE_MAX_AGE_SEC = 7 * 86_400;
/** Never re-sign an unchanged bundle more often than this, whatever the rule set says. */
export const MIN_REFRESH_SEC = 60;
/** Where the issue counter lives (`settings` table). */
export const BUNDLE_SEQ_SETTING = 'trust.bundle.seq';

type MaybePromise<T> = T | Promise<T>;

/**
 * Where rule sets come from. Structurally the rules feature's service
 * (src/server/features/rules/), which the trust bundle and the online check
 * both read; the two optional methods serve the playground.
 */
export interface RuleSetSource {
  activeRuleSet(now: Date): MaybePromise<RuleSet>;
  scheduledRuleSets(now: Date): MaybePromise<readonly RuleSet[]>;
  /** The draft being edited, numbered as the version publishing it would create; null when there is none. */
  draftRuleSet?(now: Date): MaybePromise<RuleSet | null>;
  /** Any published version; null when there is no such version. */
  ruleSetByVersion?(version: number): MaybePromise<RuleSet | null>;
}

/** Rule sets without storage: the built-in February 2020 set, nothing scheduled, no drafts (tests, tools). */
export const builtInRuleSets: RuleSetSource = {
  activeRuleSet: () => DEFAULT_RULE_SET,
  scheduledRuleSets: () => [],
  draftRuleSet: () => null,
  ruleSetByVersion: (version) => (version === DEFAULT_RULE_SET.version ? DEFAULT_RULE_SET : null),
};

/** Everything signed except iat, exp and seq: what the ETag and the cache are keyed on. */
export interface BundleContent {
  v: typeof BUNDLE_FORMAT_VERSION;
  iss: string;
  jwks: { keys: PassPublicJwk[] };
  bundleKeys: { keys: PassPublicJwk[] };
  revocations: { version: number; passNos: string[] };
  ruleSets: { active: RuleSet; scheduled: RuleSet[] };
  enterprises: EnterpriseEntry[];
}

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

import type { BundleSummary } from '../../../core/sync/index.js';
export type { BundleSummary };

export interface BuiltContent {
  content: BundleContent;
  /** sha-256 (base64url) of the content in a fixed serialisation */
  hash: string;
  /** directory rows left out because no scanner would accept them (logged) */
  skipped: string[];
}

export interface TrustServiceOptions {
  repos: Repos;
  keys: KeysService;
  rules?: RuleSetSource;
  maxAgeSec?: number;
  log?: { warn(obj: object, msg: string): void };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const NAME_MAX = 64;

/**
 * The few reads and the one write the bundle needs that no repository offers
 * yet; raw rows (`raw()`/`pluck()`) because a city's directory and revocation
 * list are read on every poll. Candidates for src/server/db/ when it grows.
 */
function trustQueries(db: Db) {
  const revokedOne = db.prepare('SELECT 1 FROM revocations WHERE pass_no = ?').pluck();
  const directory = db.prepare("SELECT credit_code, name, duty_phone FROM enterprises WHERE status = 'approved' ORDER BY credit_code").raw();
  const directoryOne = db.prepare("SELECT credit_code, name, duty_phone FROM enterprises WHERE status = 'approved' AND credit_code = ?").raw();
  const directoryPage = db.prepare("SELECT credit_code, name, duty_phone FROM enterprises WHERE status = 'approved' AND credit_code > ? ORDER BY credit_code LIMIT ?").raw();
  // max(previous + 1, now): never decreases, and a database restored from an older backup still moves forward.
  const bumpSeq = db.prepare(
    `INSERT INTO settings (key, value) VALUES (@key, @now)
     ON CONFLICT (key) DO UPDATE SET value = max(CAST(value AS INTEGER) + 1, CAST(excluded.value AS INTEGER))
     RETURNING CAST(value AS INTEGER) AS seq`,
  );
  return {
    isRevoked: (passNo: string) => revokedOne.get(passNo) !== undefined,
    approvedEnterprises: () => directory.all() as Array<[string, string, string]>,
    approvedEnterprise: (uscc: string) => directoryOne.get(uscc) as [string, string, string] | undefined,
    approvedEnterprisesAfter: (uscc: string, rows: number) => directoryPage.all(uscc, rows) as Array<[string, string, string]>,
    nextSeq: (nowSec: number) => (bumpSeq.get({ key: BUNDLE_SEQ_SETTING, now: nowSec }) as { seq: number }).seq,
  };
}

/**
 * The revocations a bundle lists, kept in memory and brought up to date on
 * each call: rows newer than the last version seen (a primary-key range, so
 * cheap however long the table), and entries whose pass has expired pruned.
 * Exact because the table is append-only: rows are inserted, never changed or
 * deleted. A lower max version (a restored database) or an earlier cut-off
 * (a clock stepped back) reloads it from scratch. Listed sorted, which
 * compresses about 10% better than issue order.
 */
export function revocationList(db: Db) {
  const maxVersion = db.prepare('SELECT coalesce(max(version), 0) FROM revocations').pluck();
  const newer = db.prepare('SELECT version, pass_no, expires_at FROM revocations WHERE version > ? AND expires_at > ? ORDER BY version').raw();
  const newerPage = db.prepare('SELECT version, pass_no, expires_at FROM revocations WHERE version > ? AND expires_at > ? ORDER BY version LIMIT ?').raw();
  let entries: Array<[version: number, passNo: string, expiresAt: number]> = [];
  let version = 0;
  let cutoff = -Infinity;
  let earliest = Infinity;
  let listed: { passNos: string[]; json: string } | null = null;

  return {
    /**
     * Catches up with the table `rows` rows at a time, awaiting `pause()` between steps, so that a
     * city's list (a restart's first load) never holds the event loop for long. Leaves the list in the
     * state `at(cutoffSec)` would; the next `at` only adds what arrived meanwhile. False when `pause`
     * said to stop.
     */
    async loadInSteps(cutoffSec: number, rows: number, pause: () => Promise<boolean>): Promise<boolean> {
      if ((maxVersion.get() as number) < version || cutoffSec < cutoff) {
        entries = [];
        version = 0;
        earliest = Infinity;
        listed = null;
      }
      cutoff = Math.max(cutoff, cutoffSec);
      for (;;) {
        const page = newerPage.all(version, cutoff, rows) as Array<[number, string, number]>;
        for (const row of page) {
          entries.push(row);
          if (row[2] < earliest) earliest = row[2];
        }
        if (page.length > 0) {
          listed = null;
          // Rows skipped as expired lie below this version: none of them can come back.
          version = page.at(-1)![0];
        }
        if (page.length < rows) return true;
        if (!(await pause())) return false;
      }
    },

    /** Revocations whose pass expires after `cutoffSec`, and the version of the whole table. */
    at(cutoffSec: number): { version: number; passNos: string[]; json: string } {
      const max = maxVersion.get() as number;
      if (max < version || cutoffSec < cutoff) {
        entries = [];
        version = 0;
        cutoff = -Infinity;
        earliest = Infinity;
        listed = null;
      }
      if (max > version) {
        for (const row of newer.all(version, cutoffSec) as Array<[number, string, number]>) {
          entries.push(row);
          if (row[2] < earliest) earliest = row[2];
          listed = null;
        }
        version = max;
      }
      if (cutoffSec > cutoff) {
        if (earliest <= cutoffSec) {
          entries = entries.filter((e) => e[2] > cutoffSec);
          earliest = entries.reduce((m, e) => Math.min(m, e[2]), Infinity);
          listed = null;
        }
        cutoff = cutoffSec;
      }
      if (!listed) {
        const passNos = entries.map((e) => e[1]).sort();
        listed = { passNos, json: JSON.stringify(passNos) };
      }
      return { version, passNos: listed.passNos, json: `${version}:${listed.json}` };
    },
  };
}

/**
 * A directory row as the bundle carries it, or null when the bundle format
 * cannot carry it. Names longer than the format allows are shortened (the
 * credit code identifies the enterprise; the name is for staff to read).
 */
export function directoryEntry(uscc: string, name: string, dutyPhone: string): EnterpriseEntry | null {
  const chars = [...name];
  const shown = chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX - 1).join('').trimEnd()}…` : name;
  const parsed = enterpriseEntrySchema.safeParse([uscc, shown, dutyPhone]);
  return parsed.success ? parsed.data : null;
}

/**
 * The trust bundle: everything a scanner needs to decide offline, signed with
 * the active 'bundle' key (docs/trust-bundle.md).
 *
 * The content is rebuilt from the database on each call and hashed; the
 * signed bundle is cached in memory by that hash and re-signed only when the
 * content or the bundle key changes, or when the cached one has reached its
 * refresh age. The refresh age is half the rule set's trustWarnAgeSec (and at
 * most half the bundle's own maximum age): scanners measure trust age from
 * the bundle's iat, so a device that syncs must always get a young bundle,
 * not only a changed one.
 */
export function trustService(opts: TrustServiceOptions) {
  const { repos, keys } = opts;
  const rules = opts.rules ?? builtInRuleSets;
  const maxAgeSec = opts.maxAgeSec ?? BUNDLE_MAX_AGE_SEC;
  const q = trustQueries(repos.db);
  const revoked = revocationList(repos.db);
  const entryMemo = new Map<string, EnterpriseEntry | null>();

  let cached: SignedBundle | null = null;
  let inflight: { key: string; promise: Promise<SignedBundle> } | null = null;
  let warming: Promise<void> | null = null;

  function entryFor(row: [string, string, string]): EnterpriseEntry | null {
    const memoKey = row.join('\u0000');
    let entry = entryMemo.get(memoKey);
    if (entry === undefined) {
      if (entryMemo.size > 200_000) entryMemo.clear();
      entry = directoryEntry(row[0], row[1], row[2]);
      entryMemo.set(memoKey, entry);
    }
    return entry;
  }

  const issuer = () => repos.passes.setting('pass.issuer') ?? 'KSJT';
  const activeBundleKid = () => repos.signingKeys.inState('bundle', 'active')[0]?.kid ?? null;

  /** How long an unchanged bundle is served before it is signed afresh. */
  function refreshAfterSec(active: Pick<RuleSet, 'trustWarnAgeSec'>): number {
    return Math.max(MIN_REFRESH_SEC, Math.floor(Math.min(maxAgeSec, active.trustWarnAgeSec) / 2));
  }

  async function buildContent(now: Date = new Date()): Promise<BuiltContent> {
    const active = ruleSetSchema.parse(await rules.activeRuleSet(now));
    const scheduled = (await rules.scheduledRuleSets(now)).map((r) => ruleSetSchema.parse(r));
    // A revoked pass matters while a verifier could still take it: until its exp plus the clock tolerance.
    const tolerance = Math.max(DEFAULT_CLOCK_TOLERANCE_SEC, active.clockToleranceSec);
    const enterprises: EnterpriseEntry[] = [];
    const skipped: string[] = [];
    for (const row of q.approvedEnterprises()) {
      const entry = entryFor(row);
      if (entry) enterprises.push(entry);
      else skipped.push(row[0]);
    }
    const listed = revoked.at(seconds(now) - tolerance);
    const content: BundleContent = {
      v: BUNDLE_FORMAT_VERSION,
      iss: issuer(),
      jwks: keys.publishedKeys(now, 'pass'),
      bundleKeys: keys.publishedKeys(now, 'bundle'),
      revocations: { version: listed.version, passNos: listed.passNos },
      ruleSets: { active, scheduled },
      enterprises,
    };
    // The revocation list is serialised once per change (it is most of the bundle); the rest on every call.
    const rest = JSON.stringify({ ...content, revocations: null });
    return { content, hash: sha256(`${rest}\n${listed.json}`), skipped };
  }

  async function sign(built: BuiltContent, now: Date): Promise<SignedBundle> {
    const signer = await keys.activeSigner('bundle');
    const iat = seconds(now);
    const exp = iat + maxAgeSec;
    // Before the bundle leaves the server: keeps the key published for as long as the bundle is valid.
    keys.recordSigned(signer.kid, exp);
    const seq = q.nextSeq(iat);
    const jws = await signBundle({ ...built.content, iat, exp, seq }, { privateKey: signer.privateKey, kid: signer.kid });
    if (built.skipped.length > 0) {
      opts.log?.warn({ skipped: built.skipped }, 'trust bundle: enterprises left out of the directory (name or duty phone not in bundle format)');
    }
    const { content } = built;
    const summary: BundleSummary = {
      activeRuleSet: content.ruleSets.active.version,
      scheduledRuleSets: content.ruleSets.scheduled.map((r) => r.version),
      revocationsVersion: content.revocations.version,
      revoked: content.revocations.passNos.length,
      enterprises: content.enterprises.length,
      passKeys: content.jwks.keys.map((k) => k.kid),
      bundleKeys: content.bundleKeys.keys.map((k) => k.kid),
      jwsBytes: jws.length,
    };
    return { jws, etag: `"${seq}-${built.hash.slice(0, 22)}"`, seq, iat, exp, kid: signer.kid, contentHash: built.hash, summary };
  }

  function fresh(c: SignedBundle | null, built: BuiltContent, kid: string | null, nowSec: number): c is SignedBundle {
    return (
      c !== null &&
      c.contentHash === built.hash &&
      c.kid === kid &&
      nowSec >= c.iat &&
      nowSec - c.iat < refreshAfterSec(built.content.ruleSets.active)
    );
  }

  /**
   * The first build after a start reads a city's revocations and directory: done here in steps of
   * `rows`, yielding to the event loop between them, so requests keep being answered meanwhile. Only
   * fills what current() keeps in memory; current() waits for it and then builds from the database as
   * always, so nobody is ever served a bundle built from part of the data.
   */
  async function warmUp(now: Date, rows: number, pause: () => Promise<boolean>): Promise<void> {
    const active = await rules.activeRuleSet(now);
    const tolerance = Math.max(DEFAULT_CLOCK_TOLERANCE_SEC, active.clockToleranceSec);
    if (!(await revoked.loadInSteps(seconds(now) - tolerance, rows, pause))) return;
    for (let after = ''; ; ) {
      if (!(await pause())) return;
      const page = q.approvedEnterprisesAfter(after, rows);
      for (const row of page) entryFor(row);
      if (page.length < rows) break;
      after = page.at(-1)![0];
    }
    if (!(await pause())) return;
    revoked.at(seconds(now) - tolerance); // sorts and serialises the list once, ahead of the first poll
  }

  return {
    buildContent,
    refreshAfterSec,

    /**
     * Starts the first build in the background (at server start); current() waits for it. `pause`
     * yields between steps and says whether to go on (false once the server is closing).
     */
    warm(w: { now?: Date; rows?: number; pause?: () => Promise<boolean> } = {}): Promise<void> {
      const log = opts.log;
      const pause = w.pause ?? (() => new Promise<boolean>((resolve) => setImmediate(() => resolve(true))));
      if (warming) return warming;
      const started: Promise<void> = warmUp(w.now ?? new Date(), w.rows ?? 2_000, pause)
        // Only an optimisation: should it fail, the first poll builds everything itself, as before.
        .catch((error: unknown) => log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'trust bundle warm-up failed'))
        .finally(() => {
          if (warming === started) warming = null;
        });
      warming = started;
      return started;
    },

    /** The bundle to serve now: the cached one while it is current, otherwise a freshly signed one. */
    async current(now: Date = new Date()): Promise<SignedBundle> {
      // A poll during the start-up warm-up waits for it rather than reading everything again at once.
      if (warming) await warming;
      const built = await buildContent(now);
      const kid = activeBundleKid();
      if (fresh(cached, built, kid, seconds(now))) return cached;
      // Concurrent polls after a change share one signing (and one seq).
      const key = `${built.hash}/${kid}`;
      if (inflight?.key === key) return inflight.promise;
      const promise = sign(built, now).then((signed) => {
        if (!cached || signed.seq > cached.seq) cached = signed;
        return signed;
      });
      inflight = { key, promise };
      try {
        return await promise;
      } finally {
        if (inflight?.promise === promise) inflight = null;
      }
    },

    /** The last bundle signed by this process, if any (no database work). */
    cached: (): SignedBundle | null => cached,

    /** The server's own revocation status of a pass (any revocation, expired or not: an expired pass is refused by its exp). */
    isRevoked: (passNo: string): boolean => q.isRevoked(passNo),

    /** An enterprise as the bundle's directory lists it: approved only, null otherwise. */
    enterpriseInfo(uscc: string): EnterpriseInfo | null {
      const row = q.approvedEnterprise(uscc);
      const entry = row && entryFor(row);
      return entry ? { uscc: entry[0], name: entry[1], dutyPhone: entry[2] } : null;
    },

    rules,
  };
}
export type TrustService = ReturnType<typeof trustService>;

