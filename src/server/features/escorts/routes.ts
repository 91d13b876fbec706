import type { FastifyPluginAsync } from 'fastify';
import { escortsApi } from './api.js';
import { escortsPages } from './pages.js';
import { escortStream } from './stream.js';

/** How often the limits are checked, so an overdue request is announced within a minute. */
export const OVERDUE_SWEEP_MS = 60_000;

const escortsFeature: FastifyPluginAsync = async (app) => {
  const svc = app.services.escorts;
  // Events stored before this feature (or by a path that did not project them) get their requests now.
  await svc.catchUp();
  await app.register(escortsApi);
  await app.register(escortsPages(svc));
  await app.register(escortStream(svc));

  const sweep = () => {
    try {
      svc.sweepOverdue();
    } catch (error) {
      app.log.error({ err: error }, 'escort overdue sweep failed');
    }
  };
  const timer = setInterval(sweep, OVERDUE_SWEEP_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
};
export default escortsFeature;
