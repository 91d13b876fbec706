import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { createdUserSchema, createUserSchema, userSchema } from '../users/schema.js';
import { enterpriseInputSchema, enterpriseSchema, enterpriseStatusSchema, statusChangeSchema } from './schema.js';
import { enterprisesService } from './service.js';
import { idSchema, decimalInt } from '../../ids.js';

const tags = ['enterprises'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });
const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: enterpriseStatusSchema.optional(),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});

export const enterprisesApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.enterprises;

  app.get('/api/v1/enterprises', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'List enterprises', querystring: listQuery, response: { 200: z.object({ items: z.array(enterpriseSchema), total: z.number().int() }), ...errors } },
  }, async (request) => svc.list(request.actor!, request.query));

  app.post('/api/v1/enterprises', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Register an enterprise', body: enterpriseInputSchema, response: { 201: enterpriseSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.register(request.actor!, request.body, request.ip)));

  app.get('/api/v1/enterprises/:id', {
    config: { access: policy.anyUser },
    schema: { tags, summary: 'One enterprise (an enterprise user may read only its own)', params: idParams, response: { 200: enterpriseSchema, ...errors } },
  }, async (request) => svc.get(request.actor!, request.params.id));

  app.put('/api/v1/enterprises/:id', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Correct an enterprise registration', params: idParams, body: enterpriseInputSchema, response: { 200: enterpriseSchema, ...errors } },
  }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

  app.patch('/api/v1/enterprises/:id/contact', {
    config: { access: policy.anyUser },
    schema: {
      tags, summary: 'Update address and duty phone (the enterprise itself or the bureau)', params: idParams,
      body: enterpriseInputSchema.pick({ address: true, dutyPhone: true }), response: { 200: enterpriseSchema, ...errors },
    },
  }, async (request) => svc.updateContact(request.actor!, request.params.id, request.body, request.ip));

  app.post('/api/v1/enterprises/:id/status', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Approve resumption of work (复工备案) or suspend', params: idParams, body: statusChangeSchema, response: { 200: enterpriseSchema, ...errors } },
  }, async (request) => svc.setStatus(request.actor!, request.params.id, request.body.status, request.body.reason, request.ip));

  app.get('/api/v1/enterprises/:id/users', {
    config: { access: policy.anyUser },
    schema: { tags, summary: "An enterprise's accounts", params: idParams, response: { 200: z.array(userSchema), ...errors } },
  }, async (request) => svc.listUsers(request.actor!, request.params.id));

  app.post('/api/v1/enterprises/:id/users', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Create an enterprise account with a one-time password', params: idParams, body: createUserSchema, response: { 201: createdUserSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.createUser(request.actor!, request.params.id, request.body, request.ip)));
};
