import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import type { Store } from './db/store.js';
import { repositories } from './repositories.js';
import { databaseRateLimitStore, RATE_LIMIT_PRUNE_EVERY_MS } from './features/rate-limits/store.js';
import { SIGNED_DOCUMENTS_PRUNE_EVERY_MS } from './features/trust/signed-documents.js';
import { clusterJobs } from './features/jobs/runner.js';
import { buildServices, type WebhookOptions } from './services.js';
import { DataKey } from './security/data-key.js';
import accessPlugin, { assertEveryRouteHasPolicy } from './plugins/access.js';
import deviceAuthPlugin from './plugins/device-auth.js';
import errorsPlugin, { frameworkErrorHandler, validatorCompiler } from './plugins/errors.js';
import { serializerCompiler } from './plugins/serializer.js';
import cacheControlPlugin from './plugins/cache-control.js';
import i18nPlugin from './plugins/i18n.js';
import openapiPlugin from './plugins/openapi.js';
import sessionPlugin from './plugins/session.js';
import bearerAuthPlugin from './plugins/bearer-auth.js';
import scannerAppPlugin from './plugins/scanner-app.js';
import portalPlugin from './plugins/portal.js';
import systemFeature from './features/system/routes.js';
import authFeature from './features/auth/routes.js';
import enterprisesFeature from './features/enterprises/routes.js';
import usersFeature from './features/users/routes.js';
import passesFeature from './features/passes/routes.js';
import vehiclesFeature from './features/vehicles/routes.js';
import peopleFeature from './features/people/routes.js';
import keysFeature from './features/keys/routes.js';
import checkpointsFeature from './features/checkpoints/routes.js';
import devicesFeature from './features/devices/routes.js';
import trustFeature from './features/trust/routes.js';
import checksFeature from './features/checks/routes.js';
import rulesFeature from './features/rules/routes.js';
import ingestFeature from './features/ingest/routes.js';
import tokensFeature from './features/tokens/routes.js';
import escortsFeature from './features/escorts/routes.js';
import auditFeature from './features/audit/routes.js';
import retentionFeature from './features/retention/routes.js';
import webhooksFeature from './features/webhooks/routes.js';
import charterFeature from './features/charter/routes.js';
import custodyFeature from './features/custody/routes.js';
import auditConsoleFeature from './features/audit-console/routes.js';
import dashboardFeature from './features/dashboard/routes.js';
import auditActionsFeature from './features/audit-actions/routes.js';
import anomaliesFeature from './features/anomalies/routes.js';
import './types.js';

export interface BuildOptions {
  config: Config;
  /** the storage engine, migrated (db/open-store.ts); the caller closes it after the app */
  store: Store;
  /** the field-encryption key, when the caller has already read it; else read here, once */
  dataKey?: DataKey;
  logger?: FastifyServerOptions['logger'];
  /** outbound webhooks: the sender, clock and DNS to use, and whether the worker starts (tests) */
  webhooks?: Omit<WebhookOptions, 'allowHttpLoopback'>;
}

/** Builds the whole app: cross-cutting plugins first, then one plugin per feature. */
export async function buildApp({ config, store, dataKey = DataKey.load(config.dataDir), logger = false, webhooks = {} }: BuildOptions) {
  const app = Fastify({
    ...(config.tls ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {}),
    logger,
    bodyLimit: 1024 * 1024,
    // Only the configured proxies' X-Forwarded-For is believed (KAKOU_TRUST_PROXY); none by default.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy.join(',') : false,
    // Mixed-case query keys and repeated slashes are never meaningful here.
    routerOptions: { ignoreTrailingSlash: true },
    // URL faults the router answers before any hook: problem+json like every other refusal.
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  // JSON and forms only: a text/plain body is a 415, not a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('config', config);
  const repos = repositories(store, { dataKey });
  app.decorate('repos', repos);
  // Background jobs run once across the nodes sharing the database (issue 16): features schedule theirs here.
  const jobs = clusterJobs(repos.store, {
    nodeName: config.nodeId,
    onError: (err, job) => app.log.error({ err, job }, `background job ${job} failed`),
    beforeRun: () => app.services.rules.refresh(),
  });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  app.decorate(
    'services',
    buildServices({ repos, dataKey, publicUrl: config.publicUrl, log: app.log, webhooks: { ...webhooks, allowHttpLoopback: config.webhookAllowHttpLoopback }, anomalyThresholds: config.anomalies }),
  );
  // An escort step's webhook notice is queued after the answer (escorts/service.ts, change()): let it finish before the database goes.
  app.addHook('onClose', async () => app.services.notices.settled());
  // The published rule sets are a snapshot the rules engine's synchronous callers read (features/rules/service.ts):
  // loaded once here, and brought up to date at the start of every request, so a version another node
  // publishes is in force on this one from its next request. Routes that only send files read no table.
  await app.services.rules.load();
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config.filesOnly) await app.services.rules.refresh();
  });

  await app.register(errorsPlugin);
  await app.register(cacheControlPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(formbody);
  // Counted in the database, so several nodes on one database share each limit (issue 16).
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(repos.rateLimits) });
  jobs.every('rate-limits.prune', RATE_LIMIT_PRUNE_EVERY_MS, (now) => repos.rateLimits.prune(now.getTime()));
  // Expired checkpoint data and expected-runs copies name staff and charter passengers: they go once expired.
  jobs.every('signed-documents.prune', SIGNED_DOCUMENTS_PRUNE_EVERY_MS, (now) => repos.signedDocuments.prune(Math.floor(now.getTime() / 1000)));
  await app.register(sessionPlugin);
  // After the session (whose cookies it overrules) and before i18n and access, which read request.actor.
  await app.register(bearerAuthPlugin);
  await app.register(i18nPlugin);
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies, signed: true },
    // Binds each token to the session, so a token from another session (or before login) is refused.
    getUserInfo: (request) => request.sessionTokenHash ?? 'anonymous',
    csrfOpts: { hmacKey: createHash('sha256').update(`csrf:${config.cookieSecret}`).digest() },
  });
  await app.register(accessPlugin);
  await app.register(deviceAuthPlugin);
  await app.register(openapiPlugin);
  await app.register(portalPlugin);
  await app.register(scannerAppPlugin);

  await app.register(systemFeature);
  await app.register(authFeature);
  await app.register(enterprisesFeature);
  await app.register(usersFeature);
  await app.register(vehiclesFeature);
  await app.register(peopleFeature);
  await app.register(keysFeature);
  await app.register(passesFeature);
  await app.register(checkpointsFeature);
  await app.register(devicesFeature);
  await app.register(trustFeature);
  await app.register(checksFeature);
  await app.register(rulesFeature);
  await app.register(ingestFeature);
  await app.register(tokensFeature);
  await app.register(escortsFeature);
  await app.register(webhooksFeature);
  await app.register(charterFeature);
  await app.register(custodyFeature);
  await app.register(auditFeature);
  await app.register(retentionFeature);
  await app.register(auditConsoleFeature);
  await app.register(dashboardFeature);
  await app.register(auditActionsFeature);
  await app.register(anomaliesFeature);

  await app.ready();
  assertEveryRouteHasPolicy(app);
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
