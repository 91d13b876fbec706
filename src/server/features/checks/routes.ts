import type { FastifyPluginAsync } from 'fastify';
import { keysServiceFor } from '../keys/service.js';
import { trustServiceFor } from '../trust/service.js';
import { checksApi } from './api.js';
import { checksService } from './service.js';

/** Online checks: the server runs the scanner's rules engine on an observation (not recorded). */
const checksFeature: FastifyPluginAsync = async (app) => {
  await app.register(checksApi(checksService(trustServiceFor(app), keysServiceFor(app))));
};
export default checksFeature;
