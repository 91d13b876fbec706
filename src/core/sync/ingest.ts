import * as z from 'zod';
import { eventSchema } from '../events/event.js';

/** Events per upload; a device with a longer backlog sends several batches (any split, any order). */
export const MAX_BATCH_EVENTS = 500;

/** Chain flags of a stored event, as the server reports them back. */
export const EVENT_FLAGS = ['gap', 'broken_link', 'fork'] as const;
export type EventFlag = (typeof EVENT_FLAGS)[number];

export const REFUSAL_REASONS = ['invalid_event', 'wrong_device', 'bad_signature', 'conflict'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * The answer for one uploaded event, in upload order. `accepted`: stored now;
 * `duplicate`: this event (same id, same canonical form) was stored before,
 * nothing changed; `refused`: not stored (a `conflict` is kept for the bureau
 * in event_conflicts, never in place of the stored event). `flags` are the
 * stored event's chain flags once the whole batch is in.
 */
export type IngestResult =
  | { index: number; id: string; status: 'accepted' | 'duplicate'; flags: EventFlag[] }
  | { index: number; id: string | null; status: 'refused'; reason: RefusalReason; detail?: string };

export const eventFlagSchema = z.enum(EVENT_FLAGS).describe(
  'gap: the event before it (seq − 1) is not stored; broken_link: its prevHash is not the hash of the stored event before it ' +
    '(for seq 1: not the genesis hash); fork: another event of the device has the same seq',
);

/** Documents the event shape; the body is checked event by event by the server, so one bad event is refused on its own. */
const documentedEvent = eventSchema.meta({
  id: 'DeviceEvent',
  description:
    'A signed device event (src/core/events/event.ts): sig is the device key’s ECDSA P-256 signature over the RFC 8785 ' +
    'canonical form of every other member; prevHash is the eventHash of the device’s previous event (genesis: 43 × A).',
});

/** POST /api/v1/devices/events */
export const ingestBodySchema = z.object({
  events: z
    // z.unknown() first: a union answers with its first option that passes, so the body is not parsed
    // as an event here and again by the server (which refuses each bad event on its own).
    .array(z.union([z.unknown(), documentedEvent]))
    .min(1)
    .max(MAX_BATCH_EVENTS)
    .describe(`1–${MAX_BATCH_EVENTS} events of the calling device, in any order; repeats are fine`),
});

export const ingestResultSchema = z
  .union([
    z.object({
      index: z.number().int().describe('position in the uploaded array'),
      id: z.string(),
      status: z.enum(['accepted', 'duplicate']).describe('accepted: stored now; duplicate: this very event was stored before'),
      flags: z.array(eventFlagSchema).describe('chain flags of the stored event once the whole batch is in'),
    }),
    z.object({
      index: z.number().int(),
      id: z.string().nullable().describe('the id as sent, null when there was none'),
      status: z.literal('refused'),
      reason: z.enum(REFUSAL_REASONS).describe(
        'invalid_event: not a valid event; wrong_device: another device’s event; bad_signature: not signed by the calling device; ' +
          'conflict: an event with this id is stored with other content (kept for review; the stored event is unchanged)',
      ),
      detail: z.string().optional(),
    }),
  ])
  .meta({ id: 'IngestResult' });

export const ingestResponseSchema = z.object({
  receivedAt: z.string().describe('server time of receipt (ISO UTC); every stored event records its clock offset against it'),
  results: z.array(ingestResultSchema).describe('one per uploaded event, in upload order'),
});

/** GET /api/v1/devices/events/state: where the device's chain stands on the server. */
export const chainStateSchema = z.object({
  lastSeq: z.number().int().nullable().describe('highest seq stored for the device; null when none'),
  lastHash: z.string().nullable().describe('eventHash of that event: the prevHash of the next one'),
});
