import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { policy } from '../../plugins/access.js';
import { notFound, Problem } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { parseForm } from '../../views/forms.js';
import { doneNotice } from '../../views/notices.js';
import { idParam, withoutEmpty } from '../../views/params.js';
import { enterprisesService } from '../enterprises/service.js';
import { blankForm, problemForm, refusedForm } from '../../views/form-state.js';
import { type PageNotice } from '../../views/notices.js';
import { vehicleInputSchema, vehicleListQuerySchema, type VehicleListQuery } from './schema.js';
import { vehiclesService } from './service.js';
import { VehicleFormPage, VehicleListPage, type EnterpriseOption, type ListFilters } from './views.js';

/** Portal list filters: whatever does not parse falls back to the defaults rather than failing the page. */
export function listQuery(request: FastifyRequest): VehicleListQuery {
  const parsed = vehicleListQuerySchema.safeParse(withoutEmpty(request.query));
  return parsed.success ? parsed.data : vehicleListQuerySchema.parse({});
}

export async function enterpriseOptions(request: FastifyRequest, svc: ReturnType<typeof enterprisesService>): Promise<EnterpriseOption[]> {
  return (await svc.list(request.actor!, { page: 1, pageSize: 1000 })).items.map((e) => ({ id: e.id, name: e.name }));
}

const DONE = { saved: 'common.saved', archived: 'vehicle.archived_notice', restored: 'vehicle.restored_notice' } as const;

export const vehiclesPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.vehicles;
  const enterprises = app.services.enterprises;

  const filtersOf = (q: VehicleListQuery): ListFilters => ({
    q: q.q ?? '', status: q.status, type: q.type ?? '', enterpriseId: q.enterpriseId, page: q.page, pageSize: q.pageSize,
  });

  app.get('/enterprise/vehicles', { config: { access: policy.enterprise } }, async (request, reply) => {
    const q = { ...listQuery(request), enterpriseId: undefined };
    const { items, total } = await svc.list(request.actor!, q);
    return reply.page(<VehicleListPage mode="enterprise" items={items} total={total} filters={filtersOf(q)} notice={doneNotice(request.locale, request.query, DONE)} />);
  });

  app.get('/enterprise/vehicles/new', { config: { access: policy.enterprise } }, async (_request, reply) => {
    return reply.page(<VehicleFormPage form={blankForm({ type: 'truck' })} />);
  });

  app.post('/enterprise/vehicles', { config: { access: policy.enterprise } }, async (request, reply) => {
    const form = parseForm(vehicleInputSchema, request.body, request.locale);
    if (!form.ok) return reply.page(<VehicleFormPage form={refusedForm(form, request.body)} />, 400);
    try {
      await svc.create(request.actor!, form.data, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<VehicleFormPage form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/vehicles?done=saved', 303);
  });

  app.get('/enterprise/vehicles/:id/edit', { config: { access: policy.enterprise } }, async (request, reply) => {
    const vehicle = await svc.getForEnterprise(request.actor!, idParam(request), { enterpriseId: request.actor!.user.enterpriseId ?? -1 });
    return reply.page(<VehicleFormPage vehicle={vehicle} form={blankForm({ plate: vehicle.plate, type: vehicle.type })} />);
  });

  app.post('/enterprise/vehicles/:id', { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = idParam(request);
    const vehicle = await svc.getForEnterprise(request.actor!, id, { enterpriseId: request.actor!.user.enterpriseId ?? -1 });
    const form = parseForm(vehicleInputSchema, request.body, request.locale);
    if (!form.ok) return reply.page(<VehicleFormPage vehicle={vehicle} form={refusedForm(form, request.body)} />, 400);
    try {
      await svc.update(request.actor!, id, form.data, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<VehicleFormPage vehicle={vehicle} form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/vehicles?done=saved', 303);
  });

  app.post('/enterprise/vehicles/:id/archive', { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.archive(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/vehicles?done=archived', 303);
  });

  app.post('/enterprise/vehicles/:id/restore', { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.restore(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/vehicles?done=restored', 303);
  });

  app.get('/bureau/vehicles', { config: { access: policy.bureau } }, async (request, reply) => {
    const q = listQuery(request);
    const { items, total } = await svc.list(request.actor!, q);
    return reply.page(
      <VehicleListPage mode="bureau" items={items} total={total} filters={filtersOf(q)} enterprises={await enterpriseOptions(request, enterprises)} />,
    );
  });
};
