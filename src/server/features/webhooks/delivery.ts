import type { FastifyBaseLogger } from 'fastify';
import type { Repos } from '../../repositories.js';
import type { QueuedDelivery } from './repository.js';
import { describeFailure, type WebhookSender } from './sender.js';
import { signedHeaders } from './signature.js';

/**
 * Waits after the 1st, 2nd, … failed attempt: 30 s, 2 min, 10 min, 1 h, 6 h.
 * After the attempt that has no wait left (the 6th) the delivery has failed;
 * the enterprise can re-send it from its delivery log. About 7 h 13 min from
 * the first attempt to giving up: long enough to ride out a receiver's
 * restart or an evening outage, short enough that a person notices the same day.
 */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A receiver must answer within this; it should queue the work and answer at once. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A claimed attempt is out of reach this long: longer than the timeout, so a live attempt is never sent twice. */
const LEASE_MS = 60_000;
/** At most this many deliveries are sent at once, per tick. */
const BATCH = 10;

const iso = (ms: number) => new Date(ms).toISOString();

export interface DeliveryDeps {
  repos: Repos;
  send: WebhookSender;
  clock: () => Date;
  log?: FastifyBaseLogger | undefined;
}

/**
 * Sends due deliveries from the queue in the database and records each outcome. A
 * 2xx answer delivers; anything else (another status, a redirect, a timeout,
 * a refused address, a network error) schedules the next attempt or, after
 * the last, fails the delivery. The log names deliveries and endpoints by id:
 * never a URL (it may carry the receiver's own token), a body or a secret.
 * No transaction is open across the send: the claim, the reads and the
 * outcome are each a statement of their own, so an HTTP call never holds one.
 */
export function webhookDelivery({ repos, send, clock, log }: DeliveryDeps) {
  async function attempt(d: QueuedDelivery): Promise<void> {
    const started = clock();
    const attemptNo = d.attempts + 1;
    if (!(await repos.webhooks.claim(d.id, d.attempts, started.toISOString(), iso(started.getTime() + LEASE_MS)))) return;
    const endpoint = await repos.webhooks.endpointLive(d.endpointId);
    if (!endpoint || !endpoint.enabled) {
      await repos.webhooks.markAttemptFailed(d.id, { status: null, error: endpoint ? 'endpoint disabled' : 'endpoint deleted' }, null);
      return;
    }
    const secret = (await repos.webhooks.secretOf(d.endpointId))!;
    let outcome: { status: number | null; error: string | null };
    try {
      const res = await send({
        url: endpoint.url,
        headers: signedHeaders({ secret, type: d.type, deliveryId: d.id, body: d.payload, now: started }),
        body: d.payload,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      outcome = { status: res.status, error: null };
    } catch (err) {
      outcome = { status: null, error: describeFailure(err) };
    }
    const finished = clock();
    if (outcome.status !== null && outcome.status >= 200 && outcome.status <= 299) {
      await repos.webhooks.markDelivered(d.id, outcome.status, finished.toISOString());
      log?.info({ deliveryId: d.id, endpointId: d.endpointId, type: d.type, attempt: attemptNo, status: outcome.status }, 'webhook delivered');
      return;
    }
    const wait = RETRY_DELAYS_MS[attemptNo - 1];
    const retryAt = attemptNo < MAX_ATTEMPTS && wait !== undefined ? iso(finished.getTime() + wait) : null;
    await repos.webhooks.markAttemptFailed(d.id, outcome, retryAt);
    log?.warn(
      { deliveryId: d.id, endpointId: d.endpointId, type: d.type, attempt: attemptNo, status: outcome.status, error: outcome.error, retryAt },
      retryAt ? 'webhook attempt failed; will retry' : 'webhook delivery failed; no attempts left',
    );
  }

  return {
    /** Sends every delivery due at the clock's now (in batches) and returns how many were attempted. */
    async runDue(): Promise<number> {
      let total = 0;
      for (;;) {
        const batch = await repos.webhooks.due(clock().toISOString(), BATCH);
        if (batch.length === 0) return total;
        await Promise.all(batch.map((d) => attempt(d).catch((err: unknown) => log?.error({ err, deliveryId: d.id }, 'webhook attempt crashed'))));
        total += batch.length;
      }
    },
  };
}
export type WebhookDelivery = ReturnType<typeof webhookDelivery>;
