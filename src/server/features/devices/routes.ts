import type { FastifyPluginAsync } from 'fastify';
import { devicesApi } from './api.js';
import { devicesPages } from './pages.js';

/** Unused codes that expired this long ago are deleted (used ones stay: their device names them). */
const CODE_RETENTION_MS = 24 * 3600_000;

/**
 * Device enrollment, signed device endpoints and the bureau's device pages.
 * Registering it makes sure a bundle key exists: enrollment hands its public
 * half to the device to pin, and the checkpoint data is signed with it.
 */
const devicesFeature: FastifyPluginAsync = async (app) => {
  await app.services.keys.ensureActiveKey('bundle');
  const purge = () => app.repos.devices.purgeCodes(Date.now() - CODE_RETENTION_MS);
  await purge();
  app.jobs.every('devices.purge-codes', 3600_000, purge);

  const svc = app.services.devices;
  await app.register(devicesApi(svc));
  await app.register(devicesPages(svc));
};
export default devicesFeature;
