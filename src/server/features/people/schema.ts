import { z } from 'zod';
import { PASS_PERSON_NAME_MAX } from '../../../core/pass/claims.js';
import { citizenIdSchema, regionSchema } from '../../../core/validate/index.js';
import { phoneSchema } from '../enterprises/schema.js';
import { recordStatusSchema } from '../vehicles/schema.js';
import { idSchema, decimalInt } from '../../ids.js';
import { freeText } from '../../free-text.js';

export const personRoleSchema = z.enum(['driver', 'escort']);
export type PersonRole = z.infer<typeof personRoleSchema>;
export const PERSON_ROLES = personRoleSchema.options;

/** How far back a declaration of stays looks (the 14-day incubation window of 2020). */
export const STAY_LOOKBACK_DAYS = 14;

export const staysSchema = z
  .array(regionSchema)
  .max(30)
  .transform((codes) => [...new Set(codes)])
  .describe(`GB/T 2260 codes of every place stayed in during the last ${STAY_LOOKBACK_DAYS} days; [] declares none`);

const declaredAtSchema = z.iso
  .datetime({ offset: true })
  .describe('When the person made the declaration; defaults to now. Not in the future, not older than the look-back period');

export const personInputSchema = z.object({
  // A name goes into signed passes, whose QR size allows PASS_PERSON_NAME_MAX code points.
  name: z
    .string()
    .trim()
    .min(1)
    .refine((n) => [...n].length <= PASS_PERSON_NAME_MAX, `at most ${PASS_PERSON_NAME_MAX} characters`),
  role: personRoleSchema,
  idNumber: citizenIdSchema.describe('GB 11643 citizen ID number; stored encrypted, shown masked'),
  phone: phoneSchema.describe('Mobile or landline with area code; stored encrypted, shown masked'),
  stays: staysSchema.optional().describe('Omit when no declaration has been made yet'),
  staysDeclaredAt: declaredAtSchema.optional(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

/** Every field optional: an enterprise cannot read back the full ID number or phone, so it re-types them only to change them. */
export const personUpdateSchema = z.object({
  name: personInputSchema.shape.name.optional(),
  role: personRoleSchema.optional(),
  idNumber: citizenIdSchema.optional(),
  phone: phoneSchema.optional(),
  stays: staysSchema.optional().describe('A new declaration (replaces the previous one)'),
  staysDeclaredAt: declaredAtSchema.optional(),
});
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

export const staySchema = z.object({ code: z.string(), name: z.string() });

export const personSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    name: z.string(),
    role: personRoleSchema,
    idMasked: z.string().describe('e.g. **************002X'),
    idLast4: z.string(),
    phoneMasked: z.string().describe('e.g. 138****5678'),
    stays: z.array(staySchema),
    staysDeclaredAt: z.string().nullable().describe('null: no declaration yet'),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof personSchema>;

export const revealInputSchema = z.object({ reason: freeText(z.string().trim().max(500)).optional() });
export const revealedSchema = z
  .object({ id: z.number().int(), idNumber: z.string(), phone: z.string() })
  .describe('Full values, audited as person.reveal; never cached');
export type Revealed = z.infer<typeof revealedSchema>;

/** The only form of a person that may go into a pass token. */
export const passPersonViewSchema = z.object({ name: z.string(), id4: z.string(), role: personRoleSchema });
export type PassPersonView = z.infer<typeof passPersonViewSchema>;

export const personListQuerySchema = z.object({
  enterpriseId: idSchema.optional().describe('Bureau only; an enterprise user sees its own'),
  q: z.string().trim().max(30).optional().describe('Part of the name, or the last 4 characters of the ID number'),
  role: personRoleSchema.optional(),
  status: recordStatusSchema.default('active'),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;
