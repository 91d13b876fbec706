import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { decimalInt } from '../../ids.js';
import {
  charterCheckFlagSchema,
  custodyIsolationEndInputSchema,
  custodyIsolationInputSchema,
  custodyListQuerySchema,
  custodyParamsSchema,
  custodyTaskSchema,
} from './schema.js';

const tags = ['custody'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const SCOPED = "An enterprise user reaches its own enterprise's tasks only (another's answers 404); the bureau reads all.";

export const custodyApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.custody;

  app.get('/api/v1/custody', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: 'Custody tasks: charter passengers a checkpoint released into their enterprise\'s custody for isolation',
      description: `${SCOPED} \`status=active\` (the default) is every task whose isolation has not ended; \`overdue=yes\` only those past a limit (docs/custody.md).`,
      querystring: custodyListQuerySchema,
      response: { 200: z.object({ items: z.array(custodyTaskSchema), total: z.int() }), ...errors },
    },
  }, async (request) => svc.list(request.actor!, request.query));

  app.get('/api/v1/custody/:id', {
    config: { access: policy.anyUser },
    schema: { tags, summary: 'One custody task, with what is overdue now', description: SCOPED, params: custodyParamsSchema, response: { 200: custodyTaskSchema, ...errors } },
  }, async (request) => svc.get(request.actor!, request.params.id));

  app.post('/api/v1/custody/:id/isolation', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: "Record the passenger's isolation: place, start, planned end, responsible person (as for escorts)",
      description: "Own tasks only. The start may not be before the hand-over day; the planned end at least the rule set's isolationDays after the start. Recorded once (409 after).",
      params: custodyParamsSchema, body: custodyIsolationInputSchema, response: { 200: custodyTaskSchema, ...errors },
    },
  }, async (request) => svc.recordIsolation(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/custody/:id/isolation/end', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: "Record the day the passenger's isolation ended", description: 'Own tasks only; once (409 after); not before the start, not in the future.',
      params: custodyParamsSchema, body: custodyIsolationEndInputSchema, response: { 200: custodyTaskSchema, ...errors },
    },
  }, async (request) => svc.endIsolation(request.actor!, request.params.id, request.body, request.ip));

  app.get('/api/v1/custody/flags', {
    config: { access: policy.bureau },
    schema: {
      tags, summary: "Charter checks the server's records do not back up (unknown run, another manifest digest, another count or enterprise)",
      querystring: z.object({ page: decimalInt({ min: 1 }).default(1), pageSize: decimalInt({ min: 1, max: 200 }).default(50) }),
      response: { 200: z.object({ items: z.array(charterCheckFlagSchema), total: z.int() }), ...errors },
    },
  }, async (request) => svc.flags(request.actor!, { limit: request.query.pageSize, offset: (request.query.page - 1) * request.query.pageSize }));
};
