import type { FastifyPluginAsync } from 'fastify';
import { webhooksApi } from './api.js';
import { webhooksPages } from './pages.js';

/**
 * Outbound webhooks: the enterprise's endpoints (API and pages), the bureau's
 * overview, the duty sheet, and the delivery worker's lifetime: it starts
 * when the app is ready and stops, waiting for the run in flight, when the
 * app closes (before main.ts closes the database).
 */
const webhooksFeature: FastifyPluginAsync = async (app) => {
  const worker = app.services.webhookWorker;
  if (worker.autoStart) app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  await app.register(webhooksApi(app.services.webhooks));
  await app.register(webhooksPages);
};
export default webhooksFeature;
