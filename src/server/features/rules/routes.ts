import type { FastifyPluginAsync } from 'fastify';
import { rulesApi } from './api.js';
import { rulesPages } from './pages.js';

/** Rule sets, their draft and the playground (version 1 is published on an empty database when the app loads the rule sets). */
const rulesFeature: FastifyPluginAsync = async (app) => {
  const rules = app.services.rules;
  await app.register(rulesApi(rules));
  await app.register(rulesPages(rules));
};
export default rulesFeature;
