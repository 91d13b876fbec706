import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerOf } from '../security/api-token.js';
import { Problem } from '../problem.js';

/**
 * Authenticates API tokens sent as `Authorization: Bearer kk_<id>_<secret>`.
 * A request with a bearer header is judged by its token alone:
 *
 * - the session plugin has not read its cookies (no session, no fallback);
 * - a token that is malformed, unknown, wrong, expired or revoked is a 401
 *   problem with `WWW-Authenticate: Bearer error="invalid_token"`;
 * - otherwise `request.actor` is the token's actor (`actor.token` set) and the
 *   access plugin checks, besides the route's roles, that one of the token's
 *   scopes opens the route (security/api-token.ts), and skips the CSRF check:
 *   a browser never attaches a bearer header to a cross-site request.
 *
 * The token service (app.services.tokens) does the lookup and records the last use.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const presented = bearerOf(request.headers.authorization);
      if (presented === undefined) return;
      request.actor = null;
      request.sessionTokenHash = null;
      const actor = await app.services.tokens.authenticate(presented, request.ip, request.headers['accept-language']);
      if (!actor) {
        request.log.info('api token refused');
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw new Problem('unauthenticated', { detail: 'token.invalid' });
      }
      request.actor = actor;
      request.log = request.log.child({ token: actor.token?.id });
    });
  },
  { name: 'kakou-bearer-auth', dependencies: ['kakou-session'] },
);
