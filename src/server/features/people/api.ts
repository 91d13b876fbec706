import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { personInputSchema, personListQuerySchema, personSchema, personUpdateSchema, revealedSchema, revealInputSchema } from './schema.js';
import { peopleService } from './service.js';
import { idSchema } from '../../ids.js';

const tags = ['people'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });

export const peopleApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.people;

  app.get('/api/v1/people', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: 'List drivers and escorts (ID numbers and phones masked): an enterprise user its own, the bureau all',
      querystring: personListQuerySchema, response: { 200: z.object({ items: z.array(personSchema), total: z.number().int() }), ...errors },
    },
  }, async (request) => svc.list(request.actor!, request.query));

  app.post('/api/v1/people', {
    config: { access: policy.enterprise },
    schema: { tags, summary: "Register a driver or escort of the signed-in user's enterprise", body: personInputSchema, response: { 201: personSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.create(request.actor!, request.body, request.ip)));

  app.get('/api/v1/people/:id', {
    config: { access: policy.anyUser },
    schema: { tags, summary: 'One person, masked (an enterprise user may read only its own)', params: idParams, response: { 200: personSchema, ...errors } },
  }, async (request) => svc.get(request.actor!, request.params.id));

  app.patch('/api/v1/people/:id', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: 'Change a person: only the fields sent change; stays sent make a new declaration',
      params: idParams, body: personUpdateSchema, response: { 200: personSchema, ...errors },
    },
  }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/people/:id/archive', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Archive a person (people are never deleted: passes refer to them)', params: idParams, response: { 200: personSchema, ...errors } },
  }, async (request) => svc.archive(request.actor!, request.params.id, request.ip));

  app.post('/api/v1/people/:id/restore', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Bring an archived person back', params: idParams, response: { 200: personSchema, ...errors } },
  }, async (request) => svc.restore(request.actor!, request.params.id, request.ip));

  app.post('/api/v1/people/:id/reveal', {
    config: { access: policy.bureau },
    schema: {
      tags, summary: "Bureau only: one person's full ID number and phone; audited as person.reveal, never cached",
      params: idParams, body: revealInputSchema.nullish(), response: { 200: revealedSchema, ...errors },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return svc.reveal(request.actor!, request.params.id, request.body?.reason, request.ip);
  });
};
