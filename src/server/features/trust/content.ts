/**
 * What a trust bundle holds, read from the database, and its signing: the
 * heavy part of a build (a city's directory and revocation list, their
 * serialisation, hash, schema check and signature). Shared by the in-process
 * build (service.ts) and the bundle worker (bundle-worker.ts), so both produce
 * the same content, hash and bytes. Reads only: the writes a signing needs
 * (issue counter, key's last expiry) stay with the service on the main thread.
 */
import { createHash } from 'node:crypto';
import type { CryptoKey, KeyObject } from 'jose';
import type { PassPublicJwk } from '../../../core/pass/index.js';
import type { RuleSet } from '../../../core/rules/index.js';
import type { BundleSummary } from '../../../core/sync/index.js';
import { BUNDLE_FORMAT_VERSION, enterpriseEntrySchema, signBundle, type EnterpriseEntry } from '../../../core/trust/index.js';
import type { DirectoryRow, RevocationRow, TrustRepo } from './repository.js';

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

export interface BuiltContent {
  content: BundleContent;
  /** sha-256 (base64url) of the content in a fixed serialisation */
  hash: string;
  /** directory rows left out because no scanner would accept them (logged) */
  skipped: string[];
}

/**
 * The small part of a bundle, gathered by the service (rule sets, keys,
 * issuer: a few rows, already checked) and handed to the builder, which adds
 * the directory and the revocations.
 */
export interface ContentInputs {
  iss: string;
  jwks: { keys: PassPublicJwk[] };
  bundleKeys: { keys: PassPublicJwk[] };
  active: RuleSet;
  scheduled: RuleSet[];
  /** revocations whose pass expires after this instant (epoch seconds) are listed */
  cutoffSec: number;
}

export interface BundleClaims {
  iat: number;
  exp: number;
  seq: number;
}

export interface BundleSigner {
  kid: string;
  privateKey: CryptoKey | KeyObject;
}

const NAME_MAX = 64;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The revocations a bundle lists, kept in memory and brought up to date on
 * each call: rows newer than the last version seen (a primary-key range, so
 * cheap however long the table), and entries whose pass has expired pruned.
 * Exact because the table is append-only: rows are inserted, never changed or
 * deleted. A lower max version (a restored database) or an earlier cut-off
 * (a clock stepped back) reloads it from scratch. Listed sorted, which
 * compresses about 10% better than issue order.
 */
export function revocationList(reads: Pick<TrustRepo, 'maxRevocationVersion' | 'revocationsAfter'>) {
  let entries: RevocationRow[] = [];
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
      if ((await reads.maxRevocationVersion()) < version || cutoffSec < cutoff) {
        entries = [];
        version = 0;
        earliest = Infinity;
        listed = null;
      }
      cutoff = Math.max(cutoff, cutoffSec);
      for (;;) {
        const page = await reads.revocationsAfter(version, cutoff, rows);
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
    async at(cutoffSec: number): Promise<{ version: number; passNos: string[]; json: string }> {
      const max = await reads.maxRevocationVersion();
      if (max < version || cutoffSec < cutoff) {
        entries = [];
        version = 0;
        cutoff = -Infinity;
        earliest = Infinity;
        listed = null;
      }
      if (max > version) {
        for (const row of await reads.revocationsAfter(version, cutoffSec)) {
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
 * Reads a bundle's content through the trust repository (`reads`), keeping the revocation list and the
 * checked directory entries in memory between builds (raw rows, because a
 * city's directory and revocation list are read on every poll).
 */
export function contentBuilder(reads: Pick<TrustRepo, 'maxRevocationVersion' | 'revocationsAfter' | 'directory' | 'directoryPage'>) {
  const revoked = revocationList(reads);
  const entryMemo = new Map<string, EnterpriseEntry | null>();

  function entryFor(row: DirectoryRow): EnterpriseEntry | null {
    const memoKey = row.join('\u0000');
    let entry = entryMemo.get(memoKey);
    if (entry === undefined) {
      if (entryMemo.size > 200_000) entryMemo.clear();
      entry = directoryEntry(row[0], row[1], row[2]);
      entryMemo.set(memoKey, entry);
    }
    return entry;
  }

  return {
    entryFor,

    /**
     * Fills what build() keeps in memory, `rows` rows at a time with `pause()` between steps (false:
     * stop). Never produces content itself, so nothing can be served from part of the data.
     */
    async warmUp(cutoffSec: number, rows: number, pause: () => Promise<boolean>): Promise<void> {
      if (!(await revoked.loadInSteps(cutoffSec, rows, pause))) return;
      for (let after = ''; ; ) {
        if (!(await pause())) return;
        const page = await reads.directoryPage(after, rows);
        for (const row of page) entryFor(row);
        if (page.length < rows) break;
        after = page.at(-1)![0];
      }
      if (!(await pause())) return;
      await revoked.at(cutoffSec); // sorts and serialises the list once, ahead of the first poll
    },

    /** The content as of now: the whole directory and the revocation list, read in this call. */
    async build(inputs: ContentInputs): Promise<BuiltContent> {
      const enterprises: EnterpriseEntry[] = [];
      const skipped: string[] = [];
      for (const row of await reads.directory()) {
        const entry = entryFor(row);
        if (entry) enterprises.push(entry);
        else skipped.push(row[0]);
      }
      const listed = await revoked.at(inputs.cutoffSec);
      const content: BundleContent = {
        v: BUNDLE_FORMAT_VERSION,
        iss: inputs.iss,
        jwks: inputs.jwks,
        bundleKeys: inputs.bundleKeys,
        revocations: { version: listed.version, passNos: listed.passNos },
        ruleSets: { active: inputs.active, scheduled: inputs.scheduled },
        enterprises,
      };
      // The revocation list is serialised once per change (it is most of the bundle); the rest on every call.
      const rest = JSON.stringify({ ...content, revocations: null });
      return { content, hash: sha256(`${rest}\n${listed.json}`), skipped };
    },
  };
}
export type ContentBuilder = ReturnType<typeof contentBuilder>;

/** How many rows a bundle lists: what decides whether building it is worth a thread of its own. */
export const contentRows = (content: BundleContent): number => content.enterprises.length + content.revocations.passNos.length;

/** Checks and signs `content` (signBundle: the verifier's schema, then EdDSA), and says what it holds. */
export async function signContent(content: BundleContent, claims: BundleClaims, signer: BundleSigner): Promise<{ jws: string; summary: BundleSummary }> {
  const jws = await signBundle({ ...content, ...claims }, { privateKey: signer.privateKey, kid: signer.kid });
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
  return { jws, summary };
}
