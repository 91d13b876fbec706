import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { notFound, Problem, renderDetail, renderFieldErrors, renderFieldMessage, type FieldError } from '../../problem.js';
import type { UserActor } from '../../types.js';
import type { Locale } from '../../i18n/locale.js';
import { isMessageKey, t } from '../../i18n/messages.js';
import { formValues, parseForm } from '../../views/forms.js';
import { regionSchema } from '../../../core/validate/index.js';
import { cargoCategorySchema, passListFilterSchema, type ApplicationInput, type Pass } from './schema.js';
import type { PassesService } from './service.js';
import { PrintPage, type PrintSize } from './print.js';
import { BureauPassListPage, EnterprisePassListPage } from './list-view.js';
import { ESCORT_FIELDS, PassFormPage, type Choices } from './form-view.js';
import { BureauPassPage, EnterprisePassPage, type DetailProps, type ReasonFormState } from './detail-view.js';
import { blankForm, type FormState } from '../../views/form-state.js';
import { chinaDate, lastDay } from '../../views/time.js';
import { type PageNotice } from '../../views/notices.js';
import { decimalInt } from '../../ids.js';
import { pageId } from '../../views/params.js';
import { freeText } from '../../free-text.js';

const ENTERPRISE_PAGE_SIZE = 20;
const BUREAU_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Query strings: typed or shared URLs; anything odd falls back to the default, never an error.

const qField = z
  .string()
  .catch('')
  .transform((s) => s.trim().slice(0, 60));
const pageField = decimalInt({ min: 1, max: 1_000_000 }).catch(1);

const enterpriseListQuery = z.object({
  q: qField,
  status: z.union([passListFilterSchema, z.literal('')]).catch(''),
  page: pageField,
});

/** The bureau's list opens on the approval queue; `status=all` (or an empty choice) lists everything. */
const bureauListQuery = z.object({
  q: qField,
  status: z
    .union([passListFilterSchema, z.literal('all'), z.literal('')])
    .default('submitted')
    .catch('submitted')
    .transform((s) => (s === '' ? 'all' : s)),
  enterpriseId: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .optional()
    .catch(undefined),
  page: pageField,
});

const DONE = ['created', 'updated', 'submitted', 'approved', 'rejected', 'revoked', 'cancel_requested', 'amended'] as const;
type Done = (typeof DONE)[number];
const doneQuery = z.object({ done: z.enum(DONE) });
const bulkQuery = z.object({ approved: decimalInt({ min: 0 }), failed: decimalInt({ min: 0 }) });

function doneNotice(locale: Locale, query: unknown): PageNotice | undefined {
  const q = doneQuery.safeParse(query);
  return q.success ? { kind: 'ok', text: t(locale, `pass.done.${q.data.done}`) } : undefined;
}

function bulkNotice(locale: Locale, query: unknown): PageNotice | undefined {
  if ((query as { bulk?: unknown } | undefined)?.bulk === 'none') return { kind: 'warn', text: t(locale, 'pass.bulk_none') };
  const q = bulkQuery.safeParse(query);
  if (!q.success) return doneNotice(locale, query);
  const { approved, failed } = q.data;
  const text = [t(locale, 'pass.bulk_result', { ok: approved }), failed ? t(locale, 'pass.bulk_failed', { failed }) : ''].filter(Boolean).join(' ');
  return { kind: failed ? 'warn' : 'ok', text };
}

/** "Not yours" and "not there" go to the error page; any other refusal is shown where the user acted. */
const belongsOnPage = (err: unknown): err is Problem => err instanceof Problem && err.status !== 403 && err.status !== 404;

function problemText(locale: Locale, err: Problem): string {
  const detail = renderDetail(err, locale);
  return t(locale, err.titleKey) + (detail ? `(${detail})` : '');
}

// ---------------------------------------------------------------------------
// The application form

const chosenId = z.string('pass.error.choose').regex(/^[1-9]\d{0,9}$/, 'pass.error.choose').transform(Number);
const optionalId = z
  .string()
  .regex(/^(|[1-9]\d{0,9})$/, 'pass.error.choose')
  .optional()
  .transform((v) => (v ? Number(v) : null));

const applicationForm = z.object({
  vehicleId: chosenId,
  driverId: chosenId,
  escort1: optionalId,
  escort2: optionalId,
  escort3: optionalId,
  validFrom: z.iso.date('pass.error.date'),
  validTo: z.iso.date('pass.error.date'),
  originRegion: regionSchema,
  destination: z.string('pass.error.destination').trim().min(2, 'pass.error.destination').max(200, 'pass.error.destination'),
  cargoCategory: z.enum(cargoCategorySchema.options, 'pass.error.choose'),
  routeNote: z.string().trim().max(500).default(''),
});

const toInput = (f: z.output<typeof applicationForm>): ApplicationInput => ({
  vehicleId: f.vehicleId,
  driverId: f.driverId,
  escortIds: [f.escort1, f.escort2, f.escort3].filter((x): x is number => x !== null),
  validFrom: f.validFrom,
  validTo: f.validTo,
  originRegion: f.originRegion,
  destination: f.destination,
  cargoCategory: f.cargoCategory,
  routeNote: f.routeNote,
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks across fields on the raw strings, so they show even while another field is still wrong. */
function crossCheck(values: Record<string, string>, locale: Locale, maxDays: number, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const { validFrom: from = '', validTo: to = '' } = values;
  if (ISO_DATE.test(from) && ISO_DATE.test(to)) {
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
    if (to < from) errors.push({ path: 'validTo', message: t(locale, 'pass.error.end_before_start') });
    else if (days > maxDays) errors.push({ path: 'validTo', message: t(locale, 'pass.error.too_long', { days: maxDays }) });
    else if (to < today) errors.push({ path: 'validTo', message: t(locale, 'pass.error.ended') });
  }
  const seen = new Set<string>();
  for (const name of ['driverId', ...ESCORT_FIELDS]) {
    const v = values[name];
    if (!v) continue;
    if (seen.has(v)) errors.push({ path: name, message: t(locale, 'pass.error.duplicate_person') });
    seen.add(v);
  }
  return errors;
}

type ParsedApplication = { ok: true; input: ApplicationInput } | { ok: false; form: FormState };

function parseApplication(body: unknown, locale: Locale, maxDays: number): ParsedApplication {
  const values = formValues(body);
  const parsed = parseForm(applicationForm, body, locale);
  const extra = crossCheck(values, locale, maxDays, chinaDate(Date.now()));
  if (parsed.ok && !extra.length) return { ok: true, input: toInput(parsed.data) };
  const errors = parsed.ok ? [] : [...parsed.errors];
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.fieldErrors };
  for (const e of extra) {
    if (fieldErrors[e.path]) continue;
    errors.push(e);
    fieldErrors[e.path] = e.message;
  }
  return { ok: false, form: { values, errors, fieldErrors } };
}

/** The service names fields as the API does (escortIds.0); the form calls that one escort1. */
const formPath = (path: string) => {
  const m = /^escortIds(?:\.(\d))?$/.exec(path);
  return m ? `escort${Number(m[1] ?? 0) + 1}` : path;
};

function problemForm(err: Problem, locale: Locale, body: unknown): FormState {
  const errors: FieldError[] = err.errors?.length
    ? err.errors.map((e) => ({ path: formPath(e.path), message: renderFieldMessage(e, locale) }))
    : [{ path: '', message: problemText(locale, err) }];
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) if (e.path) fieldErrors[e.path] ??= e.message;
  return { values: formValues(body), errors, fieldErrors };
}

const formOf = (p: Pass): FormState => {
  const [driver, ...escorts] = p.people;
  const values: Record<string, string> = {
    vehicleId: String(p.vehicleId),
    driverId: driver ? String(driver.personId) : '',
    validFrom: chinaDate(p.validFrom),
    validTo: lastDay(p.validTo),
    originRegion: p.originRegion,
    destination: p.destination,
    cargoCategory: p.cargoCategory,
    routeNote: p.routeNote,
  };
  escorts.forEach((e, i) => {
    const name = ESCORT_FIELDS[i];
    if (name) values[name] = String(e.personId);
  });
  return blankForm(values);
};

const reasonForm = z.object({ reason: freeText(z.string('pass.error.reason_required').trim().min(2, 'pass.error.reason_required').max(500)) });

/** Bulk approval ids: one checkbox arrives as a string, several as an array. */
function idsOf(body: unknown): number[] {
  const raw = (body as { ids?: unknown } | undefined)?.ids;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const ids = list.filter((x): x is string => typeof x === 'string' && /^[1-9]\d{0,9}$/.test(x)).map(Number);
  return [...new Set(ids)].slice(0, 200);
}

/** Where the bulk form returns to: only the bureau list itself, with its filters. */
function bulkBack(body: unknown, params: Record<string, string>): string {
  const raw = (body as { back?: unknown } | undefined)?.back;
  const back = typeof raw === 'string' && /^\/bureau\/passes(\?[^#\s]*)?$/.test(raw) ? raw : '/bureau/passes?status=submitted';
  const url = new URL(back, 'http://x');
  for (const k of ['approved', 'failed', 'bulk', 'done', 'page']) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}

// ---------------------------------------------------------------------------

export function passesPages(svc: PassesService): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const repos = app.repos;
    const maxDays = async () => Number((await repos.passes.setting('pass.max_validity_days')) ?? 14);

    /** The enterprise's own vehicles and people in use, for the selects. */
    async function choicesFor(actor: UserActor): Promise<Choices> {
      const enterpriseId = actor.user.enterpriseId ?? -1;
      const vehicles = (await repos.vehicles.list({ enterpriseId, status: 'active', limit: 500, offset: 0 })).items;
      const people = (await repos.people.list({ enterpriseId, status: 'active', limit: 1000, offset: 0 })).items;
      return {
        vehicles: vehicles.map((v) => ({ id: v.id, plate: v.plate })),
        people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, idMasked: p.idMasked })),
      };
    }

    const notApproved = async (actor: UserActor) => {
      const e = actor.user.enterpriseId === null ? undefined : await repos.enterprises.get(actor.user.enterpriseId);
      return e?.status !== 'approved';
    };

    const relatedOf = async (actor: UserActor, p: Pass) => ({
      replaces: p.replacesId ? await svc.get(actor, p.replacesId) : undefined,
      replacedBy: p.replacedById ? await svc.get(actor, p.replacedById) : undefined,
    });

    async function renderDetail(reply: FastifyReply, actor: UserActor, id: number, extra: Omit<DetailProps, 'pass'> = {}, status = 200) {
      const pass = await svc.get(actor, id);
      const props: DetailProps = { pass, related: await relatedOf(actor, pass), dutyPhone: (await repos.enterprises.get(pass.enterpriseId))?.dutyPhone, ...extra };
      return reply.page(actor.user.role === 'enterprise_user' ? <EnterprisePassPage {...props} /> : <BureauPassPage {...props} />, status);
    }

    async function renderForm(reply: FastifyReply, actor: UserActor, form: FormState, pass: Pass | undefined, status = 200, notice?: PageNotice) {
      const replaces = pass?.replacesId ? await svc.get(actor, pass.replacesId) : undefined;
      const choices = await choicesFor(actor);
      const refused = await notApproved(actor);
      return reply.page(
        <PassFormPage pass={pass} replaces={replaces} form={form} choices={choices} maxDays={await maxDays()} notApproved={refused} notice={notice} />,
        status,
      );
    }

    /**
     * Runs one state change from a detail page: done → redirect (POST-redirect-GET);
     * refused → the same page with the reason, in the status the service gave.
     */
    async function act(request: FastifyRequest, reply: FastifyReply, base: string, change: (actor: UserActor, id: number) => unknown | Promise<unknown>, done: Done) {
      const actor = request.actor!;
      const id = pageId(request.params);
      try {
        await change(actor, id);
      } catch (err) {
        if (!belongsOnPage(err)) throw err;
        return renderDetail(reply, actor, id, { notice: { kind: 'error', text: problemText(request.locale, err), errors: renderFieldErrors(err, request.locale) } }, err.status);
      }
      return reply.redirect(`${base}/${id}?done=${done}`, 303);
    }

    /** Like act, for the changes that need a reason: a missing reason comes back on its form. */
    async function actWithReason(
      request: FastifyRequest,
      reply: FastifyReply,
      base: string,
      which: ReasonFormState['which'],
      change: (actor: UserActor, id: number, reason: string) => unknown,
      done: Done,
    ) {
      const actor = request.actor!;
      const id = pageId(request.params);
      const form = parseForm(reasonForm, request.body, request.locale);
      if (!form.ok) {
        const state = { values: formValues(request.body), errors: form.errors, fieldErrors: form.fieldErrors };
        return renderDetail(reply, actor, id, { reasonForm: { which, form: state } }, 400);
      }
      return act(request, reply, base, (a, i) => change(a, i, form.data.reason), done);
    }

    // ---- Enterprise ----

    app.get('/enterprise/passes', { config: { access: policy.enterprise } }, async (request, reply) => {
      const { q, status, page } = enterpriseListQuery.parse(request.query ?? {});
      const { items, total } = await svc.list(request.actor!, { q: q || undefined, status: status || undefined, page, pageSize: ENTERPRISE_PAGE_SIZE });
      return reply.page(
        <EnterprisePassListPage items={items} total={total} page={page} pageSize={ENTERPRISE_PAGE_SIZE} q={q} status={status} notice={doneNotice(request.locale, request.query)} />,
      );
    });

    app.get('/enterprise/passes/new', { config: { access: policy.enterprise } }, async (request, reply) => {
      const today = chinaDate(Date.now());
      return renderForm(reply, request.actor!, blankForm({ validFrom: today, validTo: today, originRegion: '' }), undefined);
    });

    app.post('/enterprise/passes', { config: { access: policy.enterprise } }, async (request, reply) => {
      const actor = request.actor!;
      const parsed = parseApplication(request.body, request.locale, await maxDays());
      if (!parsed.ok) return renderForm(reply, actor, parsed.form, undefined, 400);
      try {
        const pass = await svc.create(actor, parsed.input, request.ip);
        return reply.redirect(`/enterprise/passes/${pass.id}?done=created`, 303);
      } catch (err) {
        if (!belongsOnPage(err)) throw err;
        return renderForm(reply, actor, problemForm(err, request.locale, request.body), undefined, err.status);
      }
    });

    app.get('/enterprise/passes/:id', { config: { access: policy.enterprise } }, async (request, reply) => {
      return renderDetail(reply, request.actor!, pageId(request.params), { notice: doneNotice(request.locale, request.query) });
    });

    app.get('/enterprise/passes/:id/edit', { config: { access: policy.enterprise } }, async (request, reply) => {
      const actor = request.actor!;
      const id = pageId(request.params);
      const pass = await svc.get(actor, id);
      if (pass.status !== 'draft') return reply.redirect(`/enterprise/passes/${id}`, 303);
      return renderForm(reply, actor, formOf(pass), pass, 200, doneNotice(request.locale, request.query));
    });

    app.post('/enterprise/passes/:id/edit', { config: { access: policy.enterprise } }, async (request, reply) => {
      const actor = request.actor!;
      const id = pageId(request.params);
      const pass = await svc.get(actor, id);
      const parsed = parseApplication(request.body, request.locale, await maxDays());
      if (!parsed.ok) return renderForm(reply, actor, parsed.form, pass, 400);
      try {
        await svc.update(actor, id, parsed.input, request.ip);
        return reply.redirect(`/enterprise/passes/${id}?done=updated`, 303);
      } catch (err) {
        if (!belongsOnPage(err)) throw err;
        return renderForm(reply, actor, problemForm(err, request.locale, request.body), pass, err.status);
      }
    });

    app.post('/enterprise/passes/:id/submit', { config: { access: policy.enterprise } }, async (request, reply) =>
      act(request, reply, '/enterprise/passes', (actor, id) => svc.submit(actor, id, request.ip), 'submitted'),
    );

    app.post('/enterprise/passes/:id/cancel-request', { config: { access: policy.enterprise } }, async (request, reply) =>
      actWithReason(request, reply, '/enterprise/passes', 'cancel', (actor, id, reason) => svc.requestCancel(actor, id, reason, request.ip), 'cancel_requested'),
    );

    app.post('/enterprise/passes/:id/amend', { config: { access: policy.enterprise } }, async (request, reply) => {
      const actor = request.actor!;
      const id = pageId(request.params);
      try {
        const created = await svc.amend(actor, id, request.ip);
        return reply.redirect(`/enterprise/passes/${created.id}/edit?done=amended`, 303);
      } catch (err) {
        if (!belongsOnPage(err)) throw err;
        return renderDetail(reply, actor, id, { notice: { kind: 'error', text: problemText(request.locale, err) } }, err.status);
      }
    });

    // ---- Bureau ----

    app.get('/bureau/passes', { config: { access: policy.bureau } }, async (request, reply) => {
      const { q, status, enterpriseId, page } = bureauListQuery.parse(request.query ?? {});
      const { items, total } = await svc.list(request.actor!, {
        q: q || undefined,
        status: status === 'all' ? undefined : status,
        enterpriseId: enterpriseId ? Number(enterpriseId) : undefined,
        page,
        pageSize: BUREAU_PAGE_SIZE,
      });
      const enterprises = (await repos.enterprises.list({ limit: 1000, offset: 0 })).items.map((e) => ({ id: e.id, name: e.name }));
      return reply.page(
        <BureauPassListPage
          items={items}
          total={total}
          page={page}
          pageSize={BUREAU_PAGE_SIZE}
          q={q}
          status={status}
          enterpriseId={enterpriseId ?? ''}
          enterprises={enterprises}
          notice={bulkNotice(request.locale, request.query)}
        />,
      );
    });

    app.post('/bureau/passes/approve', { config: { access: policy.bureau } }, async (request, reply) => {
      const ids = idsOf(request.body);
      if (!ids.length) return reply.redirect(bulkBack(request.body, { bulk: 'none' }), 303);
      const results = await svc.approveMany(request.actor!, ids, request.ip);
      const approved = results.filter((r) => r.ok).length;
      return reply.redirect(bulkBack(request.body, { approved: String(approved), failed: String(results.length - approved) }), 303);
    });

    app.get('/bureau/passes/:id', { config: { access: policy.bureau } }, async (request, reply) => {
      return renderDetail(reply, request.actor!, pageId(request.params), { notice: doneNotice(request.locale, request.query) });
    });

    app.post('/bureau/passes/:id/approve', { config: { access: policy.bureau } }, async (request, reply) =>
      act(request, reply, '/bureau/passes', (actor, id) => svc.approve(actor, id, request.ip), 'approved'),
    );

    app.post('/bureau/passes/:id/reject', { config: { access: policy.bureau } }, async (request, reply) =>
      actWithReason(request, reply, '/bureau/passes', 'reject', (actor, id, reason) => svc.reject(actor, id, reason, request.ip), 'rejected'),
    );

    app.post('/bureau/passes/:id/revoke', { config: { access: policy.bureau } }, async (request, reply) =>
      actWithReason(request, reply, '/bureau/passes', 'revoke', (actor, id, reason) => svc.revoke(actor, id, reason, request.ip), 'revoked'),
    );

    /** One click: revoke with the reason the enterprise gave when it asked. */
    app.post('/bureau/passes/:id/confirm-cancel', { config: { access: policy.bureau } }, async (request, reply) =>
      act(
        request,
        reply,
        '/bureau/passes',
        async (actor, id) => {
          const pass = await svc.get(actor, id);
          if (!pass.cancelRequestedAt || !pass.cancelReason) throw new Problem('invalid_state', { detail: 'pass.conflict.no_cancel_request' });
          return svc.revoke(actor, id, pass.cancelReason, request.ip);
        },
        'revoked',
      ),
    );

    // ---- Print ----

    app.get('/passes/:id/print', { config: { access: policy.anyUser } }, async (request, reply) => {
      const actor = request.actor!;
      const size: PrintSize = (request.query as { size?: unknown } | undefined)?.size === 'a5' ? 'a5' : 'a4';
      const { pass } = await svc.printable(actor, pageId(request.params), request.ip, size);
      const back = actor.user.role === 'enterprise_user' ? `/enterprise/passes/${pass.id}` : `/bureau/passes/${pass.id}`;
      const dutyPhone = (await repos.enterprises.get(pass.enterpriseId))?.dutyPhone;
      return reply.page(<PrintPage pass={pass} size={size} dutyPhone={dutyPhone} back={back} />);
    });
  };
}
