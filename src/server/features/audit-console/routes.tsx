import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { notFound, Problem, problemSchema, type FieldError } from '../../problem.js';
import { eventIdSchema } from '../../../core/events/index.js';
import { decodeCursor, encodeCursor, toFilter } from './repository.js';
import { checkSearchQuerySchema, checkSearchResponseSchema, type CheckSearchQuery } from './schema.js';
import { CSV_HEADER, csvRow } from './csv.js';
import { sendAuditedCsv } from './export.js';
import { ChecksSearchPage, EventPage, type FormValues } from './views.js';

const PAGE_SIZE = 50;
const FORM_KEYS = ['from', 'to', 'checkpoint', 'device', 'staff', 'enterprise', 'plate', 'pass', 'name', 'idLast4', 'decision', 'fever', 'keyarea', 'anomalies'] as const;

/** The form's values as typed, strings only (to refill the form and to build the export and page links). */
function formValues(query: unknown): FormValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const k of FORM_KEYS) if (typeof q[k] === 'string' && q[k] !== '') out[k] = q[k];
  return out;
}

function parseQuery(query: unknown): { ok: true; q: CheckSearchQuery } | { ok: false; errors: FieldError[] } {
  const parsed = checkSearchQuerySchema.safeParse(query ?? {});
  if (parsed.success) return { ok: true, q: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: 'ac.invalid_filter' as const })) };
}

function cursorOf(q: CheckSearchQuery) {
  if (q.cursor === undefined) return null;
  const c = decodeCursor(q.cursor);
  if (!c) throw new Problem('validation', { errors: [{ path: 'querystring.cursor', message: 'ac.invalid_filter' as const }] });
  return c;
}

/** What an export records: the filters as given (no cursor, no limit). */
const exportedFilter = (q: CheckSearchQuery) => {
  const { cursor: _c, limit: _l, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
};

/**
 * Issue 14's audit console for the bureau: the check search (page and JSON),
 * one event's page and the CSV export of any search. Reads only, except that
 * each export is itself recorded in the audit log.
 */
const auditConsoleFeature: FastifyPluginAsync = async (app) => {
  const repo = app.repos.auditConsole;

  const api: FastifyPluginAsyncZod = async (scope) => {
    scope.get('/api/v1/audit/checks', {
      config: { access: policy.bureau },
      schema: {
        tags: ['audit'],
        summary: 'Search stored checks, newest first by receipt, with keyset pagination',
        description: 'Filters combine with AND. Pass nextCursor back as cursor for the next page; pages never skip or repeat a row when new checks arrive.',
        querystring: checkSearchQuerySchema,
        response: { 200: checkSearchResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const q = request.query;
      const { items, next } = await repo.page(toFilter(q), cursorOf(q), q.limit ?? PAGE_SIZE);
      return { items, nextCursor: next ? encodeCursor(next) : null };
    });
  };
  await app.register(api);

  app.get('/bureau/checks', { config: { access: policy.bureau } }, async (request, reply) => {
    const values = formValues(request.query);
    const checkpoints = (await app.repos.checkpoints.list()).map((c) => ({ id: c.id, name: c.name }));
    const parsed = parseQuery(request.query);
    if (!parsed.ok) {
      return reply.page(<ChecksSearchPage values={values} errors={parsed.errors} checkpoints={checkpoints} items={[]} nextCursor={null} isFirstPage count={null} />, 400);
    }
    const q = parsed.q;
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const filter = toFilter(q);
    const { items, next } = await repo.page(filter, cursor, PAGE_SIZE);
    // The export's size, shown on its link before downloading (the first page only: a later page has it already).
    const count = cursor === null ? await repo.count(filter) : null;
    return reply.page(
      <ChecksSearchPage values={values} checkpoints={checkpoints} items={items} nextCursor={next ? encodeCursor(next) : null} isFirstPage={cursor === null} count={count} />,
    );
  });

  app.get('/bureau/checks.csv', { config: { access: policy.bureau } }, async (request: FastifyRequest, reply) => {
    const parsed = checkSearchQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new Problem('validation', { errors: parsed.error.issues.map((i) => ({ path: `querystring.${i.path.join('.')}`, message: 'ac.invalid_filter' as const })) });
    const q = parsed.data;
    // The checks received until now: one received while the file streams is not in it, so the count is the row count.
    const until = new Date(Date.now() + 1).toISOString();
    const asked = toFilter(q);
    const filter = { ...asked, to: asked.to !== undefined && asked.to < until ? asked.to : until };
    const locale = request.locale === 'en' ? 'en' : 'zh';
    return sendAuditedCsv(app, request, reply, { view: 'checks', filter: exportedFilter(q), expected: await repo.count(filter), rows: repo.iterate(filter), header: CSV_HEADER[locale], line: csvRow });
  });

  const eventParams = z.object({ eventId: eventIdSchema });
  app.get('/bureau/checks/:eventId', { config: { access: policy.bureau } }, async (request, reply) => {
    const params = eventParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const found = await repo.event(params.data.eventId);
    if (!found) throw notFound();
    const passNo = found.row.passNo;
    const pass = passNo === null ? undefined : await app.repos.passes.getByPassNo(passNo);
    // Issue 14: the anomalies found in this event (the other of a pair links its own pass, if any).
    const anomalies = (await app.repos.anomalies.forEvent(found.row.id)).map((a) => ({ ...a, passId: a.passNo !== null && a.passNo === passNo ? (pass?.id ?? null) : null }));
    return reply.page(
      <EventPage e={{ ...found, passId: pass?.id ?? null, staffName: found.staffName, deviceLabel: found.deviceLabel, log: await app.repos.auditActions.trace(found.row.id) }} anomalies={anomalies} />,
    );
  });
};
export default auditConsoleFeature;
