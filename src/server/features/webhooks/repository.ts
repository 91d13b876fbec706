import { sql, type Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../../db/tables.js';
import type { DataKey } from '../../security/data-key.js';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from './schema.js';

/** The associated data the secret is encrypted under: it cannot be swapped into another column. */
const SECRET_CONTEXT = 'webhook_endpoints.secret';

type EndpointRow = Selectable<WebhookEndpointsTable>;
type DeliveryRow = Selectable<WebhookDeliveriesTable>;

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  url: r.url,
  enabled: r.enabled === 1,
  secretHint: r.secret_hint,
  secretRotatedAt: r.secret_rotated_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  eventId: r.event_id,
  endpointId: r.endpoint_id,
  enterpriseId: r.enterprise_id,
  type: r.event_type,
  // the column's CHECK holds it to the three statuses
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  resendOf: r.resend_of,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

/** A delivery as the worker needs it: with the exact body to send. */
export interface QueuedDelivery extends WebhookDelivery {
  payload: string;
}

/** How one endpoint has fared lately, for the bureau. */
export interface EndpointHealth {
  pending: number;
  failed: number;
  delivered: number;
  lastDeliveredAt: string | null;
  lastFailureAt: string | null;
}

export function webhooksRepo(store: Store, dataKey: () => DataKey) {
  const q = () => store.q();
  /**
   * The last key of every delivery order, after the times: the order rows were queued in. Deliveries
   * queued in one instant (one event to several endpoints, a burst) tie on both times. SQLite has that
   * order as the rowid. PostgreSQL has no rowid: there the id settles it, unique, and in the order queued
   * for ids made by deliveryId() (time-ordered UUIDs, delivery-id.ts); ids made elsewhere (a test's, a
   * copy's from before) are only in a stable order. The one place the engines differ here.
   */
  const queued = store.engine === 'sqlite' ? sql`webhook_deliveries.rowid` : sql`webhook_deliveries.id`;

  const liveEndpoint = (id: number) => q().selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  const liveEndpoints = (enterpriseId?: number) => {
    let query = q().selectFrom('webhook_endpoints').selectAll().where('deleted_at', 'is', null);
    if (enterpriseId !== undefined) query = query.where('enterprise_id', '=', enterpriseId);
    return query.orderBy('enterprise_id').orderBy('id').execute();
  };

  return {
    async getEndpoint(id: number): Promise<WebhookEndpoint | undefined> {
      const r = await liveEndpoint(id);
      return r && toEndpoint(r);
    },
    /** Every live endpoint (enterpriseId undefined) or one enterprise's. */
    async listEndpoints(enterpriseId?: number): Promise<WebhookEndpoint[]> {
      return (await liveEndpoints(enterpriseId)).map(toEndpoint);
    },
    async countEndpoints(enterpriseId: number): Promise<number> {
      const r = await q()
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('deleted_at', 'is', null)
        .where('enterprise_id', '=', enterpriseId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** The signing secret in clear: for signing (the worker) only, never for a page or an answer. */
    async secretOf(id: number): Promise<string | undefined> {
      const r = await q().selectFrom('webhook_endpoints').select('secret_enc').where('id', '=', id).executeTakeFirst();
      return r && dataKey().decrypt(r.secret_enc, SECRET_CONTEXT);
    },
    async insertEndpoint(e: { enterpriseId: number; url: string; secret: string; secretHint: string; createdBy: number; at: string }): Promise<number> {
      const secretEnc = dataKey().encrypt(e.secret, SECRET_CONTEXT);
      const r = await q()
        .insertInto('webhook_endpoints')
        .values({
          enterprise_id: e.enterpriseId, url: e.url, enabled: 1, secret_enc: secretEnc, secret_hint: e.secretHint,
          secret_rotated_at: e.at, created_by: e.createdBy, created_at: e.at, updated_at: e.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async updateEndpoint(id: number, patch: { url?: string | undefined; enabled?: boolean | undefined }, at: string): Promise<void> {
      await q()
        .updateTable('webhook_endpoints')
        .set({
          updated_at: at,
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async rotateSecret(id: number, secret: string, secretHint: string, at: string): Promise<void> {
      await q()
        .updateTable('webhook_endpoints')
        .set({ secret_enc: dataKey().encrypt(secret, SECRET_CONTEXT), secret_hint: secretHint, secret_rotated_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    /** Soft delete: the log keeps naming it; its queued deliveries fail at once, since nothing may reach it any more. */
    async deleteEndpoint(id: number, at: string): Promise<void> {
      await q().updateTable('webhook_endpoints').set({ deleted_at: at, enabled: 0, updated_at: at }).where('id', '=', id).execute();
      await q()
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', next_attempt_at: null, last_error: 'endpoint deleted' })
        .where('endpoint_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },
    /** Whether the endpoint may still be sent to (live and enabled), whatever the delivery row says. */
    async endpointLive(id: number): Promise<{ url: string; enabled: boolean } | undefined> {
      const r = await liveEndpoint(id);
      return r && { url: r.url, enabled: r.enabled === 1 };
    },

    async insertDelivery(d: { id: string; eventId: string; endpointId: number; enterpriseId: number; type: string; payload: string; at: string; resendOf?: string | null }): Promise<void> {
      await q()
        .insertInto('webhook_deliveries')
        .values({
          id: d.id, event_id: d.eventId, endpoint_id: d.endpointId, enterprise_id: d.enterpriseId, event_type: d.type, payload: d.payload,
          status: 'pending', attempts: 0, next_attempt_at: d.at, resend_of: d.resendOf ?? null, created_at: d.at,
        })
        .execute();
    },
    async getDelivery(id: string): Promise<QueuedDelivery | undefined> {
      const r = await q().selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { ...toDelivery(r), payload: r.payload };
    },
    /** The latest first. */
    async listDeliveries(endpointId: number, limit: number): Promise<WebhookDelivery[]> {
      const rows = await q()
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy(queued, 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },
    /** Deliveries whose time has come, oldest first. */
    async due(now: string, limit: number): Promise<QueuedDelivery[]> {
      const rows = await q()
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .orderBy(queued)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...toDelivery(r), payload: r.payload }));
    },
    /**
     * Counts an attempt before it is made and pushes the row out of reach
     * until `leaseUntil`: a crash mid-send then costs one attempt and the row
     * comes back after the lease, instead of being sent in a loop. False when
     * another tick (or node) took it first: one conditional UPDATE, so on
     * either engine exactly one of two racing claims changes the row.
     */
    async claim(id: string, attempts: number, at: string, leaseUntil: string): Promise<boolean> {
      const r = await q()
        .updateTable('webhook_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: at, next_attempt_at: leaseUntil }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('attempts', '=', attempts)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markDelivered(id: string, status: number, at: string): Promise<void> {
      await q()
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', next_attempt_at: null, last_status: status, last_error: null, delivered_at: at })
        .where('id', '=', id)
        .execute();
    },
    /** A failed attempt: retried at `retryAt`, or failed for good when it is null. */
    async markAttemptFailed(id: string, outcome: { status: number | null; error: string | null }, retryAt: string | null): Promise<void> {
      await q()
        .updateTable('webhook_deliveries')
        .set({ status: retryAt ? 'pending' : 'failed', next_attempt_at: retryAt, last_status: outcome.status, last_error: outcome.error })
        .where('id', '=', id)
        .execute();
    },
    async health(endpointId: number): Promise<EndpointHealth> {
      const r = await q()
        .selectFrom('webhook_deliveries')
        .select((eb) => {
          const count = (status: DeliveryStatus) => eb.fn.coalesce(eb.fn.sum<number | string | null>(eb.case().when('status', '=', status).then(1).else(0).end()), eb.lit(0));
          const failedAttempt = eb.or([eb('last_error', 'is not', null), eb.and([eb('last_status', 'is not', null), eb.not(eb.between('last_status', 200, 299))])]);
          return [
            count('pending').as('pending'),
            count('failed').as('failed'),
            count('delivered').as('delivered'),
            eb.fn.max('delivered_at').as('last_delivered_at'),
            eb.fn.max(eb.case().when(failedAttempt).then(eb.ref('last_attempt_at')).end()).as('last_failure_at'),
          ];
        })
        .where('endpoint_id', '=', endpointId)
        .executeTakeFirstOrThrow();
      return {
        pending: Number(r.pending),
        failed: Number(r.failed),
        delivered: Number(r.delivered),
        lastDeliveredAt: r.last_delivered_at,
        lastFailureAt: r.last_failure_at,
      };
    },
  };
}
export type WebhooksRepo = ReturnType<typeof webhooksRepo>;
