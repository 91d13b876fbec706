import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { citizenIdSchema } from '../../../core/validate/index.js';
import { policy } from '../../plugins/access.js';
import { Problem } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { parseForm } from '../../views/forms.js';
import { phoneSchema } from '../enterprises/schema.js';
import { enterprisesService } from '../enterprises/service.js';
import { blankForm, problemForm, refusedForm, type FormState } from '../../views/form-state.js';
import { enterpriseOptions } from '../vehicles/pages.js';
import { doneNotice } from '../../views/notices.js';
import { idParam, withoutEmpty } from '../../views/params.js';
import type { ListFilters } from '../vehicles/views.js';
import { personInputSchema, personListQuerySchema, personRoleSchema, revealInputSchema, staysSchema, type Person, type PersonListQuery } from './schema.js';
import { peopleService } from './service.js';
import { PersonDetailPage, PersonFormPage, PersonListPage } from './views.js';

/** Region codes as people type them: separated by spaces, commas (also full-width), 、 or semicolons. */
const splitCodes = (s: string) => s.split(/[\s,，、;；]+/).filter(Boolean);
const staysText = z.string().default('').transform(splitCodes).pipe(staysSchema);
const blankIsAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const formBase = {
  name: personInputSchema.shape.name,
  role: personRoleSchema,
  stays: staysText,
  declare: z.string().optional().transform((v) => v === 'on'),
};
const createForm = z
  .object({ ...formBase, idNumber: citizenIdSchema, phone: phoneSchema })
  .refine((f) => f.declare || f.stays.length === 0, { path: ['declare'], message: 'person.declare_required' });
const editForm = z.object({ ...formBase, idNumber: blankIsAbsent(citizenIdSchema), phone: blankIsAbsent(phoneSchema) });

const DONE = { saved: 'common.saved', archived: 'person.archived_notice', restored: 'person.restored_notice' } as const;

function listQuery(request: FastifyRequest): PersonListQuery {
  const parsed = personListQuerySchema.safeParse(withoutEmpty(request.query));
  return parsed.success ? parsed.data : personListQuerySchema.parse({});
}

const filtersOf = (q: PersonListQuery): ListFilters => ({
  q: q.q ?? '', status: q.status, role: q.role ?? '', enterpriseId: q.enterpriseId, page: q.page, pageSize: q.pageSize,
});

const personValues = (p: Person): Record<string, string> => ({ name: p.name, role: p.role, stays: p.stays.map((s) => s.code).join(' ') });

export const peoplePages: FastifyPluginAsync = async (app) => {
  const svc = app.services.people;
  const enterprises = app.services.enterprises;
  const own = (request: FastifyRequest, id: number) => svc.getForEnterprise(request.actor!, id, { enterpriseId: request.actor!.user.enterpriseId ?? -1 });

  app.get('/enterprise/people', { config: { access: policy.enterprise } }, async (request, reply) => {
    const q = { ...listQuery(request), enterpriseId: undefined };
    const { items, total } = await svc.list(request.actor!, q);
    return reply.page(<PersonListPage mode="enterprise" items={items} total={total} filters={filtersOf(q)} notice={doneNotice(request.locale, request.query, DONE)} />);
  });

  app.get('/enterprise/people/new', { config: { access: policy.enterprise } }, async (_request, reply) => {
    return reply.page(<PersonFormPage form={blankForm({ role: 'driver' })} />);
  });

  app.post('/enterprise/people', { config: { access: policy.enterprise } }, async (request, reply) => {
    const form = parseForm(createForm, request.body, request.locale);
    if (!form.ok) return reply.page(<PersonFormPage form={refusedForm(form, request.body)} />, 400);
    const { declare, stays, ...rest } = form.data;
    try {
      await svc.create(request.actor!, { ...rest, stays: declare ? stays : undefined }, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<PersonFormPage form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/people?done=saved', 303);
  });

  app.get('/enterprise/people/:id/edit', { config: { access: policy.enterprise } }, async (request, reply) => {
    const person = await own(request, idParam(request));
    return reply.page(<PersonFormPage person={person} form={blankForm(personValues(person))} />);
  });

  app.post('/enterprise/people/:id', { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = idParam(request);
    const person = await own(request, id);
    const form = parseForm(editForm, request.body, request.locale);
    if (!form.ok) return reply.page(<PersonFormPage person={person} form={refusedForm(form, request.body)} />, 400);
    const { declare, stays, ...rest } = form.data;
    const before = person.stays.map((s) => s.code);
    const staysChanged = stays.length !== before.length || stays.some((c) => !before.includes(c));
    if (staysChanged && !declare) {
      const message = t(request.locale, 'person.declare_required');
      const refused: FormState = { ...refusedForm({ errors: [{ path: 'declare', message }], fieldErrors: { declare: message } }, request.body) };
      return reply.page(<PersonFormPage person={person} form={refused} />, 400);
    }
    try {
      await svc.update(request.actor!, id, { ...rest, ...(declare ? { stays } : {}) }, request.ip);
    } catch (err) {
      if (!(err instanceof Problem) || !err.errors) throw err;
      return reply.page(<PersonFormPage person={person} form={problemForm(err, request.locale, request.body)} />, err.status);
    }
    return reply.redirect('/enterprise/people?done=saved', 303);
  });

  app.post('/enterprise/people/:id/archive', { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.archive(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/people?done=archived', 303);
  });

  app.post('/enterprise/people/:id/restore', { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.restore(request.actor!, idParam(request), request.ip);
    return reply.redirect('/enterprise/people?done=restored', 303);
  });

  app.get('/bureau/people', { config: { access: policy.bureau } }, async (request, reply) => {
    const q = listQuery(request);
    const { items, total } = await svc.list(request.actor!, q);
    return reply.page(<PersonListPage mode="bureau" items={items} total={total} filters={filtersOf(q)} enterprises={await enterpriseOptions(request, enterprises)} />);
  });

  app.get('/bureau/people/:id', { config: { access: policy.bureau } }, async (request, reply) => {
    return reply.page(<PersonDetailPage person={await svc.get(request.actor!, idParam(request))} />);
  });

  // Answers the POST with the page itself (no redirect): the full values exist only in this one no-store response.
  app.post('/bureau/people/:id/reveal', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = idParam(request);
    const person = await svc.get(request.actor!, id);
    const form = revealInputSchema.safeParse(withoutEmpty(request.body));
    const revealed = await svc.reveal(request.actor!, id, form.success ? form.data.reason : undefined, request.ip);
    reply.header('pragma', 'no-cache');
    return reply.page(<PersonDetailPage person={person} revealed={revealed} />);
  });
};
