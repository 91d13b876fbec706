import { CompactSign } from 'jose';
import type { CryptoKey, JSONWebKeySet, KeyObject } from 'jose';
import * as z from 'zod';
import { describeJwsFailure, errorText, parseJsonBytes, verifyCompactJws } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import { jtiSchema, plateSchema, PASS_EPOCH_MAX } from '../pass/claims.js';
import { BUNDLE_ERROR_CODES } from '../trust/errors.js';
import type { BundleErrorText } from '../trust/errors.js';
import { manifestDigestSchema } from './claims.js';
import { manifestDigest, manifestSchema } from './manifest.js';

/**
 * The charter runs expected at one checkpoint (docs/charter-pass.md,
 * section 7): the manifests reach the scanner offline, and only for the runs
 * that will pass there within their window. Signed like checkpoint data —
 * EdDSA by a `bundle` key the device pinned — with its own `typ`, so neither
 * can be passed off as the other.
 */
export const CHARTER_RUNS_TYP = 'kakou-charters+jwt';
export const CHARTER_RUNS_VERSION = 1;
export const DEFAULT_CHARTER_RUNS_CLOCK_TOLERANCE_SEC = 300;
const MAX_JWS_LENGTH = 4 * 1024 * 1024;

const epochSeconds = z.int().min(0).max(PASS_EPOCH_MAX);

export const charterRunSchema = z
  .strictObject({
    /** the run's id in the issuer's records */
    run: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'run id: 1–32 of A–Z a–z 0–9 - _'),
    /** the charter pass issued for the run */
    jti: jtiSchema,
    pl: plateSchema,
    /** the window in which the coach is expected at this checkpoint (epoch seconds; until is exclusive) */
    from: epochSeconds,
    until: epochSeconds,
    /** digest of `passengers`; checked on verification, so a run from verifyCharterRuns can be compared by string */
    md: manifestDigestSchema,
    passengers: manifestSchema,
  })
  .refine((r) => r.until > r.from, { message: 'until must be after from', path: ['until'] });

export const charterRunsSchema = z
  .strictObject({
    v: z.literal(CHARTER_RUNS_VERSION),
    iss: z.string().min(1).max(64),
    /** issued at; the document is not valid before */
    iat: epochSeconds,
    exp: epochSeconds,
    checkpoint: z.int().min(1),
    runs: z.array(charterRunSchema),
  })
  .refine((d) => d.exp > d.iat, { message: 'exp must be after iat', path: ['exp'] })
  .refine((d) => new Set(d.runs.map((r) => r.run)).size === d.runs.length, { message: 'a run is listed twice', path: ['runs'] })
  .refine((d) => new Set(d.runs.map((r) => r.jti)).size === d.runs.length, { message: 'a pass id is listed twice', path: ['runs'] });

export type CharterRun = z.infer<typeof charterRunSchema>;
export type CharterRuns = z.infer<typeof charterRunsSchema>;
export type CharterRunsHeader = { alg: 'EdDSA'; kid: string; typ: typeof CHARTER_RUNS_TYP };

export const CHARTER_RUNS_ERROR_CODES = [...BUNDLE_ERROR_CODES, 'wrong_checkpoint'] as const;
export type CharterRunsErrorCode = (typeof CHARTER_RUNS_ERROR_CODES)[number];

export const CHARTER_RUNS_ERROR_TEXT: Readonly<Record<CharterRunsErrorCode, BundleErrorText>> = Object.freeze({
  malformed: { zh: '包车班次数据无法识别或已损坏', en: 'The expected charter runs are unreadable or damaged' },
  alg_not_allowed: { zh: '包车班次数据签名算法不被接受', en: 'The expected charter runs use a signature algorithm that is not accepted' },
  wrong_typ: { zh: '收到的不是包车班次数据', en: 'The token is not an expected-charter-runs document' },
  unknown_kid: {
    zh: '包车班次数据由未知密钥签发（请重新登记设备）',
    en: 'The expected charter runs were signed by an unknown key (re-enroll the device)',
  },
  bad_signature: { zh: '包车班次数据签名无效，可能被伪造或篡改', en: 'Invalid signature on the expected charter runs: forged or altered' },
  expired: { zh: '包车班次数据已过期，请联网同步', en: 'The expected charter runs have expired; sync them' },
  not_yet_valid: {
    zh: '包车班次数据签发时间晚于设备时间，请检查设备时钟',
    en: 'The expected charter runs were issued after the device time; check the device clock',
  },
  claims_invalid: {
    zh: '包车班次数据内容不符合格式要求（可能需要更新扫码程序）',
    en: 'The expected charter runs do not match the required format (the scanner may need an update)',
  },
  wrong_checkpoint: { zh: '包车班次数据不是本卡口的', en: 'The expected charter runs are for another checkpoint' },
});

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

async function firstWrongDigest(runs: readonly CharterRun[]): Promise<string | null> {
  for (const r of runs) {
    if ((await manifestDigest(r.passengers)) !== r.md) return r.run;
  }
  return null;
}

/** Runs whose window contains `now`, earliest first: the scanner's "expected today, first in line" list. */
export function runsExpectedAt(data: CharterRuns, now: Date | number): CharterRun[] {
  const t = epochSecondsOf(now);
  return data.runs.filter((r) => r.from <= t && t < r.until).sort((a, b) => a.from - b.from || (a.run < b.run ? -1 : 1));
}
