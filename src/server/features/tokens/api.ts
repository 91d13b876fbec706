import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import type { TokensService } from './service.js';
import { apiTokenSchema, createdTokenSchema, createTokenSchema } from './schema.js';

const tags = ['tokens'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) });

/**
 * Token management, for a signed-in administrator (any token) or enterprise
 * user (its own enterprise's): never reachable with a token, so a token
 * cannot mint or revoke tokens.
 */
export function tokensApi(svc: TokensService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/tokens', {
      config: { access: policy.adminOrEnterprise },
      schema: { tags, summary: 'API tokens (an enterprise user sees its own enterprise’s); never their secrets', response: { 200: z.array(apiTokenSchema), ...errors } },
    }, async (request) => await svc.list(request.actor!));

    app.post('/api/v1/tokens', {
      config: { access: policy.adminOrEnterprise },
      schema: {
        tags,
        summary: 'Create an API token; the answer holds its text, shown this once',
        description:
          'An administrator may give any role (an enterprise_user token needs enterpriseId); an enterprise user creates ' +
          'enterprise_user tokens of its own enterprise. Scopes must suit the role; expiresInDays is 1 to 365.',
        body: createTokenSchema,
        response: { 201: createdTokenSchema, ...errors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await svc.create(request.actor!, request.body, request.ip));
    });

    app.get('/api/v1/tokens/:id', {
      config: { access: policy.adminOrEnterprise },
      schema: { tags, summary: 'One API token, with its last use', params: idParams, response: { 200: apiTokenSchema, ...errors } },
    }, async (request) => await svc.get(request.actor!, request.params.id));

    app.post('/api/v1/tokens/:id/revoke', {
      config: { access: policy.adminOrEnterprise },
      schema: { tags, summary: 'Revoke an API token; it stops working at once', params: idParams, response: { 200: apiTokenSchema, ...errors } },
    }, async (request) => await svc.revoke(request.actor!, request.params.id, request.ip));
  };
}
