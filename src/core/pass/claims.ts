import * as z from 'zod';
// The specific modules, not src/core/validate/index.ts: the index also pulls in
// the GB/T 2260 region table, which a scanner's browser bundle does not need.
import { CREDIT_CODE_ALPHABET, creditCodeSchema } from '../validate/credit-code.js';
import { parsePlate, plateSchema as plateInputSchema } from '../validate/plate.js';

/** Value of the `v` claim. Bumped on any change a v1 verifier would misread. */
export const PASS_FORMAT_VERSION = 1;

/** One driver plus up to this many escorts (驾押人员). */
export const PASS_MAX_ESCORTS = 3;
/**
 * Length limits, counted in Unicode code points. They bound the QR size: the
 * largest allowed pass must still print and scan comfortably (see the QR size
 * test). Ten is long enough for minority names written with a middle dot, e.g.
 * 阿卜杜热合曼·买买提.
 */
export const PASS_PERSON_NAME_MAX = 10;
export const PASS_ISSUER_MAX = 16;
export const PASS_JTI_MAX = 16;
/** Latest representable time: 10 decimal digits (year 2286). Bounds the size of `nbf`/`exp`. */
export const PASS_EPOCH_MAX = 9_999_999_999;

const codePoints = (s: string): number => [...s].length;

// Names are shown to staff and compared with an ID card by eye: no control,
// format or line-break characters (which could hide or reorder text), no
// padding. Unassigned and private-use code points stay allowed on purpose:
// rare name characters are newer than some scanners' Unicode tables, and
// Chinese registries have long used private-use code points for them; a pass
// the issuer accepted must not fail on an older device.
const displayName = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => codePoints(s) <= max, `at most ${max} characters`)
    .refine((s) => s.trim() === s, 'no leading or trailing spaces')
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'no control or format characters');

/**
 * A GA 36 plate in canonical form (as src/core/validate/plate.ts normalises
 * it). The token carries exactly one spelling, so plates compare as strings.
 */
export const plateSchema = z.string().refine((s) => {
  const r = parsePlate(s);
  return r.ok && r.value === s;
}, 'not a canonical GA 36 plate number');
/** Last four characters of a GB 11643 ID number: never more. */
export const id4Schema = z.string().regex(/^[0-9]{3}[0-9X]$/, 'last four ID characters, e.g. 002X');
/**
 * In the token, a unified social credit code is checked for shape only (18
 * characters of the GB 32100 alphabet). The issuer checks everything else,
 * check character included, when signing (`passInputSchema`); a stricter
 * verifier would refuse authentic passes once GB 32100 gains a registration
 * authority code that an offline scanner's copy of the table does not know.
 */
export const usccSchema = z.string().regex(new RegExp(`^[${CREDIT_CODE_ALPHABET}]{18}$`), 'not a unified social credit code');
/** GB/T 2260 administrative division code (province, city or county level). */
export const regionCodeSchema = z.string().regex(/^[1-9][0-9]{5}$/, 'not a GB/T 2260 code');
export const jtiSchema = z
  .string()
  .min(1)
  .max(PASS_JTI_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url characters only');
const epochSeconds = z.int().min(0).max(PASS_EPOCH_MAX);

/** [name 姓名, last four ID characters 身份证号后四位] */
export const passPersonSchema = z.tuple([displayName(PASS_PERSON_NAME_MAX), id4Schema]);

/**
 * The signed claims, exactly as they appear in the JWS payload
 * (docs/pass-format.md has the table). Registered JWT names keep their
 * meaning so generic JWT tooling reads the times; everything else is short
 * and positional because each byte costs QR modules.
 *
 * Strict: an unknown claim is a different format and needs a new `v`, so a v1
 * verifier never silently drops something the issuer meant to say.
 */
export const passClaimsSchema = z
  .strictObject({
    v: z.literal(PASS_FORMAT_VERSION),
    jti: jtiSchema,
    iss: z.string().min(1).max(PASS_ISSUER_MAX),
    /** start of validity; always present (there is no `iat`: the issue time is in the issuer's records) */
    nbf: epochSeconds,
    exp: epochSeconds,
    pl: plateSchema,
    /** ppl[0] is the driver 驾驶员, the rest are escorts 押运员 */
    ppl: z.array(passPersonSchema).min(1).max(1 + PASS_MAX_ESCORTS),
    /** unified social credit code of the enterprise; its name comes from the trust bundle's enterprise directory */
    ent: usccSchema,
    org: regionCodeSchema,
  })
  .refine((c) => c.exp > c.nbf, { message: 'exp must be after nbf', path: ['exp'] });

export type PassClaims = z.infer<typeof passClaimsSchema>;
export type PassPersonTuple = z.infer<typeof passPersonSchema>;

export interface PassPerson {
  name: string;
  id4: string;
}

/**
 * Named view of the claims, for screens and logs. The token names the
 * enterprise by credit code only; a caller with the bundle's enterprise
 * directory adds the name and duty phone itself.
 */
export interface PassView {
  id: string;
  issuer: string;
  validFrom: number;
  validUntil: number;
  plate: string;
  driver: PassPerson;
  escorts: PassPerson[];
  enterprise: { uscc: string };
  origin: string;
}

export function passView(claims: PassClaims): PassView {
  const [driver, ...escorts] = claims.ppl.map(([name, id4]) => ({ name, id4 }));
  return {
    id: claims.jti,
    issuer: claims.iss,
    validFrom: claims.nbf,
    validUntil: claims.exp,
    plate: claims.pl,
    // The schema guarantees at least one person; the fallback only satisfies the type checker.
    // Stryker disable next-line ObjectLiteral,StringLiteral: unreachable for claims of this type (ppl has at least one person)
    driver: driver ?? { name: '', id4: '' },
    escorts,
    enterprise: { uscc: claims.ent },
    origin: claims.org,
  };
}

// ---- input to signPass: named fields, normalised before signing ----

const timeInput = z
  .union([z.date(), z.int()])
  .transform((t) => (t instanceof Date ? Math.floor(t.getTime() / 1000) : t))
  .pipe(epochSeconds);

export const passPersonInputSchema = z.strictObject({
  name: z.string().transform((s) => s.trim()).pipe(displayName(PASS_PERSON_NAME_MAX)),
  id4: z.string().transform((s) => s.trim().toUpperCase()).pipe(id4Schema),
});

export const passInputSchema = z.strictObject({
  /** pass id; a random one (newPassId) is generated when absent */
  jti: jtiSchema.optional(),
  /** staff type "苏E·12345" or "苏e 12345"; normalised to the canonical form */
  plate: plateInputSchema,
  driver: passPersonInputSchema,
  escorts: z.array(passPersonInputSchema).max(PASS_MAX_ESCORTS).default([]),
  /**
   * The enterprise, by credit code only (GB 32100, check character included).
   * Deliberately no `name`: the token does not carry it (docs/pass-format.md).
   */
  enterprise: z.strictObject({ uscc: creditCodeSchema }),
  /** GB/T 2260 code of where the vehicle and people come from */
  origin: regionCodeSchema,
  /** valid from (Date or epoch seconds); defaults to the signing time. Real passes start at 00:00 China time. */
  nbf: timeInput.optional(),
  /** valid until, exclusive (Date or epoch seconds) */
  exp: timeInput,
});

/** What a caller passes to signPass. */
export type PassInput = z.input<typeof passInputSchema>;
export type PassInputNormalized = z.output<typeof passInputSchema>;
