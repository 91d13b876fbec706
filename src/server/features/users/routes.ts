import type { FastifyPluginAsync } from 'fastify';
import { usersApi } from './api.js';

const feature: FastifyPluginAsync = async (app) => {
  await app.register(usersApi);
};
export default feature;
