import { manifestDigest } from './manifest.js';
import type { CharterRun } from './runs.js';

/** The id of the first run whose `md` is not the digest of its passengers, or null. Shared by signer and verifier. */
export async function firstWrongDigest(runs: readonly CharterRun[]): Promise<string | null> {
  for (const r of runs) {
    if ((await manifestDigest(r.passengers)) !== r.md) return r.run;
  }
  return null;
}

