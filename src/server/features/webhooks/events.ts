import { z } from 'zod';
import { personalDataIn } from '../../../core/validate/index.js';

/**
 * The event types an enterprise can receive, in one place: the API, the docs
 * (docs/webhooks.md) and the enqueue guard all read this list. The escort
 * types mirror the escort-request feature's events, `custody.handed_over` a
 * new custody task (docs/custody.md); `webhook.test` is what the
 * "send test event" button sends.
 */
export const WEBHOOK_EVENT_TYPES = [
  'escort.requested',
  'escort.dispatched',
  'escort.handed_over',
  'escort.arrived',
  'escort.isolation_recorded',
  'escort.closed',
  'escort.overdue',
  'custody.handed_over',
  'custody.overdue',
  'webhook.test',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** The JSON body of every delivery; `data` depends on the type. */
export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  enterpriseId: number;
  data: unknown;
}

/**
 * The path of the first string in a payload that holds a full citizen ID
 * number or a mobile number, or null. A webhook leaves the server for a system
 * we do not control and may be logged there for years, so only masked values
 * (`**************002X`, `138****5678`) may travel; a caller that passes a full
 * number has a bug, and enqueue refuses rather than silently masking it.
 */
export function personalDataPath(value: unknown, path = 'data'): string | null {
  if (typeof value === 'string') return personalDataIn(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = personalDataPath(v, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = personalDataPath(k, `${path}.${k}`) ?? personalDataPath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}
