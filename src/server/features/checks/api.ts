import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { evaluateBodySchema, evaluateResponseSchema } from './schema.js';
import type { ChecksService } from './service.js';

const tags = ['checks'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function checksApi(svc: ChecksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/checks/evaluate', {
      // Bureau staff (playground) and enrolled checkpoint devices (signed requests, see plugins/device-auth.ts).
      config: { access: policy.bureauOrDevice },
      schema: {
        tags,
        summary: 'Decide a checkpoint observation on the server, with live keys, revocations and directory; nothing is recorded',
        description:
          'Runs the same rules engine as the offline scanner (src/core/rules). The pass is verified with the published pass keys ' +
          "and the revocation table, using the rule set's clockToleranceSec. The receiving enterprise is the pass's own, " +
          'or, without a pass, receivingEnterpriseUscc. trustAgeSec defaults to 0 (the server data is current).',
        body: evaluateBodySchema,
        response: { 200: evaluateResponseSchema, ...errors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.evaluate(request.body);
    });
  };
}
