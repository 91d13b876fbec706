import { z } from 'zod';
import { ESCORT_REQUEST_STATUSES } from '../../../core/sync/index.js';
import { phoneSchema } from '../enterprises/schema.js';
import { freeText } from '../../free-text.js';
import { decimalInt, idSchema } from '../../ids.js';
import { isolationArrangementShape, isolationEndInputSchema, isolationRecordShape, type IsolationEndInput } from '../isolation/schema.js';

export { ESCORT_REQUEST_STATUSES, type EscortRequestStatus } from '../../../core/sync/index.js';
export const escortStatusSchema = z.enum(ESCORT_REQUEST_STATUSES);

/**
 * Why a request needs someone's attention (docs/escorts.md, "Limits"):
 * - wait: at the checkpoint past maxCheckpointWaitSec without a handover;
 * - transit: handed over past maxTransitSec without an arrival;
 * - isolation_unrecorded: arrived, and a person from a key area has no isolation arrangement;
 * - isolation_end: an isolation past its planned end without an end recorded.
 */
export const OVERDUE_KINDS = ['wait', 'transit', 'isolation_unrecorded', 'isolation_end'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

export const TIMELINE_KINDS = ['requested', 'notified', 'dispatched', 'handed_over', 'arrived', 'isolation_started', 'isolation_ended', 'overdue', 'closed'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const escortPersonSchema = z.object({
  /** position among the people on board, as the check recorded them */
  index: z.int(),
  /** position on the pass; null: not on the pass (or no pass), and then no name is known here */
  passIndex: z.int().nullable(),
  name: z.string().nullable(),
  idMasked: z.string().nullable().describe('e.g. **************002X; the full number never leaves the registry'),
  role: z.enum(['driver', 'escort', 'other']),
  keyArea: z.boolean().describe('a declared stay in a key area, a key-area origin or the staff flag: needs an isolation arrangement'),
});
export type EscortPerson = z.infer<typeof escortPersonSchema>;

// The isolation record itself is shared with the charter custody tasks (features/isolation).
export const isolationSchema = z.object({ personIndex: z.int(), ...isolationRecordShape }).meta({ id: 'EscortIsolation' });
export type Isolation = z.infer<typeof isolationSchema>;

export const overdueSchema = z.object({
  kind: z.enum(OVERDUE_KINDS),
  /** the person, for the isolation kinds */
  personIndex: z.int().nullable(),
  /** since when the limit has been passed */
  since: z.string(),
});
export type Overdue = z.infer<typeof overdueSchema>;

export const escortRequestSchema = z
  .object({
    id: z.int(),
    checkEventId: z.string(),
    checkpoint: z.object({ id: z.int(), name: z.string(), location: z.string() }),
    enterpriseId: z.int().nullable(),
    enterpriseName: z.string().nullable(),
    passNo: z.string().nullable(),
    plate: z.string(),
    people: z.array(escortPersonSchema),
    reasons: z.array(z.string()).describe('reason codes of the decision (src/core/rules/reasons.ts)'),
    ruleSetVersion: z.int(),
    waitingSince: z.string(),
    status: escortStatusSchema,
    dispatch: z
      .object({ escortName: z.string(), phoneMasked: z.string().nullable(), dispatchedAt: z.string() })
      .nullable(),
    handover: z
      .object({ eventId: z.string(), at: z.string(), escortName: z.string(), phoneLast4: z.string().nullable(), differentEscort: z.boolean().nullable() })
      .nullable()
      .describe('differentEscort: the handover names someone else than the dispatch (flagged, not refused); null without a dispatch'),
    arrivedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    isolations: z.array(isolationSchema),
    overdue: z.array(overdueSchema),
    updatedAt: z.string(),
  })
  .meta({ id: 'EscortRequest' });
export type EscortRequest = z.infer<typeof escortRequestSchema>;

export const timelineEntrySchema = z
  .object({
    kind: z.enum(TIMELINE_KINDS),
    at: z.string(),
    recordedAt: z.string(),
    actorType: z.enum(['user', 'device', 'system']),
    actorName: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EscortTimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** `active`: everything not closed (the default: what still needs doing). */
export const escortListQuerySchema = z.object({
  status: z.union([escortStatusSchema, z.literal('active'), z.literal('all')]).default('active'),
  checkpointId: idSchema.optional().describe('bureau: one checkpoint'),
  enterpriseId: idSchema.optional().describe('bureau: one enterprise; an enterprise user sees its own'),
  overdue: z.enum(['yes', 'any']).default('any'),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});
export type EscortListQuery = z.infer<typeof escortListQuerySchema>;

// An instant the enterprise gives: with an offset, or a local China time from a datetime-local input.
const instant = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.test(s) && Number.isFinite(Date.parse(withChinaOffset(s))), 'escort.err.time')
  .transform((s) => new Date(Date.parse(withChinaOffset(s))).toISOString());

/** A local time without an offset is China time (what a datetime-local field in the portal sends). */
export function withChinaOffset(s: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s.length === 16 ? `${s}:00` : s}+08:00`;
}

const personName = (key: 'escort.err.name', max: number) =>
  freeText(z.string({ error: key }).trim().min(1, key).max(max, key));

export const dispatchInputSchema = z.object({
  escortName: personName('escort.err.name', 20).describe('whom the enterprise sends'),
  escortPhone: phoneSchema.describe('stored encrypted; the scanner gets only the last four'),
  dispatchedAt: instant.optional().describe('when the escort set off; default now'),
});
export type DispatchInput = z.infer<typeof dispatchInputSchema>;

export const arrivalInputSchema = z.object({
  arrivedAt: instant.optional().describe('arrival at the premises; default now'),
});
export type ArrivalInput = z.infer<typeof arrivalInputSchema>;

export const isolationInputSchema = z.object({
  personIndex: z.coerce.number().pipe(z.int().min(0).max(63)).describe('the person, by index in the request'),
  ...isolationArrangementShape,
});
export type IsolationInput = z.infer<typeof isolationInputSchema>;

export { isolationEndInputSchema, type IsolationEndInput };

export const requestParamsSchema = z.object({ id: idSchema });
export const isolationParamsSchema = z.object({ id: idSchema, personIndex: decimalInt({ min: 0, max: 63 }) });

/** One check of an enterprise's own passes, for its history. */
export const passCheckSchema = z
  .object({
    eventId: z.string(),
    at: z.string().describe('the device time of the check, in UTC'),
    checkpoint: z.object({ id: z.int(), name: z.string(), location: z.string() }),
    passNo: z.string().nullable(),
    plate: z.string(),
    decision: z.string(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PassCheck' });
export type PassCheck = z.infer<typeof passCheckSchema>;

export const passCheckQuerySchema = z.object({
  enterpriseId: idSchema.optional().describe('bureau only'),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});

/** Per enterprise, for the bureau's enterprise list: what stands out. */
export interface EnterpriseAttention {
  overdue: number;
  unconfirmedIsolation: number;
}
