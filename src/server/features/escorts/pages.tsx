import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import type { UserActor } from '../../types.js';
import { parseForm } from '../../views/forms.js';
import { belongsOnForm, pageId, withoutEmpty } from '../../views/params.js';
import { problemForm, refusedForm } from '../../views/form-state.js';
import { doneNotice } from '../../views/notices.js';
import { decimalInt } from '../../ids.js';
import { notFound } from '../../problem.js';
import { chinaToday } from './overdue.js';
import { arrivalInputSchema, dispatchInputSchema, escortListQuerySchema, isolationEndInputSchema, isolationInputSchema, isolationParamsSchema } from './schema.js';
import type { EscortsService } from './service.js';
import { BureauEscortsPage, CheckHistoryPage, EscortDetailPage, EscortPanel, type DetailForms } from './views.js';

const PAGE_SIZE = 50;

const DONE = {
  dispatched: 'escort.done.dispatched',
  arrived: 'escort.done.arrived',
  isolation: 'escort.done.isolation',
  isolation_end: 'escort.done.isolation_end',
} as const;

/** A list URL is typed or shared: anything odd falls back to the default, never an error. */
const bureauQuery = z.object({
  checkpointId: decimalInt({ min: 1 }).optional().catch(undefined),
  status: escortListQuerySchema.shape.status.catch('active'),
  overdue: z.enum(['yes', 'any']).catch('any'),
  page: decimalInt({ min: 1, max: 1_000_000 }).catch(1),
});
const pageQuery = z.object({ page: decimalInt({ min: 1, max: 1_000_000 }).catch(1) });

export const escortsPages =
  (svc: EscortsService): FastifyPluginAsync =>
  async (app) => {
    // The enterprise home page lists its requests first (enterprises/pages.tsx renders the sections).
    app.enterpriseHomeSections.push(async (request: FastifyRequest) => {
      const { items } = await svc.list(request.actor!, { status: 'active', overdue: 'any', page: 1, pageSize: 100 });
      return <EscortPanel items={items} />;
    });

    const renderDetail = async (reply: FastifyReply, actor: UserActor, id: number, act: boolean, extra: { forms?: DetailForms; notice?: ReturnType<typeof doneNotice> } = {}, status = 200) => {
      const now = new Date();
      const request = await svc.get(actor, id, now);
      const timeline = await svc.timeline(actor, id);
      return reply.page(
        <EscortDetailPage
          request={request}
          timeline={timeline}
          act={act}
          isolationDays={svc.limits(now).isolationDays}
          today={chinaToday(now.getTime())}
          forms={extra.forms ?? {}}
          notice={extra.notice}
        />,
        status,
      );
    };

    // ---- Enterprise ----

    app.get('/enterprise/escorts/:id', { config: { access: policy.enterprise } }, async (request, reply) =>
      renderDetail(reply, request.actor!, pageId(request.params), true, { notice: doneNotice(request.locale, request.query, DONE) }),
    );

    /** One form of the detail page: parse, call the service, redirect; a refusal re-renders the page with the form's errors. */
    const formRoute = <S extends z.ZodType>(path: string, form: keyof DetailForms, schema: S, done: keyof typeof DONE, act: (actor: UserActor, id: number, data: z.output<S>, ip: string, params: unknown) => unknown) => {
      app.post(path, { config: { access: policy.enterprise } }, async (request, reply) => {
        const actor = request.actor!;
        const id = pageId(request.params);
        const body = withoutEmpty(request.body);
        const parsed = parseForm(schema, body, request.locale);
        if (!parsed.ok) return renderDetail(reply, actor, id, true, { forms: { [form]: refusedForm(parsed, request.body) } }, 400);
        try {
          await act(actor, id, parsed.data, request.ip, request.params);
        } catch (err) {
          if (!belongsOnForm(err)) throw err;
          return renderDetail(reply, actor, id, true, { forms: { [form]: problemForm(err, request.locale, request.body) } }, err.status);
        }
        return reply.redirect(`/enterprise/escorts/${id}?done=${done}`, 303);
      });
    };

    formRoute('/enterprise/escorts/:id/dispatch', 'dispatch', dispatchInputSchema, 'dispatched', (actor, id, data, ip) => svc.dispatch(actor, id, data, ip));
    formRoute('/enterprise/escorts/:id/arrival', 'arrival', arrivalInputSchema, 'arrived', (actor, id, data, ip) => svc.arrive(actor, id, data, ip));
    formRoute('/enterprise/escorts/:id/isolations', 'isolation', isolationInputSchema, 'isolation', (actor, id, data, ip) => svc.recordIsolation(actor, id, data, ip));
    formRoute('/enterprise/escorts/:id/isolations/:personIndex/end', 'isolationEnd', isolationEndInputSchema, 'isolation_end', (actor, id, data, ip, params) =>
      svc.endIsolation(actor, id, personIndexParam(params), data, ip),
    );

    app.get('/enterprise/checks', { config: { access: policy.enterprise } }, async (request, reply) => {
      const { page } = pageQuery.parse(request.query ?? {});
      const { items, total } = await svc.passChecks(request.actor!, { page, pageSize: PAGE_SIZE });
      return reply.page(<CheckHistoryPage items={items} total={total} page={page} pageSize={PAGE_SIZE} />);
    });

    // ---- Bureau ----

    app.get('/bureau/escorts', { config: { access: policy.bureau } }, async (request, reply) => {
      const q = bureauQuery.parse(request.query ?? {});
      const { items, total } = await svc.list(request.actor!, { status: q.status, checkpointId: q.checkpointId, overdue: q.overdue, page: q.page, pageSize: PAGE_SIZE });
      const checkpoints = (await app.repos.checkpoints.list()).map((c) => ({ id: c.id, name: c.name }));
      const filter = { checkpointId: q.checkpointId === undefined ? '' : String(q.checkpointId), status: q.status, overdue: q.overdue };
      return reply.page(<BureauEscortsPage items={items} total={total} page={q.page} pageSize={PAGE_SIZE} checkpoints={checkpoints} filter={filter} />);
    });

    app.get('/bureau/escorts/:id', { config: { access: policy.bureau } }, async (request, reply) => renderDetail(reply, request.actor!, pageId(request.params), false));
  };

/** The :personIndex of an isolation form: 0 is the first person on board (pageId's ids start at 1). */
function personIndexParam(params: unknown): number {
  const parsed = isolationParamsSchema.shape.personIndex.safeParse((params as Record<string, unknown> | undefined)?.personIndex);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
