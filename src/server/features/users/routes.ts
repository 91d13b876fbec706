import type { FastifyPluginAsync } from 'fastify';
import { usersApi } from './api.js';
import { usersPages } from './pages.js';

const feature: FastifyPluginAsync = async (app) => {
  await app.register(usersApi);
  await app.register(usersPages);
};
export default feature;
