import type { FastifyPluginAsync } from 'fastify';
import { enterprisesApi } from './api.js';
import { enterprisesPages } from './pages.js';

const feature: FastifyPluginAsync = async (app) => {
  await app.register(enterprisesApi);
  await app.register(enterprisesPages);
};
export default feature;
