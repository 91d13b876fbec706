import type { FastifyPluginAsync } from 'fastify';
import { peopleApi } from './api.js';
import { peoplePages } from './pages.js';

const peopleFeature: FastifyPluginAsync = async (app) => {
  await app.register(peopleApi);
  await app.register(peoplePages);
};
export default peopleFeature;
