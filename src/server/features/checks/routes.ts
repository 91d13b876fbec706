import type { FastifyPluginAsync } from 'fastify';
import { checksApi } from './api.js';
import { checksService } from './service.js';

/** Online checks: the server runs the scanner's rules engine on an observation (not recorded). */
const checksFeature: FastifyPluginAsync = async (app) => {
  await app.register(checksApi(app.services.checks));
};
export default checksFeature;
