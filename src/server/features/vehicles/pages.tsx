import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { policy } from '../../plugins/access.js';
import { notFound, Problem } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { parseForm } from '../../views/forms.js';
import { enterprisesService } from '../enterprises/service.js';
import { blankForm, problemForm, refusedForm, type PageNotice } from '../users/views.js';
import { vehicleInputSchema, vehicleListQuerySchema, type VehicleListQuery } from './schema.js';
import { vehiclesService } from './service.js';
import { VehicleFormPage, VehicleListPage, type EnterpriseOption, type ListFilters } from './views.js';
import { parsePageId } from '../../ids.js';

/** A GET form sends empty fields for "any"; they mean absent, not invalid. */
export function withoutEmpty(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) out[k] = v;
  return out;
}

/** Portal list filters: whatever does not parse falls back to the defaults rather than failing the page. */
export function listQuery(request: FastifyRequest): VehicleListQuery {
  const parsed = vehicleListQuerySchema.safeParse(withoutEmpty(request.query));
  return parsed.success ? parsed.data : vehicleListQuerySchema.parse({});
}

export function idParam(request: FastifyRequest): number {
  const id = parsePageId((request.params as { id?: unknown }).id);
  if (id === undefined) throw notFound();
  return id;
}

/** Notices after POST-redirect-GET: only these fixed texts, whatever the URL holds. */
export function doneNotice(request: FastifyRequest, texts: Record<string, Parameters<typeof t>[1]>): PageNotice | undefined {
  const done = (request.query as { done?: unknown } | undefined)?.done;
  if (typeof done !== 'string' || !Object.hasOwn(texts, done)) return undefined;
  return { kind: 'ok', text: t(request.locale, texts[done]!) };
}

export function enterpriseOptions(request: FastifyRequest, svc: ReturnType<typeof enterprisesService>): EnterpriseOption[] {
  return svc.list(request.actor!, { page: 1, pageSize: 1000 }).items.map((e) => ({ id: e.id, name: e.name }));
}

const DONE = { saved: 'common.saved', archived: 'vehicle.archived_notice', restored: 'vehicle.restored_notice' } as const;

export const vehiclesPages: FastifyPluginAsync = async (app) => {
  const svc = vehiclesService(app.repos);
  const enterprises = enterprisesService(app.repos);

  const filtersOf = (q: VehicleListQuery): ListFilters => ({
    q: q.q ?? '', status: q.status, type: q.type ?? '', enterpriseId: q.enterpriseId, page: q.page, pageSize: q.pageSize,
  });

  app.get('/enterprise/vehicles', { config: { access: policy.enterprise } }, async (request, reply) => {
    const q = { ...listQuery(request), enterpriseId: undefined };
    const { items, total } = svc.list(request.actor!, q);
    return reply.page(<VehicleListPage mode="enterprise" items={items} total={total} filters={filtersOf(q)} notice={doneNotice(request, DONE)} />);
  });

  app.get('/enterprise/vehicles/new', { config: { access: policy.enterprise } }, async (_request, reply) => {
    return reply.page(<VehicleFormPage form={blankForm({ type: 'truck' })} />);
  });

  app.post('/enterprise/vehicles', { config: { access: policy.enterprise } }, async (request, reply) => {
    const form = parseForm(vehicleInputSchema, request.body, request.locale);
    if (!form.ok) return reply.page(<VehicleFormPage form={refusedForm(form, request.body)} />, 400);
    try {
      svc.create(request.actor!, form.data, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<VehicleFormPage form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/vehicles?done=saved', 303);
  });

  app.get('/enterprise/vehicles/:id/edit', { config: { access: policy.enterprise } }, async (request, reply) => {
    const vehicle = svc.getForEnterprise(request.actor!, idParam(request), { enterpriseId: request.actor!.user.enterpriseId ?? -1 });
    return reply.page(<VehicleFormPage vehicle={vehicle} form={blankForm({ plate: vehicle.plate, type: vehicle.type })} />);
  });

  app.post('/enterprise/vehicles/:id', { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = idParam(request);
    const vehicle = svc.getForEnterprise(request.actor!, id, { enterpriseId: request.actor!.user.enterpriseId ?? -1 });
    const form = parseForm(vehicleInputSchema, request.body, request.locale);
    if (!form.ok) return reply.page(<VehicleFormPage vehicle={vehicle} form={refusedForm(form, request.body)} />, 400);
    try {
      svc.update(request.actor!, id, form.data, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<VehicleFormPage vehicle={vehicle} form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/vehicles?done=saved', 303);
  });

  app.post('/enterprise/vehicles/:id/archive', { config: { access: policy.enterprise } }, async (request, reply) => {
    svc.archive(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/vehicles?done=archived', 303);
  });

  app.post('/enterprise/vehicles/:id/restore', { config: { access: policy.enterprise } }, async (request, reply) => {
    svc.restore(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/vehicles?done=restored', 303);
  });

  app.get('/bureau/vehicles', { config: { access: policy.bureau } }, async (request, reply) => {
    const q = listQuery(request);
    const { items, total } = svc.list(request.actor!, q);
    return reply.page(
      <VehicleListPage mode="bureau" items={items} total={total} filters={filtersOf(q)} enterprises={enterpriseOptions(request, enterprises)} />,
    );
  });
};
