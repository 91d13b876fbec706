import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import type { WebhooksService } from './service.js';
import {
  createWebhookSchema, deliveryIdParams, endpointIdParams, updateWebhookSchema, webhookDeliverySchema, webhookEndpointViewSchema, webhookWithSecretSchema,
} from './schema.js';

const tags = ['webhooks'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/**
 * Webhook endpoints: an enterprise user manages its own enterprise's; the
 * bureau reads all of them with their health, to see who is not being
 * reached. No API-token scope lists these routes: a secret is only ever shown
 * to a signed-in person.
 */
export function webhooksApi(svc: WebhooksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/webhooks', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'Webhook endpoints with their health (an enterprise user sees its own); never their secrets', response: { 200: z.array(webhookEndpointViewSchema), ...errors } },
    }, async (request) => svc.list(request.actor!));

    app.post('/api/v1/webhooks', {
      config: { access: policy.enterprise },
      schema: {
        tags,
        summary: 'Add an endpoint; the answer holds its signing secret, shown this once',
        description: 'The URL must be https:// and resolve to public addresses only. Events are POSTed as JSON and signed (see the webhook guide).',
        body: createWebhookSchema,
        response: { 201: webhookWithSecretSchema, ...errors },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await svc.create(request.actor!, request.body, request.ip));
    });

    app.get('/api/v1/webhooks/:id', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'One endpoint with its health; never its secret', params: endpointIdParams, response: { 200: webhookEndpointViewSchema, ...errors } },
    }, async (request) => svc.get(request.actor!, request.params.id));

    app.patch('/api/v1/webhooks/:id', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Change the URL or enable / disable the endpoint', params: endpointIdParams, body: updateWebhookSchema, response: { 200: webhookEndpointViewSchema, ...errors } },
    }, async (request) => svc.update(request.actor!, request.params.id, request.body, request.ip));

    app.delete('/api/v1/webhooks/:id', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Delete the endpoint; its queued deliveries fail, its log stays', params: endpointIdParams, response: { 204: z.null(), ...errors } },
    }, async (request, reply) => {
      await svc.delete(request.actor!, request.params.id, request.ip);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/webhooks/:id/rotate-secret', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Replace the signing secret at once; the answer holds the new one, shown this once', params: endpointIdParams, response: { 200: webhookWithSecretSchema, ...errors } },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.rotateSecret(request.actor!, request.params.id, request.ip);
    });

    app.post('/api/v1/webhooks/:id/test', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Queue a test event to this endpoint', params: endpointIdParams, response: { 202: webhookDeliverySchema, ...errors } },
    }, async (request, reply) => reply.code(202).send(await svc.sendTest(request.actor!, request.params.id, request.ip)));

    app.get('/api/v1/webhooks/:id/deliveries', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'The delivery log of an endpoint, latest first (the last 100)', params: endpointIdParams, response: { 200: z.array(webhookDeliverySchema), ...errors } },
    }, async (request) => svc.deliveries(request.actor!, request.params.id));

    app.get('/api/v1/webhook-deliveries/:id', {
      config: { access: policy.anyUser },
      schema: { tags, summary: 'One delivery', params: deliveryIdParams, response: { 200: webhookDeliverySchema, ...errors } },
    }, async (request) => svc.getDelivery(request.actor!, request.params.id));

    app.post('/api/v1/webhook-deliveries/:id/resend', {
      config: { access: policy.enterprise },
      schema: { tags, summary: 'Send a failed (or delivered) event again, as a new delivery with the same event id', params: deliveryIdParams, response: { 202: webhookDeliverySchema, ...errors } },
    }, async (request, reply) => reply.code(202).send(await svc.resend(request.actor!, request.params.id, request.ip)));
  };
}
