import { z } from 'zod';
import { idSchema } from '../../ids.js';
import { webhookEventTypeSchema } from './events.js';

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** How the endpoint has fared: what the bureau looks at to see an enterprise that is not being reached. */
export const endpointHealthSchema = z
  .object({
    pending: z.number().int(),
    failed: z.number().int(),
    delivered: z.number().int(),
    lastDeliveredAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    failing: z.boolean().describe('the last attempt failed (or a delivery gave up) after the last success'),
  })
  .meta({ id: 'WebhookEndpointHealth' });
export type EndpointHealthView = z.infer<typeof endpointHealthSchema>;

/** A webhook endpoint as listed: never its secret, only the last four characters to tell secrets apart. */
export const webhookEndpointSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    url: z.string(),
    enabled: z.boolean(),
    secretHint: z.string().describe('the last four characters of the signing secret'),
    secretRotatedAt: z.string(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointViewSchema = webhookEndpointSchema.extend({ health: endpointHealthSchema }).meta({ id: 'WebhookEndpointView' });
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;

const urlField = z.string().trim().min(10).max(500);

export const createWebhookSchema = z.object({ url: urlField.describe('https:// and a public address') });
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({ url: urlField.optional(), enabled: z.boolean().optional() })
  .refine((v) => v.url !== undefined || v.enabled !== undefined, { message: 'webhook.nothing_to_change' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

/** The answer to creating an endpoint or rotating its secret: the one time the secret is shown. */
export const webhookWithSecretSchema = z.object({
  secret: z.string().describe('shown once: store it in the receiver now; it cannot be shown again'),
  endpoint: webhookEndpointViewSchema,
});

export const webhookDeliverySchema = z
  .object({
    id: z.string().describe('sent as x-kakou-delivery'),
    eventId: z.string().describe('the id in the body; the same on a re-send'),
    endpointId: z.number().int(),
    enterpriseId: z.number().int(),
    type: z.string(),
    status: deliveryStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable().describe('HTTP status of the last answer; null when none came'),
    lastError: z.string().nullable().describe('why the last attempt failed without an answer (timeout, refused address, …)'),
    resendOf: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const endpointIdParams = z.object({ id: idSchema });
export const deliveryIdParams = z.object({ id: z.uuid() });

export { webhookEventTypeSchema };
