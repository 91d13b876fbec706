import type { FastifyPluginAsync } from 'fastify';
import { keysServiceFor } from '../keys/service.js';
import { passesApi } from './api.js';
import { passesPages } from './pages.js';
import { passesService } from './service.js';

const passesFeature: FastifyPluginAsync = async (app) => {
  const signer = keysServiceFor(app).passSigner({ issuer: () => app.repos.passes.setting('pass.issuer') ?? 'KSJT' });
  const svc = passesService(app.repos, signer);
  await app.register(passesApi(svc));
  await app.register(passesPages(svc));
};
export default passesFeature;
