import type { FastifyPluginAsync } from 'fastify';
import { rulesApi } from './api.js';
import { rulesPages } from './pages.js';
import { rulesServiceFor } from './service.js';

/** Rule sets, their draft and the playground. Registering it publishes version 1 (the core default) on an empty database. */
const rulesFeature: FastifyPluginAsync = async (app) => {
  const rules = rulesServiceFor(app);
  rules.ensureInitial();
  await app.register(rulesApi(rules));
  await app.register(rulesPages(rules));
};
export default rulesFeature;
