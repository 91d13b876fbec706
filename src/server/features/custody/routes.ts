import type { FastifyPluginAsync } from 'fastify';
import { custodyApi } from './api.js';
import { custodyPages } from './pages.js';

const custodyFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.custody;
  // Charter checks stored before this feature (or by a path that did not project them) get their tasks now.
  svc.catchUp();
  await app.register(custodyApi);
  await app.register(custodyPages(svc));
};
export default custodyFeature;
