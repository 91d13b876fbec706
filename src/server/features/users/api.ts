import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { createdUserSchema, createUserSchema, userSchema } from './schema.js';
import { usersService } from './service.js';
import { idSchema } from '../../ids.js';

const tags = ['accounts'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });
const staffInput = createUserSchema.extend({ role: z.enum(['bureau_admin', 'bureau_officer']) });

export const usersApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.users;

  app.get('/api/v1/staff', {
    config: { access: policy.admin },
    schema: { tags, summary: 'Bureau accounts', response: { 200: z.array(userSchema), ...errors } },
  }, async () => svc.listBureau());

  app.post('/api/v1/staff', {
    config: { access: policy.admin },
    schema: { tags, summary: 'Create a bureau account with a one-time password', body: staffInput, response: { 201: createdUserSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.create(request.actor!, { ...request.body, enterpriseId: null }, request.ip)));

  app.post('/api/v1/users/:id/disable', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Disable an account and end its sessions', params: idParams, response: { 200: userSchema, ...errors } },
  }, async (request) => svc.setDisabled(request.actor!, request.params.id, true, request.ip));

  app.post('/api/v1/users/:id/enable', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Enable an account', params: idParams, response: { 200: userSchema, ...errors } },
  }, async (request) => svc.setDisabled(request.actor!, request.params.id, false, request.ip));

  app.post('/api/v1/users/:id/reset-password', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Issue a new one-time password', params: idParams, response: { 200: createdUserSchema, ...errors } },
  }, async (request) => svc.resetPassword(request.actor!, request.params.id, request.ip));
};
