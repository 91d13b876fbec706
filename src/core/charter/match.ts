import type { CharterClaims } from './claims.js';
import type { CharterRun, CharterRuns } from './runs.js';

/**
 * A scanned charter pass against a run from a verified expected-runs
 * document. Synchronous on purpose: verifyCharterRuns has already checked
 * each run's `md` against its passengers, so digests compare as strings here
 * and the rules (which never await) can call this too.
 */
export type RunMismatch = 'jti' | 'plate' | 'digest' | 'count';

export type RunMatch = { ok: true } | { ok: false; mismatches: RunMismatch[] };

export function matchCharterRun(claims: Pick<CharterClaims, 'jti' | 'pl' | 'md' | 'n'>, run: Pick<CharterRun, 'jti' | 'pl' | 'md' | 'passengers'>): RunMatch {
  const mismatches: RunMismatch[] = [];
  if (claims.jti !== run.jti) mismatches.push('jti');
  if (claims.pl !== run.pl) mismatches.push('plate');
  // A printed pass from before the manifest changed carries the old digest: exactly what this catches.
  if (claims.md !== run.md) mismatches.push('digest');
  if (claims.n !== run.passengers.length) mismatches.push('count');
  return mismatches.length === 0 ? { ok: true } : { ok: false, mismatches };
}

/** The run a pass belongs to, by pass id; undefined when the run is not expected at this checkpoint. */
export function findCharterRun(data: Pick<CharterRuns, 'runs'>, jti: string): CharterRun | undefined {
  return data.runs.find((r) => r.jti === jti);
}
