import * as z from 'zod';
import { epochSecondsOf } from '../jws/time.js';
import { jtiSchema, plateSchema, PASS_EPOCH_MAX } from '../pass/claims.js';
import { BUNDLE_ERROR_CODES } from '../trust/errors.js';
import type { BundleErrorText } from '../trust/errors.js';
import { manifestDigestSchema } from './claims.js';
import { manifestSchema } from './manifest.js';

/**
 * The schema of the charter runs expected at one checkpoint (docs/charter-pass.md,
 * section 7): the manifests reach the scanner offline, and only for the runs
 * that will pass there within their window. Signed like checkpoint data —
 * EdDSA by a `bundle` key the device pinned — with its own `typ`, so neither
 * can be passed off as the other. Signing and verifying are in
 * runs-sign.ts and runs-verify.ts, so the rules (which only read runs) do not
 * pull jose's signing code into the scanner bundle.
 */
export const CHARTER_RUNS_TYP = 'kakou-charters+jwt';
export const CHARTER_RUNS_VERSION = 1;

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

/** Runs whose window contains `now`, earliest first: the scanner's "expected today, first in line" list. */
export function runsExpectedAt(data: CharterRuns, now: Date | number): CharterRun[] {
  const t = epochSecondsOf(now);
  return data.runs.filter((r) => r.from <= t && t < r.until).sort((a, b) => a.from - b.from || (a.run < b.run ? -1 : 1));
}
