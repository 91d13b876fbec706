import { z } from 'zod';
import { usccSchema } from '../../../core/pass/claims.js';
import { DECISIONS, observedSchema } from '../../../core/rules/index.js';

/** The last instant an ISO-8601 text with a four-digit year can name in UTC. */
const LATEST_DECISION_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * What the online check takes: the scan and what staff observed, exactly as
 * the scanner hands them to the rules engine, plus the knobs of the playground.
 * Strict at the top level: a misspelt `receivingEnterpriseUscc` must not
 * silently turn an escort into a refusal.
 */
export const evaluateBodySchema = z
  .strictObject({
    qrText: z.string().max(8000).nullable().describe('The scanned QR text (KK1/…) or a bare JWS; null when no pass is presented'),
    observed: observedSchema,
    receivingEnterpriseUscc: usccSchema
      .optional()
      .describe("Receiving enterprise picked by staff; used when there is no pass (a pass names its own enterprise)"),
    now: z.iso
      .datetime({ offset: true })
      // An offset can carry a valid-looking text past year 9999 UTC; rule sets start at the epoch.
      .refine((v) => {
        const ms = Date.parse(v);
        return ms >= 0 && ms <= LATEST_DECISION_TIME;
      }, 'checks.err.now_range')
      .optional()
      .describe('Decision time, between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z; defaults to the server time'),
    ruleSet: z
      .union([z.enum(['active', 'draft']), z.int().min(1)])
      .default('active')
      .describe("'active' (default), 'draft' (the one being edited), or a version number"),
    trustAgeSec: z
      .number()
      .min(0)
      .nullable()
      .optional()
      .describe('Pretend the trust data is this old (null: none at all); the server’s own data is current, so 0 by default'),
  })
  .meta({ id: 'CheckEvaluateInput' });
export type EvaluateBody = z.output<typeof evaluateBodySchema>;

const factsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS),
    reasons: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), facts: factsSchema })),
    steps: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), params: factsSchema })),
    ruleSetVersion: z.number().int().nullable(),
    keyArea: z.object({
      involved: z.boolean(),
      sources: z.array(
        z.object({
          kind: z.enum(['origin', 'plate', 'stay', 'staff_flag']),
          region: z.string().optional(),
          person: z.number().int().optional(),
        }),
      ),
    }),
    pendingMeasurements: z.array(z.object({ person: z.number().int(), why: z.enum(['retest', 'implausible', 'missing']) })),
  })
  .meta({ id: 'CheckDecision' });

export const evaluateResponseSchema = z
  .object({
    decision: decisionSchema,
    pass: z
      .object({
        ok: z.boolean(),
        reason: z.string().nullable().describe('Verification failure code, e.g. revoked'),
        detail: z.string().nullable(),
        kid: z.string().nullable(),
        /** Present once the signature held (also on an expired or revoked pass). */
        claims: z
          .object({
            jti: z.string(),
            iss: z.string(),
            nbf: z.number().int(),
            exp: z.number().int(),
            pl: z.string(),
            ppl: z.array(z.tuple([z.string(), z.string()])),
            ent: z.string(),
            org: z.string(),
          })
          .nullable(),
      })
      .nullable()
      .describe('null when no QR was given'),
    receivingEnterprise: z
      .object({ uscc: z.string(), name: z.string(), dutyPhone: z.string(), from: z.enum(['pass', 'request']) })
      .nullable(),
    ruleSet: z.object({ version: z.number().int(), source: z.enum(['active', 'draft', 'version']) }),
    now: z.string(),
    trustAgeSec: z.number().nullable(),
    recorded: z.literal(false).describe('Evaluations are never recorded as checks'),
  })
  .meta({ id: 'CheckEvaluation' });
export type EvaluateResponse = z.infer<typeof evaluateResponseSchema>;
