import * as z from 'zod';
// The freight pass's field rules, imported rather than copied: a name, plate or
// id4 that one token accepts the other must accept too.
import { jtiSchema, passPersonInputSchema, passPersonSchema, plateSchema, regionCodeSchema, PASS_EPOCH_MAX } from '../pass/claims.js';
import { plateSchema as plateInputSchema } from '../validate/plate.js';

/** Value of the `v` claim of a charter pass. */
export const CHARTER_FORMAT_VERSION = 1;

/**
 * Seats on one coach. A 2020 long-distance coach seats at most about 57, a
 * double-decker about 70; 99 keeps `n` at two digits, which the QR size test
 * assumes.
 */
export const CHARTER_MAX_PASSENGERS = 99;

/** Manifest digest: base64url (no padding) of a SHA-256 hash, always 43 characters. */
export const manifestDigestSchema = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'base64url SHA-256 digest (43 characters)');

const epochSeconds = z.int().min(0).max(PASS_EPOCH_MAX);

/**
 * The signed claims of a charter pass, exactly as in the JWS payload
 * (docs/charter-pass.md, section 2). Every claim is there because a
 * checkpoint needs it with or without the manifest; everything else (run id,
 * receiving enterprises, the passengers themselves) is bound through `md`
 * and travels in the signed expected-runs document, because a version 13
 * QR code has no room for more (section 9 of the doc has the arithmetic).
 *
 * Strict: an unknown claim is a newer format and needs a new `v`.
 */
export const charterClaimsSchema = z
  .strictObject({
    v: z.literal(CHARTER_FORMAT_VERSION),
    /** charter pass id; revocation is by this id */
    jti: jtiSchema,
    nbf: epochSeconds,
    exp: epochSeconds,
    /** coach plate, canonical GA 36 form */
    pl: plateSchema,
    /** driver 驾驶员: [name, last four ID characters] */
    drv: passPersonSchema,
    /** passengers on the manifest (the driver not counted) */
    n: z.int().min(1).max(CHARTER_MAX_PASSENGERS),
    /** GB/T 2260 code of the region the coach sets out from */
    org: regionCodeSchema,
    /** manifest digest (docs/charter-pass.md, section 4) */
    md: manifestDigestSchema,
  })
  .refine((c) => c.exp > c.nbf, { message: 'exp must be after nbf', path: ['exp'] });

export type CharterClaims = z.infer<typeof charterClaimsSchema>;

// ---- input to signCharterPass: named fields, normalised before signing ----

const timeInput = z
  .union([z.date(), z.int()])
  .transform((t) => (t instanceof Date ? Math.floor(t.getTime() / 1000) : t))
  .pipe(epochSeconds);

export const charterInputSchema = z
  .strictObject({
    /** charter pass id; a random one is generated when absent */
    jti: jtiSchema.optional(),
    /** as staff type it; normalised to the canonical form */
    plate: plateInputSchema,
    driver: passPersonInputSchema,
    passengerCount: z.int().min(1).max(CHARTER_MAX_PASSENGERS),
    origin: regionCodeSchema,
    /** manifestDigest(…) of the approved manifest */
    manifestDigest: manifestDigestSchema,
    nbf: timeInput,
    exp: timeInput,
  })
  .refine((c) => c.exp > c.nbf, { message: 'exp must be after nbf', path: ['exp'] });

export type CharterInput = z.input<typeof charterInputSchema>;

export interface CharterView {
  id: string;
  validFrom: number;
  validUntil: number;
  plate: string;
  driver: { name: string; id4: string };
  passengerCount: number;
  origin: string;
  manifestDigest: string;
}

export function charterView(c: CharterClaims): CharterView {
  return {
    id: c.jti,
    validFrom: c.nbf,
    validUntil: c.exp,
    plate: c.pl,
    driver: { name: c.drv[0], id4: c.drv[1] },
    passengerCount: c.n,
    origin: c.org,
    manifestDigest: c.md,
  };
}

