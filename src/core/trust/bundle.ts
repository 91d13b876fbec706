import * as z from 'zod';
// The specific module, not the pass index: a scanner bundle should not pull in what it does not use.
import { jtiSchema, usccSchema } from '../pass/claims.js';

/** Value of `v`. Bumped on any change a v1 scanner would misread. */
export const BUNDLE_FORMAT_VERSION = 1;

/** Latest representable time: 10 decimal digits, as for passes. */
const epochSeconds = z.int().min(0).max(9_999_999_999);

// Members that only private or symmetric JWKs have (RFC 7518 §6).
const SECRET_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * One public key. Loose on purpose: each consumer filters for the key type it
 * accepts (verifyPass takes Ed25519 only), so the bundle can carry a future
 * key type without a format change. What it must never carry is a secret: a
 * private member is refused, and since signBundle checks with this schema,
 * the issuer cannot publish its signing key by mistake.
 */
export const bundleJwkSchema = z
  .looseObject({ kty: z.string().min(1), kid: z.string().min(1) })
  .refine((k) => SECRET_JWK_MEMBERS.every((m) => !(m in k)), 'private or secret key material in a public key set');

export const bundleJwksSchema = z.looseObject({ keys: z.array(bundleJwkSchema) });

export const revocationsSchema = z.strictObject({
  /** increases with every change, so a device can ask for a delta from the version it holds */
  version: z.int().min(0),
  /**
   * Revoked pass ids (jti). Only passes that have not expired yet: an expired
   * pass is refused by its own `exp`, and pruning keeps the list short.
   */
  passNos: z.array(jtiSchema),
});

/** Rule sets stay generic here; src/core/rules validates them, so this schema never lags behind a rules change. */
const ruleSetObject = z.record(z.string(), z.unknown());

// Shown to staff: no control or format characters that could hide or reorder text.
const shownText = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => [...s].length <= max, `at most ${max} characters`)
    .refine((s) => s.trim() === s, 'no leading or trailing spaces')
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'no control or format characters');

/** A number staff dial: digits with the usual separators, optionally an extension (转 1234). */
export const dutyPhoneSchema = z.string().regex(/^\+?[0-9][0-9 ()-]{2,23}(?:转[0-9]{1,6})?$/, 'phone number');

/** [unified social credit code, enterprise name, duty phone 值班电话]: a directory of organisations, no personal data. */
export const enterpriseEntrySchema = z.tuple([usccSchema, shownText(64), dutyPhoneSchema]);

/**
 * The signed payload of a trust bundle: everything a scanner needs to decide
 * with no network. Strict: a member this version does not know is a newer
 * format, and silently dropping it could drop a revocation or a tightening.
 */
export const trustBundleSchema = z
  .strictObject({
    v: z.literal(BUNDLE_FORMAT_VERSION),
    iss: z.string().min(1).max(64),
    iat: epochSeconds,
    /** iat + the bundle's maximum age: after this a scanner stops deciding automatically */
    exp: epochSeconds,
    /** issue counter, or a content hash; counters let a device refuse an older bundle (isNewerBundle) */
    seq: z.union([z.int().min(0), z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'base64url hash')]),
    /** public pass-signing keys, for verifyPass */
    jwks: bundleJwksSchema,
    /**
     * Public bundle-signing keys the device should trust for the next bundle,
     * so the issuer can publish a new bundle key before it signs with it. A
     * device adds them to its pinned set only after this bundle verified.
     */
    bundleKeys: bundleJwksSchema.optional(),
    revocations: revocationsSchema,
    ruleSets: z.strictObject({ active: ruleSetObject, scheduled: z.array(ruleSetObject) }),
    enterprises: z.array(enterpriseEntrySchema),
  })
  .refine((b) => b.exp > b.iat, { message: 'exp must be after iat', path: ['exp'] })
  // Two names for one enterprise would make the directory lookup depend on order.
  .refine((b) => new Set(b.enterprises.map(([uscc]) => uscc)).size === b.enterprises.length, {
    message: 'an enterprise is listed twice',
    path: ['enterprises'],
  });

export type TrustBundle = z.infer<typeof trustBundleSchema>;
/**
 * What signBundle takes. The key sets are typed loosely so a `PassPublicJwk[]`
 * or jose's `JSONWebKeySet` fits as is; signBundle checks them with the schema.
 */
export type TrustBundleInput = Omit<z.input<typeof trustBundleSchema>, 'jwks' | 'bundleKeys'> & {
  jwks: JwksInput;
  bundleKeys?: JwksInput | undefined;
};
export interface JwksInput {
  keys: ReadonlyArray<{ kty: string; kid?: string }>;
}
export type Revocations = z.infer<typeof revocationsSchema>;
export type EnterpriseEntry = z.infer<typeof enterpriseEntrySchema>;

/** Seconds since the bundle was issued, never negative (a device clock behind the issuer's is not a younger bundle). */
export function bundleAgeSec(bundle: Pick<TrustBundle, 'iat'>, now: Date | number = new Date()): number {
  const nowSec = now instanceof Date ? Math.floor(now.getTime() / 1000) : now;
  return Math.max(0, nowSec - bundle.iat);
}

/**
 * Whether `candidate` may replace `current`. An older bundle that is still
 * within its age is authentic but may lack recent revocations; replaying it
 * must not roll a scanner back. Two issue counters decide by themselves (the
 * issuer's clock may step back, its counter may not); otherwise only a later
 * iat is newer, since content hashes have no order.
 */
export function isNewerBundle(candidate: Pick<TrustBundle, 'iat' | 'seq'>, current: Pick<TrustBundle, 'iat' | 'seq'> | null): boolean {
  if (current === null) return true;
  if (typeof candidate.seq === 'number' && typeof current.seq === 'number') return candidate.seq > current.seq;
  return candidate.iat > current.iat;
}

/** For verifyPass's isRevoked. */
export function revocationChecker(revocations: Pick<Revocations, 'passNos'>): (jti: string) => boolean {
  const revoked = new Set(revocations.passNos);
  return (jti) => revoked.has(jti);
}

export interface EnterpriseInfo {
  uscc: string;
  name: string;
  dutyPhone: string;
}

/** The pass names its enterprise by credit code only; this gives the name and duty phone to show staff. */
export function enterpriseDirectory(bundle: Pick<TrustBundle, 'enterprises'>): Map<string, EnterpriseInfo> {
  return new Map(bundle.enterprises.map(([uscc, name, dutyPhone]) => [uscc, { uscc, name, dutyPhone }]));
}
