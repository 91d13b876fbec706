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

  // A city's first build reads 100,000 revocations and 10,000 enterprises: started once the server is
  // ready, on the bundle worker (or, for a small bundle, in steps between which requests are answered);
  // a poll meanwhile waits for it, see warm().
  let closing = false;
  let warming: Promise<void> | undefined;
  app.addHook('onReady', async () => {
    warming = app.services.trust.warm({ pause: () => new Promise((resolve) => setImmediate(() => resolve(!closing))) });
  });
  // The database closes after the app: the warm-up stops at its next step and is waited for.
  app.addHook('onClose', async () => {
    closing = true;
    await app.services.trust.close();
    await warming;
  });
};
export default trustFeature;
