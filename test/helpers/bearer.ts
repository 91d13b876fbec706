import type { App } from '../../src/server/app.js';
import type { Client } from './client.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * An integration's API client: sends `Authorization: Bearer <token>` and
 * nothing else — no cookie jar, no CSRF token. Fails the request if the
 * server ever tries to set a cookie on it.
 */
export class BearerClient implements Pick<Client, 'request'> {
  constructor(
    readonly app: App,
    readonly token: string,
    readonly opts: { remoteAddress?: string } = {},
  ) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    if (res.headers['set-cookie']) throw new Error(`${method} ${url}: the server set a cookie on a bearer request: ${String(res.headers['set-cookie'])}`);
    return res;
  }
}

/** Creates a token through the management API with a signed-in client; returns its text. */
export async function createToken(c: Pick<Client, 'request'>, input: Record<string, unknown>): Promise<{ token: string; id: string }> {
  const res = await c.request('POST', '/api/v1/tokens', { expiresInDays: 30, ...input });
  if (res.statusCode !== 201) throw new Error(`create token: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; apiToken: { id: string } };
  return { token: body.token, id: body.apiToken.id };
}
