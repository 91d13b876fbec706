import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { notFound, Problem } from '../../problem.js';
import type { UserActor } from '../../types.js';
import { parseForm } from '../../views/forms.js';
import { createUserSchema } from '../users/schema.js';
import { belongsOnForm, pageId } from '../../views/params.js';
import { blankForm, problemForm, refusedForm, type FormState } from '../../views/form-state.js';
import { doneNotice, type PageNotice } from '../../views/notices.js';
import { enterpriseInputSchema, enterpriseStatusSchema, statusChangeSchema, type Enterprise } from './schema.js';
import { enterprisesService, type EnterprisesService } from './service.js';
import { EnterpriseDetailPage, EnterpriseFormPage, EnterpriseHomePage, EnterpriseListPage, type DetailProps } from './views.js';
import { decimalInt } from '../../ids.js';

const PAGE_SIZE = 20;

/** A list URL is often typed or shared: anything odd in it falls back to the default, never an error. */
const listQuery = z.object({
  q: z
    .string()
    .catch('')
    .transform((s) => s.trim().slice(0, 100)),
  status: z.union([enterpriseStatusSchema, z.literal('')]).catch(''),
  page: decimalInt({ min: 1, max: 1_000_000 }).catch(1),
});

const statusForm = statusChangeSchema.refine((f) => f.status !== 'suspended' || !!f.reason, {
  path: ['reason'],
  message: 'enterprise.suspend_reason_required',
});

const contactForm = enterpriseInputSchema.pick({ address: true, dutyPhone: true });

const formOf = (e: Enterprise) =>
  blankForm({ name: e.name, creditCode: e.creditCode, address: e.address, regionCode: e.regionCode, dutyPhone: e.dutyPhone });

/** Renders the bureau's page for one enterprise, e.g. with a one-time password that must be shown only in this response. */
/** What the page after a POST-redirect-GET says happened. */
const DONE = {
  registered: 'enterprise.registered_ok',
  status: 'enterprise.status_changed',
  saved: 'common.saved',
  disabled: 'user.disabled_ok',
  enabled: 'user.enabled_ok',
} as const;

export async function renderEnterpriseDetail(
  reply: FastifyReply,
  svc: EnterprisesService,
  actor: UserActor,
  id: number,
  extra: Omit<DetailProps, 'enterprise' | 'users'> = {},
  status = 200,
) {
  const enterprise = await svc.get(actor, id);
  const users = await svc.listUsers(actor, id);
  return reply.page(<EnterpriseDetailPage enterprise={enterprise} users={users} {...extra} />, status);
}

export const enterprisesPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.enterprises;

  // ---- Bureau ----

  app.get('/bureau/enterprises', { config: { access: policy.bureau } }, async (request, reply) => {
    const { q, status, page } = listQuery.parse(request.query ?? {});
    const { items, total } = await svc.list(request.actor!, { q: q || undefined, status: status || undefined, page, pageSize: PAGE_SIZE });
    // The escort loop's flags: which enterprises have overdue requests or unrecorded isolation.
    const attention = await app.services.escorts.attentionByEnterprise();
    // And the charter custody tasks past a limit (features/custody/overdue.ts).
    const custodyOverdue = await app.services.custody.overdueByEnterprise();
    return reply.page(<EnterpriseListPage items={items} total={total} page={page} pageSize={PAGE_SIZE} q={q} status={status} attention={attention} custodyOverdue={custodyOverdue} />);
  });

  app.get('/bureau/enterprises/new', { config: { access: policy.bureau } }, async (_request, reply) => {
    return reply.page(<EnterpriseFormPage form={blankForm()} />);
  });

  app.post('/bureau/enterprises', { config: { access: policy.bureau } }, async (request, reply) => {
    const body = request.body;
    const form = parseForm(enterpriseInputSchema, body, request.locale);
    if (!form.ok) return reply.page(<EnterpriseFormPage form={refusedForm(form, body)} />, 400);
    try {
      const e = await svc.register(request.actor!, form.data, request.ip);
      return reply.redirect(`/bureau/enterprises/${e.id}?done=registered`, 303);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      const field = err.code === 'enterprise_exists' ? 'creditCode' : undefined;
      return reply.page(<EnterpriseFormPage form={problemForm(err, request.locale, body, field)} />, err.status);
    }
  });

  app.get('/bureau/enterprises/:id', { config: { access: policy.bureau } }, async (request, reply) => {
    return renderEnterpriseDetail(reply, svc, request.actor!, pageId(request.params), { notice: doneNotice(request.locale, request.query, DONE) });
  });

  app.get('/bureau/enterprises/:id/edit', { config: { access: policy.bureau } }, async (request, reply) => {
    const e = await svc.get(request.actor!, pageId(request.params));
    return reply.page(<EnterpriseFormPage enterprise={e} form={formOf(e)} />);
  });

  app.post('/bureau/enterprises/:id/edit', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const e = await svc.get(request.actor!, id);
    const body = request.body;
    const form = parseForm(enterpriseInputSchema, body, request.locale);
    if (!form.ok) return reply.page(<EnterpriseFormPage enterprise={e} form={refusedForm(form, body)} />, 400);
    try {
      await svc.update(request.actor!, id, form.data, request.ip);
      return reply.redirect(`/bureau/enterprises/${id}?done=saved`, 303);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      const field = err.code === 'enterprise_exists' ? 'creditCode' : undefined;
      return reply.page(<EnterpriseFormPage enterprise={e} form={problemForm(err, request.locale, body, field)} />, err.status);
    }
  });

  app.post('/bureau/enterprises/:id/status', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const body = request.body;
    const form = parseForm(statusForm, body, request.locale);
    if (!form.ok) return renderEnterpriseDetail(reply, svc, request.actor!, id, { statusForm: refusedForm(form, body) }, 400);
    try {
      await svc.setStatus(request.actor!, id, form.data.status, form.data.reason || undefined, request.ip);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      return renderEnterpriseDetail(reply, svc, request.actor!, id, { statusForm: problemForm(err, request.locale, body) }, err.status);
    }
    return reply.redirect(`/bureau/enterprises/${id}?done=status`, 303);
  });

  // The one-time password is shown in this response only: never in a URL, a cookie or the log.
  app.post('/bureau/enterprises/:id/users', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const body = request.body;
    const form = parseForm(createUserSchema, body, request.locale);
    if (!form.ok) return renderEnterpriseDetail(reply, svc, request.actor!, id, { userForm: refusedForm(form, body) }, 400);
    try {
      const { user, oneTimePassword } = await svc.createUser(request.actor!, id, form.data, request.ip);
      return await renderEnterpriseDetail(reply, svc, request.actor!, id, { oneTime: { kind: 'created', username: user.username, password: oneTimePassword } }, 201);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      const field = err.code === 'username_taken' ? 'username' : undefined;
      return renderEnterpriseDetail(reply, svc, request.actor!, id, { userForm: problemForm(err, request.locale, body, field) }, err.status);
    }
  });

  // ---- Enterprise ----

  /** The signed-in user's own enterprise: the id comes from the account, never from the request. */
  const ownEnterpriseId = (actor: UserActor): number => {
    const id = actor.user.enterpriseId;
    if (id === null) throw notFound();
    return id;
  };

  /** `form` is the contact form as submitted; without it, the form shows the stored values. */
  const renderHome = async (reply: FastifyReply, actor: UserActor, opts: { form?: FormState; notice?: PageNotice | undefined }, status = 200) => {
    const id = ownEnterpriseId(actor);
    const sections = await Promise.all(app.enterpriseHomeSections.map((section) => section(reply.request)));
    const enterprise = await svc.get(actor, id);
    const users = await svc.listUsers(actor, id);
    const form = opts.form ?? blankForm({ address: enterprise.address, dutyPhone: enterprise.dutyPhone });
    return reply.page(<EnterpriseHomePage enterprise={enterprise} users={users} form={form} notice={opts.notice} sections={sections} />, status);
  };

  app.get('/enterprise', { config: { access: policy.enterprise } }, async (request, reply) => {
    return renderHome(reply, request.actor!, { notice: doneNotice(request.locale, request.query, DONE) });
  });

  app.post('/enterprise/contact', { config: { access: policy.enterprise } }, async (request, reply) => {
    const actor = request.actor!;
    const body = request.body;
    const form = parseForm(contactForm, body, request.locale);
    if (!form.ok) return renderHome(reply, actor, { form: refusedForm(form, body) }, 400);
    try {
      await svc.updateContact(actor, ownEnterpriseId(actor), form.data, request.ip);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      return renderHome(reply, actor, { form: problemForm(err, request.locale, body) }, err.status);
    }
    return reply.redirect('/enterprise?done=saved', 303);
  });
};
