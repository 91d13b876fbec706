import type { FastifyPluginAsync } from 'fastify';
import { checkpointsApi } from './api.js';
import { checkpointsPages } from './pages.js';
import { checkpointsService } from './service.js';

/** Checkpoints and their staff: the bureau administrator's API and pages. */
const checkpointsFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.checkpoints;
  await app.register(checkpointsApi(svc));
  await app.register(checkpointsPages(svc, app.services.devices));
};
export default checkpointsFeature;
