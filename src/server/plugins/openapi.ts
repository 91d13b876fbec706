import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markRoutesPublic, type Access } from './access.js';
import { scopesAllow, TOKEN_SCOPE_CODES } from '../security/api-token.js';

const documented = (url: string) => url.startsWith('/api/v1/') || url === '/healthz' || url.startsWith('/.well-known/');

/** Where the interactive API reference is served (Swagger UI, from this server: no CDN). */
export const API_REFERENCE_PATH = '/api/docs';

/** Role codes as the API's `role` fields carry them. */
const roles = (list: readonly string[]) => list.join(', ');

function describeAccess(access: Access | undefined): string {
  if (!access || access.kind === 'public') return 'Access: public.';
  if (access.kind === 'device') return 'Access: enrolled checkpoint devices (signed requests).';
  if (access.kind === 'user_or_device') return `Access: signed-in ${roles(access.roles)}, or an enrolled checkpoint device (signed request).`;
  return `Access: signed-in ${roles(access.roles)}.`;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** All four device signature headers together: one requirement whose schemes must all be met. */
const DEVICE: Record<string, string[]> = { device: [], deviceId: [], deviceTimestamp: [], deviceNonce: [] };

/**
 * The OpenAPI `security` of a route, from its access policy: a user route takes
 * the session cookie (plus the CSRF header for a state change); a device route
 * the signature headers; a public state change still needs the CSRF token
 * (sign-in), unless the route is exempt (device enrollment).
 */
export function securityFor(access: Access | undefined, method: string, csrfExempt = false, url?: string): Record<string, string[]>[] {
  const unsafe = !SAFE.has(method.toUpperCase());
  const session: Record<string, string[]> = unsafe ? { session: [], csrf: [] } : { session: [] };
  if (!access || access.kind === 'public') return unsafe && !csrfExempt ? [{ csrf: [] }] : [];
  if (access.kind === 'device') return [DEVICE];
  // A route some API-token scope covers may also be called with `Authorization: Bearer` (no cookie, no CSRF).
  const bearer = url !== undefined && scopesAllow(TOKEN_SCOPE_CODES, method, url) ? [{ bearer: [] }] : [];
  if (access.kind === 'user_or_device') return [session, ...bearer, DEVICE];
  return [session, ...bearer];
}

/** What each status means, for the responses a route does not describe itself. */
const RESPONSE_TEXT: Record<string, string> = {
  200: 'Success',
  201: 'Created',
  204: 'Done; no body',
  304: 'Not modified: the ETag sent in If-None-Match still matches',
  400: 'The request is not valid; `errors` names each field at fault (`body.…`, `query.…`, `params.…`)',
  401: 'Not signed in, or the device signature is missing, invalid or stale',
  403: 'Not allowed for this account, or the CSRF token is missing or invalid',
  404: 'No such item, or not visible to this account',
  409: 'Conflicts with the current state or with existing data; `errors` names the field, and a 409 without `errors` concerns the item as a whole',
  413: 'The request body is too large',
  415: 'Unsupported content type: send application/json',
  429: 'Too many attempts; wait for the seconds in Retry-After',
};
const responseText = (status: string) => RESPONSE_TEXT[status] ?? (status.startsWith('2') ? 'Success' : 'Refused; see the problem body');

const isZodNull = (s: unknown) => s instanceof z.ZodType && s.def.type === 'null';
const hasContent = (s: unknown) => typeof s === 'object' && s !== null && 'content' in s;

/** Gives every response a description and its media type (problem+json for errors); leaves described ones alone. */
function describeResponses(response: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!response) return response;
  const out: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(response)) {
    if (hasContent(schema) || isZodNull(schema)) out[status] = schema;
    else {
      const type = Number(status) >= 400 ? 'application/problem+json' : 'application/json';
      out[status] = { description: responseText(status), content: { [type]: { schema } } };
    }
  }
  return out;
}

type Json = unknown;
const REF = '#/components/schemas/';

function walk(node: Json, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

/**
 * One name per schema. fastify-type-provider-zod emits every registered schema
 * twice, as `X` (what the server sends) and `XInput` (what it accepts), so a
 * schema registered as `CheckEvaluateInput` also became `CheckEvaluateInputInput`.
 * Where both forms are the same JSON (most schemas), `XInput` is folded into `X`;
 * where they differ (defaults, transforms) and only one is used, the used one
 * takes the plain name; unused forms are dropped.
 */
export function oneNamePerSchema(doc: Record<string, unknown>): Record<string, unknown> {
  const components = doc.components as { schemas?: Record<string, Json> } | undefined;
  const schemas = components?.schemas;
  if (!schemas) return doc;
  const rename = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.endsWith('Input') ? name.slice(0, -'Input'.length) : null;
    if (base && base in schemas && JSON.stringify(schemas[base]) === JSON.stringify(schemas[name])) rename.set(name, base);
  }
  const refName = (ref: string) => ref.slice(REF.length);
  const rewrite = (node: Json) =>
    walk(node, (obj) => {
      if (typeof obj.$ref === 'string' && obj.$ref.startsWith(REF)) {
        const to = rename.get(refName(obj.$ref));
        if (to) obj.$ref = REF + to;
      }
    });
  rewrite(doc.paths);
  for (const s of Object.values(schemas)) rewrite(s);
  for (const from of rename.keys()) delete schemas[from];

  // Keep what the paths reach, transitively; an `XInput` used without its `X` takes the plain name.
  const used = new Set<string>();
  const reach = (node: Json) =>
    walk(node, (obj) => {
      if (typeof obj.$ref === 'string' && obj.$ref.startsWith(REF)) {
        const name = refName(obj.$ref);
        if (!used.has(name) && name in schemas) {
          used.add(name);
          reach(schemas[name]);
        }
      }
    });
  reach(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  const plain = new Map<string, string>();
  for (const name of used) {
    const base = name.endsWith('Input') ? name.slice(0, -'Input'.length) : null;
    if (base && !used.has(base) && !(base in schemas)) plain.set(name, base);
  }
  if (plain.size) {
    const rewritePlain = (node: Json) =>
      walk(node, (obj) => {
        if (typeof obj.$ref === 'string' && obj.$ref.startsWith(REF)) {
          const to = plain.get(refName(obj.$ref));
          if (to) obj.$ref = REF + to;
        }
      });
    rewritePlain(doc.paths);
    for (const s of Object.values(schemas)) rewritePlain(s);
    for (const [from, to] of plain) {
      schemas[to] = schemas[from];
      delete schemas[from];
    }
  }
  return doc;
}

const SIGN_IN =
  'How a script signs in: `GET /api/v1/session` answers a `csrfToken` and sets the CSRF cookie; ' +
  'send that cookie back and the token in the `x-csrf-token` header with `POST /api/v1/session`. ' +
  'The answer sets the session cookie and carries a fresh `csrfToken` for later state changes ' +
  '(`x-csrf-token` on every POST, PUT, PATCH and DELETE). Only failed attempts are throttled.';

/** OpenAPI 3 for the JSON API; portal pages are HTML for people and stay out of it. */
export default fp(
  async (app) => {
    const sessionCookie = app.config.secureCookies ? '__Host-kakou_sid' : 'kakou_sid';
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kakou 卡口 API',
          version: '1',
          description: [
            'Checkpoint freight pass verification.',
            '',
            `**Signing in.** ${SIGN_IN}`,
            '',
            '**Errors** are RFC 9457 `application/problem+json`: a stable `code`, `type` `urn:kakou:problem:<code>`, ' +
              '`title` and `detail` in the request\'s language, `messages.zh` / `messages.en` (the title in both). ' +
              'An explicit `Accept-Language` (zh or en, q-values honoured) chooses the language; otherwise the ' +
              'signed-in user\'s saved language, else Chinese. Field errors list `path` and `message`; the path is ' +
              '`body.<field>`, `query.<field>`, `params.<field>` or `headers.<name>`, array items by index ' +
              '(`body.escortIds.0`). A 409 names the field in `errors`, or has no `errors` when no single field applies.',
            '',
            `Interactive reference: ${API_REFERENCE_PATH}`,
          ].join('\n'),
        },
        servers: [{ url: app.config.publicUrl }],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: sessionCookie,
              description: 'The session cookie that POST /api/v1/session sets.',
            },
            csrf: {
              type: 'apiKey',
              in: 'header',
              name: 'x-csrf-token',
              description: 'The `csrfToken` from GET /api/v1/session (or the sign-in answer), with the CSRF cookie that call sets. Needed on every cookie-authenticated state change, and on sign-in.',
            },
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API token for integrations, sent as `Authorization: Bearer <token>`: no cookie and no CSRF token.',
            },
            deviceId: {
              type: 'apiKey',
              in: 'header',
              name: 'x-kakou-device',
              description: 'Device requests: the device id from enrollment (POST /api/v1/devices/enroll). Sent with the three other x-kakou-* headers; no cookie and no CSRF token.',
            },
            deviceTimestamp: { type: 'apiKey', in: 'header', name: 'x-kakou-timestamp', description: 'Device requests: the signing time (Unix seconds); must be close to server time.' },
            deviceNonce: { type: 'apiKey', in: 'header', name: 'x-kakou-nonce', description: 'Device requests: a fresh random value; a nonce is accepted once.' },
            device: {
              type: 'apiKey',
              in: 'header',
              name: 'x-kakou-signature',
              description: 'Device requests: ECDSA P-256 signature, with the key enrolled for the device, over the method, path, timestamp, nonce and a hash of the body (docs/devices.md).',
            },
          },
        },
      },
      transform: (input) => {
        if (!documented(input.url)) return { schema: { ...input.schema, hide: true }, url: input.url };
        const inputSchema = input.schema as Record<string, unknown>;
        const out = jsonSchemaTransform({ ...input, schema: { ...inputSchema, response: describeResponses(inputSchema.response as Record<string, unknown> | undefined) } } as typeof input);
        const schema = out.schema as Record<string, unknown>;
        // A route without a response schema answers a file (the pass QR images): say what it is.
        const produces = inputSchema.produces as string[] | undefined;
        if (!schema.response && produces?.length) {
          schema.response = { 200: { description: `The file (${produces.join(', ')})`, content: Object.fromEntries(produces.map((p) => [p, { schema: { type: 'string', format: 'binary' } }])) } };
        }
        for (const [status, r] of Object.entries((schema.response ?? {}) as Record<string, Record<string, unknown>>)) {
          if (!('description' in r)) r.description = responseText(status);
        }
        const config = input.route.config as { access?: Access; csrfExempt?: boolean } | undefined;
        const method = String(input.route.method);
        const extra = input.url === '/api/v1/session' && method === 'POST' ? SIGN_IN : undefined;
        schema.description = [schema.description, extra, describeAccess(config?.access)].filter(Boolean).join('\n\n');
        schema.security = securityFor(config?.access, method, config?.csrfExempt === true, input.url);
        return out;
      },
      transformObject: (input) => oneNamePerSchema(jsonSchemaTransformObject(input) as Record<string, unknown>) as ReturnType<typeof jsonSchemaTransformObject>,
    });

    // The interactive reference: Swagger UI from the package's own files (works offline, nothing from a CDN).
    // Its scripts and styles are files from this server, so the app's strict CSP stands unchanged.
    await app.register(async (scope) => {
      markRoutesPublic(scope);
      await scope.register(swaggerUi, {
        routePrefix: API_REFERENCE_PATH,
        // BaseLayout: no top bar, whose Swagger logo is an SVG with an inline <style> that the CSP (style-src 'self') refuses.
        // docExpansion 'none': the tags are listed closed and open on a click. With every tag open, Swagger UI 5
        // drew only the first two tags once the reference passed 130 operations (no error shown; tried in Chromium).
        uiConfig: { deepLinking: true, persistAuthorization: false, withCredentials: true, layout: 'BaseLayout', docExpansion: 'none' },
        theme: { title: 'Kakou 卡口 API' },
      });
    });
  },
  { name: 'kakou-openapi' },
);
