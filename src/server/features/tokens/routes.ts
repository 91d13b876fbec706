import type { FastifyPluginAsync } from 'fastify';
import { tokensApi } from './api.js';
import { tokensPages } from './pages.js';

/** API tokens (machine credentials): management API and pages; authentication is plugins/bearer-auth.ts. */
const tokensFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.tokens;
  await app.register(tokensApi(svc));
  await app.register(tokensPages);
};
export default tokensFeature;
