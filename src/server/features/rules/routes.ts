import type { FastifyPluginAsync } from 'fastify';
import { rulesApi } from './api.js';
import { rulesPages } from './pages.js';

/** Rule sets, their draft and the playground. Registering it publishes version 1 (the core default) on an empty database. */
const rulesFeature: FastifyPluginAsync = async (app) => {
  const rules = app.services.rules;
  rules.ensureInitial();
  await app.register(rulesApi(rules));
  await app.register(rulesPages(rules));
};
export default rulesFeature;
