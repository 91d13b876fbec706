import type { FastifyPluginAsync } from 'fastify';
import { custodyApi } from './api.js';
import { custodyPages } from './pages.js';

/** How often the limits are checked, as for escorts: an overdue task is announced within a minute. */
export const CUSTODY_SWEEP_MS = 60_000;

const custodyFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.custody;
  // Charter checks stored before this feature (or by a path that did not project them) get their tasks now.
  await svc.catchUp();
  await app.register(custodyApi);
  await app.register(custodyPages(svc));

  // Once across the cluster (app.jobs), so each overdue task is announced by one node.
  app.jobs.every('custody.overdue', CUSTODY_SWEEP_MS, () => svc.sweepOverdue());
};
export default custodyFeature;
