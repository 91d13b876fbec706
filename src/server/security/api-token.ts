import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { sha256 } from './tokens.js';
import type { Role } from './identity.js';

/**
 * Machine credentials (API tokens): their text format, how the secret is
 * hashed and compared, and the scopes a token can carry, each mapped to the
 * API routes it opens. A token reaches a route only when the route is in one
 * of its scopes AND the route's access policy admits the token's role; the
 * enterprise scoping of the data (features/enterprises/scope.ts) applies on
 * top, as for a signed-in user. Portal pages and every route not listed here
 * (sessions, accounts, keys, tokens themselves, ...) are never reachable with
 * a token.
 */

/** `kk_<12 hex id>_<43 base64url secret>`: recognisable in logs and by leak scanners. */
export const TOKEN_PATTERN = /^kk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** The longest a token may live. */
export const TOKEN_MAX_DAYS = 365;
/** `last_used_at` is written at most this often per token. */
export const TOKEN_TOUCH_EVERY_MS = 60_000;

const ALL: readonly Role[] = ['bureau_admin', 'bureau_officer', 'enterprise_user'];
const BUREAU: readonly Role[] = ['bureau_admin', 'bureau_officer'];
const ENTERPRISE: readonly Role[] = ['enterprise_user'];

/**
 * The scopes: for each, the roles a token with it may have and the routes
 * (`METHOD /pattern`, as registered) it opens. Documented in the README
 * ("Machine credentials"); test/server/tokens checks every route exists.
 */
export const TOKEN_SCOPES = {
  'passes:read': {
    roles: ALL,
    routes: ['GET /api/v1/passes', 'GET /api/v1/passes/:id', 'GET /api/v1/passes/:id/token', 'GET /api/v1/passes/:id/qr.svg', 'GET /api/v1/passes/:id/qr.png'],
  },
  'passes:write': {
    roles: ENTERPRISE,
    routes: ['POST /api/v1/passes', 'PUT /api/v1/passes/:id', 'POST /api/v1/passes/:id/submit', 'POST /api/v1/passes/:id/cancel-request', 'POST /api/v1/passes/:id/amend'],
  },
  'passes:decide': {
    roles: BUREAU,
    routes: ['POST /api/v1/passes/:id/approve', 'POST /api/v1/passes/approve', 'POST /api/v1/passes/:id/reject', 'POST /api/v1/passes/:id/revoke'],
  },
  'fleet:read': {
    roles: ALL,
    routes: ['GET /api/v1/vehicles', 'GET /api/v1/vehicles/:id', 'GET /api/v1/people', 'GET /api/v1/people/:id'],
  },
  'fleet:write': {
    roles: ENTERPRISE,
    routes: [
      'POST /api/v1/vehicles', 'PUT /api/v1/vehicles/:id', 'POST /api/v1/vehicles/:id/archive', 'POST /api/v1/vehicles/:id/restore',
      'POST /api/v1/people', 'PATCH /api/v1/people/:id', 'POST /api/v1/people/:id/archive', 'POST /api/v1/people/:id/restore',
    ],
  },
  'enterprises:read': {
    roles: ALL,
    routes: ['GET /api/v1/enterprises', 'GET /api/v1/enterprises/:id'],
  },
  'checks:evaluate': {
    roles: BUREAU,
    routes: ['POST /api/v1/checks/evaluate', 'GET /api/v1/trust/bundle', 'GET /api/v1/trust/bundle/summary'],
  },
  'events:read': {
    roles: BUREAU,
    routes: ['GET /api/v1/events'],
  },
} as const satisfies Record<string, { roles: readonly Role[]; routes: readonly string[] }>;

export type TokenScope = keyof typeof TOKEN_SCOPES;
export const tokenScopeSchema = z.enum(Object.keys(TOKEN_SCOPES) as [TokenScope, ...TokenScope[]]);
export const TOKEN_SCOPE_CODES = tokenScopeSchema.options;

/** The scopes a token with this role may carry. */
export const scopesForRole = (role: Role): TokenScope[] =>
  TOKEN_SCOPE_CODES.filter((s) => (TOKEN_SCOPES[s].roles as readonly Role[]).includes(role));

/** Whether a token's scopes open the route `method url` (the registered pattern; HEAD counts as GET). */
export function scopesAllow(scopes: readonly string[], method: string, url: string): boolean {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return scopes.some((s) => Object.hasOwn(TOKEN_SCOPES, s) && (TOKEN_SCOPES[s as TokenScope].routes as readonly string[]).includes(key));
}

/** Who may create a token with which role: an administrator any role, an enterprise user only its own kind. */
export function mayGrantRole(creator: Role, role: Role): boolean {
  if (creator === 'bureau_admin') return true;
  if (creator === 'enterprise_user') return role === 'enterprise_user';
  return false;
}

/** A new token: its public id, the text to hand out once, and the hash to store. */
export function mintToken(): { id: string; text: string; secretHash: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, text: `kk_${id}_${secret}`, secretHash: sha256(secret) };
}

/** Splits a presented token; null when it is not in the token format at all. */
export function parseToken(text: string): { id: string; secret: string } | null {
  const m = TOKEN_PATTERN.exec(text);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The credentials of an `Authorization: Bearer …` header; undefined when the request sends no bearer header. */
export function bearerOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const m = /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}
