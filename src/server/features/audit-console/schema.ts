import { z } from 'zod';
import { usccSchema } from '../../../core/pass/claims.js';
import { DECISIONS, CHARTER_DECISIONS } from '../../../core/events/index.js';
import { EVENT_FLAGS, REFERENCE_FLAGS } from '../ingest/repository.js';
import { instantOrDaySchema } from '../../../core/audit/time-range.js';

export const EVENT_FLAGS_ALL = [...EVENT_FLAGS, ...REFERENCE_FLAGS] as const;

/** A GET form sends every field, empty ones as ''; an empty field is no filter. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const flag = opt(z.enum(['1', 'true', 'on']));

/** A China day (the portal's date inputs) or an instant with its offset (the API). */
const instantOrDay = instantOrDaySchema;

export const SEARCH_DECISIONS = [...new Set([...DECISIONS, ...CHARTER_DECISIONS])] as const;

/**
 * The check search's filters, as the page's form and the API's query string
 * carry them. Every filter is optional; they combine with AND.
 */
export const checkSearchQuerySchema = z
  .object({
    from: opt(instantOrDay).describe('Received at or after: a China day (YYYY-MM-DD, from its start) or an ISO instant with offset'),
    to: opt(instantOrDay).describe('Received before: a China day (YYYY-MM-DD, to its end, inclusive) or an ISO instant with offset (exclusive)'),
    checkpoint: opt(z.coerce.number().int().min(1)).describe('Checkpoint id (any of its devices)'),
    device: opt(z.string().min(1).max(64)).describe('Device id'),
    staff: opt(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/)).describe('Staff badge'),
    enterprise: opt(usccSchema).describe('Receiving enterprise, by unified social credit code'),
    plate: opt(z.string().min(1).max(16)).describe('Plate; spaces, dots and hyphens are ignored, letters folded to upper case'),
    pass: opt(z.string().min(1).max(64)).describe('Pass id (jti) as presented'),
    name: opt(z.string().min(1).max(40)).describe('Person on the presented pass, by exact name'),
    idLast4: opt(z.string().regex(/^[0-9]{3}[0-9Xx]$/)).describe('Person on the presented pass, by the last four ID characters'),
    decision: opt(z.enum(SEARCH_DECISIONS)),
    fever: flag.describe('Only checks with a confirmed fever (temp.fever_confirmed)'),
    keyarea: flag.describe('Only checks involving a key area (a keyarea.* reason other than keyarea.none)'),
    anomalies: flag.describe('Only events with a chain or reference flag'),
    cursor: opt(z.string().max(200)).describe('The nextCursor of the previous page'),
    limit: opt(z.coerce.number().int().min(1).max(200)),
  });
export type CheckSearchQuery = z.output<typeof checkSearchQuerySchema>;

/** The keyset position: the (received_at, id) of the last row shown, newest first. */
export const cursorSchema = z.object({ r: z.iso.datetime(), i: z.string().min(1).max(64) });
export type Cursor = z.infer<typeof cursorSchema>;

export const checkRowSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    deviceId: z.string(),
    checkpointId: z.number().int(),
    checkpointName: z.string(),
    seq: z.number().int(),
    deviceTime: z.string(),
    receivedAt: z.string(),
    clockOffsetMs: z.number().int(),
    plate: z.string().nullable(),
    passNo: z.string().nullable(),
    decision: z.string().nullable(),
    reasons: z.array(z.string()),
    staffBadge: z.string().nullable(),
    receivingEnterprise: z.string().nullable(),
    ruleSetVersion: z.number().int().nullable(),
    flags: z.array(z.enum(EVENT_FLAGS_ALL)),
  })
  .meta({ id: 'AuditCheckRow' });
export type CheckRow = z.infer<typeof checkRowSchema>;

export const checkSearchResponseSchema = z
  .object({
    items: z.array(checkRowSchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next (older) page; null on the last page'),
  })
  .meta({ id: 'AuditCheckPage' });
export type CheckSearchResponse = z.infer<typeof checkSearchResponseSchema>;
