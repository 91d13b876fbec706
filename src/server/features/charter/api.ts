import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { idSchema } from '../../ids.js';
import { createdUserSchema, createUserSchema, userSchema } from '../users/schema.js';
import { etagMatches } from '../keys/api.js';
import { deviceCharterRunsResponseSchema } from '../../../core/sync/charter-runs.js';
import {
  approveInputSchema, revokePassInputSchema,
  carrierInputSchema, carrierSchema, manifestUploadSchema, needInputSchema, needSchema,
  passengerListInputSchema, rejectInputSchema, runInputSchema, runSchema, runStatusSchema,
} from './schema.js';

const tags = ['charter'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });
const runNeedParams = z.object({ id: idSchema, needId: idSchema });

/** Item 7's JSON API. Who sees what is decided in scope.ts; each route states who may call it. */
export const charterApi: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.charter;

  // ── carriers: the bureau's registry and the carriers' accounts ──
  app.get('/api/v1/carriers', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Carriers (transport operators) registered by the bureau', response: { 200: z.array(carrierSchema), ...errors } },
  }, async () => svc.listCarriers());
  app.post('/api/v1/carriers', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Register a carrier', body: carrierInputSchema, response: { 201: carrierSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.registerCarrier(request.actor!, request.body, request.ip)));
  app.get('/api/v1/carriers/:id/users', {
    config: { access: policy.bureau },
    schema: { tags, summary: "A carrier's accounts", params: idParams, response: { 200: z.array(userSchema), ...errors } },
  }, async (request) => svc.listCarrierUsers(request.params.id));
  app.post('/api/v1/carriers/:id/users', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Create a carrier_user account with a one-time password', params: idParams, body: createUserSchema, response: { 201: createdUserSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.createCarrierUser(request.actor!, request.params.id, request.body, request.ip)));

  // ── needs ──
  app.get('/api/v1/charter/needs', {
    config: { access: policy.charterParty },
    schema: { tags, summary: 'Transport needs: an enterprise its own, a carrier those open to all carriers, the bureau all', response: { 200: z.array(needSchema), ...errors } },
  }, async (request) => svc.listNeeds(request.actor!));
  app.post('/api/v1/charter/needs', {
    config: { access: policy.enterprise },
    schema: { tags, summary: "Post a need to bring workers back (the signed-in user's enterprise, resumption approved)", body: needInputSchema, response: { 201: needSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.postNeed(request.actor!, request.body, request.ip)));
  app.get('/api/v1/charter/needs/:id', {
    config: { access: policy.charterParty },
    schema: { tags, summary: 'One need (404 when not visible to the caller)', params: idParams, response: { 200: needSchema, ...errors } },
  }, async (request) => svc.getNeed(request.actor!, request.params.id));
  app.post('/api/v1/charter/needs/:id/cancel', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Cancel an own need no live run serves', params: idParams, response: { 200: needSchema, ...errors } },
  }, async (request) => svc.cancelNeed(request.actor!, request.params.id, request.ip));

  // ── runs ──
  app.get('/api/v1/charter/runs', {
    config: { access: policy.charterParty },
    schema: {
      tags, summary: 'Charter runs: a carrier its own, an enterprise those serving its needs (its share only), the bureau all',
      querystring: z.object({ status: runStatusSchema.optional() }), response: { 200: z.array(runSchema), ...errors },
    },
  }, async (request) => svc.listRuns(request.actor!, request.query.status));
  app.post('/api/v1/charter/runs', {
    config: { access: policy.carrier },
    schema: { tags, summary: "Plan a run for open needs (the signed-in user's carrier)", body: runInputSchema, response: { 201: runSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await svc.planRun(request.actor!, request.body, request.ip)));
  app.get('/api/v1/charter/runs/:id', {
    config: { access: policy.charterParty },
    schema: { tags, summary: 'One run; passengers masked, and only the caller\'s share (none for a carrier)', params: idParams, response: { 200: runSchema, ...errors } },
  }, async (request) => svc.getRun(request.actor!, request.params.id));
  app.post('/api/v1/charter/runs/:id/cancel', {
    config: { access: policy.carrier },
    schema: { tags, summary: 'Withdraw an own run before the bureau decides', params: idParams, response: { 200: runSchema, ...errors } },
  }, async (request) => svc.cancelRun(request.actor!, request.params.id, request.ip));
  app.put('/api/v1/charter/runs/:id/needs/:needId/passengers', {
    config: { access: policy.enterprise },
    schema: {
      tags, summary: "Enter an own need's passenger list on a run (replaces it; the run must be confirmed again)",
      params: runNeedParams, body: passengerListInputSchema, response: { 200: runSchema, 422: problemSchema, ...errors },
    },
  }, async (request) => svc.setPassengers(request.actor!, request.params.id, request.params.needId, request.body.passengers, request.ip));
  app.post('/api/v1/charter/runs/:id/needs/:needId/manifest', {
    config: { access: policy.enterprise },
    bodyLimit: 1024 * 1024,
    schema: {
      tags,
      summary: 'Upload the passenger list as a CSV or XLSX file (base64). Every row is checked first: any error refuses the whole file ' +
        '(422 manifest_invalid, errors[].path = body.rows.<row in the file>.<column>) and nothing is saved',
      params: runNeedParams, body: manifestUploadSchema, response: { 200: runSchema, 422: problemSchema, ...errors },
    },
  }, async (request) => svc.uploadManifest(request.actor!, request.params.id, request.params.needId, request.body.format, request.body.content, request.ip));
  app.post('/api/v1/charter/runs/:id/confirm', {
    config: { access: policy.enterprise },
    schema: { tags, summary: 'Confirm the run and the passenger lists of all own needs on it', params: idParams, response: { 200: runSchema, ...errors } },
  }, async (request) => svc.confirmRun(request.actor!, request.params.id, request.ip));
  app.post('/api/v1/charter/runs/:id/approve', {
    config: { access: policy.bureau },
    schema: {
      tags,
      summary: 'Approve a run every enterprise confirmed, with the entry checkpoints where the coach is expected; issues its charter pass (audited)',
      description: 'In one transaction: the run is approved, the checkpoints are fixed, and the charter pass (docs/charter-pass.md) is signed with the active pass key.',
      params: idParams, body: approveInputSchema, response: { 200: runSchema, ...errors },
    },
  }, async (request) => svc.approveRun(request.actor!, request.params.id, request.body, request.ip));
  app.post('/api/v1/charter/runs/:id/pass/revoke', {
    config: { access: policy.bureau },
    schema: {
      tags,
      summary: "Revoke a run's charter pass with a reason (audited)",
      description: 'The pass id joins the revocation feed and the trust bundle (checked by scanners by id), and the run leaves the expected-runs documents.',
      params: idParams, body: revokePassInputSchema, response: { 200: runSchema, ...errors },
    },
  }, async (request) => svc.revokePass(request.actor!, request.params.id, request.body.reason, request.ip));

  // ── the checkpoint scanners (a signed device request) ──
  app.get('/api/v1/devices/charter-runs', {
    config: { access: policy.device },
    schema: {
      tags: ['devices'],
      summary: "The charter runs expected at the device's checkpoint, with their manifests, signed for offline use",
      description:
        'Signed device request (as GET /api/v1/devices/checkpoint-data). The data is a compact JWS (typ kakou-charters+jwt, EdDSA) by a ' +
        'bundle key pinned at enrollment; verify it with verifyCharterRuns (src/core/charter/runs-verify.ts). Approved runs listed at this ' +
        'checkpoint whose pass is not revoked and whose window is open or opens within 24 hours; `runs: []` when none. ' +
        'Supports If-None-Match (304), like the trust bundle.',
      response: { 200: deviceCharterRunsResponseSchema, 304: z.null().describe('Not modified'), 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (request, reply) => {
    const data = await svc.expectedRuns(request.device!.checkpointId);
    reply.header('etag', data.etag).header('cache-control', 'private, no-cache');
    if (etagMatches(request.headers['if-none-match'], data.etag)) return reply.code(304).send(null);
    return { data: data.jws, etag: data.etag };
  });
  app.post('/api/v1/charter/runs/:id/reject', {
    config: { access: policy.bureau },
    schema: { tags, summary: 'Reject a run with a reason (audited); its seats are free again', params: idParams, body: rejectInputSchema, response: { 200: runSchema, ...errors } },
  }, async (request) => svc.rejectRun(request.actor!, request.params.id, request.body.reason, request.ip));
};
