import { z } from 'zod';
import { EVENT_TYPES } from '../../../core/events/index.js';
import { EVENT_FLAGS, eventFlagSchema } from '../../../core/sync/index.js';
import { REFERENCE_FLAGS } from './repository.js';
import { decimalInt } from '../../ids.js';

// What a device uploads and gets back (body, results, chain state) is the sync contract: src/core/sync/.

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
