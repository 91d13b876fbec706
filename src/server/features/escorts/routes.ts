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
  // Changes made on the other nodes reach this node's streams (PostgreSQL's NOTIFY; nothing to do on SQLite).
  const feed = app.services.escortFeed;
  await feed.start();
  app.addHook('onClose', () => feed.close());
  await app.register(escortStream(feed));

  // Once across the cluster (app.jobs), so each overdue request is announced by one node.
  app.jobs.every('escorts.overdue', OVERDUE_SWEEP_MS, () => svc.sweepOverdue());
};
export default escortsFeature;
