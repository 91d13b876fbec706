import type { FastifyPluginAsync } from 'fastify';
import { authApi } from './api.js';
import { authPages } from './pages.js';

const authFeature: FastifyPluginAsync = async (app) => {
  await app.register(authApi);
  await app.register(authPages);
};
export default authFeature;
