import type { FastifyPluginAsync } from 'fastify';
import { enterprisesApi } from './api.js';

const feature: FastifyPluginAsync = async (app) => {
  await app.register(enterprisesApi);
};
export default feature;
