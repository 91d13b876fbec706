import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { vehicleInputSchema, vehicleListQuerySchema, vehicleSchema } from './schema.js';
import { vehiclesService } from './service.js';
import { idSchema } from '../../ids.js';

const tags = ['vehicles'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });

export const vehiclesApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.vehicles;

  app.get('/api/v1/vehicles', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: "List vehicles: an enterprise user its own, the bureau all (filter by enterpriseId)",
      querystring: vehicleListQuerySchema, response: { 200: z.object({ items: z.array(vehicleSchema), total: z.number().int() }), ...errors },
    },
  }, async (request) => svc.list(request.actor!, request.query));

  app.post('/api/v1/vehicles', {
    config: { access: policy.enterprise },
    schema: { tags, summary: "Register one of the signed-in user's enterprise's vehicles", body: vehicleInputSchema, response: { 201: vehicleSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.create(request.actor!, request.body, request.ip)));

  app.get('/api/v1/vehicles/:id', {
    config: { access: policy.anyUser },
    schema: { tags, summary: 'One vehicle (an enterprise user may read only its own)', params: idParams, response: { 200: vehicleSchema, ...errors } },
  }, async (request) => svc.get(request.actor!, request.params.id));

  app.put('/api/v1/vehicles/:id', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: 'Correct a vehicle (the plate is fixed while a submitted or valid pass names it)',
      params: idParams, body: vehicleInputSchema, response: { 200: vehicleSchema, ...errors },
    },
  }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/vehicles/:id/archive', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Archive a vehicle (vehicles are never deleted: passes refer to them)', params: idParams, response: { 200: vehicleSchema, ...errors } },
  }, async (request) => svc.archive(request.actor!, request.params.id, request.ip));

  app.post('/api/v1/vehicles/:id/restore', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Bring an archived vehicle back into use', params: idParams, response: { 200: vehicleSchema, ...errors } },
  }, async (request) => svc.restore(request.actor!, request.params.id, request.ip));
};
