import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { FastifyError, FastifyReply, FastifySchemaCompiler, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { both, t } from '../i18n/messages.js';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.js';
import {
  Problem,
  RateLimited,
  problemTypeUri,
  qualifyPath,
  renderDetail,
  renderFieldMessage,
  zodIssues,
  type FieldIssue,
  type ProblemBody,
} from '../problem.js';
import { bearerOf } from '../security/api-token.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Renders an error for a portal page (HTML); set by the portal plugin. */
    renderErrorPage?: (request: FastifyRequest, reply: FastifyReply, problem: Problem) => unknown;
  }
}

/** Requests under these paths are machine clients and always get problem+json. */
export const isApiRequest = (url: string) =>
  url.startsWith('/api/') || url.startsWith('/.well-known/') || url === '/healthz' || url === '/openapi.json';

/** A request with an API token is a machine client's wherever it goes: problem+json, never a portal page (nor its form cookie). */
const wantsProblem = (request: FastifyRequest) => isApiRequest(request.url) || bearerOf(request.headers.authorization) !== undefined;

const KAKOU_VALIDATION = Symbol.for('kakou.validation');
interface ValidationEntry {
  [KAKOU_VALIDATION]: true;
  instancePath: string;
  message: string;
  issue: FieldIssue;
}
const isValidationEntry = (v: unknown): v is ValidationEntry => typeof v === 'object' && v !== null && KAKOU_VALIDATION in v;

/**
 * The route validator: zod schemas, like fastify-type-provider-zod's, but a
 * refused value is parsed again with zod's zh and en locales (only then), so a
 * problem can give zod's own messages in the reader's language; messages set
 * on a schema are catalogue keys and stay keys.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const entries: ValidationEntry[] = zodIssues(schema, data).map((issue) => ({
      [KAKOU_VALIDATION]: true,
      instancePath: issue.path ? `/${issue.path.split('.').join('/')}` : '',
      message: renderFieldMessage(issue, 'en'),
      issue,
    }));
    return { error: entries as unknown as Error };
  };

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** How long a client waits before sending again when the database is unavailable: a failover takes seconds. */
const DATABASE_RETRY_AFTER_SEC = 5;

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const e = error as FastifyError & { validation?: unknown[]; validationContext?: string };
  const validation: unknown[] | undefined = e.validation;
  if (Array.isArray(validation) && validation.length > 0 && validation.every(isValidationEntry)) {
    const where = LOCATION[e.validationContext ?? 'body'] ?? 'body';
    const errors = validation.map((v) => ({ ...v.issue, path: [where, ...(v.issue.path ? [v.issue.path] : [])].join('.') }));
    return new Problem('validation', { errors });
  }
  switch (e.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new Problem('csrf', { detail: 'problem.csrf.detail' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload_too_large');
  }
  if (e.statusCode === 429) return new Problem('rate_limited');
  if (isDatabaseUnavailable(error)) return new Problem('database_unavailable');
  // fastify's own 4xx messages are English and name internals: the title says enough.
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new Problem('bad_request');
  return new Problem('internal');
}

/**
 * The problem body: every text in the request's language (`messages` gives the
 * title in both), field paths qualified by where the field was sent (qualifyPath).
 */
export function problemBody(problem: Problem, request: FastifyRequest): ProblemBody {
  const locale: Locale = request.locale;
  const detail = renderDetail(problem, locale);
  return {
    type: problemTypeUri(problem.code),
    title: t(locale, problem.titleKey),
    status: problem.status,
    code: problem.code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    messages: both(problem.titleKey),
    ...(problem.errors?.length ? { errors: problem.errors.map((f) => ({ path: qualifyPath(f.path), message: renderFieldMessage(f, locale) })) } : {}),
  };
}

/**
 * Fastify answers two URL faults itself, before any hook or the error
 * handler: a path parameter over the router's length limit (414) and a path
 * that does not decode (400), both as its own `application/json`. Found by
 * the API fuzz test (docs/reliability/fuzz.md). They become a 400 bad_request
 * like every other malformed request: problem+json for machine clients, a
 * short page in both languages for a browser (the portal's error page needs
 * the session and hooks, which have not run for such a request).
 */
export function frameworkErrorHandler(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = new Problem('bad_request');
  reply.code(problem.status).header('cache-control', 'no-store');
  if (wantsProblem(request)) {
    // The i18n hook has not run (nor decorated this bare request): the header is all there is.
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    void reply.type('application/problem+json; charset=utf-8').send(problemBody(problem, request));
    return;
  }
  const title = both(problem.titleKey);
  void reply
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title.zh}</title></head><body><h1>${title.zh}</h1><p lang="en">${title.en}</p><p><a href="/">首页 / Home</a></p></body></html>`);
}

export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      if (problem instanceof RateLimited) reply.header('retry-after', String(problem.retryAfterSec));
      else if (problem.code === 'database_unavailable') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SEC));
      else if (problem.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
      if (!wantsProblem(request) && app.renderErrorPage) return app.renderErrorPage(request, reply, problem);
      return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problemBody(problem, request));
    });
    app.setNotFoundHandler((request, reply) => {
      const problem = new Problem('not_found');
      if (!wantsProblem(request) && app.renderErrorPage) return app.renderErrorPage(request, reply, problem);
      return reply.code(404).type('application/problem+json; charset=utf-8').send(problemBody(problem, request));
    });
  },
  { name: 'kakou-errors' },
);
