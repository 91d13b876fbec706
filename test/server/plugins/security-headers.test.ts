import t from 'tap';
import helmet from 'helmet';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import { helmetOptions } from '../../../src/server/app.js';
import { helmetHeaders } from '../../../src/server/plugins/security-headers.js';
import { setup } from '../../helpers/app.js';

// The headers are computed once per process (plugins/security-headers.ts): they must be exactly what helmet's own
// middleware sets on a real response, for both cookie settings, and reach every kind of answer.

async function helmetOnRealResponse(secureCookies: boolean): Promise<IncomingHttpHeaders> {
  const mw = helmet(helmetOptions({ secureCookies }));
  const server = createServer((req, res) => mw(req, res, () => res.end()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  try {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/' });
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    res.resume();
    await once(res, 'end');
    return res.headers;
  } finally {
    server.close();
  }
}

const ignored = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

for (const secureCookies of [false, true]) {
  t.test(`precomputed headers equal helmet's own (secureCookies ${secureCookies})`, async (t) => {
    const expected = Object.fromEntries(Object.entries(await helmetOnRealResponse(secureCookies)).filter(([k]) => !ignored.has(k)));
    t.ok(expected['content-security-policy'], 'helmet set a CSP');
    t.same(Object.fromEntries(helmetHeaders(helmetOptions({ secureCookies }))), expected);
    t.equal('strict-transport-security' in expected, secureCookies, 'HSTS only with secure cookies');
  });
}

t.test('every kind of answer carries them: an API answer, a page, a refusal and a 404', async (t) => {
  const ctx = await setup(t);
  const expected = helmetHeaders(helmetOptions({ secureCookies: ctx.app.config.secureCookies }));
  const answers = {
    api: await ctx.app.inject({ method: 'GET', url: '/healthz' }),
    page: await ctx.app.inject({ method: 'GET', url: '/login' }),
    refusal: await ctx.app.inject({ method: 'POST', url: '/api/v1/checks/evaluate', headers: { 'content-type': 'application/json' }, payload: '{}' }),
    missing: await ctx.app.inject({ method: 'GET', url: '/no/such/page' }),
  };
  t.same(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.statusCode])), { api: 200, page: 200, refusal: 401, missing: 404 });
  for (const [kind, res] of Object.entries(answers)) {
    for (const [name, value] of expected) t.equal(res.headers[name], value, `${kind}: ${name}`);
  }
});
