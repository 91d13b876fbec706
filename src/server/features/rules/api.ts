import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchRegions } from '../../../core/validate/index.js';
import { policy } from '../../plugins/access.js';
import { notFound, problemSchema } from '../../problem.js';
import {
  draftFieldsSchema,
  draftSchema,
  publishBodySchema,
  regionQuerySchema,
  regionRefSchema,
  ruleSetVersionSchema,
  versionParamsSchema,
} from './schema.js';
import { byUser, regionRef, type RulesService } from './service.js';

const tags = ['rules'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const rulesApi =
  (rules: RulesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/v1/rules', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'Published rule-set versions, newest first, with their status now',
        response: { 200: z.array(ruleSetVersionSchema), ...errors },
      },
    }, async () => rules.list());

    app.get('/api/v1/rules/active', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'The rule set in force now',
        description: 'The published version with the greatest effective time at or before now (on a tie, the higher version).',
        response: { 200: ruleSetVersionSchema, ...errors },
      },
    }, async () => rules.active());

    app.get('/api/v1/rules/draft', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'The draft, compared with the active version',
        description: 'Until an administrator edits it, the draft is a copy of the newest published version.',
        response: { 200: draftSchema, ...errors },
      },
    }, async () => rules.getDraft());

    app.put('/api/v1/rules/draft', {
      config: { access: policy.admin },
      schema: {
        tags,
        summary: 'Replace the draft’s settings and key areas',
        description: 'Every field is required. 400 with field errors when the result is not a valid rule set.',
        body: draftFieldsSchema,
        response: { 200: draftSchema, ...errors },
      },
    }, async (request) => rules.saveDraft(byUser(request.actor!, request.ip), request.body));

    app.post('/api/v1/rules/draft/publish', {
      config: { access: policy.admin },
      schema: {
        tags,
        summary: 'Publish the draft as the next version',
        description:
          'The new version is immutable and takes effect at effectiveFrom (default now). 400 when effectiveFrom is in the past; ' +
          '409 when it is before the newest version’s effective time, or when the draft is the same as the newest version.',
        body: publishBodySchema,
        response: { 201: ruleSetVersionSchema, ...errors },
      },
    }, async (request, reply) => reply.code(201).send(await rules.publish(byUser(request.actor!, request.ip), request.body)));

    app.get('/api/v1/rules/:version', {
      config: { access: policy.bureau },
      schema: { tags, summary: 'One published version', params: versionParamsSchema, response: { 200: ruleSetVersionSchema, ...errors } },
    }, async (request) => {
      const version = rules.get(request.params.version);
      if (!version) throw notFound();
      return version;
    });

    app.get('/api/v1/regions', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'Search GB/T 2260 regions by name or code (the key-area picker)',
        description: 'Digits search by code prefix; anything else by name. Each result carries its full name and how many counties it covers.',
        querystring: regionQuerySchema,
        response: { 200: z.array(regionRefSchema), ...errors },
      },
    }, async (request) => searchRegions(request.query.q, request.query.limit).map((r) => regionRef(r.code)));
  };
