import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleSchema, type Role } from '../features/users/schema.js';
import { Problem } from '../problem.js';

/**
 * Every route states who may call it. `public` needs nothing; `user` needs a
 * session whose user has one of the roles. Whether a user may touch a given
 * enterprise's data is decided on the data item (see features/enterprises/scope.ts),
 * not here.
 */
export type Access = { kind: 'public' } | { kind: 'user'; roles: readonly Role[] };

export const policy = {
  public: { kind: 'public' },
  anyUser: { kind: 'user', roles: roleSchema.options },
  bureau: { kind: 'user', roles: ['bureau_admin', 'bureau_officer'] },
  admin: { kind: 'user', roles: ['bureau_admin'] },
  enterprise: { kind: 'user', roles: ['enterprise_user'] },
} as const satisfies Record<string, Access>;

export interface RouteRecord {
  method: string;
  url: string;
  readonly access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its policy: the route-policy test walks this. */
    routeTable: RouteRecord[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function checkAccess(access: Access | undefined, request: FastifyRequest): void {
  // Fail closed: a route that slipped through without a policy is nobody's.
  if (!access) throw new Problem(403, 'forbidden');
  if (access.kind === 'public') return;
  const actor = request.actor;
  if (!actor) throw new Problem(401, 'unauthenticated');
  if (!access.roles.includes(actor.user.role)) throw new Problem(403, 'forbidden');
  if (actor.user.mustChangePassword && !request.routeOptions.config.allowWithOneTimePassword) {
    throw new Problem(403, 'password_change_required');
  }
}

/** For routes that third-party plugins register (static files): mark them public in their own scope. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? policy.public };
  });
}

/** Throws unless every registered route declares a policy; buildApp calls this once all routes exist. */
export function assertEveryRouteHasPolicy(app: FastifyInstance): void {
  const missing = app.routeTable.filter((r) => !r.access);
  if (missing.length) {
    throw new Error(`routes without an access policy: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  }
}

export default fp(
  async (app) => {
    app.decorate('routeTable', [] as RouteRecord[]);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // Read the policy lazily: hooks of the route's own scope may still set it after this one runs.
      for (const method of methods) {
        app.routeTable.push({
          method,
          url: route.url,
          get access() {
            return (route.config as { access?: Access } | undefined)?.access;
          },
        });
      }
    });
    app.addHook('onRequest', async (request: FastifyRequest) => {
      if (request.is404) return;
      checkAccess(request.routeOptions.config.access, request);
    });
    // Cookie-authenticated state changes need a CSRF token; runs after body parsing so forms can carry it.
    app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!UNSAFE.has(request.method) || request.is404) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'kakou-access', dependencies: ['kakou-session', '@fastify/csrf-protection'] },
);
