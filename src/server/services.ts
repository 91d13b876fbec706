import type { FastifyBaseLogger } from 'fastify';
import type { Repos } from './repositories.js';
import type { DataKey } from './security/data-key.js';
import { authService } from './features/auth/service.js';
import { usersService } from './features/users/service.js';
import { enterprisesService } from './features/enterprises/service.js';
import { vehiclesService } from './features/vehicles/service.js';
import { peopleService } from './features/people/service.js';
import { keysService } from './features/keys/service.js';
import { auditIntegrity } from './features/audit/integrity.js';
import { retentionService } from './features/retention/service.js';
import { passesService } from './features/passes/service.js';
import { checkpointsService } from './features/checkpoints/service.js';
import { devicesService } from './features/devices/service.js';
import { rulesService, type RulesService } from './features/rules/service.js';
import { trustService, type RuleSetSource } from './features/trust/service.js';
import { checksService } from './features/checks/service.js';
import { ingestService } from './features/ingest/service.js';
import { tokensService } from './features/tokens/service.js';
import { escortsService } from './features/escorts/service.js';
import { escortFeed } from './features/escorts/feed.js';
import { webhooksService, type ResolveAll } from './features/webhooks/service.js';
import { webhookDelivery } from './features/webhooks/delivery.js';
import { webhookWorker } from './features/webhooks/worker.js';
import { httpSender, type WebhookSender } from './features/webhooks/sender.js';
import { escortDutySheet } from './features/escorts/duty-sheet.js';
import { charterService } from './features/charter/service.js';
import { custodyService } from './features/custody/service.js';
import { anomaliesService } from './features/anomalies/service.js';
import type { AnomalyThresholds } from '../core/audit/anomalies.js';

/** What the services are built from: nothing else reaches them. */
export interface ServiceDeps {
  repos: Repos;
  /** read once at start (security/data-key.ts) */
  dataKey: DataKey;
  /** base URL a scanner enrolls with */
  publicUrl: string;
  log?: FastifyBaseLogger;
  webhooks?: WebhookOptions;
  /** issue 14: anomaly thresholds (clock skew, minimum travel time between checkpoints); defaults in core/audit/anomalies.ts */
  anomalyThresholds?: Partial<AnomalyThresholds>;
}

/** How outbound webhooks reach the network; tests replace the sender, the clock and DNS. */
export interface WebhookOptions {
  /** KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK */
  allowHttpLoopback?: boolean;
  /** default: the real HTTP sender (features/webhooks/sender.ts) */
  send?: WebhookSender;
  /** default: the wall clock */
  clock?: () => Date;
  /** how endpoint host names are resolved when saved; default: the system resolver */
  resolveAll?: ResolveAll;
  /** start the delivery worker with the app (default true); tests drive it with `webhookWorker.tick()` */
  autoStart?: boolean;
  pollMs?: number;
}

/** The published rule sets, as the trust bundle and the online checks read them. */
export function ruleSetSource(rules: RulesService): RuleSetSource {
  return {
    activeRuleSet: (now) => rules.activeRuleSet(now),
    scheduledRuleSets: (now) => rules.scheduledRuleSets(now),
    draftRuleSet: (now) => rules.draftRuleSet(now),
    ruleSetByVersion: (version) => rules.get(version)?.ruleSet ?? null,
  };
}

/**
 * The composition root: every service of the server, built once from the
 * narrow dependencies it needs. Routes reach them as `app.services`; the trust
 * service keeps the signed-bundle cache, so there must be exactly one.
 */
export function buildServices({ repos, dataKey, publicUrl, log, webhooks: hooks = {}, anomalyThresholds }: ServiceDeps) {
  const keys = keysService(repos, dataKey);
  const rules = rulesService(repos);
  // offThread: a city's bundle is built and signed on a worker thread, never on the request path.
  const trust = trustService({ repos, keys, rules: ruleSetSource(rules), offThread: true, ...(log ? { log } : {}) });
  const webhookPolicy = { allowHttpLoopback: hooks.allowHttpLoopback ?? false };
  const clock = hooks.clock ?? (() => new Date());
  const delivery = webhookDelivery({ repos, send: hooks.send ?? httpSender(webhookPolicy), clock, log });
  const worker = webhookWorker(delivery, { pollMs: hooks.pollMs, log, autoStart: hooks.autoStart ?? true });
  const passes = passesService(repos, keys.passSigner({ issuer: async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT' }));
  const escorts = escortsService({
    repos,
    ruleSetAt: (now) => rules.activeRuleSet(now),
    ruleSetByVersion: (version) => rules.get(version)?.ruleSet ?? null,
    onListenerError: (error, event) => log?.error({ err: error, escortEvent: event.type, requestId: event.requestId }, 'escort listener failed'),
  });
  // The portal's live escort list, on whichever node the browser is connected to (started with the escorts feature).
  const feed = escortFeed(repos.store, { onError: (error, what) => log?.error({ err: error, what }, 'escort feed failed') });
  escorts.onEscortEvent((e) => feed.publish(e));
  const webhooks = webhooksService({ repos, policy: webhookPolicy, resolveAll: hooks.resolveAll, clock, onEnqueued: () => worker.kick() });
  // Notices are queued one after the other, in the order they came: the enqueue is async (issue 16) and the
  // listeners are called after the commit without waiting, so two changes' notices would otherwise overtake.
  let notifying: Promise<unknown> = Promise.resolve();
  const inTurn = (fn: () => Promise<void>): Promise<void> => {
    const run = notifying.then(fn);
    notifying = run.catch(() => undefined);
    return run;
  };
  // Every step of an escort request reaches the enterprise's webhook (if it has one), and the delivery joins the request's timeline.
  escorts.onEscortEvent((e) => {
    const enterpriseId = e.enterpriseId;
    if (enterpriseId === null) return;
    return inTurn(async () => {
      const { eventId, deliveryIds } = await webhooks.enqueue(enterpriseId, e.type, { requestId: e.requestId, at: e.at, ...e.data });
      if (deliveryIds.length > 0) await escorts.recordNotification(e.requestId, { channel: 'webhook', ref: `webhook:${eventId}`, detail: { type: e.type } });
    });
  });
  const charter = charterService(repos, usersService(repos), keys);
  const custody = custodyService({
    repos,
    approvedPlaces: (runId) => charter.approvedPlaces(runId),
    isolationDaysAt: (now) => rules.activeRuleSet(now).isolationDays,
    // A new custody task reaches the enterprise's webhook (if it has one); the enqueue is outside the upload's transaction.
    onHandover: (notices) => inTurn(async () => {
      for (const n of notices) {
        try {
          await webhooks.enqueue(n.enterpriseId, n.type, { taskId: n.taskId, runId: n.runId, checkpointId: n.checkpointId, at: n.at });
        } catch (error) {
          log?.error({ err: error, taskId: n.taskId }, 'custody webhook enqueue failed');
        }
      }
    }),
    onOverdue: (notices) => inTurn(async () => {
      for (const n of notices) {
        try {
          await webhooks.enqueue(n.enterpriseId, n.type, { taskId: n.taskId, kind: n.kind, since: n.since });
        } catch (error) {
          log?.error({ err: error, taskId: n.taskId }, 'custody webhook enqueue failed');
        }
      }
    }),
  });
  const anomalies = anomaliesService({
    repos,
    anomalies: repos.anomalies,
    maxBundleAgeSec: (version) => rules.get(version)?.ruleSet.trustMaxAgeSec ?? null,
    ...(anomalyThresholds ? { thresholds: anomalyThresholds } : {}),
  });
  return {
    auth: authService(repos),
    users: usersService(repos),
    charter,
    /** item 7: passengers a charter check released into their enterprise's custody, and their isolation */
    custody,
    enterprises: enterprisesService(repos, {
      onSuspended: (actor, enterpriseId, reason, ip) => passes.revokeForSuspension(actor, enterpriseId, reason, ip),
    }),
    vehicles: vehiclesService(repos),
    people: peopleService(repos),
    keys,
    /** the tamper-evident audit log: signed checkpoints, verification, retention (docs/audit-log.md) */
    auditIntegrity: auditIntegrity(repos, keys),
    /** retention of personal data: the period and the erasure past it (docs/audit-log.md) */
    retention: retentionService(repos),
    passes,
    checkpoints: checkpointsService(repos),
    devices: devicesService({ repos, keys, publicUrl }),
    rules,
    trust,
    checks: checksService(trust, keys),
    // The anomaly observer last: it reads the flags and records the others wrote in the same transaction.
    ingest: ingestService(repos, [escorts.ingestObserver, custody.ingestObserver, anomalies.ingestObserver]),
    /** issue 14: anomalies found by the server (docs/anomalies.md) */
    anomalies,
    escorts,
    /** what the enterprise portal's escort stream hears, from every node */
    escortFeed: feed,
    tokens: tokensService(repos),
    /** `webhooks.enqueue(enterpriseId, type, payload)` is how any feature notifies an enterprise */
    webhooks,
    /** started and stopped with the app (features/webhooks/routes.ts) */
    webhookWorker: worker,
    /** The webhook notices of escorts and custody still being queued: the app waits for them on close. */
    notices: {
      async settled(): Promise<void> {
        let tail: Promise<unknown>;
        do {
          tail = notifying;
          await tail;
        } while (tail !== notifying);
      },
    },
    /** the open escort requests (not yet handed over) the printable duty sheet lists */
    escortDutySheet: escortDutySheet(repos),
  };
}
export type Services = ReturnType<typeof buildServices>;
