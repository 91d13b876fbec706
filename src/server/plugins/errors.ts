import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { both, isMessageKey, t } from '../i18n/messages.js';
import { Problem, RateLimited, problemTypeUri, type FieldError, type ProblemBody } from '../problem.js';
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

/** Translates messages that are catalogue keys (validators use keys as messages) and leaves the rest. */
const translateField = (message: string, locale: 'zh' | 'en') => (isMessageKey(message) ? t(locale, message) : message);

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const e = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const errors: FieldError[] = e.validation.map((v) => ({
      path: [e.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
      message: v.message ?? 'invalid',
    }));
    return new Problem(400, 'validation', undefined, errors);
  }
  switch (e.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new Problem(403, 'csrf');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'payload_too_large');
  }
  if (e.statusCode === 429) return new Problem(429, 'rate_limited');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new Problem(e.statusCode, 'bad_request', e.message);
  return new Problem(500, 'internal');
}

export function problemBody(problem: Problem, request: FastifyRequest): ProblemBody {
  const locale = request.locale;
  return {
    type: problemTypeUri(problem.code),
    title: t(locale, problem.titleKey),
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: translateField(problem.detail, locale) } : {}),
    instance: request.url.split('?')[0],
    messages: both(problem.titleKey),
    ...(problem.errors ? { errors: problem.errors.map((f) => ({ ...f, message: translateField(f.message, locale) })) } : {}),
  };
}

export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      if (problem instanceof RateLimited) reply.header('retry-after', String(problem.retryAfterSec));
      else if (problem.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
      if (!wantsProblem(request) && app.renderErrorPage) return app.renderErrorPage(request, reply, problem);
      return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problemBody(problem, request));
    });
    app.setNotFoundHandler((request, reply) => {
      const problem = new Problem(404, 'not_found');
      if (!wantsProblem(request) && app.renderErrorPage) return app.renderErrorPage(request, reply, problem);
      return reply.code(404).type('application/problem+json; charset=utf-8').send(problemBody(problem, request));
    });
  },
  { name: 'kakou-errors' },
);
