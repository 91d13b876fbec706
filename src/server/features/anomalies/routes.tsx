import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../plugins/access.js';
import { Problem, problemSchema, type FieldError } from '../../problem.js';
import { csvLine } from '../audit-console/csv.js';
import { sendAuditedCsv } from '../audit-console/export.js';
import { t as translate } from '../../i18n/messages.js';
import type { AnomalyFilter } from './repository.js';
import { anomalyPageSchema, anomalyQuerySchema, type AnomalyQuery, type AnomalyRow, type Cursor } from './schema.js';
import { AnomaliesPage, kindKey, type AnomalyFormValues, type AnomalyView } from './views.js';
import { utcRange } from '../../../core/audit/time-range.js';

const PAGE_SIZE = 50;
/** How often the chain flags and the overdue records are brought over (the escort and custody sweeps run every minute too). */
export const ANOMALY_SWEEP_MS = 60_000;
const FORM_KEYS = ['kind', 'checkpoint', 'device', 'from', 'to'] as const;


export function toFilter(q: AnomalyQuery): AnomalyFilter {
  return {
    kind: q.kind,
    checkpointId: q.checkpoint,
    deviceId: q.device,
    ...utcRange(q),
  };
}

export const encodeCursor = (c: Cursor): string => Buffer.from(`${c.a}|${c.i}`, 'utf8').toString('base64url');
export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)\|(\d{1,15})$/.exec(raw);
  return m ? { a: m[1]!, i: Number(m[2]) } : null;
}

const invalid = (issues: ReadonlyArray<{ path: PropertyKey[] }>, prefix = '') =>
  issues.map((i) => ({ path: `${prefix}${i.path.join('.')}`, message: 'an.invalid_filter' as const }));

function formValues(query: unknown): AnomalyFormValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: AnomalyFormValues = {};
  for (const k of FORM_KEYS) if (typeof q[k] === 'string' && q[k] !== '') out[k] = q[k];
  return out;
}

/**
 * Issue 14: the anomalies the server found (page, JSON and CSV), bureau only.
 * The table is filled at ingest and by the sweep started here; docs/anomalies.md.
 */
const anomaliesFeature: FastifyPluginAsync = async (app) => {
  const repo = app.repos.anomalies;
  const svc = app.services.anomalies;

  // Events not examined yet (stored before migration 016, or by the demo CLI), then what the sweeps recorded while the server was down.
  await svc.sweep();
  app.jobs.every('anomalies.sweep', ANOMALY_SWEEP_MS, () => svc.sweep());

  const passIds = new Map<string, number | null>();
  const withLinks = (items: AnomalyRow[]): Promise<AnomalyView[]> =>
    Promise.all(items.map(async (a) => {
      let passId: number | null = null;
      if (a.passNo !== null) {
        if (!passIds.has(a.passNo)) {
          const id = (await app.repos.passes.getByPassNo(a.passNo))?.id ?? null;
          // Only a hit is cached: a pass may be issued here later under an id seen before.
          if (id === null) return { ...a, passId };
          if (passIds.size < 10_000) passIds.set(a.passNo, id);
          return { ...a, passId: id };
        }
        passId = passIds.get(a.passNo) ?? null;
      }
      return { ...a, passId };
    }));

  const cursorOf = (q: AnomalyQuery): Cursor | null => {
    if (q.cursor === undefined) return null;
    const c = decodeCursor(q.cursor);
    if (!c) throw new Problem('validation', { errors: [{ path: 'querystring.cursor', message: 'an.invalid_filter' as const }] });
    return c;
  };

  const api: FastifyPluginAsyncZod = async (scope) => {
    scope.get('/api/v1/audit/anomalies', {
      config: { access: policy.bureau },
      schema: {
        tags: ['audit'],
        summary: 'Anomalies found by the server, newest first, with counts per kind and keyset pagination',
        description: 'Filters combine with AND. counts ignores the kind filter (it is the menu of kinds). Pass nextCursor back as cursor for the next page.',
        querystring: anomalyQuerySchema,
        response: { 200: anomalyPageSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const q = request.query;
      const filter = toFilter(q);
      const { items, next } = await repo.page(filter, cursorOf(q), q.limit ?? PAGE_SIZE);
      return { counts: await repo.countsByKind(filter), items, nextCursor: next ? encodeCursor(next) : null };
    });
  };
  await app.register(api);

  app.get('/bureau/anomalies', { config: { access: policy.bureau } }, async (request, reply) => {
    const values = formValues(request.query);
    const checkpoints = (await app.repos.checkpoints.list()).map((c) => ({ id: c.id, name: c.name }));
    const parsed = anomalyQuerySchema.safeParse(request.query ?? {});
    const cursor = parsed.success && parsed.data.cursor !== undefined ? decodeCursor(parsed.data.cursor) : null;
    if (!parsed.success || (parsed.data.cursor !== undefined && cursor === null)) {
      const errors: FieldError[] = parsed.success ? [{ path: 'cursor', message: 'an.invalid_filter' as const }] : invalid(parsed.error.issues);
      return reply.page(<AnomaliesPage values={values} errors={errors} checkpoints={checkpoints} counts={{}} items={[]} nextCursor={null} isFirstPage />, 400);
    }
    const filter = toFilter(parsed.data);
    const { items, next } = await repo.page(filter, cursor, PAGE_SIZE);
    const counts = await repo.countsByKind(filter);
    return reply.page(
      <AnomaliesPage
        values={values}
        checkpoints={checkpoints}
        counts={counts}
        items={await withLinks(items)}
        nextCursor={next ? encodeCursor(next) : null}
        isFirstPage={cursor === null}
      />,
    );
  });

  app.get('/bureau/anomalies.csv', { config: { access: policy.bureau } }, async (request: FastifyRequest, reply) => {
    const parsed = anomalyQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new Problem('validation', { errors: invalid(parsed.error.issues, 'querystring.') });
    const { cursor: _c, limit: _l, ...rest } = parsed.data;
    const filter = toFilter(parsed.data);
    const locale = request.locale === 'en' ? 'en' : 'zh';
    const header = locale === 'zh'
      ? ['编号', '时间', '类型', '类型说明', '严重程度', '卡口', '设备', '记录编号', '前一次出现', '通行证编号', '接车请求', '托管任务', '发现时间', '详情']
      : ['Id', 'When', 'Kind', 'Kind (text)', 'Severity', 'Checkpoint', 'Device', 'Event id', 'Earlier sighting', 'Pass id', 'Escort request', 'Custody task', 'Detected', 'Details'];
    return sendAuditedCsv(app, request, reply, {
      view: 'anomalies',
      filter: Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      expected: await repo.count(filter),
      rows: repo.iterate(filter),
      header,
      line: (a: AnomalyRow) =>
        csvLine([a.id, a.at, a.kind, translate(locale, kindKey(a.kind)), a.severity, a.checkpointName, a.deviceId, a.eventId, a.otherEventId, a.passNo, a.escortRequestId, a.custodyId, a.detectedAt, JSON.stringify(a.details)]),
    });
  });
};
export default anomaliesFeature;
