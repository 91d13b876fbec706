import fp from 'fastify-plugin';

/**
 * Every answer is `Cache-Control: no-store` unless its route says otherwise
 * by setting the header itself (the JWKS, the trust bundle's ETag/no-cache,
 * static files). Answers carry personal data, sessions and CSRF tokens; a
 * shared office computer's cache or a proxy must keep none of them, and
 * forgetting the header on a new route must not be what leaks.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'kakou-cache-control' },
);
