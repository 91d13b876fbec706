import t from 'tap';
import { setup } from '../helpers/app.js';
import { securityFor } from '../../src/server/plugins/openapi.js';

interface Op {
  description?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
}
interface Doc {
  info: { description: string };
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string; description?: string }> };
}

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

t.test('OpenAPI for people', async (t) => {
  const ctx = await setup(t);
  const res = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json() as Doc;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  t.ok(ops.length >= 30, `${ops.length} operations`);

  t.test('every response is described', async (t) => {
    t.notMatch(res.body, /Default Response/, 'no "Default Response" anywhere');
    for (const { path, method, op } of ops) {
      for (const [status, r] of Object.entries(op.responses)) {
        t.ok(r.description && r.description.length > 3, `${method} ${path} ${status}: ${r.description}`);
        if (Number(status) >= 400 && r.content) t.ok(r.content['application/problem+json'], `${method} ${path} ${status}: problem+json`);
      }
    }
  });

  t.test('one schema name per schema', async (t) => {
    const names = Object.keys(doc.components.schemas);
    t.notOk(names.some((n) => /InputInput$/.test(n)), `no …InputInput (${names.join(', ')})`);
    for (const n of names) {
      if (!n.endsWith('Input')) continue;
      const base = n.slice(0, -5);
      if (base in doc.components.schemas) {
        t.not(JSON.stringify(doc.components.schemas[base]), JSON.stringify(doc.components.schemas[n]), `${n} differs from ${base}, or it would be one`);
      }
    }
    t.ok(doc.components.schemas.Problem, 'Problem');
    t.notOk(doc.components.schemas.ProblemInput, 'Problem only once');
    const refs = [...res.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    t.ok(refs.length > 10, `${refs.length} references`);
    for (const r of new Set(refs)) t.ok(r in doc.components.schemas, `$ref ${r} resolves`);
    const referenced = new Set(refs);
    for (const n of names) t.ok(referenced.has(n), `${n} is used`);
  });

  t.test('no internal names in descriptions', async (t) => {
    const texts = [doc.info.description, ...ops.flatMap(({ op }) => [op.description ?? '', op.summary ?? ''])];
    const schemaTexts = [...res.body.matchAll(/"description":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    for (const text of [...texts, ...schemaTexts]) {
      t.notMatch(text, /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/, `no constant name: ${text.slice(0, 80)}`);
    }
  });

  t.test('security schemes, and each route its security from its access policy', async (t) => {
    const s = doc.components.securitySchemes;
    t.match(s.session, { type: 'apiKey', in: 'cookie', name: 'kakou_sid' });
    t.match(s.csrf, { type: 'apiKey', in: 'header', name: 'x-csrf-token' });
    t.match(s.bearer, { type: 'http', scheme: 'bearer' });
    t.match(s.device, { type: 'apiKey', in: 'header', name: 'x-kakou-signature' });
    t.match(s.deviceId, { type: 'apiKey', in: 'header', name: 'x-kakou-device' });
    t.match(s.deviceTimestamp, { type: 'apiKey', in: 'header', name: 'x-kakou-timestamp' });
    t.match(s.deviceNonce, { type: 'apiKey', in: 'header', name: 'x-kakou-nonce' });

    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    for (const r of routes) {
      const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) continue;
      t.ok(Array.isArray(op.security), `${r.method} ${r.url}: security stated`);
      const exempt = r.url === '/api/v1/devices/enroll';
      t.same(op.security, securityFor(r.access, r.method, exempt, r.url), `${r.method} ${r.url}: from ${r.access?.kind}`);
    }
    t.same(doc.paths['/api/v1/session']!.get!.security, [], 'public read: no credentials');
    t.same(doc.paths['/api/v1/passes']!.get!.security, [{ session: [] }, { bearer: [] }], 'a route in a token scope: session or bearer token');
    t.same(doc.paths['/api/v1/tokens']!.post!.security, [{ session: [], csrf: [] }], 'token management: a session only');
    t.same(doc.paths['/api/v1/session']!.post!.security, [{ csrf: [] }], 'sign-in needs the CSRF token');
    t.same(doc.paths['/api/v1/devices/events']!.post!.security, [{ device: [], deviceId: [], deviceTimestamp: [], deviceNonce: [] }], 'all four device headers');
    t.same(doc.paths['/api/v1/enterprises']!.post!.security, [{ session: [], csrf: [] }]);
  });

  t.test('sign-in for scripts is documented', async (t) => {
    const signIn = doc.paths['/api/v1/session']!.post!;
    t.match(signIn.description, /GET \/api\/v1\/session/);
    t.match(signIn.description, /x-csrf-token/);
    t.match(doc.info.description, /Accept-Language/);
    t.match(doc.info.description, /body\.<field>/);
  });

  t.test('the interactive reference is served, offline, under the strict CSP', async (t) => {
    const page = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    t.equal(page.statusCode, 200);
    t.match(String(page.headers['content-type']), /^text\/html/);
    const srcs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    t.ok(srcs.length >= 4, srcs.join(' '));
    for (const src of srcs) t.notMatch(src, /^(https?:)?\/\//, `${src} is served here, no CDN`);
    t.notMatch(page.body, /<script>(?!\s*<\/script>)|<style>|style="/, 'no inline script or style');
    const csp = String(page.headers['content-security-policy']);
    t.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, 'the app-wide script policy');
    t.match(csp, /style-src 'self'(;|$)/, 'the app-wide style policy');
    t.match(csp, /default-src 'self'/);
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-initializer.js', 'swagger-ui.css', 'index.css']) {
      const asset = await ctx.app.inject({ method: 'GET', url: `/api/docs/static/${file}` });
      t.equal(asset.statusCode, 200, file);
    }
    const init = await ctx.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    const code = init.body.replace(/^\s*\/\/.*$/gm, '');
    t.notMatch(code, /https?:\/\//, 'the initializer loads nothing from elsewhere');
    const json = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    t.equal(json.statusCode, 200);
    t.same(Object.keys((json.json() as Doc).paths).sort(), Object.keys(doc.paths).sort(), 'the same document as /openapi.json');
    t.notOk(doc.paths['/api/docs'], 'the reference page is not an API operation');
  });
});
