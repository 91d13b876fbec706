import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { jwksSchema, keyInfoSchema, promotedSchema, purposeBodySchema } from './schema.js';
import { byUser } from './service.js';

const tags = ['keys'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema };

/** How long verifiers and caches may keep the key set; a next key is published far longer than this before it signs. */
export const JWKS_MAX_AGE_SEC = 300;

/** True when an If-None-Match header (a list, `*`, weak or strong) matches the ETag. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((part) => {
    const tag = part.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

export const keysApi: FastifyPluginAsyncZod = async (app) => {
  const keys = app.services.keys;

  app.get('/.well-known/jwks.json', {
    config: { access: policy.public },
    schema: {
      tags,
      summary: 'Public keys that verify passes and trust bundles (JWKS)',
      description:
        'Next, active, and retired keys whose signatures are still valid; both purposes, standard members only. ' +
        'Supports If-None-Match (304). A trust-bundle verifier pins the bundle key by the kid in the bundle header.',
      response: { 200: jwksSchema, 304: z.null().describe('Not modified') },
    },
  }, async (request, reply) => {
    const body = await keys.publishedKeys();
    const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'etag')
      // Helmet's same-origin default would keep scanners on another origin from loading it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', `public, max-age=${JWKS_MAX_AGE_SEC}`)
      .header('etag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
    return body;
  });

  app.get('/api/v1/keys', {
    config: { access: policy.admin },
    schema: { tags, summary: 'Signing keys: state, dates, and whether each is published', response: { 200: z.array(keyInfoSchema), ...errors } },
  }, async () => keys.list());

  app.post('/api/v1/keys/next', {
    config: { access: policy.admin },
    schema: {
      tags,
      summary: 'Add the next key (published at once, signs only once promoted)',
      description: 'One next key per purpose; 409 if one is already waiting.',
      body: purposeBodySchema,
      response: { 201: keyInfoSchema, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await keys.addNextKey(request.body.purpose, { by: byUser(request.actor!, request.ip) })));

  app.post('/api/v1/keys/promote', {
    config: { access: policy.admin },
    schema: {
      tags,
      summary: 'Promote the next key to active; the active key is retired',
      description: 'Promote only once every scanner has synced the next key. 409 when no next key is waiting.',
      body: purposeBodySchema,
      response: { 200: promotedSchema, ...errors },
    },
  }, async (request) => keys.promoteNext(request.body.purpose, { by: byUser(request.actor!, request.ip) }));
};
