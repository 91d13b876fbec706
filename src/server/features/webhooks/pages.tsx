import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { notFound, Problem, renderFieldErrors } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { parseForm } from '../../views/forms.js';
import { pageId } from '../../views/params.js';
import { doneNotice, type PageNotice } from '../../views/notices.js';
import { createWebhookSchema } from './schema.js';
import { dutySheetRows } from './duty-sheet.js';
import { DutySheetPage } from './duty-sheet-view.js';
import { BureauWebhooksPage, DeliveryLogPage, WebhooksPage } from './views.js';

const DONE = {
  created: 'webhooks.created',
  saved: 'webhooks.saved',
  deleted: 'webhooks.deleted',
  test: 'webhooks.test_queued',
  resent: 'webhooks.resent',
} as const;

const enabledForm = z.object({ enabled: z.enum(['0', '1']).transform((v) => v === '1') });
const deliveryParams = z.object({ id: z.uuid() });

/**
 * The enterprise's webhook pages under /enterprise/webhooks, the printable
 * duty sheet, and the bureau's read-only overview under /bureau/webhooks. A
 * secret appears only in the answer to the POST that made it (create or
 * rotate), never on a GET page, in a URL or in the log.
 */
export const webhooksPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.webhooks;
  const base = '/enterprise/webhooks';

  const render = async (request: FastifyRequest, reply: FastifyReply, opts: { secret?: string; notice?: PageNotice | undefined; url?: string } = {}, status = 200) => {
    if (opts.secret) reply.header('cache-control', 'no-store');
    return reply.page(<WebhooksPage endpoints={await svc.list(request.actor!)} secret={opts.secret} notice={opts.notice} url={opts.url} />, status);
  };
  const refused = (request: FastifyRequest, reply: FastifyReply, err: unknown, url?: string) => {
    if (!(err instanceof Problem) || err.status === 403 || err.status === 404 || err.status >= 500) throw err;
    const notice: PageNotice = { kind: 'error', text: t(request.locale, err.detail ?? err.titleKey, err.params), errors: renderFieldErrors(err, request.locale) };
    return render(request, reply, { notice, ...(url !== undefined ? { url } : {}) }, err.status);
  };
  const urlOf = (body: unknown) => {
    const raw = (body as { url?: unknown } | undefined)?.url;
    return typeof raw === 'string' ? raw : '';
  };

  app.get(base, { config: { access: policy.enterprise } }, async (request, reply) => render(request, reply, { notice: doneNotice(request.locale, request.query, DONE) }));

  app.post(base, { config: { access: policy.enterprise } }, async (request, reply) => {
    const form = parseForm(createWebhookSchema, request.body, request.locale);
    const url = urlOf(request.body);
    if (!form.ok) return render(request, reply, { notice: { kind: 'error', text: t(request.locale, 'problem.validation'), errors: form.errors }, url }, 400);
    try {
      const { secret } = await svc.create(request.actor!, form.data, request.ip);
      return render(request, reply, { secret, notice: { kind: 'ok', text: t(request.locale, 'webhooks.created') } }, 201);
    } catch (err) {
      return refused(request, reply, err, url);
    }
  });

  app.get(`${base}/:id`, { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = pageId(request.params);
    const endpoint = await svc.get(request.actor!, id);
    const notice = doneNotice(request.locale, request.query, DONE);
    return reply.page(<DeliveryLogPage endpoint={endpoint} deliveries={await svc.deliveries(request.actor!, id)} resend back={base} notice={notice} />);
  });

  app.post(`${base}/:id`, { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = pageId(request.params);
    const form = parseForm(createWebhookSchema, request.body, request.locale);
    if (!form.ok) return render(request, reply, { notice: { kind: 'error', text: t(request.locale, 'problem.validation'), errors: form.errors } }, 400);
    try {
      await svc.update(request.actor!, id, { url: form.data.url }, request.ip);
    } catch (err) {
      return refused(request, reply, err);
    }
    return reply.redirect(`${base}?done=saved`, 303);
  });

  app.post(`${base}/:id/enabled`, { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = pageId(request.params);
    const form = enabledForm.safeParse(request.body ?? {});
    if (!form.success) throw new Problem('bad_request');
    await svc.update(request.actor!, id, { enabled: form.data.enabled }, request.ip);
    return reply.redirect(`${base}?done=saved`, 303);
  });

  // The new secret is in this response only.
  app.post(`${base}/:id/rotate`, { config: { access: policy.enterprise } }, async (request, reply) => {
    const { secret } = await svc.rotateSecret(request.actor!, pageId(request.params), request.ip);
    return render(request, reply, { secret });
  });

  app.post(`${base}/:id/delete`, { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.delete(request.actor!, pageId(request.params), request.ip);
    return reply.redirect(`${base}?done=deleted`, 303);
  });

  app.post(`${base}/:id/test`, { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = pageId(request.params);
    try {
      await svc.sendTest(request.actor!, id, request.ip);
    } catch (err) {
      return refused(request, reply, err);
    }
    return reply.redirect(`${base}/${id}?done=test`, 303);
  });

  app.post('/enterprise/webhook-deliveries/:id/resend', { config: { access: policy.enterprise } }, async (request, reply) => {
    const params = deliveryParams.safeParse(request.params);
    if (!params.success) throw notFound();
    let delivery;
    try {
      delivery = await svc.resend(request.actor!, params.data.id, request.ip);
    } catch (err) {
      return refused(request, reply, err);
    }
    return reply.redirect(`${base}/${delivery.endpointId}?done=resent`, 303);
  });

  app.get('/enterprise/escorts/duty-sheet', { config: { access: policy.enterprise } }, async (request, reply) => {
    const enterpriseId = request.actor!.user.enterpriseId;
    if (enterpriseId === null) throw notFound();
    const enterprise = await app.services.enterprises.get(request.actor!, enterpriseId);
    const requests = await dutySheetRows(app.services.escortDutySheet, enterprise.id);
    return reply.page(<DutySheetPage enterprise={enterprise} requests={requests} now={new Date()} back="/enterprise" />);
  });

  // ---- Bureau: read only ----

  app.get('/bureau/webhooks', { config: { access: policy.bureau } }, async (request, reply) => {
    const endpoints = [];
    for (const e of await svc.list(request.actor!)) {
      const ent = await app.services.enterprises.get(request.actor!, e.enterpriseId);
      endpoints.push({ ...e, enterprise: { id: ent.id, name: ent.name, dutyPhone: ent.dutyPhone } });
    }
    return reply.page(<BureauWebhooksPage endpoints={endpoints} />);
  });

  app.get('/bureau/webhooks/:id', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const endpoint = await svc.get(request.actor!, id);
    return reply.page(<DeliveryLogPage endpoint={endpoint} deliveries={await svc.deliveries(request.actor!, id)} resend={false} back="/bureau/webhooks" />);
  });
};
