import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { checkpointInputSchema, checkpointSchema, checkpointStatusSchema, staffInputSchema, staffPinSchema, staffRenameSchema, staffSchema } from './schema.js';
import type { CheckpointsService } from './service.js';
import { idSchema } from '../../ids.js';

const tags = ['checkpoints'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });
const staffParams = idParams.extend({ staffId: idSchema });

export function checkpointsApi(svc: CheckpointsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/checkpoints', {
      config: { access: policy.admin },
      schema: {
        tags, summary: 'Checkpoints (active first)',
        querystring: z.object({ status: checkpointStatusSchema.optional() }),
        response: { 200: z.array(checkpointSchema), ...errors },
      },
    }, async (request) => svc.list(request.query.status));

    app.post('/api/v1/checkpoints', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Set up a checkpoint', body: checkpointInputSchema, response: { 201: checkpointSchema, ...errors } },
    }, async (request, reply) => reply.code(201).send(await svc.create(request.actor!, request.body, request.ip)));

    app.get('/api/v1/checkpoints/:id', {
      config: { access: policy.admin },
      schema: { tags, summary: 'One checkpoint', params: idParams, response: { 200: checkpointSchema, ...errors } },
    }, async (request) => svc.get(request.params.id));

    app.put('/api/v1/checkpoints/:id', {
      config: { access: policy.admin },
      schema: {
        tags, summary: "Correct a checkpoint's name, location, region or direction (devices get it with their next sync)",
        params: idParams, body: checkpointInputSchema, response: { 200: checkpointSchema, ...errors },
      },
    }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

    app.post('/api/v1/checkpoints/:id/close', {
      config: { access: policy.admin },
      schema: {
        tags, summary: 'Close a checkpoint: its pending enrollment codes stop working; its devices learn it from their checkpoint data',
        params: idParams, response: { 200: checkpointSchema, ...errors },
      },
    }, async (request) => svc.close(request.actor!, request.params.id, request.ip));

    app.post('/api/v1/checkpoints/:id/reopen', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Reopen a closed checkpoint', params: idParams, response: { 200: checkpointSchema, ...errors } },
    }, async (request) => svc.reopen(request.actor!, request.params.id, request.ip));

    app.get('/api/v1/checkpoints/:id/staff', {
      config: { access: policy.admin },
      schema: { tags, summary: "A checkpoint's staff (never a PIN or its hash)", params: idParams, response: { 200: z.array(staffSchema), ...errors } },
    }, async (request) => svc.listStaff(request.params.id));

    app.post('/api/v1/checkpoints/:id/staff', {
      config: { access: policy.admin },
      schema: {
        tags, summary: 'Add a staff member with badge, name and PIN',
        description:
          'The badge is unique across checkpoints (409). The PIN is 4–8 digits, not a trivial one (1111, 1234…); it is stored as a ' +
          'PBKDF2-SHA-256 hash that enrolled devices of this checkpoint receive to check it offline, and is never shown again.',
        params: idParams, body: staffInputSchema, response: { 201: staffSchema, ...errors },
      },
    }, async (request, reply) => reply.code(201).send(await svc.createStaff(request.actor!, request.params.id, request.body, request.ip)));

    app.put('/api/v1/checkpoints/:id/staff/:staffId', {
      config: { access: policy.admin },
      schema: { tags, summary: "Correct a staff member's name", params: staffParams, body: staffRenameSchema, response: { 200: staffSchema, ...errors } },
    }, async (request) => svc.renameStaff(request.actor!, request.params.id, request.params.staffId, request.body.name, request.ip));

    app.post('/api/v1/checkpoints/:id/staff/:staffId/pin', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Set a new PIN', params: staffParams, body: staffPinSchema, response: { 200: staffSchema, ...errors } },
    }, async (request) => svc.resetPin(request.actor!, request.params.id, request.params.staffId, request.body.pin, request.ip));

    app.post('/api/v1/checkpoints/:id/staff/:staffId/disable', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Disable a staff member (left out of the checkpoint data from now on)', params: staffParams, response: { 200: staffSchema, ...errors } },
    }, async (request) => svc.disableStaff(request.actor!, request.params.id, request.params.staffId, request.ip));

    app.post('/api/v1/checkpoints/:id/staff/:staffId/enable', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Enable a disabled staff member again', params: staffParams, response: { 200: staffSchema, ...errors } },
    }, async (request) => svc.enableStaff(request.actor!, request.params.id, request.params.staffId, request.ip));
  };
}
