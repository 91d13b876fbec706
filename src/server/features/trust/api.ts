import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { etagMatches } from '../keys/api.js';
import type { TrustService } from './service.js';

const tags = ['trust'];
const errors = { 401: problemSchema, 403: problemSchema };

export const bundleResponseSchema = z
  .object({
    bundle: z.string().describe('Compact JWS (typ kakou-bundle+jwt, EdDSA); verify it with a pinned bundle key before reading anything in it'),
    etag: z.string().describe('Same as the ETag header; send it back as If-None-Match'),
    seq: z.number().int().describe('Issue counter of this bundle (also its `seq` claim); never decreases'),
  })
  .meta({ id: 'TrustBundleResponse' });

export const bundleSummarySchema = z
  .object({
    seq: z.number().int(),
    etag: z.string(),
    iat: z.number().int(),
    exp: z.number().int(),
    kid: z.string().describe('Bundle key that signed it'),
    contentHash: z.string().describe('SHA-256 of everything signed except iat, exp and seq'),
    activeRuleSet: z.number().int(),
    scheduledRuleSets: z.array(z.number().int()),
    revocationsVersion: z.number().int(),
    revoked: z.number().int().describe('Revoked passes listed (not yet expired)'),
    enterprises: z.number().int(),
    passKeys: z.array(z.string()),
    bundleKeys: z.array(z.string()),
    jwsBytes: z.number().int(),
  })
  .meta({ id: 'TrustBundleSummary' });

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
