import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { chainStateSchema, ingestBodySchema, ingestResponseSchema, MAX_BATCH_EVENTS } from '../../../core/sync/index.js';
import { eventListQuerySchema, storedEventSchema } from './schema.js';
import type { IngestService } from './service.js';
import { z } from 'zod';

const tags = ['events'];
const deviceErrors = { 400: problemSchema, 401: problemSchema, 413: problemSchema };
const bureauErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/**
 * Bytes per upload. A check event is well under 2 KB, so 500 of them fit
 * with room to spare; a device splits a longer backlog (any split will do).
 */
export const INGEST_BODY_LIMIT = 4 * 1024 * 1024;

const SIGNED =
  'Signed device request (x-kakou-device, x-kakou-timestamp, x-kakou-nonce, x-kakou-signature; see POST /api/v1/devices/heartbeat). ';

export function ingestApi(svc: IngestService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/devices/events', {
      config: { access: policy.device },
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Upload recorded events (checks, escort handovers, staff sign-in/out); one answer per event',
        description:
          SIGNED +
          `Up to ${MAX_BATCH_EVENTS} events and ${INGEST_BODY_LIMIT / 1024 / 1024} MiB per request, in any order and split; resending is safe. ` +
          'Each event is checked on its own (shape, that it is the calling device’s, its signature) and every event that passes is ' +
          'stored in one transaction, committed to disk before the answer. An event stored before answers duplicate; an id stored ' +
          'with other content answers refused/conflict (kept for review). A missing predecessor, a prevHash that does not match, or ' +
          'two events with one seq never refuse an event: it is stored and flagged (gap, broken_link, fork). A device may drop an ' +
          'event from its queue once it is accepted or duplicate; refused events need a person to look at them.',
        body: ingestBodySchema,
        response: { 200: ingestResponseSchema, ...deviceErrors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const receivedAt = new Date();
      const results = await svc.ingest(request.device!, request.body.events, receivedAt);
      return { receivedAt: receivedAt.toISOString(), results };
    });

    app.get('/api/v1/devices/events/state', {
      config: { access: policy.device },
      schema: {
        tags,
        summary: 'Where the calling device’s stored chain ends: highest seq and its hash',
        description: `${SIGNED}Lets a device check its chain against the server, e.g. after its storage was restored.`,
        response: { 200: chainStateSchema, ...deviceErrors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.state(request.device!.id);
    });

    app.get('/api/v1/events', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'Stored device events with their chain flags, by device then seq',
        querystring: eventListQuerySchema,
        response: { 200: z.array(storedEventSchema), ...bureauErrors },
      },
    }, async (request) => {
      const { deviceId, flag, limit, offset } = request.query;
      return (await svc.list({ ...(deviceId ? { deviceId } : {}), ...(flag ? { flag } : {}), limit, offset })).map((e) => ({
        id: e.id,
        deviceId: e.deviceId,
        seq: e.seq,
        type: e.type,
        deviceTime: e.deviceTime,
        receivedAt: e.receivedAt,
        clockOffsetMs: e.clockOffsetMs,
        prevHash: e.prevHash,
        hash: e.hash,
        payload: e.payload,
        flags: e.flags,
        referenceFlags: e.referenceFlags,
        conflicts: e.conflicts,
      }));
    });
  };
}
