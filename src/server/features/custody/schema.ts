/** Custody tasks (item 7): a charter passenger released at a checkpoint into their enterprise's custody for isolation. See docs/custody.md. */
import { z } from 'zod';
import { decimalInt, idSchema } from '../../ids.js';
import { isolationRecordSchema } from '../isolation/schema.js';

export { isolationArrangementInputSchema as custodyIsolationInputSchema, isolationEndInputSchema as custodyIsolationEndInputSchema } from '../isolation/schema.js';

/**
 * Why a task needs someone's attention (docs/custody.md):
 * - isolation_unrecorded: no isolation recorded within CUSTODY_RECORD_WITHIN_SEC of the hand-over;
 * - isolation_end: an isolation past its planned end without an end recorded (as in the escort loop).
 */
export const CUSTODY_OVERDUE_KINDS = ['isolation_unrecorded', 'isolation_end'] as const;
export type CustodyOverdueKind = (typeof CUSTODY_OVERDUE_KINDS)[number];

export const custodyOverdueSchema = z.object({ kind: z.enum(CUSTODY_OVERDUE_KINDS), since: z.string() });
export type CustodyOverdue = z.infer<typeof custodyOverdueSchema>;

export const CUSTODY_STATUSES = ['unrecorded', 'isolating', 'ended'] as const;
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];

export const custodyTaskSchema = z
  .object({
    id: z.int(),
    runId: z.int(),
    plate: z.string().describe("the run's coach plate"),
    place: z.int().describe('manifest place, 0 = 乘客 1'),
    passenger: z.object({ id: z.int(), name: z.string(), idMasked: z.string().describe('e.g. **************0016; never the full number') }),
    enterpriseId: z.int(),
    enterpriseName: z.string(),
    checkpoint: z.object({ id: z.int(), name: z.string(), location: z.string() }),
    eventId: z.string().describe('the charter_check event that handed the passenger over'),
    handedOverAt: z.string().describe("the check's device time, ISO UTC"),
    status: z.enum(CUSTODY_STATUSES),
    isolation: isolationRecordSchema.nullable(),
    overdue: z.array(custodyOverdueSchema),
  })
  .meta({ id: 'CustodyTask' });
export type CustodyTask = z.infer<typeof custodyTaskSchema>;

export const custodyListQuerySchema = z.object({
  status: z.enum([...CUSTODY_STATUSES, 'active', 'all']).default('active').describe('active: not ended'),
  enterpriseId: idSchema.optional().describe('bureau: one enterprise; an enterprise user sees its own'),
  overdue: z.enum(['yes', 'any']).default('any'),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});
export type CustodyListQuery = z.infer<typeof custodyListQuerySchema>;

export const custodyParamsSchema = z.object({ id: idSchema });

export const CHARTER_CHECK_FLAG_KINDS = ['unknown_run', 'md_mismatch', 'count_mismatch', 'ent_mismatch'] as const;
export type CharterCheckFlagKind = (typeof CHARTER_CHECK_FLAG_KINDS)[number];

export const charterCheckFlagSchema = z
  .object({
    eventId: z.string(),
    kind: z.enum(CHARTER_CHECK_FLAG_KINDS),
    place: z.int().nullable().describe('the manifest place, for ent_mismatch'),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    deviceTime: z.string(),
    checkpoint: z.object({ id: z.int(), name: z.string() }),
    runId: z.string().nullable().describe('as the device sent it'),
    plate: z.string(),
    decision: z.string(),
  })
  .meta({ id: 'CharterCheckFlag' });
export type CharterCheckFlag = z.infer<typeof charterCheckFlagSchema>;
