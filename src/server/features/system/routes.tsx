import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { HomePage } from './home.js';

const healthSchema = z.object({ status: z.literal('ok'), schemaVersion: z.number().int() });

const systemFeature: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    config: { access: policy.public },
    schema: { tags: ['system'], summary: 'Liveness: 200 while the database answers (503 database_unavailable when it does not: a proxy takes the node out)', response: { 200: healthSchema } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    // A query each time: on PostgreSQL a node whose database is gone is not healthy, whatever its process says.
    const row = await app.repos.store.q().selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    return { status: 'ok' as const, schemaVersion: Number(row?.v ?? 0) };
  });

  app.get('/openapi.json', { config: { access: policy.public }, schema: { hide: true } }, async () => app.swagger());

  app.get('/', { config: { access: policy.anyAccount } }, async (request, reply) => {
    const user = request.actor!.user;
    if (user.role === 'enterprise_user') return reply.redirect('/enterprise', 303);
    if (user.role === 'carrier_user') return reply.redirect('/carrier', 303);
    return reply.page(<HomePage />);
  });
};
export default systemFeature;
