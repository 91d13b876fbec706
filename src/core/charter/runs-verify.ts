import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, errorText, parseJsonBytes, verifyCompactJws } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import { firstWrongDigest } from './runs-digest.js';
import { CHARTER_RUNS_TYP, charterRunsSchema } from './runs.js';
import type { CharterRuns, CharterRunsErrorCode } from './runs.js';

export const DEFAULT_CHARTER_RUNS_CLOCK_TOLERANCE_SEC = 300;
const MAX_JWS_LENGTH = 4 * 1024 * 1024;

export interface VerifyCharterRunsOptions {
  /** the bundle-signing public keys pinned at enrollment */
  trustedKeys: JSONWebKeySet;
  /** the device's own checkpoint (from enrollment): required, a manifest for another checkpoint is refused */
  checkpointId: number;
  now?: Date | number;
  clockToleranceSec?: number;
}

export type VerifyCharterRunsResult =
  | { ok: true; data: CharterRuns; kid: string }
  | { ok: false; reason: CharterRunsErrorCode; detail?: string };

/** Never throws. EdDSA pinned, `bundle` keys from `trustedKeys` only, payload read only once the signature holds. */
export async function verifyCharterRuns(jws: unknown, options: VerifyCharterRunsOptions): Promise<VerifyCharterRunsResult> {
  try {
    return await verifyUnsafe(jws, options);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `unexpected: ${errorText(error)}` };
  }
}

async function verifyUnsafe(input: unknown, options: VerifyCharterRunsOptions): Promise<VerifyCharterRunsResult> {
  if (typeof input !== 'string' || input.length > MAX_JWS_LENGTH) return { ok: false, reason: 'malformed', detail: 'not a string of sane length' };
  const verified = await verifyCompactJws(input.trim(), { typ: CHARTER_RUNS_TYP, keys: options.trustedKeys, refuseB64: true, purpose: 'bundle' });
  if (!verified.ok) {
    const { reason, detail } = describeJwsFailure(verified);
    if (reason === 'crit_unsupported') return { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
    return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
  }
  const { kid, payload } = verified;

  let raw: unknown;
  try {
    raw = parseJsonBytes(payload);
  } catch (error) {
    return { ok: false, reason: 'claims_invalid', detail: `payload is not JSON: ${errorText(error)}` };
  }
  const parsed = charterRunsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'claims_invalid', detail: z.prettifyError(parsed.error) };
  const data = parsed.data;
  // Recomputed here once, so that everything downstream (decideCharter is synchronous) can compare digests as strings.
  const wrong = await firstWrongDigest(data.runs);
  if (wrong !== null) return { ok: false, reason: 'claims_invalid', detail: `md of run ${wrong} is not the digest of its passengers` };

  const now = epochSecondsOf(options.now);
  if (!Number.isFinite(now)) return { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' };
  const tol = clockToleranceOf(options.clockToleranceSec, DEFAULT_CHARTER_RUNS_CLOCK_TOLERANCE_SEC);
  if (now < data.iat - tol) return { ok: false, reason: 'not_yet_valid', detail: `iat ${data.iat}, now ${now}` };
  if (now >= data.exp + tol) return { ok: false, reason: 'expired', detail: `exp ${data.exp}, now ${now}` };
  if (data.checkpoint !== options.checkpointId) {
    return { ok: false, reason: 'wrong_checkpoint', detail: `data for checkpoint ${data.checkpoint}, device at ${options.checkpointId}` };
  }
  return { ok: true, data, kid };
}

