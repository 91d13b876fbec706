import type { FastifyPluginAsync } from 'fastify';
import { ingestApi } from './api.js';
import { ingestServiceFor } from './service.js';

/** Device event ingest, and the bureau's (minimal) read of what was stored. */
const ingestFeature: FastifyPluginAsync = async (app) => {
  await app.register(ingestApi(ingestServiceFor(app)));
};
export default ingestFeature;
