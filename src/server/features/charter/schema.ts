import { z } from 'zod';
import { citizenIdSchema, creditCodeSchema, plateSchema, regionSchema } from '../../../core/validate/index.js';
import { phoneSchema } from '../enterprises/schema.js';
import { freeText } from '../../free-text.js';

/** Limits of item 7's records; docs/charter.md states them. */
export const CHARTER_LIMITS = {
  /** a coach's seats, and the most passengers one manifest upload may carry */
  maxSeats: 80,
  /** an upload's size before decoding: a 80-row CSV is ~10 KiB; an .xlsx of it ~15 KiB */
  maxUploadBytes: 512 * 1024,
  /** a run's validity: departure to its latest arrival */
  maxRunHours: 72,
  /** declared stays per passenger */
  maxStays: 20,
} as const;

const isoDay = z.iso.date();
export const needStatusSchema = z.enum(['open', 'partly_served', 'served', 'cancelled']);
export type NeedStatus = z.infer<typeof needStatusSchema>;
export const runStatusSchema = z.enum(['planned', 'confirmed', 'approved', 'rejected', 'cancelled']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const carrierInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: creditCodeSchema,
  dutyPhone: phoneSchema,
});
export type CarrierInput = z.infer<typeof carrierInputSchema>;
export const carrierSchema = z.object({
  id: z.number().int(), name: z.string(), creditCode: z.string(), dutyPhone: z.string(), disabled: z.boolean(), createdAt: z.string(),
}).meta({ id: 'Carrier' });
export type Carrier = z.infer<typeof carrierSchema>;

export const needInputSchema = z.object({
  originRegion: regionSchema.describe('GB/T 2260 code of the area the workers come from'),
  workers: z.number().int().min(1).max(2000),
  earliestDate: isoDay.describe('China calendar date'),
  latestDate: isoDay.describe('China calendar date, inclusive'),
  contactName: z.string().trim().min(1).max(40),
  contactPhone: phoneSchema.describe('A duty number the carriers may call; shown to them in full'),
  note: freeText(z.string().trim().max(500)).default(''),
}).refine((n) => n.latestDate >= n.earliestDate, { path: ['latestDate'], message: 'charter.err.dates_order' });
export type NeedInput = z.infer<typeof needInputSchema>;

export const needSchema = z.object({
  id: z.number().int(), enterpriseId: z.number().int(), enterpriseName: z.string(), originRegion: z.string(), workers: z.number().int(),
  earliestDate: z.string(), latestDate: z.string(), contactName: z.string(), contactPhone: z.string(), note: z.string(),
  status: needStatusSchema, seatsOffered: z.number().int().describe('seats of runs planned, confirmed or approved for it'),
  createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'CharterNeed' });
export type Need = z.infer<typeof needSchema>;

export const runInputSchema = z.object({
  plate: plateSchema,
  driverName: z.string().trim().min(1).max(20),
  driverIdNumber: citizenIdSchema.describe('stored encrypted; shown as its last four only'),
  driverPhone: phoneSchema.describe('stored encrypted; shown masked'),
  departureAt: z.iso.datetime({ offset: true }),
  arrivalBy: z.iso.datetime({ offset: true }).describe('the end of the run\'s validity window'),
  route: freeText(z.string().trim().min(2).max(500)),
  needs: z.array(z.object({ needId: z.number().int().min(1), seats: z.number().int().min(1).max(CHARTER_LIMITS.maxSeats) }))
    .min(1).max(20),
});
export type RunInput = z.infer<typeof runInputSchema>;

/** Approval: the entry checkpoint(s) where the coach is expected (each existing and not closed). */
export const approveInputSchema = z.object({
  reason: freeText(z.string().trim().max(500)).optional(),
  checkpointIds: z.array(z.number().int().min(1)).min(1).max(20).describe('entry checkpoints where the coach is expected; their scanners receive the manifest'),
});
export type ApproveInput = z.infer<typeof approveInputSchema>;
export const revokePassInputSchema = z.object({ reason: freeText(z.string().trim().min(2).max(500)) });
export const rejectInputSchema = z.object({ reason: freeText(z.string().trim().min(2).max(500)) });

export const staySchema = z.object({ code: z.string(), lastDay: z.string() });
export type Stay = z.infer<typeof staySchema>;

/** One passenger as typed in the form or read from a manifest row, before it is stored. */
export const passengerInputSchema = z.object({
  name: z.string().trim().min(1, 'charter.err.required').max(20),
  idNumber: citizenIdSchema,
  phone: phoneSchema,
  originRegion: regionSchema,
  stays: z.array(z.object({ code: regionSchema, lastDay: isoDay })).max(CHARTER_LIMITS.maxStays).default([]),
});
export type PassengerInput = z.infer<typeof passengerInputSchema>;

export const manifestUploadSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  content: z.string().max(Math.ceil((CHARTER_LIMITS.maxUploadBytes * 4) / 3) + 4).describe('the file, base64'),
});
export const passengerListInputSchema = z.object({ passengers: z.array(passengerInputSchema).max(CHARTER_LIMITS.maxSeats) });

export const passengerViewSchema = z.object({
  id: z.number().int(), runId: z.number().int(), needId: z.number().int(), enterpriseId: z.number().int(), seq: z.number().int(),
  name: z.string(), idMasked: z.string(), idLast4: z.string(), phoneMasked: z.string(), originRegion: z.string(),
  stays: z.array(staySchema), creditCode: z.string(),
}).meta({ id: 'CharterPassenger' });
export type PassengerView = z.infer<typeof passengerViewSchema>;

export const runNeedSchema = z.object({
  needId: z.number().int(), enterpriseId: z.number().int(), enterpriseName: z.string(), seats: z.number().int(),
  passengers: z.number().int(), confirmedAt: z.string().nullable(),
});
export const charterPassSummarySchema = z.object({
  jti: z.string().describe('charter pass id (the token\'s jti); revocation is by this id'),
  issuedAt: z.string(), validFrom: z.string(), validTo: z.string(), passengers: z.number().int(),
  revokedAt: z.string().nullable(), revokeReason: z.string().nullable().describe('the bureau only'),
}).meta({ id: 'CharterPassSummary' });
export const runSchema = z.object({
  id: z.number().int(), carrierId: z.number().int(), carrierName: z.string(), plate: z.string(), driverName: z.string(),
  driverIdLast4: z.string(), driverPhoneMasked: z.string(), departureAt: z.string(), arrivalBy: z.string(), route: z.string(),
  originRegion: z.string(), status: runStatusSchema, decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
  needs: z.array(runNeedSchema).describe('an enterprise sees only its own needs of the run'),
  passengerCount: z.number().int(),
  passengers: z.array(passengerViewSchema).describe('the bureau: all; an enterprise: its own; a carrier: none (names and counts only on the printed manifest)'),
  checkpoints: z.array(z.object({ id: z.number().int(), name: z.string() })).describe('entry checkpoints chosen at approval'),
  pass: charterPassSummarySchema.nullable().describe('the charter pass, once the run is approved'),
}).meta({ id: 'CharterRun' });
export type RunView = z.infer<typeof runSchema>;

/** What the checkpoint and the charter pass need of an approved run: no full ID number, no phone. */
export const checkpointManifestSchema = z.object({
  runId: z.number().int(), plate: z.string(), driver: z.object({ name: z.string(), id4: z.string() }),
  passengerCount: z.number().int(), validFrom: z.string(), validTo: z.string(), originRegion: z.string(),
  destinations: z.array(z.object({ creditCode: z.string(), name: z.string() })),
  passengers: z.array(z.object({ name: z.string(), id4: z.string(), originRegion: z.string(), stays: z.array(staySchema), creditCode: z.string() })),
}).meta({ id: 'CharterCheckpointManifest' });
export type CheckpointManifest = z.infer<typeof checkpointManifestSchema>;
