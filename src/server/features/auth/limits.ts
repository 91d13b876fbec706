import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../../problem.js';

const accountOf = (request: FastifyRequest) => {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 64) : '';
};

type Limiter = (request: FastifyRequest) => Promise<void>;
// One limiter per app: the API and the form plugins are separate scopes, and each
// createRateLimit call gets its own store, so building one per caller would give
// each login path its own budget (10 via the API plus 10 via the form).
const limiters = new WeakMap<object, Limiter>();

/**
 * Login throttling on two keys: the client address (one attacker, many accounts)
 * and the account name (many addresses, one account). Both the API and the form
 * call it from their handlers, once the body with the username is parsed.
 */
export function loginLimiter(app: FastifyInstance): Limiter {
  let limiter = limiters.get(app.repos);
  if (!limiter) limiters.set(app.repos, (limiter = createLoginLimiter(app)));
  return limiter;
}

function createLoginLimiter(app: FastifyInstance): Limiter {
  const perIp = app.createRateLimit({ max: 10, timeWindow: '1 minute', keyGenerator: (r) => `login-ip:${r.ip}` });
  const perAccount = app.createRateLimit({ max: 10, timeWindow: '15 minutes', keyGenerator: (r) => `login-acct:${accountOf(r)}` });
  return async (request: FastifyRequest): Promise<void> => {
    const [ip, account] = await Promise.all([perIp(request), perAccount(request)]);
    if ((!ip.isAllowed && ip.isExceeded) || (!account.isAllowed && account.isExceeded)) throw new Problem(429, 'rate_limited');
  };
}
