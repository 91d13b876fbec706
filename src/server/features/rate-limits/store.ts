import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitsRepo } from './repository.js';

/** How often the ended windows are deleted (a clusterJobs job, features/rate-limits/routes.ts). */
export const RATE_LIMIT_PRUNE_EVERY_MS = 10 * 60_000;

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;
/** What the plugin passes to the constructor and to child(): its merged options (only these are read here). */
type Options = { continueExceeding?: boolean; exponentialBackoff?: boolean; routeInfo?: { method?: unknown; url?: unknown } };

/**
 * A `@fastify/rate-limit` store over the database, so every node on one database counts against the same
 * limit (issue 16). The plugin constructs it (`new Store(globalOptions)`) and calls `child(routeOptions)`
 * for each route or `createRateLimit` limiter.
 *
 * A route configured with `config.rateLimit` gets its method and URL as the scope, as the plugin's
 * in-memory store keeps one map per route. A `createRateLimit` limiter has no route, so its key
 * generator must name its limit (`enroll-ip:<address>`, devices/api.ts). The stored key is a keyed hash
 * of scope and key (repository.ts). The window is fixed, as the in-memory store's; `continueExceeding`
 * and `exponentialBackoff` are not supported (no route here uses them) and are refused rather than ignored.
 */
export function databaseRateLimitStore(repo: RateLimitsRepo, opts: { now?: () => number } = {}): FastifyRateLimitStoreCtor {
  const now = opts.now ?? Date.now;

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(options: object, private readonly scope = '') {
      const o = options as Options;
      if (o.continueExceeding || o.exponentialBackoff) {
        throw new Error('the database rate-limit store supports fixed windows only (no continueExceeding, no exponentialBackoff)');
      }
    }

    private scoped(key: string): string {
      return `${this.scope}\u0000${key}`;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const at = now();
      repo.hit(this.scoped(key), timeWindow, at).then(
        (r) => cb(null, { current: r.count, ttl: Math.max(0, r.windowEnd - at) }),
        (error: unknown) => cb(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** For `{ increment: false }`: the window as it stands, without counting. */
    read(key: string, cb: Callback): void {
      const at = now();
      repo.read(this.scoped(key), at).then(
        (r) => cb(null, r ? { current: r.count, ttl: Math.max(0, r.windowEnd - at) } : { current: 0, ttl: 0 }),
        (error: unknown) => cb(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      const info = (routeOptions as Options).routeInfo;
      const scope = info && typeof info.url === 'string' ? `${String(info.method)} ${info.url}` : '';
      return new DatabaseRateLimitStore(routeOptions, scope);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
