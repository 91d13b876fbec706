/**
 * What a checkpoint observes, as one schema that the scanner (offline) and the
 * server (online) both parse with, so they decide from the same data.
 */
import * as z from 'zod';
import { PASS_ERROR_CODES } from '../pass/errors.js';
import { regionCodeSchema, ruleSetSchema } from './rule-set.js';
import { chinaDayNumber, dayNumber } from './key-area.js';

/**
 * Only the claims the rules read. Loose, so the rest of PassClaims (and its
 * next revision: `ent` is changing shape) passes through untouched; the
 * signature check already vouched for the exact format.
 */
const verifiedClaimsSchema = z.looseObject({
  jti: z.string(),
  pl: z.string(),
  /** [[name, id4], …]; ppl[0] is the driver */
  ppl: z.array(z.tuple([z.string(), z.string()])).min(1),
  org: z.string(),
});

/** Structurally a `VerifyPassResult` (src/core/pass/verify.ts), so verifyPass's output goes in as is. */
export const verifyPassResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    claims: verifiedClaimsSchema,
    kid: z.string(),
    header: z.unknown(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(PASS_ERROR_CODES),
    detail: z.string().optional(),
    claims: verifiedClaimsSchema.optional(),
    kid: z.string().optional(),
  }),
]);

export const passInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('scanned'), result: verifyPassResultSchema }),
]);

export const staySchema = z.object({
  region: regionCodeSchema,
  /** China date of the last day there */
  lastDay: z.iso.date(),
});

export const observedPersonSchema = z.object({
  /** Index in the pass's `ppl`; null = not on the pass (or there is no pass). */
  passIndex: z.int().min(0).nullable(),
  /** Staff compared the ID card's last four with the pass; null = not checked. */
  id4Matches: z.boolean().nullable(),
  /** °C in measurement order; re-tests are appended. */
  readings: z.array(z.number()),
  /** Declared at the checkpoint. */
  stays: z.array(staySchema),
});

export const observedSchema = z.object({
  /** As seen or typed; normalised before comparing. */
  plate: z.string(),
  /** Everyone on board; a vehicle has at least its driver. */
  people: z.array(observedPersonSchema).min(1),
  staffKeyAreaFlag: z.boolean(),
});

export const receivingEnterpriseSchema = z.object({
  uscc: z.string().min(1),
  name: z.string().min(1),
  dutyPhone: z.string().min(1),
});

/** The code of a stay whose last day is after the check date: a declaration cannot reach into the future. */
export const STAY_IN_FUTURE = 'stay.last_day_after_check_date';

/**
 * Paths (within `observed`) of declared stays whose last day (China date) is
 * after the China date of `nowMs`. Shared by the input schema and the online
 * check, so both refuse the same declarations.
 */
export function staysAfter(observed: { people: ReadonlyArray<{ stays: ReadonlyArray<{ lastDay: string }> }> }, nowMs: number): Array<[number, number]> {
  const today = chinaDayNumber(nowMs);
  const out: Array<[number, number]> = [];
  observed.people.forEach((p, i) => p.stays.forEach((s, j) => {
    if (dayNumber(s.lastDay) > today) out.push([i, j]);
  }));
  return out;
}

const checkInputShape = {
  pass: passInputSchema,
  observed: observedSchema,
  /**
   * With a pass: the pass's enterprise as found in the directory. Without: the
   * enterprise staff picked as receiver. null when there is none.
   */
  receivingEnterprise: receivingEnterpriseSchema.nullable(),
  /** Epoch milliseconds, or ISO 8601 with an offset (a bare local time would be ambiguous). */
  now: z.union([z.number(), z.iso.datetime({ offset: true })]),
  ruleSet: ruleSetSchema,
  /** Age of the trust bundle (keys, revocations, rules) in seconds; null = none at all. */
  trustAgeSec: z.number().nullable(),
};

function noStaysInFuture(input: { now: number | string; observed: z.output<typeof observedSchema> }, ctx: z.RefinementCtx): void {
  const nowMs = typeof input.now === 'number' ? input.now : Date.parse(input.now);
  for (const [i, j] of staysAfter(input.observed, nowMs)) {
    ctx.addIssue({ code: 'custom', message: STAY_IN_FUTURE, path: ['observed', 'people', i, 'stays', j, 'lastDay'] });
  }
}

export const checkInputSchema = z.object(checkInputShape).superRefine(noStaysInFuture);

/**
 * The same checks without the rule set, for decide() when the rule set was
 * already parsed (parseRuleSetCached): it cannot add an issue then.
 */
export const checkInputWithoutRuleSetSchema = z.object({ ...checkInputShape, ruleSet: z.unknown() }).superRefine(noStaysInFuture);

/** What callers pass to `decide`: rule-set defaults may be left out. */
export type CheckInput = z.input<typeof checkInputSchema>;
/** After parsing: defaults filled. */
export type ParsedCheckInput = z.output<typeof checkInputSchema>;
export type ObservedPerson = z.output<typeof observedPersonSchema>;
export type ReceivingEnterprise = z.output<typeof receivingEnterpriseSchema>;
export type VerifiedClaims = z.output<typeof verifiedClaimsSchema>;
