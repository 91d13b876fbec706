import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Access } from './access.js';

const documented = (url: string) => url.startsWith('/api/v1/') || url === '/healthz' || url.startsWith('/.well-known/');

function describeAccess(access: Access | undefined): string {
  if (!access || access.kind === 'public') return 'Access: public.';
  if (access.kind === 'device') return 'Access: enrolled checkpoint devices (signed requests).';
  if (access.kind === 'user_or_device') return `Access: signed-in ${access.roles.join(', ')}, or an enrolled checkpoint device (signed request).`;
  return `Access: signed-in ${access.roles.join(', ')}.`;
}

/** OpenAPI 3 for the JSON API; portal pages are HTML for people and stay out of it. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kakou 卡口 API',
          version: '1',
          description:
            'Checkpoint freight pass verification. Errors are RFC 9457 application/problem+json. ' +
            'Cookie-authenticated state changes need the CSRF token from GET /api/v1/session in the x-csrf-token header.',
        },
        servers: [{ url: app.config.publicUrl }],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: app.config.secureCookies ? '__Host-kakou_sid' : 'kakou_sid' },
            csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
            device: {
              type: 'apiKey',
              in: 'header',
              name: 'x-kakou-signature',
              description:
                'Device request signature (src/core/device/request-signature.ts): x-kakou-device, x-kakou-timestamp, x-kakou-nonce and ' +
                'x-kakou-signature, ECDSA P-256 with the key enrolled via POST /api/v1/devices/enroll. No cookie and no CSRF token.',
            },
          },
        },
      },
      transform: (input) => {
        if (!documented(input.url)) return { schema: { ...input.schema, hide: true }, url: input.url };
        const out = jsonSchemaTransform(input);
        const access = (input.route.config as { access?: Access } | undefined)?.access;
        const schema = out.schema as Record<string, unknown>;
        schema.description = [schema.description, describeAccess(access)].filter(Boolean).join(' ');
        const unsafe = !['GET', 'HEAD'].includes(String(input.route.method));
        const session = unsafe ? { session: [], csrf: [] } : { session: [] };
        if (access?.kind === 'user') schema.security = [session];
        if (access?.kind === 'device') schema.security = [{ device: [] }];
        if (access?.kind === 'user_or_device') schema.security = [session, { device: [] }];
        return out;
      },
      transformObject: jsonSchemaTransformObject,
    });
  },
  { name: 'kakou-openapi' },
);
