import { z } from 'zod';
import { usccSchema } from '../../../core/pass/claims.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/catalogue.js';
import { instantOrDaySchema } from '../../../core/audit/time-range.js';

/** A GET form sends every field, empty ones as ''; an empty field is no filter. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** A China day (the page's date inputs) or an instant with its offset (the API). */
const instantOrDay = instantOrDaySchema;

export const ACTION_CODES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
export const SUBJECT_TYPES = [...new Set(Object.values(AUDIT_ACTIONS).map((a) => a.subject))].sort() as [string, ...string[]];

/**
 * The action log's filters (page form and API query string); all optional, AND.
 * Device events (`device.event`, one per check received) are most of the log;
 * they are left out unless asked for (`devices`), or an action, a subject of
 * type event or an entry's seq names them.
 */
export const actionSearchQuerySchema = z.object({
  from: opt(instantOrDay).describe('Recorded at or after: a China day (YYYY-MM-DD, from its start) or an ISO instant with offset'),
  to: opt(instantOrDay).describe('Recorded before: a China day (YYYY-MM-DD, to its end, inclusive) or an ISO instant with offset (exclusive)'),
  actor: opt(z.coerce.number().int().min(1)).describe('A user as actor, by user id'),
  actorName: opt(z.string().min(1).max(64)).describe('Actor by exact name: user name, device id, or a system actor (cli, audit, …)'),
  action: opt(z.enum(ACTION_CODES)).describe('Action code of the catalogue'),
  subjectType: opt(z.enum(SUBJECT_TYPES)).describe('Subject type'),
  subject: opt(z.string().min(1).max(64)).describe('Subject id: a pass number, an enterprise id or credit code, a device id, an event id, a key id …'),
  enterprise: opt(usccSchema).describe('Enterprise concerned, by unified social credit code'),
  seq: opt(z.coerce.number().int().min(1)).describe('One entry, by its seq'),
  devices: opt(z.enum(['1', 'true', 'on'])).describe('Include device.event entries (every check received)'),
  cursor: opt(z.coerce.number().int().min(2)).describe('The nextCursor of the previous page'),
  limit: opt(z.coerce.number().int().min(1).max(200)),
});
export type ActionSearchQuery = z.output<typeof actionSearchQuerySchema>;

export const actionRowSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorType: z.enum(['user', 'device', 'system']),
    actorId: z.number().int().nullable(),
    actorName: z.string(),
    /** the user's display name when the actor is a user still on file */
    actorDisplay: z.string().nullable(),
    action: z.string(),
    label: z.object({ zh: z.string(), en: z.string() }).nullable().describe('The catalogue label; null for a code this version does not know'),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    enterpriseId: z.number().int().nullable(),
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).describe('With the personal members while retention keeps them'),
    erased: z.boolean().describe('Retention erased this entry’s personal members'),
    ip: z.string().nullable(),
    hash: z.string().nullable(),
    prevHash: z.string().nullable(),
  })
  .meta({ id: 'AuditActionRow' });
export type ActionRow = z.infer<typeof actionRowSchema>;

export const actionSearchResponseSchema = z
  .object({
    items: z.array(actionRowSchema),
    nextCursor: z.number().int().nullable().describe('Pass as cursor for the next (older) page; null on the last page'),
  })
  .meta({ id: 'AuditActionPage' });
