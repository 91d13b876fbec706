import { z } from 'zod';
import { regionSchema } from '../../../core/validate/index.js';
import { idSchema } from '../../ids.js';
import { freeText } from '../../free-text.js';

export const passStatusSchema = z.enum(['draft', 'submitted', 'issued', 'rejected', 'revoked']);
export type PassStatus = z.infer<typeof passStatusSchema>;
/** What a person sees: an issued pass past its validity reads as expired. */
export const displayStatusSchema = z.enum(['draft', 'submitted', 'issued', 'rejected', 'revoked', 'expired']);
export type DisplayStatus = z.infer<typeof displayStatusSchema>;
/** What lists filter on: the displayed states (issued means in force, expired split out) plus pending cancellation requests. */
export const passListFilterSchema = z.enum(['draft', 'submitted', 'issued', 'expired', 'cancel_requested', 'rejected', 'revoked']);
export type PassListFilter = z.infer<typeof passListFilterSchema>;

export const cargoCategorySchema = z.enum([
  'production_materials', // 生产原料
  'finished_goods', // 产成品
  'medical_supplies', // 防疫物资
  'daily_necessities', // 生活物资
  'parts', // 零部件
  'other',
]);

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const applicationInputSchema = z.object({
  vehicleId: idSchema,
  driverId: idSchema,
  escortIds: z.array(idSchema).max(3).default([]),
  validFrom: isoDate,
  validTo: isoDate,
  originRegion: regionSchema,
  destination: freeText(z.string().trim().min(2).max(200)),
  cargoCategory: cargoCategorySchema,
  routeNote: freeText(z.string().trim().max(500)).default(''),
});
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

export const passPersonSummarySchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  role: z.enum(['driver', 'escort']),
  idMasked: z.string(),
});

export const passSchema = z.object({
  id: z.number().int(),
  passNo: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  vehicleId: z.number().int(),
  plate: z.string(),
  people: z.array(passPersonSummarySchema),
  status: passStatusSchema,
  displayStatus: displayStatusSchema,
  validFrom: z.string().describe('Start of validity, an instant (ISO 8601 UTC); inclusive'),
  validTo: z.string().describe('End of validity, an instant (ISO 8601 UTC); exclusive: a pass valid through 13 December ends at 2026-12-13T16:00:00Z, China midnight'),
  validity: z
    .object({
      firstDay: z.string().describe('China calendar date (YYYY-MM-DD, Asia/Shanghai) of validFrom'),
      lastDay: z.string().describe('China calendar date of the last day the pass is valid, inclusive (the day before an exclusive midnight end)'),
    })
    .describe('The same window as people mean it: China calendar dates, last day inclusive. Applications take these dates as validFrom / validTo'),
  originRegion: z.string(),
  destination: z.string(),
  cargoCategory: cargoCategorySchema,
  routeNote: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  kid: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  cancelRequestedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  replacesId: z.number().int().nullable(),
  replacedById: z.number().int().nullable(),
});
export type Pass = z.infer<typeof passSchema>;

export const reasonSchema = z.object({ reason: freeText(z.string().trim().min(2).max(500)) });
