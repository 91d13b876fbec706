import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's headers (CSP, HSTS, X-Content-Type-Options, …) on every answer.
 *
 * @fastify/helmet rebuilt helmet's middleware, CSP parsing included, on every
 * request (about 3 % of an evaluate request's CPU under load). Our options
 * hold no per-request parts (no nonces, no directive functions), so the
 * headers are the same for every request: helmet computes them once here,
 * into a recorder, and each request gets that list. Header names and values
 * are exactly what helmet would have set.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): ReadonlyArray<readonly [string, string]> {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      removed.add(name.toLowerCase());
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  // Helmet only removes X-Powered-By, which Fastify never sends; anything else would need per-request handling.
  const unexpected = [...removed].filter((h) => h !== 'x-powered-by');
  if (unexpected.length) throw new Error(`helmet removes headers we do not replay: ${unexpected.join(', ')}`);
  return Object.freeze([...set].map(([k, v]) => Object.freeze([k, v] as const)));
}

export default fp<{ helmet: HelmetOptions }>(
  async (app, opts) => {
    const headers = helmetHeaders(opts.helmet);
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
  },
  { name: 'kakou-security-headers' },
);
