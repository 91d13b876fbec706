import type { FastifyPluginAsync } from 'fastify';
import compress from '@fastify/compress';
import { trustApi } from './api.js';

/**
 * The trust bundle. Registering it makes sure a bundle-signing key exists, so
 * a fresh install can publish a bundle at once.
 */
const trustFeature: FastifyPluginAsync = async (app) => {
  await app.services.keys.ensureActiveKey('bundle');
  // gzip only here: the bundle is large (about 2.6 MiB → 1 MiB at city scale) and holds no secret,
  // so compression can't leak one through response sizes (BREACH), unlike portal pages with CSRF tokens.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip'] });
  await app.register(trustApi(app.services.trust));
};
export default trustFeature;
