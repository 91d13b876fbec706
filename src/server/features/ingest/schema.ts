import { z } from 'zod';
import { EVENT_TYPES, eventSchema } from '../../../core/events/index.js';
import { EVENT_FLAGS, REFERENCE_FLAGS } from './repository.js';
import { MAX_BATCH_EVENTS, REFUSAL_REASONS } from './service.js';
import { decimalInt } from '../../ids.js';

export const eventFlagSchema = z.enum(EVENT_FLAGS).describe(
  'gap: the event before it (seq − 1) is not stored; broken_link: its prevHash is not the hash of the stored event before it ' +
    '(for seq 1: not the genesis hash); fork: another event of the device has the same seq',
);

/** Documents the event shape; the body is checked event by event in the service, so one bad event is refused on its own. */
const documentedEvent = eventSchema.meta({
  id: 'DeviceEvent',
  description:
    'A signed device event (src/core/events/event.ts): sig is the device key’s ECDSA P-256 signature over the RFC 8785 ' +
    'canonical form of every other member; prevHash is the eventHash of the device’s previous event (genesis: 43 × A).',
});

export const ingestBodySchema = z.object({
  events: z
    .array(z.union([documentedEvent, z.unknown()]))
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

export const chainStateSchema = z.object({
  lastSeq: z.number().int().nullable().describe('highest seq stored for the device; null when none'),
  lastHash: z.string().nullable().describe('eventHash of that event: the prevHash of the next one'),
});

export const eventListQuerySchema = z.object({
  deviceId: z.string().min(1).max(64).optional(),
  flag: z
    .enum([...EVENT_FLAGS, ...REFERENCE_FLAGS, 'any', 'conflict'])
    .optional()
    .describe('only events with this chain or reference flag; any: with any chain flag; conflict: with a conflicting twin on record'),
  limit: decimalInt({ min: 1, max: 500 }).default(100),
  offset: decimalInt({ min: 0 }).default(0),
});

export const storedEventSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    seq: z.number().int(),
    type: z.enum(EVENT_TYPES),
    deviceTime: z.string().describe('as the device wrote it'),
    receivedAt: z.string(),
    clockOffsetMs: z.number().int().describe('receipt time − device time, at receipt'),
    prevHash: z.string(),
    hash: z.string(),
    payload: z.record(z.string(), z.unknown()),
    flags: z.array(eventFlagSchema),
    referenceFlags: z
      .array(z.enum(REFERENCE_FLAGS))
      .describe(
        'unknown_staff: the staff badge is not of the device’s checkpoint; cross_checkpoint: a handover naming a check that is not ' +
          'a check of the same checkpoint. The event is stored all the same: the device’s record is evidence.',
      ),
    conflicts: z.number().int().describe('distinct conflicting twins (same id, other content) received since'),
  })
  .meta({ id: 'StoredEvent' });
