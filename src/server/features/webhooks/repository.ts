import type { Db } from '../../db/open.js';
import type { DataKey } from '../../security/data-key.js';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from './schema.js';

/** The associated data the secret is encrypted under: it cannot be swapped into another column. */
const SECRET_CONTEXT = 'webhook_endpoints.secret';

interface EndpointRow {
  id: number;
  enterprise_id: number;
  url: string;
  enabled: 0 | 1;
  secret_enc: string;
  secret_hint: string;
  secret_rotated_at: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: number;
  enterprise_id: number;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  resend_of: string | null;
  created_at: string;
  delivered_at: string | null;
}

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
  status: r.status,
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

export function webhooksRepo(db: Db, dataKey: () => DataKey) {
  const endpointById = db.prepare<[number], EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL');
  const endpointsOf = db.prepare<[{ enterpriseId: number | null }], EndpointRow>(
    'SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL AND (@enterpriseId IS NULL OR enterprise_id = @enterpriseId) ORDER BY enterprise_id, id',
  );
  const insertEndpoint = db.prepare(
    `INSERT INTO webhook_endpoints (enterprise_id, url, enabled, secret_enc, secret_hint, secret_rotated_at, created_by, created_at, updated_at)
     VALUES (@enterpriseId, @url, 1, @secretEnc, @secretHint, @at, @createdBy, @at, @at)`,
  );
  const deliveryById = db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?');
  const insertDelivery = db.prepare(
    `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, enterprise_id, event_type, payload, status, attempts, next_attempt_at, resend_of, created_at)
     VALUES (@id, @eventId, @endpointId, @enterpriseId, @type, @payload, 'pending', 0, @at, @resendOf, @at)`,
  );
  // Deliveries queued in one instant (one event to several endpoints) tie on both times: rowid, the
  // order they were queued in (the id is a random UUID), settles it, as in deliveriesOf below.
  const due = db.prepare<[string, number], DeliveryRow>(
    `SELECT d.* FROM webhook_deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.created_at, d.rowid LIMIT ?`,
  );
  const claim = db.prepare(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = @at, next_attempt_at = @leaseUntil
     WHERE id = @id AND status = 'pending' AND attempts = @attempts`,
  );
  const deliveriesOf = db.prepare<[number, number], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const health = db.prepare<[number], { pending: number; failed: number; delivered: number; last_delivered_at: string | null; last_failure_at: string | null }>(
    `SELECT
       coalesce(sum(status = 'pending'), 0) AS pending,
       coalesce(sum(status = 'failed'), 0) AS failed,
       coalesce(sum(status = 'delivered'), 0) AS delivered,
       max(delivered_at) AS last_delivered_at,
       max(CASE WHEN last_error IS NOT NULL OR (last_status IS NOT NULL AND last_status NOT BETWEEN 200 AND 299) THEN last_attempt_at END) AS last_failure_at
     FROM webhook_deliveries WHERE endpoint_id = ?`,
  );

  return {
    getEndpoint(id: number): WebhookEndpoint | undefined {
      const r = endpointById.get(id);
      return r && toEndpoint(r);
    },
    /** Every live endpoint (enterpriseId undefined) or one enterprise's. */
    listEndpoints(enterpriseId?: number): WebhookEndpoint[] {
      return endpointsOf.all({ enterpriseId: enterpriseId ?? null }).map(toEndpoint);
    },
    countEndpoints(enterpriseId: number): number {
      return endpointsOf.all({ enterpriseId }).length;
    },
    /** The signing secret in clear: for signing (the worker) only, never for a page or an answer. */
    secretOf(id: number): string | undefined {
      const r = db.prepare<[number], { secret_enc: string }>('SELECT secret_enc FROM webhook_endpoints WHERE id = ?').get(id);
      return r && dataKey().decrypt(r.secret_enc, SECRET_CONTEXT);
    },
    insertEndpoint(e: { enterpriseId: number; url: string; secret: string; secretHint: string; createdBy: number; at: string }): number {
      const secretEnc = dataKey().encrypt(e.secret, SECRET_CONTEXT);
      return Number(insertEndpoint.run({ enterpriseId: e.enterpriseId, url: e.url, secretEnc, secretHint: e.secretHint, at: e.at, createdBy: e.createdBy }).lastInsertRowid);
    },
    updateEndpoint(id: number, patch: { url?: string | undefined; enabled?: boolean | undefined }, at: string): void {
      db.prepare('UPDATE webhook_endpoints SET url = coalesce(@url, url), enabled = coalesce(@enabled, enabled), updated_at = @at WHERE id = @id').run({
        id,
        url: patch.url ?? null,
        enabled: patch.enabled === undefined ? null : patch.enabled ? 1 : 0,
        at,
      });
    },
    rotateSecret(id: number, secret: string, secretHint: string, at: string): void {
      db.prepare('UPDATE webhook_endpoints SET secret_enc = ?, secret_hint = ?, secret_rotated_at = ?, updated_at = ? WHERE id = ?').run(
        dataKey().encrypt(secret, SECRET_CONTEXT),
        secretHint,
        at,
        at,
        id,
      );
    },
    /** Soft delete: the log keeps naming it; its queued deliveries fail at once, since nothing may reach it any more. */
    deleteEndpoint(id: number, at: string): void {
      db.prepare('UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0, updated_at = ? WHERE id = ?').run(at, at, id);
      db.prepare(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'endpoint deleted' WHERE endpoint_id = ? AND status = 'pending'`).run(id);
    },
    /** Whether the endpoint may still be sent to (live and enabled), whatever the delivery row says. */
    endpointLive(id: number): { url: string; enabled: boolean } | undefined {
      const r = endpointById.get(id);
      return r && { url: r.url, enabled: r.enabled === 1 };
    },

    insertDelivery(d: { id: string; eventId: string; endpointId: number; enterpriseId: number; type: string; payload: string; at: string; resendOf?: string | null }): void {
      insertDelivery.run({ ...d, resendOf: d.resendOf ?? null });
    },
    getDelivery(id: string): QueuedDelivery | undefined {
      const r = deliveryById.get(id);
      return r && { ...toDelivery(r), payload: r.payload };
    },
    listDeliveries(endpointId: number, limit: number): WebhookDelivery[] {
      return deliveriesOf.all(endpointId, limit).map(toDelivery);
    },
    /** Deliveries whose time has come, oldest first. */
    due(now: string, limit: number): QueuedDelivery[] {
      return due.all(now, limit).map((r) => ({ ...toDelivery(r), payload: r.payload }));
    },
    /**
     * Counts an attempt before it is made and pushes the row out of reach
     * until `leaseUntil`: a crash mid-send then costs one attempt and the row
     * comes back after the lease, instead of being sent in a loop. False when
     * another tick took it first.
     */
    claim(id: string, attempts: number, at: string, leaseUntil: string): boolean {
      return claim.run({ id, attempts, at, leaseUntil }).changes === 1;
    },
    markDelivered(id: string, status: number, at: string): void {
      db.prepare(`UPDATE webhook_deliveries SET status = 'delivered', next_attempt_at = NULL, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?`).run(status, at, id);
    },
    /** A failed attempt: retried at `retryAt`, or failed for good when it is null. */
    markAttemptFailed(id: string, outcome: { status: number | null; error: string | null }, retryAt: string | null): void {
      db.prepare(`UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?`).run(
        retryAt ? 'pending' : 'failed',
        retryAt,
        outcome.status,
        outcome.error,
        id,
      );
    },
    health(endpointId: number): EndpointHealth {
      const r = health.get(endpointId)!;
      return { pending: r.pending, failed: r.failed, delivered: r.delivered, lastDeliveredAt: r.last_delivered_at, lastFailureAt: r.last_failure_at };
    },
  };
}
export type WebhooksRepo = ReturnType<typeof webhooksRepo>;
