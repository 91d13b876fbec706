import type { FastifyPluginAsync } from 'fastify';
import { passesApi } from './api.js';
import { passesPages } from './pages.js';
import { passesService } from './service.js';

const passesFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.passes;
  await app.register(passesApi(svc));
  await app.register(passesPages(svc));
};
export default passesFeature;
