import { z } from 'zod';
import { plateSchema } from '../../../core/validate/index.js';
import { idSchema, decimalInt } from '../../ids.js';

export const vehicleTypeSchema = z.enum(['truck', 'van', 'tractor', 'trailer', 'refrigerated', 'tanker', 'other']);
export type VehicleType = z.infer<typeof vehicleTypeSchema>;
export const VEHICLE_TYPES = vehicleTypeSchema.options;

/** active: not archived (the default everywhere); archived; all. */
export const recordStatusSchema = z.enum(['active', 'archived', 'all']);
export type RecordStatus = z.infer<typeof recordStatusSchema>;

/**
 * What an enterprise submits. The owning enterprise never comes from the body:
 * it is the signed-in user's own. The registration region is derived from the plate.
 */
export const vehicleInputSchema = z.object({
  plate: plateSchema.describe('GA 36 plate, e.g. 苏E12345; spaces, dots and full-width characters are normalised'),
  type: vehicleTypeSchema,
});
export type VehicleInput = z.infer<typeof vehicleInputSchema>;

export const vehicleSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    plate: z.string(),
    type: vehicleTypeSchema,
    regionCode: z.string().describe('GB/T 2260 code of the registration region, from the plate prefix'),
    regionName: z.string(),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vehicle' });
export type Vehicle = z.infer<typeof vehicleSchema>;

export const vehicleListQuerySchema = z.object({
  enterpriseId: idSchema.optional().describe('Bureau only; an enterprise user sees its own'),
  q: z.string().trim().max(20).optional().describe('Part of the plate'),
  type: vehicleTypeSchema.optional(),
  status: recordStatusSchema.default('active'),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});
export type VehicleListQuery = z.infer<typeof vehicleListQuerySchema>;
