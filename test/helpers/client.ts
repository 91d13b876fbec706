import type { App } from '../../src/server/app.js';
import { PASSWORD } from './app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like API client: keeps cookies between requests and sends the
 * CSRF token the server handed out, as the portal's own scripts would.
 */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  /** remoteAddress: the client address the server sees (request.ip), e.g. to exercise per-IP limits. */
  constructor(
    readonly app: App,
    readonly opts: { remoteAddress?: string } = {},
  ) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookieHeader,
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  /** A browser form post (urlencoded); the CSRF token is sent only if fields carry `_csrf`. */
  async form(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
      ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  /** A browser form post with files (multipart/form-data), built by hand as a browser sends it. */
  async multipart(url: string, fields: Record<string, string>, files: Record<string, { filename: string; type: string; data: Buffer }> = {}) {
    const boundary = `----kakou${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const [name, f] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
      ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  private keepCookies(res: { cookies: unknown }) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async refreshCsrf() {
    const res = await this.request('GET', '/api/v1/session');
    this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return res;
  }

  async login(username: string, password = PASSWORD) {
    await this.refreshCsrf();
    const res = await this.request('POST', '/api/v1/session', { username, password });
    if (res.statusCode === 200) this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return res;
  }
}

/** Login attempts count against a per-IP limit (10 a minute): pass a remoteAddress when a test signs in many users. */
export async function loggedIn(app: App, username: string, opts: { remoteAddress?: string; password?: string } = {}) {
  const c = new Client(app, opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {});
  const res = await c.login(username, opts.password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return c;
}
