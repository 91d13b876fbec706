import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FREIGHT_ROLES, roleSchema, type Role } from '../security/identity.js';
import { Problem } from '../problem.js';
import { scopesAllow } from '../security/api-token.js';

/**
 * Every route states who may call it. `public` needs nothing; `user` needs a
 * session whose user has one of the roles; `device` needs a request signed by
 * an enrolled, unrevoked checkpoint device (plugins/device-auth.ts);
 * `user_or_device` takes either. An API token (plugins/bearer-auth.ts) counts
 * as a user with the token's role, and reaches a route only when one of its
 * scopes lists it (security/api-token.ts). Whether a user may touch a given
 * enterprise's data is decided on the data item (see features/enterprises/scope.ts),
 * not here.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user'; roles: readonly Role[] }
  | { kind: 'device' }
  | { kind: 'user_or_device'; roles: readonly Role[] };

export const policy = {
  public: { kind: 'public' },
  /** Anyone signed in, carriers included: the session, one's password and language, the home page. */
  anyAccount: { kind: 'user', roles: roleSchema.options },
  /** Any user of the freight-pass portal (bureau, enterprise); carriers only reach the charter board. */
  anyUser: { kind: 'user', roles: FREIGHT_ROLES },
  bureau: { kind: 'user', roles: ['bureau_admin', 'bureau_officer'] },
  admin: { kind: 'user', roles: ['bureau_admin'] },
  enterprise: { kind: 'user', roles: ['enterprise_user'] },
  /** API-token management: an administrator (any token) or an enterprise user (its own enterprise's). */
  adminOrEnterprise: { kind: 'user', roles: ['bureau_admin', 'enterprise_user'] },
  /** Item 7's transport operators: a carrier user, within its own carrier (features/charter/scope.ts). */
  carrier: { kind: 'user', roles: ['carrier_user'] },
  /** The charter board's shared reads: each party sees its own share (features/charter/scope.ts). */
  charterParty: { kind: 'user', roles: ['bureau_admin', 'bureau_officer', 'enterprise_user', 'carrier_user'] },
  device: { kind: 'device' },
  bureauOrDevice: { kind: 'user_or_device', roles: ['bureau_admin', 'bureau_officer'] },
  anyUserOrDevice: { kind: 'user_or_device', roles: FREIGHT_ROLES },
} as const satisfies Record<string, Access>;

/** Whether a signed device request may reach a route with this policy. */
export const admitsDevice = (access: Access | undefined): boolean => access?.kind === 'device' || access?.kind === 'user_or_device';

/**
 * Whether the request presents itself as a device's (any of the signature
 * headers). It is then judged as a device request only: verified by
 * device-auth, and never also as a cookie session.
 */
export const claimsDevice = (request: FastifyRequest): boolean =>
  request.headers['x-kakou-device'] !== undefined || request.headers['x-kakou-signature'] !== undefined;

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
  if (!access) throw new Problem('forbidden');
  if (access.kind === 'public') return;
  if (access.kind === 'device' || access.kind === 'user_or_device') {
    if (request.device) return;
    // A session is no device: a signed-in user calling a device route is as anonymous as anyone.
    if (access.kind === 'device' || claimsDevice(request)) throw new Problem('unauthenticated');
  }
  const actor = request.actor;
  if (!actor) throw new Problem('unauthenticated');
  if (!access.roles.includes(actor.user.role)) throw new Problem('forbidden');
  // An API token reaches only the routes its scopes list (plugins/bearer-auth.ts); portal pages are in none.
  if (actor.token && !scopesAllow(actor.token.scopes, request.method, request.routeOptions.url ?? '')) {
    throw new Problem('forbidden', { detail: 'token.out_of_scope' });
  }
  if (actor.user.mustChangePassword && !request.routeOptions.config.allowWithOneTimePassword) {
    throw new Problem('password_change_required');
  }
}

/** For routes that third-party plugins register (static files): mark them public in their own scope. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? policy.public };
  });
}

/** Marks every route registered in `scope` from here on as sending only files from disk (`config.filesOnly`). */
export function markRoutesFilesOnly(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, filesOnly: true };
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
      const access = request.routeOptions.config.access;
      // A signed device request is verified once its body has been read (device-auth, preParsing); judged in preValidation.
      if (admitsDevice(access) && claimsDevice(request)) return;
      checkAccess(access, request);
    });
    app.addHook('preValidation', async (request: FastifyRequest) => {
      if (request.is404) return;
      const access = request.routeOptions.config.access;
      // Fails closed should device-auth not be registered: request.device is then still null.
      if (admitsDevice(access) && claimsDevice(request)) checkAccess(access, request);
    });
    // Cookie-authenticated state changes need a CSRF token; runs after body parsing so forms can carry it.
    // A verified device request is exempt: it is signed over method, path and body with a key no
    // other site holds, and device-auth has dropped any session cookie it came with (request.actor is null).
    app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!UNSAFE.has(request.method) || request.is404) return done();
      const config = request.routeOptions.config;
      if (request.device && !request.actor && admitsDevice(config.access)) return done();
      // A bearer-token request carries no cookie credential (the session plugin ignored its cookies).
      if (request.actor?.token) return done();
      if (config.csrfExempt === true && config.access?.kind === 'public') return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'kakou-access', dependencies: ['kakou-session', '@fastify/csrf-protection'] },
);
