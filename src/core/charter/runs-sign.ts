import { CompactSign } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import * as z from 'zod';
import { firstWrongDigest } from './runs-digest.js';
import { CHARTER_RUNS_TYP, charterRunsSchema } from './runs.js';
import type { CharterRuns, CharterRunsHeader } from './runs.js';

/**
 * Throws (TypeError) for a document no scanner would accept, including a run
 * whose `md` is not the digest of its passengers.
 */
export async function signCharterRuns(payload: CharterRuns, options: { privateKey: CryptoKey | KeyObject; kid: string }): Promise<string> {
  if (typeof options.kid !== 'string' || options.kid.length === 0) throw new TypeError('kid is required');
  const parsed = charterRunsSchema.safeParse(payload);
  if (!parsed.success) throw new TypeError(`charter runs: ${z.prettifyError(parsed.error)}`);
  const wrong = await firstWrongDigest(parsed.data.runs);
  if (wrong !== null) throw new TypeError(`charter runs: md of run ${wrong} is not the digest of its passengers`);
  const header: CharterRunsHeader = { alg: 'EdDSA', kid: options.kid, typ: CHARTER_RUNS_TYP };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(parsed.data))).setProtectedHeader(header).sign(options.privateKey);
}

