import { z } from 'zod';
import { ANOMALY_KINDS, SEVERITIES } from '../../../core/audit/anomalies.js';
import { instantOrDaySchema } from '../../../core/audit/time-range.js';

/** A GET form sends every field, empty ones as ''; an empty field is no filter. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const instantOrDay = instantOrDaySchema;

export const anomalyQuerySchema = z.object({
  kind: opt(z.enum(ANOMALY_KINDS)).describe('One kind of anomaly'),
  checkpoint: opt(z.coerce.number().int().min(1)).describe('Checkpoint id'),
  device: opt(z.string().min(1).max(64)).describe('Device id'),
  from: opt(instantOrDay).describe('At or after: a China day (YYYY-MM-DD, from its start) or an ISO instant with offset'),
  to: opt(instantOrDay).describe('Before: a China day (YYYY-MM-DD, inclusive) or an ISO instant with offset (exclusive)'),
  cursor: opt(z.string().max(200)).describe('The nextCursor of the previous page'),
  limit: opt(z.coerce.number().int().min(1).max(200)),
});
export type AnomalyQuery = z.output<typeof anomalyQuerySchema>;

/** The keyset position: (at, id) of the last row shown, newest first. */
export interface Cursor {
  a: string;
  i: number;
}

export const anomalyRowSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(ANOMALY_KINDS),
    severity: z.enum(SEVERITIES),
    at: z.string().describe('When it happened (ISO UTC): receipt of the event, of the later event of a pair, or when a limit passed'),
    eventId: z.string().nullable().describe('The event that shows it (for overdue records: the check that started the request or task)'),
    otherEventId: z.string().nullable().describe('impossible_travel: the earlier sighting'),
    deviceId: z.string().nullable(),
    checkpointId: z.number().int().nullable(),
    checkpointName: z.string().nullable(),
    passNo: z.string().nullable(),
    escortRequestId: z.number().int().nullable(),
    custodyId: z.number().int().nullable(),
    detectedAt: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditAnomaly' });
export type AnomalyRow = z.infer<typeof anomalyRowSchema>;

export const anomalyPageSchema = z
  .object({
    counts: z.record(z.string(), z.number().int()).describe('Matches per kind for the other filters (the kind filter aside)'),
    items: z.array(anomalyRowSchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next (older) page; null on the last page'),
  })
  .meta({ id: 'AuditAnomalyPage' });
