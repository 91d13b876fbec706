import { randomUUID } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { isBureau } from '../enterprises/scope.js';
import { addressAllowed, bareHost, urlProblem, type TargetPolicy } from './address-policy.js';
import { personalDataPath, webhookEventTypeSchema, type WebhookEnvelope } from './events.js';
import { deliveryId as newDeliveryId } from './delivery-id.js';
import { newSigningSecret, secretHint } from './signature.js';
import type { CreateWebhookInput, EndpointHealthView, UpdateWebhookInput, WebhookDelivery, WebhookEndpoint, WebhookEndpointView } from './schema.js';

/** An enterprise keeps a few receivers (production, a standby); more is a mistake, not a need. */
export const MAX_ENDPOINTS_PER_ENTERPRISE = 3;
/** The delivery log shows this many of the latest deliveries. */
export const LOG_LIMIT = 100;

/** Resolves a host name to its addresses; injectable so tests need no DNS. */
export type ResolveAll = (hostname: string) => Promise<string[]>;
const systemResolveAll: ResolveAll = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface WebhooksServiceDeps {
  repos: Repos;
  policy: TargetPolicy;
  resolveAll?: ResolveAll | undefined;
  /** Told after an enqueue commits rows, so the worker sends them now rather than at its next poll. */
  onEnqueued?: (() => void) | undefined;
  /** the same clock as the delivery worker's, so a queued row is due when the worker thinks it is */
  clock?: (() => Date) | undefined;
}

const withoutPayload = ({ payload: _, ...rest }: WebhookDelivery & { payload: string }): WebhookDelivery => rest;

const failing = (h: Omit<EndpointHealthView, 'failing'>): boolean => h.lastFailureAt !== null && (h.lastDeliveredAt === null || h.lastFailureAt > h.lastDeliveredAt);

/**
 * Webhook endpoints of enterprises and the one entry point other features
 * call, `enqueue`. Management is the enterprise's own (another enterprise's
 * endpoint or delivery answers 404); the bureau reads every endpoint and its
 * health but changes none. Never reachable with an API token: a token that
 * could rotate a secret could read it.
 */
export function webhooksService({ repos, policy, resolveAll = systemResolveAll, onEnqueued, clock = () => new Date() }: WebhooksServiceDeps) {
  const view = async (e: WebhookEndpoint): Promise<WebhookEndpointView> => {
    const h = await repos.webhooks.health(e.id);
    return { ...e, health: { ...h, failing: failing(h) } };
  };

  /** The actor's own enterprise, for changes: only a signed-in enterprise user (not a token) changes endpoints. */
  function ownEnterprise(actor: UserActor): number {
    if (actor.token || actor.user.role !== 'enterprise_user' || actor.user.enterpriseId === null) throw forbidden();
    return actor.user.enterpriseId;
  }

  /** An endpoint the actor may read: the bureau any, an enterprise user its own; anything else does not exist. */
  async function readable(actor: UserActor, id: number): Promise<WebhookEndpoint> {
    const e = await repos.webhooks.getEndpoint(id);
    if (!e) throw notFound();
    if (isBureau(actor)) return e;
    if (actor.user.role === 'enterprise_user' && actor.user.enterpriseId === e.enterpriseId) return e;
    throw notFound();
  }

  async function own(actor: UserActor, id: number): Promise<WebhookEndpoint> {
    const enterpriseId = ownEnterprise(actor);
    const e = await repos.webhooks.getEndpoint(id);
    if (!e || e.enterpriseId !== enterpriseId) throw notFound();
    return e;
  }

  /** Refuses a URL that is not https to a public address, resolving its name now (and again at every delivery). */
  async function checkUrl(url: string): Promise<void> {
    const problem = urlProblem(url, policy);
    if (problem) throw new Problem('validation', { errors: [{ path: 'url', message: problem }] });
    const host = bareHost(new URL(url));
    if (isIP(host) !== 0) return;
    let addresses: string[];
    try {
      addresses = await resolveAll(host);
    } catch {
      // Not resolvable yet (a receiver still being set up): allowed; each delivery resolves and checks again.
      return;
    }
    if (!addresses.every((a) => addressAllowed(a, policy))) throw new Problem('validation', { errors: [{ path: 'url', message: 'webhook.url.address' }] });
  }

  /** One after the other, in the endpoints' order: the queue order of one instant is the order inserted. */
  async function insertDeliveries(endpoints: readonly WebhookEndpoint[], type: string, envelope: WebhookEnvelope, at: string, resendOf: string | null = null): Promise<string[]> {
    const payload = JSON.stringify(envelope);
    const ids: string[] = [];
    for (const e of endpoints) {
      const id = newDeliveryId();
      await repos.webhooks.insertDelivery({ id, eventId: envelope.id, endpointId: e.id, enterpriseId: e.enterpriseId, type, payload, at, resendOf });
      ids.push(id);
    }
    return ids;
  }

  /** enqueue's work once the arguments are checked. */
  async function queue(enterpriseId: number, type: WebhookEnvelope['type'], payload: unknown, now: Date): Promise<{ eventId: string; deliveryIds: string[] }> {
    const eventId = randomUUID();
    const endpoints = (await repos.webhooks.listEndpoints(enterpriseId)).filter((e) => e.enabled);
    if (endpoints.length === 0) return { eventId, deliveryIds: [] };
    const at = now.toISOString();
    const envelope: WebhookEnvelope = { id: eventId, type, createdAt: at, enterpriseId, data: payload ?? null };
    const deliveryIds = await repos.store.transaction(() => insertDeliveries(endpoints, type, envelope, at));
    onEnqueued?.();
    return { eventId, deliveryIds };
  }

  return {
    /**
     * THE ENTRY POINT for other features: queue an event for every enabled
     * endpoint of the enterprise; a no-op (no deliveries) when it has none.
     * Inside a `store.transaction` that records what happened it joins it, so
     * the event is queued exactly when that commits; the escort and custody
     * notices call it after their commit. `type` must be one of
     * WEBHOOK_EVENT_TYPES; `payload` becomes the body's `data` and must hold
     * no full ID or phone number (masked only): both are programming errors
     * and throw at once (not as a rejected promise).
     */
    enqueue(enterpriseId: number, type: string, payload: unknown, now = clock()): Promise<{ eventId: string; deliveryIds: string[] }> {
      const parsedType = webhookEventTypeSchema.safeParse(type);
      if (!parsedType.success) throw new Error(`webhooks.enqueue: unknown event type ${JSON.stringify(type)}`);
      const leak = personalDataPath(payload);
      if (leak) throw new Error(`webhooks.enqueue: ${leak} holds a full ID or phone number; send masked values only`);
      return queue(enterpriseId, parsedType.data, payload, now);
    },

    async list(actor: UserActor): Promise<WebhookEndpointView[]> {
      const views = async (endpoints: WebhookEndpoint[]) => {
        const out: WebhookEndpointView[] = [];
        for (const e of endpoints) out.push(await view(e));
        return out;
      };
      if (isBureau(actor)) return views(await repos.webhooks.listEndpoints());
      if (actor.user.role === 'enterprise_user' && actor.user.enterpriseId !== null) return views(await repos.webhooks.listEndpoints(actor.user.enterpriseId));
      throw forbidden();
    },

    async get(actor: UserActor, id: number): Promise<WebhookEndpointView> {
      return view(await readable(actor, id));
    },

    /** Creates an endpoint; `secret` is to be shown this once and never again. */
    async create(actor: UserActor, input: CreateWebhookInput, ip: string, now = clock()): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
      const enterpriseId = ownEnterprise(actor);
      await checkUrl(input.url);
      const secret = newSigningSecret();
      const at = now.toISOString();
      const id = await repos.store.transaction(async () => {
        if ((await repos.webhooks.countEndpoints(enterpriseId)) >= MAX_ENDPOINTS_PER_ENTERPRISE) {
          throw new Problem('invalid_state', { detail: 'webhook.too_many', params: { max: MAX_ENDPOINTS_PER_ENTERPRISE } });
        }
        const id = await repos.webhooks.insertEndpoint({ enterpriseId, url: input.url, secret, secretHint: secretHint(secret), createdBy: actor.user.id, at });
        await repos.audit.record({ actor, action: 'webhook.create', subjectId: id, enterpriseId, detail: { url: input.url }, ip });
        return id;
      });
      return { secret, endpoint: await view((await repos.webhooks.getEndpoint(id))!) };
    },

    async update(actor: UserActor, id: number, input: UpdateWebhookInput, ip: string, now = clock()): Promise<WebhookEndpointView> {
      const before = await own(actor, id);
      if (input.url !== undefined && input.url !== before.url) await checkUrl(input.url);
      await repos.store.transaction(async () => {
        await repos.webhooks.updateEndpoint(id, input, now.toISOString());
        const after = (await repos.webhooks.getEndpoint(id))!;
        await repos.audit.record({
          actor, action: 'webhook.update', subjectId: id, enterpriseId: before.enterpriseId, ip,
          detail: { before: { url: before.url, enabled: before.enabled }, after: { url: after.url, enabled: after.enabled } },
        });
      });
      return view((await repos.webhooks.getEndpoint(id))!);
    },

    /** A new secret replaces the old at once (deliveries still queued are signed with the new one); shown this once. */
    async rotateSecret(actor: UserActor, id: number, ip: string, now = clock()): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
      const e = await own(actor, id);
      const secret = newSigningSecret();
      await repos.store.transaction(async () => {
        await repos.webhooks.rotateSecret(id, secret, secretHint(secret), now.toISOString());
        await repos.audit.record({ actor, action: 'webhook.rotate_secret', subjectId: id, enterpriseId: e.enterpriseId, detail: { url: e.url }, ip });
      });
      return { secret, endpoint: await view((await repos.webhooks.getEndpoint(id))!) };
    },

    async delete(actor: UserActor, id: number, ip: string, now = clock()): Promise<void> {
      const e = await own(actor, id);
      await repos.store.transaction(async () => {
        await repos.webhooks.deleteEndpoint(id, now.toISOString());
        await repos.audit.record({ actor, action: 'webhook.delete', subjectId: id, enterpriseId: e.enterpriseId, detail: { url: e.url }, ip });
      });
    },

    /** Queues a `webhook.test` event to this endpoint only, so a receiver can be checked before real events flow. */
    async sendTest(actor: UserActor, id: number, ip: string, now = clock()): Promise<WebhookDelivery> {
      const e = await own(actor, id);
      if (!e.enabled) throw new Problem('invalid_state', { detail: 'webhook.endpoint_disabled' });
      const at = now.toISOString();
      const envelope: WebhookEnvelope = { id: randomUUID(), type: 'webhook.test', createdAt: at, enterpriseId: e.enterpriseId, data: { message: 'Kakou webhook test' } };
      const [deliveryId] = await repos.store.transaction(async () => {
        const ids = await insertDeliveries([e], 'webhook.test', envelope, at);
        await repos.audit.record({ actor, action: 'webhook.test', subjectId: id, enterpriseId: e.enterpriseId, detail: { deliveryId: ids[0]! }, ip });
        return ids;
      });
      onEnqueued?.();
      return withoutPayload((await repos.webhooks.getDelivery(deliveryId!))!);
    },

    async deliveries(actor: UserActor, endpointId: number): Promise<WebhookDelivery[]> {
      await readable(actor, endpointId);
      return repos.webhooks.listDeliveries(endpointId, LOG_LIMIT);
    },

    async getDelivery(actor: UserActor, deliveryId: string): Promise<WebhookDelivery> {
      const d = await repos.webhooks.getDelivery(deliveryId);
      if (!d) throw notFound();
      await readable(actor, d.endpointId);
      return withoutPayload(d);
    },

    /** Queues the same event (same body, same event id) again as a new delivery, after one failed or delivered. */
    async resend(actor: UserActor, deliveryId: string, ip: string, now = clock()): Promise<WebhookDelivery> {
      const enterpriseId = ownEnterprise(actor);
      const d = await repos.webhooks.getDelivery(deliveryId);
      if (!d || d.enterpriseId !== enterpriseId) throw notFound();
      const e = await repos.webhooks.getEndpoint(d.endpointId);
      if (!e) throw new Problem('invalid_state', { detail: 'webhook.endpoint_deleted' });
      if (!e.enabled) throw new Problem('invalid_state', { detail: 'webhook.endpoint_disabled' });
      if (d.status === 'pending') throw new Problem('invalid_state', { detail: 'webhook.still_pending' });
      const at = now.toISOString();
      const newId = newDeliveryId();
      await repos.store.transaction(async () => {
        await repos.webhooks.insertDelivery({ id: newId, eventId: d.eventId, endpointId: d.endpointId, enterpriseId, type: d.type, payload: d.payload, at, resendOf: d.id });
        await repos.audit.record({ actor, action: 'webhook.resend', subjectId: d.endpointId, enterpriseId, detail: { deliveryId: newId, resendOf: d.id, type: d.type }, ip });
      });
      onEnqueued?.();
      return withoutPayload((await repos.webhooks.getDelivery(newId))!);
    },
  };
}
export type WebhooksService = ReturnType<typeof webhooksService>;
