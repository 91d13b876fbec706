import { z } from 'zod';
import { creditCodeSchema, regionSchema } from '../../../core/validate/index.js';
import { freeText } from '../../free-text.js';

export const enterpriseStatusSchema = z.enum(['registered', 'approved', 'suspended']);
export type EnterpriseStatus = z.infer<typeof enterpriseStatusSchema>;

// Mainland fixed lines (area code + number) and mobiles; separators are tolerated and removed.
export const phoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$/, 'phone.invalid'));

export const enterpriseInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: creditCodeSchema,
  address: z.string().trim().min(2).max(200),
  regionCode: regionSchema,
  dutyPhone: phoneSchema,
});
export type EnterpriseInput = z.infer<typeof enterpriseInputSchema>;

export const enterpriseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  regionCode: z.string(),
  dutyPhone: z.string(),
  status: enterpriseStatusSchema,
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const statusChangeSchema = z.object({
  status: enterpriseStatusSchema,
  reason: freeText(z.string().trim().max(500)).optional(),
});
