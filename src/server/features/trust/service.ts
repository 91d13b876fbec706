import { DEFAULT_CLOCK_TOLERANCE_SEC } from '../../../core/pass/index.js';
import { DEFAULT_RULE_SET, ruleSetSchema, type RuleSet } from '../../../core/rules/index.js';
import type { EnterpriseInfo } from '../../../core/trust/index.js';
import type { Repos } from '../../repositories.js';
import { type KeysService } from '../keys/service.js';
import { contentBuilder, contentRows, signContent, type BuiltContent, type BundleClaims, type BundleSigner, type ContentInputs } from './content.js';
import { bundleWorker, type BundleWorker, type SignReply } from './off-thread.js';
import { trustRepo, type SignedBundle, type StoredBundleIssue } from './repository.js';

export { directoryEntry, revocationList, type BuiltContent, type BundleContent } from './content.js';

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
/**
 * From how many listed rows (directory entries + revocations) a bundle is built on its own thread:
 * below it a build takes a few milliseconds, and a thread (its start, its copy of the lists) is not
 * worth it. At 110,000 rows an in-process build holds the event loop for 200–650 ms.
 */
export const OFF_THREAD_MIN_ROWS = 10_000;

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

export type { SignedBundle } from './repository.js';

import type { BundleSummary } from '../../../core/sync/index.js';
export type { BundleSummary };

export interface TrustServiceOptions {
  repos: Repos;
  keys: KeysService;
  rules?: RuleSetSource;
  maxAgeSec?: number;
  log?: { warn(obj: object, msg: string): void };
  /**
   * Build and sign on a worker thread (bundle-worker.ts, its own read-only connection to the same
   * database file) once the bundle lists `minRows` rows (default OFF_THREAD_MIN_ROWS). The server
   * turns it on; without it, or over an in-memory database, everything is built in-process.
   * The worker reads through the same trust repository as the service (repository.ts), over a store of
   * its own; on PostgreSQL it will need the database URL instead of the file (issue 16).
   */
  offThread?: boolean | { minRows?: number };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A revoked pass matters while a verifier could still take it: until its exp plus the clock tolerance. */
const cutoffAt = (now: Date, active: Pick<RuleSet, 'clockToleranceSec'>) => seconds(now) - Math.max(DEFAULT_CLOCK_TOLERANCE_SEC, active.clockToleranceSec);

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
 *
 * At city scale (offThread) the content is read, hashed, checked and signed on
 * a worker thread: the service only gathers the small inputs, keeps the cache
 * and does the two writes of a signing (the issue counter, the key's last
 * expiry). A poll is answered only with a bundle the worker signed whole.
 */
export function trustService(opts: TrustServiceOptions) {
  const { repos, keys } = opts;
  const rules = opts.rules ?? builtInRuleSets;
  const maxAgeSec = opts.maxAgeSec ?? BUNDLE_MAX_AGE_SEC;
  const q = trustRepo(repos.store);
  const builder = contentBuilder(q);
  const offThreadFile = opts.offThread && repos.store.engine === 'sqlite' && !repos.db.memory ? repos.db.name : null;
  const minRows = typeof opts.offThread === 'object' ? (opts.offThread.minRows ?? OFF_THREAD_MIN_ROWS) : OFF_THREAD_MIN_ROWS;

  let cached: SignedBundle | null = null;
  let warming: Promise<void> | null = null;
  // Polls take turns: a build and the signing of what it built are never interleaved with another's.
  let turn: Promise<unknown> = Promise.resolve();
  /** rows listed by the last build (or counted at start): decides where the next build runs */
  let lastRows = 0;
  let worker: BundleWorker | null = null;
  let workerBroken = false;
  let closed = false;

  const issuer = async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT';
  const activeBundleKid = async () => (await repos.signingKeys.active('bundle'))?.kid ?? null;

  /** How long an unchanged bundle is served before it is signed afresh. */
  function refreshAfterSec(active: Pick<RuleSet, 'trustWarnAgeSec'>): number {
    return Math.max(MIN_REFRESH_SEC, Math.floor(Math.min(maxAgeSec, active.trustWarnAgeSec) / 2));
  }

  /** The worker to build on, started when first needed; null: build in-process. */
  function workerNow(): BundleWorker | null {
    if (!offThreadFile || workerBroken || closed || lastRows < minRows) return null;
    worker ??= bundleWorker(offThreadFile);
    return worker;
  }

  /** After a worker failure everything is built in-process, as without offThread (slower, never wrong). */
  function dropWorker(error: unknown): void {
    opts.log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'trust bundle worker failed; building in-process from now on');
    workerBroken = true;
    void worker?.terminate();
    worker = null;
  }

  async function inputsAt(now: Date): Promise<ContentInputs> {
    const active = ruleSetSchema.parse(await rules.activeRuleSet(now));
    const scheduled = (await rules.scheduledRuleSets(now)).map((r) => ruleSetSchema.parse(r));
    return {
      iss: await issuer(),
      jwks: await keys.publishedKeys(now, 'pass'),
      bundleKeys: await keys.publishedKeys(now, 'bundle'),
      active,
      scheduled,
      cutoffSec: cutoffAt(now, active),
    };
  }

  /** The content as of `now`, built in-process (the worker builds the same from the same inputs). */
  async function buildContent(now: Date = new Date()): Promise<BuiltContent> {
    return builder.build(await inputsAt(now));
  }

  /** Signs what was built: the issue counter and the key's last expiry are written before the bundle leaves. */
  async function sign(hash: string, skipped: readonly string[], now: Date, signWith: (claims: BundleClaims, signer: BundleSigner) => Promise<SignReply>): Promise<SignedBundle> {
    const signer = await keys.activeSigner('bundle');
    const iat = seconds(now);
    const exp = iat + maxAgeSec;
    // Before the bundle leaves the server: keeps the key published for as long as the bundle is valid.
    await keys.recordSigned(signer.kid, exp);
    const seq = await q.nextSeq(BUNDLE_SEQ_SETTING, iat);
    const { jws, summary } = await signWith({ iat, exp, seq }, { kid: signer.kid, privateKey: signer.privateKey });
    if (skipped.length > 0) {
      opts.log?.warn({ skipped }, 'trust bundle: enterprises left out of the directory (name or duty phone not in bundle format)');
    }
    return { jws, etag: `"${seq}-${hash.slice(0, 22)}"`, seq, iat, exp, kid: signer.kid, contentHash: hash, summary };
  }

  function fresh<T extends StoredBundleIssue>(c: T | null | undefined, hash: string, active: RuleSet, kid: string | null, nowSec: number): c is T {
    return c != null && c.contentHash === hash && c.kid === kid && nowSec >= c.iat && nowSec - c.iat < refreshAfterSec(active);
  }

  /**
   * The bundle for content `hash`. The one stored for every node when it holds this content and is
   * current (another node may have signed it, or signed it again with a higher issue number); else this
   * node's last one while it is current and no lower than the stored issue; else a new signature, stored
   * for the others unless a node stored a higher issue meanwhile. So the nodes converge on one bundle,
   * and a higher issue number never stays on older content past the next poll.
   */
  async function serve(hash: string, active: RuleSet, kid: string | null, now: Date, signNew: () => Promise<SignedBundle>): Promise<SignedBundle> {
    const nowSec = seconds(now);
    const issue = await q.storedIssue();
    if (fresh(issue, hash, active, kid, nowSec)) {
      if (cached?.seq === issue.seq) return cached;
      const stored = await q.stored();
      if (fresh(stored, hash, active, kid, nowSec)) return keep(stored);
    }
    if (fresh(cached, hash, active, kid, nowSec) && (!issue || cached.seq >= issue.seq)) return cached;
    const signed = await signNew();
    if (await q.storeIfNewer(signed)) return keep(signed);
    // Another node stored a higher issue while this one signed: its bundle, if it holds the same content.
    const stored = await q.stored();
    return keep(fresh(stored, hash, active, kid, nowSec) ? stored : signed);
  }

  function keep(b: SignedBundle): SignedBundle {
    if (!cached || b.seq > cached.seq) cached = b;
    return b;
  }

  async function currentNow(now: Date): Promise<SignedBundle> {
    const inputs = await inputsAt(now);
    const kid = await activeBundleKid();
    const w = workerNow();
    if (w) {
      try {
        const built = await w.build(inputs);
        lastRows = built.rows;
        return await serve(built.hash, inputs.active, kid, now, () => sign(built.hash, built.skipped, now, (claims, signer) => w.sign(built.hash, claims, signer)));
      } catch (error) {
        // Stopped by the server closing: this last poll is built in-process (the database closes after the app).
        if (!closed) dropWorker(error);
      }
    }
    const built = await builder.build(inputs);
    lastRows = contentRows(built.content);
    return serve(built.hash, inputs.active, kid, now, () => sign(built.hash, built.skipped, now, (claims, signer) => signContent(built.content, claims, signer)));
  }

  /**
   * The first build after a start reads a city's revocations and directory. Off-thread, the worker
   * loads them; in-process, they are loaded in steps of `rows`, yielding to the event loop between
   * them. Either way this only fills what the builder keeps in memory; current() waits for it and then
   * builds from the database as always, so nobody is ever served a bundle built from part of the data.
   */
  async function warmUp(now: Date, rows: number, pause: () => Promise<boolean>): Promise<void> {
    const cutoffSec = cutoffAt(now, await rules.activeRuleSet(now));
    if (offThreadFile) lastRows = await q.rowsAtMost();
    const w = workerNow();
    if (w) {
      try {
        return await w.warm(cutoffSec, rows);
      } catch (error) {
        if (closed) return;
        dropWorker(error);
      }
    }
    await builder.warmUp(cutoffSec, rows, pause);
  }

  return {
    buildContent,
    refreshAfterSec,

    /**
     * Starts the first build in the background (at server start); current() waits for it. `pause`
     * yields between in-process steps and says whether to go on (false once the server is closing).
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
      // Concurrent polls after a change share one signing (and one seq): the second finds the first's bundle fresh.
      const mine = turn.then(() => currentNow(now));
      turn = mine.catch(() => undefined);
      return mine;
    },

    /** Whether builds run on the worker thread now (for the bureau's overview and tests). */
    offThread: (): boolean => worker !== null && !workerBroken,

    /** Stops the worker, if one runs (the server closing); afterwards everything is built in-process. */
    async close(): Promise<void> {
      closed = true;
      const w = worker;
      worker = null;
      await w?.terminate();
    },

    /** The last bundle signed by this process, if any (no database work). */
    cached: (): SignedBundle | null => cached,

    /** The server's own revocation status of a pass (any revocation, expired or not: an expired pass is refused by its exp). */
    isRevoked: (passNo: string): Promise<boolean> => q.isRevoked(passNo),

    /** An enterprise as the bundle's directory lists it: approved only, null otherwise. */
    async enterpriseInfo(uscc: string): Promise<EnterpriseInfo | null> {
      const row = await q.approvedEnterprise(uscc);
      const entry = row && builder.entryFor(row);
      return entry ? { uscc: entry[0], name: entry[1], dutyPhone: entry[2] } : null;
    },

    rules,
  };
}
export type TrustService = ReturnType<typeof trustService>;
