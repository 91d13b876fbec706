/**
 * What a checkpoint observes at a charter coach, as one schema that the
 * scanner (offline) and the server (online) both parse with.
 */
import * as z from 'zod';
import { CHARTER_ERROR_CODES } from '../charter/errors.js';
import { charterRunSchema } from '../charter/runs.js';
import { staySchema, staysAfter, STAY_IN_FUTURE } from './input.js';
import { ruleSetSchema } from './rule-set.js';

/** Only the claims the rules read; loose, like the freight input: the signature already vouched for the format. */
const charterClaimsSeenSchema = z.looseObject({
  jti: z.string(),
  pl: z.string(),
  drv: z.tuple([z.string(), z.string()]),
  n: z.int(),
  org: z.string(),
  md: z.string(),
});

/** Structurally a `VerifyCharterResult`, so verifyCharterPass's output goes in as is. */
export const verifyCharterResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), claims: charterClaimsSeenSchema, kid: z.string(), header: z.unknown() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(CHARTER_ERROR_CODES),
    detail: z.string().optional(),
    claims: charterClaimsSeenSchema.optional(),
    kid: z.string().optional(),
  }),
]);

const temperatureAndStays = {
  /** °C in measurement order; re-tests are appended */
  readings: z.array(z.number()),
  /** declared at the checkpoint, on top of what the manifest declares */
  stays: z.array(staySchema),
};

export const observedDriverSchema = z.object({
  /** ID card's last four compared with the pass's `drv`; null = not yet */
  id4Matches: z.boolean().nullable(),
  ...temperatureAndStays,
});

export const observedPassengerSchema = z.object({
  /** ticked as on board */
  present: z.boolean(),
  /** ID card's last four compared with the manifest entry; null = not yet (ignored when not present) */
  id4Matches: z.boolean().nullable(),
  ...temperatureAndStays,
});

/** Someone on board who is not on the manifest. */
export const observedUnlistedSchema = z.object(temperatureAndStays);

export const charterCheckInputSchema = z
  .object({
    pass: verifyCharterResultSchema,
    /** The run from a verified expected-runs document (verifyCharterRuns, then findCharterRun); null = not expected here. */
    run: charterRunSchema.nullable(),
    observed: z.object({
      plate: z.string(),
      driver: observedDriverSchema,
      /** One per manifest passenger, in the manifest's order; empty when there is no run. */
      passengers: z.array(observedPassengerSchema),
      unlisted: z.array(observedUnlistedSchema),
      staffKeyAreaFlag: z.boolean(),
    }),
    now: z.union([z.number(), z.iso.datetime({ offset: true })]),
    ruleSet: ruleSetSchema,
    trustAgeSec: z.number().nullable(),
  })
  .superRefine((input, ctx) => {
    const expected = input.run?.passengers.length ?? 0;
    if (input.observed.passengers.length !== expected) {
      ctx.addIssue({
        code: 'custom',
        message: `one observation per manifest passenger: expected ${expected}, got ${input.observed.passengers.length}`,
        path: ['observed', 'passengers'],
      });
    }
    const nowMs = typeof input.now === 'number' ? input.now : Date.parse(input.now);
    const { driver, passengers, unlisted } = input.observed;
    const groups = [
      ['driver', [driver]],
      ['passengers', passengers],
      ['unlisted', unlisted],
    ] as const;
    for (const [key, people] of groups) {
      for (const [i, j] of staysAfter({ people }, nowMs)) {
        const path = key === 'driver' ? ['observed', 'driver', 'stays', j] : ['observed', key, i, 'stays', j];
        ctx.addIssue({ code: 'custom', message: STAY_IN_FUTURE, path: [...path, 'lastDay'] });
      }
    }
  });

export type CharterCheckInput = z.input<typeof charterCheckInputSchema>;
export type ParsedCharterCheckInput = z.output<typeof charterCheckInputSchema>;
