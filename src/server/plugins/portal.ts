import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { markRoutesFilesOnly, markRoutesPublic } from './access.js';
import { PUBLIC_DIR } from '../paths.js';
import { ViewCtx } from '../views/context.js';
import { ErrorPage } from '../views/error-page.js';

/**
 * A part of the enterprise user's home page that another feature contributes
 * (the escort requests), rendered at the top in registration order. Keeps the
 * home page's feature from importing the other feature's views. A section may be async (a read of a
 * repository on Kysely); the home page awaits them all.
 */
export type HomeSection = (request: FastifyRequest) => VNode<any> | null | Promise<VNode<any> | null>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Sections features add to the enterprise home page (see HomeSection). */
    enterpriseHomeSections: HomeSection[];
  }
  interface FastifyReply {
    /** Renders a page component with the request's view context; output is escaped by Preact. */
    page(node: VNode<any>, status?: number): Promise<FastifyReply>;
  }
}

export default fp(
  async (app) => {
    app.decorate('enterpriseHomeSections', [] as HomeSection[]);
    app.decorateReply('page', async function (this: FastifyReply, node: VNode<any>, status = 200) {
      const request = this.request;
      const csrfToken = await this.generateCsrf({ userInfo: request.sessionTokenHash ?? 'anonymous' });
      const ctx = {
        locale: request.locale,
        actor: request.actor,
        csrfToken,
        path: request.url.split('?')[0] ?? '/',
        returnUrl: request.method === 'GET' ? request.url : null,
        hasPage: (href: string) => request.server.hasRoute({ method: 'GET', url: href.split('?')[0] ?? href }),
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
      markRoutesFilesOnly(scope);
      await scope.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1h' });
    });
  },
  { name: 'kakou-portal', dependencies: ['kakou-errors', '@fastify/csrf-protection'] },
);
