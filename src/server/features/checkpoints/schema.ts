import { z } from 'zod';
import { regionSchema } from '../../../core/validate/index.js';
import { BADGE_PATTERN, checkpointDirectionSchema, checkpointStatusSchema } from '../../../core/device/checkpoint-data.js';
import { PIN_PATTERN } from '../../../core/device/pin.js';
import { isTrivialPin } from '../../security/pin.js';

export { checkpointDirectionSchema, checkpointStatusSchema };
export type CheckpointDirection = z.infer<typeof checkpointDirectionSchema>;
export type CheckpointStatus = z.infer<typeof checkpointStatusSchema>;
export const CHECKPOINT_DIRECTIONS = checkpointDirectionSchema.options;

// Shown on scanners: no control or format characters that could hide or reorder text.
const shown = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'checkpoint.text_control_chars');

export const checkpointInputSchema = z.object({
  name: shown(2, 60).describe('e.g. 花桥收费站入城卡口'),
  location: shown(2, 200),
  regionCode: regionSchema.describe('GB/T 2260 code of the area the checkpoint is in'),
  direction: checkpointDirectionSchema.describe('which traffic it checks: inbound, outbound or both'),
});
export type CheckpointInput = z.infer<typeof checkpointInputSchema>;

export const checkpointSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    location: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    direction: checkpointDirectionSchema,
    status: checkpointStatusSchema,
    staffCount: z.number().int().describe('enabled staff'),
    deviceCount: z.number().int().describe('devices not revoked'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Checkpoint' });
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** 4–8 ASCII digits, and not one anyone would try first (1111, 1234, 1212…). */
export const pinSchema = z
  .string()
  .regex(PIN_PATTERN, 'cpstaff.pin_rule')
  .refine((p) => !isTrivialPin(p), 'cpstaff.pin_trivial');

export const staffBadgeInputSchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(BADGE_PATTERN, 'cpstaff.badge_rule'));

export const staffInputSchema = z.object({
  badge: staffBadgeInputSchema.describe('badge number, unique across all checkpoints; stored upper-case'),
  name: shown(1, 60),
  pin: pinSchema.describe('4–8 digits; stored only as a PBKDF2 hash, never shown again'),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

export const staffRenameSchema = z.object({ name: shown(1, 60) });
export const staffPinSchema = z.object({ pin: pinSchema });

/** A staff member as the portal and API show them: never the PIN, never its hash. */
export const staffSchema = z
  .object({
    id: z.number().int(),
    checkpointId: z.number().int(),
    badge: z.string(),
    name: z.string(),
    disabled: z.boolean(),
    pinSetAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CheckpointStaff' });
export type Staff = z.infer<typeof staffSchema>;
