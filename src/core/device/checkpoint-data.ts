import { base64url, compactVerify, CompactSign, importJWK } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK, KeyObject } from 'jose';
import * as z from 'zod';
// Specific modules, not the indexes: a scanner bundle should not pull in what it does not use.
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

const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  const jws = input.trim();
  if (!JWS_SHAPE.test(jws)) return { ok: false, reason: 'malformed', detail: 'not a compact JWS' };
  const parts = jws.split('.');
  for (const part of parts) if (!isCanonicalBase64url(part)) return { ok: false, reason: 'malformed', detail: 'non-canonical base64url' };

  const header = parseJsonObject(parts[0]!);
  if (!header) return { ok: false, reason: 'malformed', detail: 'header is not a JSON object' };
  if (header.alg !== CHECKPOINT_DATA_ALG) return { ok: false, reason: 'alg_not_allowed' };
  if (header.typ !== CHECKPOINT_DATA_TYP) return { ok: false, reason: 'wrong_typ' };
  if (header.crit !== undefined || header.b64 !== undefined) return { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0) return { ok: false, reason: 'malformed', detail: 'kid missing' };

  const candidates = trustedKeysFor(options.trustedKeys, kid);
  if (candidates.length === 0) return { ok: false, reason: 'unknown_kid' };
  let payload: Uint8Array | undefined;
  for (const jwk of candidates) {
    try {
      const key = await importJWK(jwk, CHECKPOINT_DATA_ALG);
      payload = (await compactVerify(jws, key, { algorithms: [CHECKPOINT_DATA_ALG] })).payload;
      break;
    } catch {
      // a broken entry must not hide a good one with the same kid
    }
  }
  if (!payload) return { ok: false, reason: 'bad_signature' };

  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(payload));
  } catch {
    return { ok: false, reason: 'claims_invalid', detail: 'payload is not JSON' };
  }
  const parsed = checkpointDataSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'claims_invalid', detail: z.prettifyError(parsed.error) };
  const data = parsed.data;

  const now = options.now === undefined ? Math.floor(Date.now() / 1000) : options.now instanceof Date ? Math.floor(options.now.getTime() / 1000) : options.now;
  if (!Number.isFinite(now)) return { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' };
  const t = options.clockToleranceSec;
  const tol = t === undefined ? DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC : Number.isFinite(t) && t > 0 ? t : 0;
  if (now < data.iat - tol) return { ok: false, reason: 'not_yet_valid' };
  if (now >= data.exp + tol) return { ok: false, reason: 'expired' };
  if (options.checkpointId !== undefined && data.checkpoint.id !== options.checkpointId) {
    return { ok: false, reason: 'wrong_checkpoint', detail: `data for checkpoint ${data.checkpoint.id}` };
  }
  return { ok: true, data, kid };
}

function trustedKeysFor(jwks: unknown, kid: string): JWK[] {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) return [];
  return (jwks.keys as unknown[]).filter((k): k is JWK => {
    if (!isPlainObject(k)) return false;
    if (k.kid !== kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || k.d !== undefined) return false;
    if (k.use !== undefined && k.use !== 'sig') return false;
    if (k.alg !== undefined && k.alg !== CHECKPOINT_DATA_ALG) return false;
    return true;
  });
}

function isCanonicalBase64url(part: string): boolean {
  try {
    return base64url.encode(base64url.decode(part)) === part;
  } catch {
    return false;
  }
}

function parseJsonObject(encoded: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(base64url.decode(encoded)));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
