import type { FastifyPluginAsync } from 'fastify';
import { ingestApi } from './api.js';

/** Device event ingest, and the bureau's (minimal) read of what was stored. */
const ingestFeature: FastifyPluginAsync = async (app) => {
  await app.register(ingestApi(app.services.ingest));
};
export default ingestFeature;
