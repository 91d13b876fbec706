import { CompactSign } from 'jose';
import type { CryptoKey, JSONWebKeySet, KeyObject } from 'jose';
import * as z from 'zod';
// Specific modules, not the indexes: a scanner bundle should not pull in what it does not use.
import { describeJwsFailure, parseJsonBytes, verifyCompactJws, errorText } from '../jws/compact.js';
import { clockToleranceOf, epochSecondsOf } from '../jws/time.js';
import type { BundleErrorCode } from '../trust/errors.js';
import { isPinHash } from './pin.js';

/**
 * What a scanner needs to know about its own checkpoint, offline: the
 * checkpoint itself and its staff with their PIN hashes. Signed like the
 * trust bundle — EdDSA by the server's active 'bundle' key, verified against
 * the bundle keys the device pinned at enrollment — but with its own `typ`,
 * so neither can be passed off as the other.
 */
export const CHECKPOINT_DATA_TYP = 'kakou-checkpoint+jwt';
export const CHECKPOINT_DATA_ALG = 'EdDSA';
export const CHECKPOINT_DATA_VERSION = 1;
export const DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC = 300;
const MAX_JWS_LENGTH = 4 * 1024 * 1024;

const epochSeconds = z.int().min(0).max(9_999_999_999);

// Shown to staff: no control or format characters that could hide or reorder text.
const shownText = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => [...s].length <= max, `at most ${max} characters`)
    .refine((s) => s.trim() === s, 'no leading or trailing spaces')
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'no control or format characters');

/** Staff badge number (警号/工号): upper-case letters, digits and inner hyphens. */
export const BADGE_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{0,18}[A-Z0-9])?$/;
export const badgeSchema = z.string().regex(BADGE_PATTERN, 'badge: 1–20 of A–Z 0–9 -');

export const checkpointDirectionSchema = z.enum(['inbound', 'outbound', 'both']);
export const checkpointStatusSchema = z.enum(['active', 'closed']);

export const checkpointInfoSchema = z.strictObject({
  id: z.int().min(1),
  name: shownText(60),
  location: shownText(200),
  /** GB/T 2260 code of the area the checkpoint is in */
  regionCode: z.string().regex(/^[0-9]{6}$/),
  direction: checkpointDirectionSchema,
  /** a scanner at a closed checkpoint should stop deciding */
  status: checkpointStatusSchema,
});

export const checkpointStaffEntrySchema = z.strictObject({
  badge: badgeSchema,
  name: shownText(60),
  /** `pbkdf2-sha256$…`; check with verifyPin from ./pin.js */
  pinHash: z.string().refine(isPinHash, 'not a PIN hash this version understands'),
});

/** The signed payload. Strict, like the trust bundle: a member this version does not know is a newer format. */
export const checkpointDataSchema = z
  .strictObject({
    v: z.literal(CHECKPOINT_DATA_VERSION),
    iss: z.string().min(1).max(64),
    iat: epochSeconds,
    exp: epochSeconds,
    checkpoint: checkpointInfoSchema,
    /** enabled staff only: a disabled staff member simply is not listed */
    staff: z.array(checkpointStaffEntrySchema),
  })
  .refine((d) => d.exp > d.iat, { message: 'exp must be after iat', path: ['exp'] })
  .refine((d) => new Set(d.staff.map((s) => s.badge)).size === d.staff.length, { message: 'a badge is listed twice', path: ['staff'] });

export type CheckpointData = z.infer<typeof checkpointDataSchema>;
export type CheckpointInfo = z.infer<typeof checkpointInfoSchema>;
export type CheckpointStaffEntry = z.infer<typeof checkpointStaffEntrySchema>;

// A type alias, not an interface, so it is assignable to jose's header type.
export type CheckpointDataHeader = { alg: typeof CHECKPOINT_DATA_ALG; kid: string; typ: typeof CHECKPOINT_DATA_TYP };

/** Throws (TypeError) for a payload no scanner would accept: signing happens on the server, where a loud failure is right. */
export async function signCheckpointData(payload: CheckpointData, options: { privateKey: CryptoKey | KeyObject; kid: string }): Promise<string> {
  if (typeof options.kid !== 'string' || options.kid.length === 0) throw new TypeError('kid is required');
  const parsed = checkpointDataSchema.safeParse(payload);
  if (!parsed.success) throw new TypeError(`checkpoint data: ${z.prettifyError(parsed.error)}`);
  const header: CheckpointDataHeader = { alg: CHECKPOINT_DATA_ALG, kid: options.kid, typ: CHECKPOINT_DATA_TYP };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(parsed.data))).setProtectedHeader(header).sign(options.privateKey);
}

export interface VerifyCheckpointDataOptions {
  /** the bundle-signing public keys pinned at enrollment (or learned from a verified trust bundle) */
  trustedKeys: JSONWebKeySet;
  /** Date or epoch seconds; defaults to now */
  now?: Date | number;
  clockToleranceSec?: number;
  /** refuse data for any other checkpoint (the device's own, from enrollment) */
  checkpointId?: number;
}

/** Failure codes are the trust bundle's (same meaning, same texts in the scanner), plus `wrong_checkpoint`. */
export type CheckpointDataErrorCode = BundleErrorCode | 'wrong_checkpoint';

export type VerifyCheckpointDataResult =
  | { ok: true; data: CheckpointData; kid: string }
  | { ok: false; reason: CheckpointDataErrorCode; detail?: string };

/** Never throws. Algorithm pinned to EdDSA, key from `trustedKeys` only, payload read only once the signature holds. */
export async function verifyCheckpointData(jws: unknown, options: VerifyCheckpointDataOptions): Promise<VerifyCheckpointDataResult> {
  try {
    return await verifyUnsafe(jws, options);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `unexpected: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function verifyUnsafe(input: unknown, options: VerifyCheckpointDataOptions): Promise<VerifyCheckpointDataResult> {
  if (typeof input !== 'string' || input.length > MAX_JWS_LENGTH) return { ok: false, reason: 'malformed', detail: 'not a string of sane length' };
  const verified = await verifyCompactJws(input.trim(), { typ: CHECKPOINT_DATA_TYP, keys: options.trustedKeys, refuseB64: true, purpose: 'bundle' });
  if (!verified.ok) {
    // The bundle's codes; a detail only where the code alone would not say what is wrong.
    const { reason, detail } = describeJwsFailure(verified);
    if (reason === 'crit_unsupported') return { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
    return reason === 'malformed' ? { ok: false, reason, detail } : { ok: false, reason };
  }
  const { kid, payload } = verified;

  let raw: unknown;
  try {
    raw = parseJsonBytes(payload);
  } catch (error) {
    return { ok: false, reason: 'claims_invalid', detail: `payload is not JSON: ${errorText(error)}` };
  }
  const parsed = checkpointDataSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'claims_invalid', detail: z.prettifyError(parsed.error) };
  const data = parsed.data;

  const now = epochSecondsOf(options.now);
  if (!Number.isFinite(now)) return { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' };
  const tol = clockToleranceOf(options.clockToleranceSec, DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC);
  if (now < data.iat - tol) return { ok: false, reason: 'not_yet_valid' };
  if (now >= data.exp + tol) return { ok: false, reason: 'expired' };
  if (options.checkpointId !== undefined && data.checkpoint.id !== options.checkpointId) {
    return { ok: false, reason: 'wrong_checkpoint', detail: `data for checkpoint ${data.checkpoint.id}` };
  }
  return { ok: true, data, kid };
}
