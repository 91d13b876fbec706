import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { FastifyReply } from 'fastify';
import { markRoutesPublic } from './access.js';
import { PUBLIC_DIR } from '../paths.js';
import { ViewCtx } from '../views/context.js';
import { ErrorPage } from '../views/error-page.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page component with the request's view context; output is escaped by Preact. */
    page(node: VNode<any>, status?: number): Promise<FastifyReply>;
  }
}

export default fp(
  async (app) => {
    app.decorateReply('page', async function (this: FastifyReply, node: VNode<any>, status = 200) {
      const request = this.request;
      const csrfToken = await this.generateCsrf({ userInfo: request.sessionTokenHash ?? 'anonymous' });
      const ctx = {
        locale: request.locale,
        actor: request.actor,
        csrfToken,
        path: request.url.split('?')[0] ?? '/',
        returnUrl: request.method === 'GET' ? request.url : null,
      };
      const html = '<!doctype html>' + renderToString(h(ViewCtx.Provider, { value: ctx }, node));
      return this.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });

    app.renderErrorPage = (request, reply, problem) => {
      if (problem.status === 401) {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      if (problem.code === 'password_change_required') return reply.redirect('/password', 303);
      return reply.page(h(ErrorPage, { problem }), problem.status);
    };

    await app.register(async (scope) => {
      markRoutesPublic(scope);
      await scope.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1h' });
    });
  },
  { name: 'kakou-portal', dependencies: ['kakou-errors', '@fastify/csrf-protection'] },
);
