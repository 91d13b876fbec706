import type { FastifyPluginAsync } from 'fastify';
import { custodyApi } from './api.js';
import { custodyPages } from './pages.js';

/** How often the limits are checked, as for escorts: an overdue task is announced within a minute. */
export const CUSTODY_SWEEP_MS = 60_000;

const custodyFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.custody;
  // Charter checks stored before this feature (or by a path that did not project them) get their tasks now.
  svc.catchUp();
  await app.register(custodyApi);
  await app.register(custodyPages(svc));

  const sweep = () => {
    try {
      svc.sweepOverdue();
    } catch (error) {
      app.log.error({ err: error }, 'custody overdue sweep failed');
    }
  };
  const timer = setInterval(sweep, CUSTODY_SWEEP_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
};
export default custodyFeature;
