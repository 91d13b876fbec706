import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { problemSchema } from '../../problem.js';
import { authService } from './service.js';
import { guessLimiter } from './limits.js';
import { changePasswordSchema, localeBodySchema, loginSchema, sessionInfoSchema } from './schema.js';
import { userSchema } from '../users/schema.js';

const tags = ['session'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

export const authApi: FastifyPluginAsyncZod = async (app) => {
  const auth = app.services.auth;
  const guesses = guessLimiter(app.repos.authFailures);
  const csrfFor = (reply: { generateCsrf: (o: { userInfo: string }) => string | Promise<string> }, hash: string | null) =>
    reply.generateCsrf({ userInfo: hash ?? 'anonymous' });

  app.get('/api/v1/session', {
    config: { access: policy.public, allowWithOneTimePassword: true },
    schema: { tags, summary: 'Current user (or null) and a CSRF token for state-changing calls', response: { 200: sessionInfoSchema } },
  }, async (request, reply) => ({ user: request.actor?.user ?? null, csrfToken: await csrfFor(reply, request.sessionTokenHash) }));

  app.post('/api/v1/session', {
    config: { access: policy.public },
    schema: { tags, summary: 'Sign in; sets the session cookie (rotated) and returns a fresh CSRF token. Failed attempts are throttled per address, per address and account, and slowed per account (429 with Retry-After)', body: loginSchema, response: { 200: sessionInfoSchema, ...errors } },
  }, async (request, reply) => {
    const attempt = await guesses.signIn(request.ip, request.body.username);
    const user = await auth.login(request.body.username, request.body.password, request.ip);
    await attempt.succeeded();
    await reply.startSession(user);
    return { user, csrfToken: await csrfFor(reply, request.sessionTokenHash) };
  });

  app.delete('/api/v1/session', {
    config: { access: policy.anyAccount, allowWithOneTimePassword: true },
    schema: { tags, summary: 'Sign out; destroys the session', response: { 204: z.null(), ...errors } },
  }, async (_request, reply) => {
    await reply.endSession();
    return reply.code(204).send(null);
  });

  app.post('/api/v1/me/password', {
    config: { access: policy.anyAccount, allowWithOneTimePassword: true },
    schema: { tags, summary: 'Change own password; other sessions of the user end', body: changePasswordSchema, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const actor = request.actor!;
    await guesses.passwordChange(request.ip, actor.user.id, () =>
      auth.changePassword(actor.user, request.body.currentPassword, request.body.newPassword, request.sessionTokenHash, request.ip),
    );
    return reply.code(204).send(null);
  });

  app.put('/api/v1/me/locale', {
    config: { access: policy.anyAccount, allowWithOneTimePassword: true },
    schema: { tags, summary: 'Remember the interface language for this user', body: localeBodySchema, response: { 200: userSchema, ...errors } },
  }, async (request) => {
    const user = request.actor!.user;
    await app.repos.users.setLocale(user.id, request.body.locale);
    return (await app.repos.users.get(user.id))!;
  });
};
