import type { FastifyPluginAsync } from 'fastify';
import { charterApi } from './api.js';
import { charterPages } from './pages.js';

/** Item 7: the return-to-work charter transport board (docs/charter.md). */
const charterFeature: FastifyPluginAsync = async (app) => {
  await app.register(charterApi);
  await app.register(charterPages);
};
export default charterFeature;
