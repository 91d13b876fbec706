import type { FastifyPluginAsync } from 'fastify';
import { vehiclesApi } from './api.js';
import { vehiclesPages } from './pages.js';

const vehiclesFeature: FastifyPluginAsync = async (app) => {
  await app.register(vehiclesApi);
  await app.register(vehiclesPages);
};
export default vehiclesFeature;
