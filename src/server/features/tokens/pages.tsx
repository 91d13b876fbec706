import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { notFound, Problem, renderFieldErrors } from '../../problem.js';
import { t, isMessageKey } from '../../i18n/messages.js';
import { doneNotice, type PageNotice } from '../../views/notices.js';
import { createTokenSchema } from './schema.js';
import { TokensPage } from './views.js';

const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) });

/** The management pages: `/bureau/tokens` for administrators, `/enterprise/tokens` for an enterprise's own tokens. */
export const tokensPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.tokens;

  for (const [base, access, admin] of [['/bureau/tokens', policy.admin, true], ['/enterprise/tokens', policy.enterprise, false]] as const) {
    const render = async (request: FastifyRequest, reply: FastifyReply, opts: { created?: string; notice?: PageNotice | undefined } = {}, status = 200) => {
      const tokens = await svc.list(request.actor!);
      return reply.page(<TokensPage base={base} admin={admin} tokens={tokens} created={opts.created} notice={opts.notice} />, status);
    };

    app.get(base, { config: { access } }, async (request, reply) => render(request, reply, { notice: doneNotice(request.locale, request.query, { revoked: 'tokens.revoked' }) }));

    // The token text is in this response only: never in a URL, a cookie or the log.
    app.post(base, { config: { access } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const scopes = body.scopes === undefined ? [] : Array.isArray(body.scopes) ? body.scopes : [body.scopes];
      const raw = {
        name: body.name,
        scopes,
        expiresInDays: body.expiresInDays,
        ...(admin && typeof body.role === 'string' && body.role ? { role: body.role } : {}),
        ...(admin && typeof body.enterpriseId === 'string' && body.enterpriseId.trim() ? { enterpriseId: body.enterpriseId.trim() } : {}),
      };
      const errorNotice = (errors: { path: string; message: string }[], title = t(request.locale, 'problem.validation')): PageNotice => ({
        kind: 'error',
        text: title,
        errors: errors.map((e) => ({ path: e.path, message: isMessageKey(e.message) ? t(request.locale, e.message) : e.message })),
      });
      const parsed = createTokenSchema.safeParse(raw);
      if (!parsed.success) {
        return render(request, reply, { notice: errorNotice(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: `${i.path.join('.')}: ${i.message}` }))) }, 400);
      }
      try {
        const { token } = await svc.create(request.actor!, parsed.data, request.ip);
        reply.header('cache-control', 'no-store');
        return render(request, reply, { created: token }, 201);
      } catch (err) {
        if (!(err instanceof Problem) || err.status >= 500) throw err;
        return render(request, reply, { notice: errorNotice(renderFieldErrors(err, request.locale) ?? [], t(request.locale, err.titleKey)) }, err.status);
      }
    });

    app.post(`${base}/:id/revoke`, { config: { access } }, async (request, reply) => {
      const params = idParams.safeParse(request.params);
      if (!params.success) throw notFound();
      await svc.revoke(request.actor!, params.data.id, request.ip);
      return reply.redirect(`${base}?done=revoked`, 303);
    });
  }
};
