import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import type { UserActor } from '../../types.js';
import { parseForm } from '../../views/forms.js';
import { belongsOnForm, pageId, withoutEmpty } from '../../views/params.js';
import { problemForm, refusedForm } from '../../views/form-state.js';
import { doneNotice } from '../../views/notices.js';
import { decimalInt } from '../../ids.js';
import { chinaToday } from '../isolation/schema.js';
import { custodyIsolationEndInputSchema, custodyIsolationInputSchema, custodyListQuerySchema } from './schema.js';
import type { CustodyService } from './service.js';
import { BureauCustodyPage, CustodyPanel, CustodyTaskPage, EnterpriseCustodyPage, type CustodyForms } from './views.js';

const PAGE_SIZE = 50;
const DONE = { isolation: 'custody.done.isolation', isolation_end: 'custody.done.isolation_end' } as const;

/** A list URL is typed or shared: anything odd falls back to the default, never an error. */
const bureauQuery = z.object({
  status: custodyListQuerySchema.shape.status.catch('active'),
  overdue: z.enum(['yes', 'any']).catch('any'),
  page: decimalInt({ min: 1, max: 1_000_000 }).catch(1),
});
const pageQuery = z.object({ page: decimalInt({ min: 1, max: 1_000_000 }).catch(1) });

export const custodyPages =
  (svc: CustodyService): FastifyPluginAsync =>
  async (app) => {
    // The enterprise sees its isolation tasks on its home page (enterprises/pages.tsx renders the sections).
    app.enterpriseHomeSections.push(async (request: FastifyRequest) => {
      const { items } = await svc.list(request.actor!, { status: 'active', overdue: 'any', page: 1, pageSize: 100 });
      return items.length > 0 ? <CustodyPanel items={items} /> : null;
    });

    app.get('/enterprise/custody', { config: { access: policy.enterprise } }, async (request, reply) => {
      const { page } = pageQuery.parse(request.query ?? {});
      const { items, total } = await svc.list(request.actor!, { status: 'all', overdue: 'any', page, pageSize: PAGE_SIZE });
      return reply.page(<EnterpriseCustodyPage items={items} total={total} page={page} pageSize={PAGE_SIZE} notice={doneNotice(request.locale, request.query, DONE)} />);
    });

    const renderTask = async (reply: FastifyReply, actor: UserActor, id: number, extra: { forms?: CustodyForms; notice?: ReturnType<typeof doneNotice> } = {}, status = 200) => {
      const now = new Date();
      return reply.page(
        <CustodyTaskPage task={await svc.get(actor, id, now)} isolationDays={svc.isolationDays(now)} today={chinaToday(now.getTime())} forms={extra.forms ?? {}} notice={extra.notice} />,
        status,
      );
    };

    app.get('/enterprise/custody/:id', { config: { access: policy.enterprise } }, async (request, reply) =>
      renderTask(reply, request.actor!, pageId(request.params), { notice: doneNotice(request.locale, request.query, DONE) }),
    );

    /** One form of the task page: parse, call the service, redirect; a refusal re-renders the page with the form's errors. */
    const formRoute = <S extends z.ZodType>(path: string, form: keyof CustodyForms, schema: S, done: keyof typeof DONE, act: (actor: UserActor, id: number, data: z.output<S>, ip: string) => unknown) => {
      app.post(path, { config: { access: policy.enterprise } }, async (request, reply) => {
        const actor = request.actor!;
        const id = pageId(request.params);
        const parsed = parseForm(schema, withoutEmpty(request.body), request.locale);
        if (!parsed.ok) return renderTask(reply, actor, id, { forms: { [form]: refusedForm(parsed, request.body) } }, 400);
        try {
          await act(actor, id, parsed.data, request.ip);
        } catch (err) {
          if (!belongsOnForm(err)) throw err;
          return renderTask(reply, actor, id, { forms: { [form]: problemForm(err, request.locale, request.body) } }, err.status);
        }
        return reply.redirect(`/enterprise/custody/${id}?done=${done}`, 303);
      });
    };
    formRoute('/enterprise/custody/:id/isolation', 'isolation', custodyIsolationInputSchema, 'isolation', (actor, id, data, ip) => svc.recordIsolation(actor, id, data, ip));
    formRoute('/enterprise/custody/:id/isolation/end', 'isolationEnd', custodyIsolationEndInputSchema, 'isolation_end', (actor, id, data, ip) => svc.endIsolation(actor, id, data, ip));

    app.get('/bureau/custody', { config: { access: policy.bureau } }, async (request, reply) => {
      const q = bureauQuery.parse(request.query ?? {});
      const actor = request.actor!;
      const { items, total } = await svc.list(actor, { status: q.status, overdue: q.overdue, page: q.page, pageSize: PAGE_SIZE });
      const flags = (await svc.flags(actor, { limit: 100 })).items;
      return reply.page(<BureauCustodyPage items={items} total={total} page={q.page} pageSize={PAGE_SIZE} filter={{ status: q.status, overdue: q.overdue }} flags={flags} />);
    });
  };
