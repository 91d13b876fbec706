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
  constructor(readonly app: App) {}

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
    });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
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

export async function loggedIn(app: App, username: string) {
  const c = new Client(app);
  const res = await c.login(username);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return c;
}
