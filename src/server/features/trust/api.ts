import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { etagMatches } from '../keys/api.js';
import type { TrustService } from './service.js';
import { bundleResponseSchema, bundleSummarySchema } from '../../../core/sync/index.js';

const tags = ['trust'];
const errors = { 401: problemSchema, 403: problemSchema };

export function trustApi(svc: TrustService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/trust/bundle', {
      // Any signed-in user, and enrolled checkpoint devices (signed requests, see plugins/device-auth.ts).
      config: { access: policy.anyUserOrDevice },
      schema: {
        tags,
        summary: 'The signed trust bundle: keys, revocations, rule sets, enterprise directory (docs/trust-bundle.md)',
        description:
          'Everything a scanner needs to decide offline, as one EdDSA-signed JWS. Supports If-None-Match (304). ' +
          'The ETag changes when the content changes and when an unchanged bundle is re-signed to keep it young.',
        response: { 200: bundleResponseSchema, 304: z.null().describe('Not modified'), ...errors },
      },
    }, async (request, reply) => {
      const bundle = await svc.current();
      // Authenticated callers only (users and devices): private, and revalidated on every use.
      reply.header('etag', bundle.etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], bundle.etag)) return reply.code(304).send(null);
      return { bundle: bundle.jws, etag: bundle.etag, seq: bundle.seq };
    });

    app.get('/api/v1/trust/bundle/summary', {
      config: { access: policy.bureau },
      schema: {
        tags,
        summary: 'What the current trust bundle holds (versions and counts), without downloading it',
        response: { 200: bundleSummarySchema, ...errors },
      },
    }, async (_request, reply) => {
      const b = await svc.current();
      reply.header('cache-control', 'private, no-cache');
      return { seq: b.seq, etag: b.etag, iat: b.iat, exp: b.exp, kid: b.kid, contentHash: b.contentHash, ...b.summary };
    });
  };
}
