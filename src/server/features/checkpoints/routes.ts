import type { FastifyPluginAsync } from 'fastify';
import { devicesServiceFor } from '../devices/service.js';
import { checkpointsApi } from './api.js';
import { checkpointsPages } from './pages.js';
import { checkpointsService } from './service.js';

/** Checkpoints and their staff: the bureau administrator's API and pages. */
const checkpointsFeature: FastifyPluginAsync = async (app) => {
  const svc = checkpointsService(app.repos);
  await app.register(checkpointsApi(svc));
  await app.register(checkpointsPages(svc, devicesServiceFor(app)));
};
export default checkpointsFeature;
