import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markRoutesFilesOnly, markRoutesPublic } from './access.js';
import { SCANNER_DIST_DIR } from '../paths.js';
import { Problem } from '../problem.js';

/**
 * Serves the built scanner PWA at /scanner/ (public: it holds no data, the
 * device proves itself on every API call). Hashed files under assets/ never
 * change; the entry page, the service worker and the manifest must be
 * revalidated so that a new version reaches checkpoints at their next online start.
 */
export default fp(
  async (app, opts: { root?: string }) => {
    const root = opts.root ?? SCANNER_DIST_DIR;
    await app.register(async (scope) => {
      markRoutesPublic(scope);
      markRoutesFilesOnly(scope);
      if (!existsSync(join(root, 'index.html'))) {
        // The server can run without the app built (API-only tests); say so instead of a bare 404.
        const notBuilt = async () => {
          throw new Problem('scanner_not_built');
        };
        scope.get('/scanner/', notBuilt);
        scope.get('/scanner/*', notBuilt);
        return;
      }
      // The router ignores trailing slashes, but the service worker's scope is /scanner/ exactly.
      scope.get('/scanner/', async (request, reply) => {
        const [path, query] = request.url.split('?', 2);
        if (path === '/scanner') return reply.redirect(`/scanner/${query === undefined ? '' : `?${query}`}`, 301);
        return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
      });
      await scope.register(fastifyStatic, {
        root,
        prefix: '/scanner/',
        decorateReply: true,
        index: false,
        cacheControl: false,
        setHeaders(res, path) {
          if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
          else res.header('cache-control', 'no-cache');
          // The service worker at /scanner/sw.js controls /scanner/ only; say so explicitly.
          if (path.endsWith('/sw.js')) res.header('service-worker-allowed', '/scanner/');
        },
      });
    });
  },
  { name: 'kakou-scanner-app' },
);
