import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../../plugins/access.js';
import { Problem, problemSchema, type FieldError } from '../../problem.js';
import type { Repos } from '../../repositories.js';
import { csvLine } from '../audit-console/csv.js';
import { sendAuditedCsv } from '../audit-console/export.js';
import { timeRange, type ActionFilter } from './repository.js';
import { actionSearchQuerySchema, actionSearchResponseSchema, type ActionRow, type ActionSearchQuery } from './schema.js';
import { ActionsPage, type ActionFormValues } from './views.js';

const PAGE_SIZE = 50;
const FORM_KEYS = ['from', 'to', 'actor', 'actorName', 'action', 'subjectType', 'subject', 'enterprise', 'seq', 'devices', 'limit'] as const;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function formValues(query: unknown): ActionFormValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: ActionFormValues = {};
  for (const k of FORM_KEYS) if (typeof q[k] === 'string' && q[k] !== '') out[k] = q[k];
  return out;
}

const invalid = (issues: ReadonlyArray<{ path: PropertyKey[] }>, prefix = ''): FieldError[] =>
  issues.map((i) => ({ path: `${prefix}${i.path.map(String).join('.')}`, message: 'ac.invalid_filter' as const }));

/**
 * The query as the repository takes it. Credit codes become enterprise ids
 * (the log keeps ids): the enterprise filter, and an enterprise subject typed
 * as its credit code.
 */
async function toFilter(repos: Repos, q: ActionSearchQuery): Promise<ActionFilter> {
  let subjectId = q.subject;
  if (q.subjectType === 'enterprise' && subjectId !== undefined && USCC.test(subjectId)) {
    subjectId = String((await repos.auditActions.enterpriseIdByCredit(subjectId)) ?? 0);
  }
  return {
    ...timeRange(q),
    userId: q.actor,
    actorName: q.actorName,
    action: q.action,
    subjectType: q.subjectType,
    subjectId,
    enterpriseId: q.enterprise === undefined ? undefined : await repos.auditActions.enterpriseIdByCredit(q.enterprise),
    seq: q.seq,
    devices: q.devices !== undefined,
  };
}

/** Where a subject is shown, for the entries of one page (a pass is linked by its number, so looked up). */
async function subjectLinks(repos: Repos, items: ActionRow[]): Promise<Map<number, string>> {
  const links = new Map<number, string>();
  for (const r of items) {
    const id = r.subjectId;
    if (id === null) continue;
    const e = encodeURIComponent(id);
    let href: string | null = null;
    switch (r.subjectType) {
      case 'pass': {
        const pass = await repos.passes.getByPassNo(id);
        href = pass ? `/bureau/passes/${pass.id}` : null;
        break;
      }
      case 'enterprise': href = `/bureau/enterprises/${e}`; break;
      case 'person': href = `/bureau/people/${e}`; break;
      case 'device': href = `/bureau/checks?device=${e}`; break;
      case 'event': href = /^[0-9a-f-]{36}$/.test(id) ? `/bureau/checks/${e}` : null; break;
      case 'escort_request': href = `/bureau/escorts/${e}`; break;
      case 'charter_run': href = `/bureau/charter/runs/${e}`; break;
      case 'signing_key': href = '/bureau/keys'; break;
      case 'rule_set': href = `/bureau/rules/${e}`; break;
      case 'checkpoint': href = `/bureau/checkpoints/${e}`; break;
      case 'webhook_endpoint': href = `/bureau/webhooks/${e}`; break;
    }
    if (href) links.set(r.seq, href);
  }
  return links;
}

/** What an export records: the filters as given (no cursor, no limit). */
const exportedFilter = (q: ActionSearchQuery) => {
  const { cursor: _c, limit: _l, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
};

const CSV_HEADER = {
  zh: ['序号', '时间', '操作者类型', '操作者', '操作代码', '操作', '对象类型', '对象编号', '企业编号', '理由', '详情', '个人信息已删除', 'IP', '哈希', '上一条哈希'],
  en: ['Seq', 'Time', 'Actor type', 'Actor', 'Action code', 'Action', 'Subject type', 'Subject id', 'Enterprise id', 'Reason', 'Detail', 'Personal data erased', 'IP', 'Hash', 'Previous hash'],
} as const;

const csvRow = (locale: 'zh' | 'en') => (r: ActionRow): string =>
  csvLine([r.seq, r.at, r.actorType, r.actorName, r.action, r.label?.[locale] ?? '', r.subjectType, r.subjectId, r.enterpriseId, r.reason, JSON.stringify(r.detail), r.erased ? 1 : 0, r.ip, r.hash, r.prevHash]);

/**
 * Issue 14: the administrative action log, searchable (bureau only): the page,
 * its JSON and its CSV export. Reads the audit log; each export is itself
 * recorded in it.
 */
const auditActionsFeature: FastifyPluginAsync = async (app) => {
  const repos = app.repos;
  const repo = repos.auditActions;

  const api: FastifyPluginAsyncZod = async (scope) => {
    scope.get('/api/v1/audit/actions', {
      config: { access: policy.bureau },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log’s actions, newest first by seq, with keyset pagination',
        description: 'Filters combine with AND. device.event entries (one per check received) are left out unless devices, an action, a subject of type event or a seq names them. Pass nextCursor back as cursor for the next page.',
        querystring: actionSearchQuerySchema,
        response: { 200: actionSearchResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const q = request.query;
      const { items, next } = await repo.page(await toFilter(repos, q), q.cursor ?? null, q.limit ?? PAGE_SIZE);
      return { items, nextCursor: next };
    });
  };
  await app.register(api);

  app.get('/bureau/audit/actions', { config: { access: policy.bureau } }, async (request, reply) => {
    const values = formValues(request.query);
    const users = await repo.users();
    const parsed = actionSearchQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) {
      return reply.page(<ActionsPage values={values} errors={invalid(parsed.error.issues)} users={users} items={[]} links={new Map()} nextCursor={null} isFirstPage count={null} />, 400);
    }
    const q = parsed.data;
    const filter = await toFilter(repos, q);
    const cursor = q.cursor ?? null;
    const { items, next } = await repo.page(filter, cursor, q.limit ?? PAGE_SIZE);
    const count = cursor === null ? await repo.count(filter) : null;
    return reply.page(
      <ActionsPage values={values} users={users} items={items} links={await subjectLinks(repos, items)} nextCursor={next} isFirstPage={cursor === null} count={count} />,
    );
  });

  app.get('/bureau/audit/actions.csv', { config: { access: policy.bureau } }, async (request, reply) => {
    const parsed = actionSearchQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new Problem('validation', { errors: parsed.error.issues.map((i) => ({ path: `querystring.${i.path.map(String).join('.')}`, message: 'ac.invalid_filter' as const })) });
    const q = parsed.data;
    // The log as it is now: the export's own entries (and anything after) are not in the file, so the row count
    // announced up front is the row count delivered.
    const filter = { ...(await toFilter(repos, q)), maxSeq: (await repos.audit.head()).size };
    const locale = request.locale === 'en' ? 'en' : 'zh';
    return sendAuditedCsv(app, request, reply, { view: 'actions', filter: exportedFilter(q), expected: await repo.count(filter), rows: repo.iterate(filter), header: CSV_HEADER[locale], line: csvRow(locale) });
  });
};
export default auditActionsFeature;
