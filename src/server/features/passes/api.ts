import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import type { PassesService } from './service.js';
import { applicationInputSchema, passListFilterSchema, passSchema, reasonSchema } from './schema.js';
import { passQrPng, passQrSvg } from './qr.js';
import { encodePassQrText } from '../../../core/pass/index.js';
import { revocationPageSchema } from '../../../core/sync/index.js';
import { idSchema, decimalInt } from '../../ids.js';

const tags = ['passes'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: idSchema });
const listQuery = z.object({
  status: passListFilterSchema.optional(),
  q: z.string().trim().max(60).optional(),
  enterpriseId: idSchema.optional(),
  page: decimalInt({ min: 1 }).default(1),
  pageSize: decimalInt({ min: 1, max: 200 }).default(50),
});

export function passesApi(svc: PassesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/passes', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'Passes and applications (an enterprise sees only its own)', querystring: listQuery, response: { 200: z.object({ items: z.array(passSchema), total: z.number().int() }), ...errors } },
    }, async (request) => svc.list(request.actor!, request.query));

    app.post('/api/v1/passes', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Create a draft application for one vehicle, a driver and up to three escorts', body: applicationInputSchema, response: { 201: passSchema, ...errors } },
    }, async (request, reply) => reply.code(201).send(await svc.create(request.actor!, request.body, request.ip)));

    app.get('/api/v1/passes/:id', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'One pass or application', params: idParams, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.get(request.actor!, request.params.id));

    app.put('/api/v1/passes/:id', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Change a draft', params: idParams, body: applicationInputSchema, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

    app.post('/api/v1/passes/:id/submit', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Submit a draft for approval', params: idParams, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.submit(request.actor!, request.params.id, request.ip));

    app.post('/api/v1/passes/:id/approve', {
      config: { access: policy.bureau },
      schema: { tags, summary: 'Approve: signs and issues the pass (an amendment also revokes the pass it replaces)', params: idParams, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.approve(request.actor!, request.params.id, request.ip));

    app.post('/api/v1/passes/approve', {
      config: { access: policy.bureau },
      schema: {
        tags, summary: 'Bulk approve; answers per application',
        body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) }),
        response: { 200: z.object({ results: z.array(z.object({ id: z.number().int(), ok: z.boolean(), code: z.string().optional(), detail: z.string().optional() })) }), ...errors },
      },
    }, async (request) => ({ results: await svc.approveMany(request.actor!, request.body.ids, request.ip) }));

    app.post('/api/v1/passes/:id/reject', {
      config: { access: policy.bureau },
      schema: { tags, summary: 'Reject with a reason', params: idParams, body: reasonSchema, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.reject(request.actor!, request.params.id, request.body.reason, request.ip));

    app.post('/api/v1/passes/:id/revoke', {
      config: { access: policy.bureau },
      schema: { tags, summary: 'Revoke a pass in force; it enters the revocation feed', params: idParams, body: reasonSchema, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.revoke(request.actor!, request.params.id, request.body.reason, request.ip));

    app.post('/api/v1/passes/:id/cancel-request', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Ask the bureau to cancel a pass (driver left, vehicle sold)', params: idParams, body: reasonSchema, response: { 200: passSchema, ...errors } },
    }, async (request) => svc.requestCancel(request.actor!, request.params.id, request.body.reason, request.ip));

    app.post('/api/v1/passes/:id/amend', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Start a replacement draft (change vehicle or people); approving it revokes this pass', params: idParams, response: { 201: passSchema, ...errors } },
    }, async (request, reply) => reply.code(201).send(await svc.amend(request.actor!, request.params.id, request.ip)));

    app.get('/api/v1/passes/:id/token', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'The signed token and QR text of an issued pass (recorded as a print)', params: idParams, response: { 200: z.object({ token: z.string(), qrText: z.string() }), ...errors } },
    }, async (request) => {
      const { token } = await svc.printable(request.actor!, request.params.id, request.ip, 'token');
      return { token, qrText: encodePassQrText(token) };
    });

    app.get('/api/v1/passes/:id/qr.svg', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'QR of an issued pass as SVG', params: idParams, produces: ['image/svg+xml'] },
    }, async (request, reply) => {
      const { token } = await svc.printable(request.actor!, request.params.id, request.ip, 'svg');
      return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(await passQrSvg(token));
    });

    app.get('/api/v1/passes/:id/qr.png', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'QR of an issued pass as PNG, for phones', params: idParams, produces: ['image/png'] },
    }, async (request, reply) => {
      const { pass, token } = await svc.printable(request.actor!, request.params.id, request.ip, 'png');
      return reply
        .type('image/png')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="pass-${pass.passNo}.png"`)
        .send(await passQrPng(token));
    });

    app.get('/api/v1/trust/revocations', {
      config: { access: policy.public },
      schema: {
        tags: ['trust'], summary: 'Revoked pass ids with a version greater than since; scanners poll with the last version they hold',
        querystring: z.object({ since: decimalInt({ min: 0 }).default(0), limit: decimalInt({ min: 1, max: 10000 }).default(1000) }),
        response: { 200: revocationPageSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-cache').header('access-control-allow-origin', '*');
      return svc.revocationsSince(request.query.since, request.query.limit);
    });
  };
}
