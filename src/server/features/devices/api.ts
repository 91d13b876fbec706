import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { Problem, problemSchema } from '../../problem.js';
import { etagMatches } from '../keys/api.js';
import {
  checkpointDataResponseSchema,
  deviceListQuerySchema,
  deviceSchema,
  enrollBodySchema,
  enrollResponseSchema,
  enrollmentCodeResponseSchema,
  revokeBodySchema,
  selfResponseSchema,
} from './schema.js';
import type { DevicesService } from './service.js';
import { heartbeatBodySchema, heartbeatResponseSchema } from '../../../core/sync/index.js';
import { idSchema } from '../../ids.js';

const tags = ['devices'];
const adminErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const deviceErrors = { 400: problemSchema, 401: problemSchema, 413: problemSchema };
const idParams = z.object({ id: z.string().min(1).max(64) });

/** Enrollment attempts per client address: 10 a minute, whatever the outcome. */
export const ENROLL_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const SIGNED =
  'Signed device request: x-kakou-device, x-kakou-timestamp (epoch ms, within 5 minutes of server time), x-kakou-nonce (single use) ' +
  'and x-kakou-signature (ECDSA P-256 over method, raw path with query, timestamp, nonce and body hash; see src/core/device/request-signature.ts). ' +
  'Refusals are 401: device_auth_failed, device_clock_skew or device_revoked.';

export function devicesApi(svc: DevicesService): FastifyPluginAsyncZod {
  return async (app) => {
    const perIp = app.createRateLimit({ ...ENROLL_RATE_LIMIT, keyGenerator: (r) => `enroll-ip:${r.ip}` });
    // Counted before the body is even validated, so malformed guesses spend the budget too.
    const limitEnroll = async (request: FastifyRequest) => {
      const r = await perIp(request);
      if (!r.isAllowed && r.isExceeded) throw new Problem('rate_limited');
    };

    app.post('/api/v1/devices/enroll', {
      // No session is read or used here: the code in the body is the credential, so no CSRF token either.
      config: { access: policy.public, csrfExempt: true },
      onRequest: limitEnroll,
      schema: {
        tags,
        summary: 'Enroll a scanner with a one-time code from the bureau; returns its device id and checkpoint',
        description:
          'The device generates a non-extractable ECDSA P-256 key pair with Web Crypto and sends the public JWK with the code ' +
          '(text, or read from the QR KKENROLL:<base url>:<code>). A code is single-use, expires 15 minutes after it is made, and ' +
          'is burnt after 5 wrong secrets. Every refusal of a code is the same 403 enrollment_refused; attempts are limited to ' +
          '10 a minute per client address (429). Pin the returned bundleKeys: they sign the trust bundle and the checkpoint data.',
        body: enrollBodySchema,
        response: { 201: enrollResponseSchema, ...adminErrors, 429: problemSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await svc.enroll(request.body, request.ip));
    });

    app.get('/api/v1/devices/me', {
      config: { access: policy.device },
      schema: { tags, summary: 'The calling device: its id, checkpoint and the server time', description: SIGNED, response: { 200: selfResponseSchema, ...deviceErrors } },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.self(request.device!);
    });

    app.post('/api/v1/devices/heartbeat', {
      config: { access: policy.device },
      schema: {
        tags,
        summary: 'Report app version, upload queue length and trust bundle age (shown to the bureau)',
        description: SIGNED,
        body: heartbeatBodySchema,
        response: { 200: heartbeatResponseSchema, ...deviceErrors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.heartbeat(request.device!, request.body);
    });

    app.get('/api/v1/devices/checkpoint-data', {
      config: { access: policy.device },
      schema: {
        tags,
        summary: "The device's checkpoint and its staff with PIN hashes, signed for offline use",
        description:
          `${SIGNED} The data is a compact JWS (typ kakou-checkpoint+jwt, EdDSA) by a bundle key pinned at enrollment; verify it with ` +
          'verifyCheckpointData and PINs with verifyPin (src/core/device/). Supports If-None-Match (304), like the trust bundle.',
        response: { 200: checkpointDataResponseSchema, 304: z.null().describe('Not modified'), ...deviceErrors },
      },
    }, async (request, reply) => {
      const data = await svc.checkpointData(request.device!);
      reply.header('etag', data.etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], data.etag)) return reply.code(304).send(null);
      return { data: data.jws, etag: data.etag };
    });

    app.post('/api/v1/checkpoints/:id/enrollment-codes', {
      config: { access: policy.admin },
      schema: {
        tags,
        summary: 'Make a one-time device enrollment code for a checkpoint (shown once; valid 15 minutes)',
        description: 'Only a hash of the code is kept. 409 for a closed checkpoint.',
        params: z.object({ id: idSchema }),
        response: { 201: enrollmentCodeResponseSchema, ...adminErrors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await svc.createEnrollmentCode(request.actor!, request.params.id, request.ip));
    });

    app.get('/api/v1/devices', {
      config: { access: policy.admin },
      schema: { tags, summary: 'Enrolled devices with what each last reported', querystring: deviceListQuerySchema, response: { 200: z.array(deviceSchema), ...adminErrors } },
    }, async (request) => svc.list(request.query));

    app.post('/api/v1/devices/:id/revoke', {
      config: { access: policy.admin },
      schema: {
        tags,
        summary: 'Revoke a device: every request it signs is refused from now on (401 device_revoked)',
        params: idParams,
        body: revokeBodySchema,
        response: { 200: deviceSchema, ...adminErrors },
      },
    }, async (request) => svc.revoke(request.actor!, request.params.id, request.body.reason, request.ip));
  };
}
