import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deviceEscortRequestsResponseSchema } from '../../../core/sync/index.js';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import {
  arrivalInputSchema,
  dispatchInputSchema,
  escortListQuerySchema,
  escortRequestSchema,
  isolationEndInputSchema,
  isolationInputSchema,
  isolationParamsSchema,
  passCheckQuerySchema,
  passCheckSchema,
  requestParamsSchema,
  timelineEntrySchema,
} from './schema.js';

const tags = ['escorts'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const SCOPED = 'An enterprise user reaches its own enterprise\'s requests only (another\'s answers 404); the bureau reads all.';

export const escortsApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.escorts;

  app.get('/api/v1/escort-requests', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: 'Escort requests: open ones first, then the rest newest first',
      description: `${SCOPED} \`status=active\` (the default) is every request not closed; \`overdue=yes\` only those past a limit of the rule set in force.`,
      querystring: escortListQuerySchema,
      response: { 200: z.object({ items: z.array(escortRequestSchema), total: z.int() }), ...errors },
    },
  }, async (request) => svc.list(request.actor!, request.query));

  app.get('/api/v1/escort-requests/:id', {
    config: { access: policy.anyUser },
    schema: { tags, summary: 'One escort request, with what is overdue now', description: SCOPED, params: requestParamsSchema, response: { 200: escortRequestSchema, ...errors } },
  }, async (request) => svc.get(request.actor!, request.params.id));

  app.get('/api/v1/escort-requests/:id/timeline', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: "A request's timeline: decision, notification, dispatch, handover, arrival, isolation start and end, overdue, closing",
      description: SCOPED, params: requestParamsSchema, response: { 200: z.object({ items: z.array(timelineEntrySchema) }), ...errors },
    },
  }, async (request) => ({ items: await svc.timeline(request.actor!, request.params.id) }));

  app.post('/api/v1/escort-requests/:id/dispatch', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: 'Record whom the enterprise sends to the checkpoint, and when (again to change it, until the handover)',
      description: 'The phone is stored encrypted; the checkpoint\'s scanner gets the name and the last four digits.',
      params: requestParamsSchema, body: dispatchInputSchema, response: { 200: escortRequestSchema, ...errors },
    },
  }, async (request) => svc.dispatch(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/escort-requests/:id/arrival', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Confirm the vehicle arrived at the premises', params: requestParamsSchema, body: arrivalInputSchema, response: { 200: escortRequestSchema, ...errors } },
  }, async (request) => svc.arrive(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/escort-requests/:id/isolations', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: 'Record the isolation arrangement of one person (after the arrival)',
      description: "The planned end must be at least the rule set's isolationDays after the start; the request closes once every key-area person's isolation has ended.",
      params: requestParamsSchema, body: isolationInputSchema, response: { 200: escortRequestSchema, ...errors },
    },
  }, async (request) => svc.recordIsolation(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/escort-requests/:id/isolations/:personIndex/end', {
    config: { access: policy.enterprise },
    schema: { tags, summary: "Record the end of a person's isolation", params: isolationParamsSchema, body: isolationEndInputSchema, response: { 200: escortRequestSchema, ...errors } },
  }, async (request) => svc.endIsolation(request.actor!, request.params.id, request.params.personIndex, request.body, request.ip));

  app.get('/api/v1/pass-checks', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: "Checks of an enterprise's own passes (time, checkpoint, decision, reasons), newest first",
      description: 'An enterprise user gets its own only; the bureau may name an enterprise.',
      querystring: passCheckQuerySchema, response: { 200: z.object({ items: z.array(passCheckSchema), total: z.int() }), ...errors },
    },
  }, async (request) => svc.passChecks(request.actor!, request.query));

  app.get('/api/v1/devices/escort-requests', {
    config: { access: policy.device },
    schema: {
      tags: ['devices'], summary: "Escort requests of the device's checkpoint from the last 48 hours, by check event",
      description: 'Signed device request (docs/devices.md). The scanner shows on its waiting list whether the enterprise has sent someone; the schema is in src/core/sync/escorts.ts.',
      response: { 200: deviceEscortRequestsResponseSchema, 400: problemSchema, 401: problemSchema },
    },
  }, async (request) => ({ items: await svc.forDevice(request.device!.checkpointId) }));
};
