import type { FastifyPluginAsync } from 'fastify';
import { keysApi } from './api.js';
import { keysPages } from './pages.js';

/** Signing keys and the JWKS. Registering it makes sure a pass signing key exists, so a fresh install can issue at once. */
const keysFeature: FastifyPluginAsync = async (app) => {
  await app.services.keys.ensureActiveKey('pass');
  await app.register(keysApi);
  await app.register(keysPages);
};
export default keysFeature;
