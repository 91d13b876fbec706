import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { LOCALE_COOKIE } from '../../plugins/i18n.js';
import { Problem, RateLimited, renderFieldErrors } from '../../problem.js';
import { isMessageKey, t } from '../../i18n/messages.js';
import { parseForm, safeNext } from '../../views/forms.js';
import { localeSchema } from '../users/schema.js';
import { guessLimiter } from './limits.js';
import { authService } from './service.js';
import { loginSchema } from './schema.js';
import { LoginPage, PasswordPage } from './views.js';

const passwordForm = z
  .object({ currentPassword: z.string().min(1), newPassword: z.string().max(200), confirmPassword: z.string() })
  .refine((f) => f.newPassword === f.confirmPassword, { path: ['confirmPassword'], message: 'password.mismatch' });

export const authPages: FastifyPluginAsync = async (app) => {
  const auth = app.services.auth;
  const guesses = guessLimiter(app.repos.authFailures);

  app.get('/login', { config: { access: policy.public } }, async (request, reply) => {
    const q = request.query as { next?: string; out?: string };
    if (request.actor) return reply.redirect(safeNext(q.next, app.config.publicUrl), 303);
    return reply.page(<LoginPage next={safeNext(q.next, app.config.publicUrl)} signedOut={q.out === '1'} />);
  });

  app.post('/login', { config: { access: policy.public } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next, app.config.publicUrl);
    const username = typeof body.username === 'string' ? body.username : '';
    const form = parseForm(loginSchema, body, request.locale);
    try {
      const attempt = await guesses.signIn(request.ip, username);
      if (!form.ok) throw new Problem('login_failed');
      const user = await auth.login(form.data.username, form.data.password, request.ip);
      await attempt.succeeded();
      await reply.startSession(user);
      return reply.redirect(user.mustChangePassword ? '/password' : next, 303);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      const status = err.status === 429 ? 429 : 401;
      if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSec));
      return reply.page(<LoginPage next={next} username={username} error={t(request.locale, err.titleKey)} />, status);
    }
  });

  app.post('/logout', { config: { access: policy.anyAccount, allowWithOneTimePassword: true } }, async (_request, reply) => {
    await reply.endSession();
    return reply.redirect('/login?out=1', 303);
  });

  app.get('/password', { config: { access: policy.anyAccount, allowWithOneTimePassword: true } }, async (request, reply) => {
    return reply.page(<PasswordPage done={(request.query as { done?: string }).done === '1'} />);
  });

  app.post('/password', { config: { access: policy.anyAccount, allowWithOneTimePassword: true } }, async (request, reply) => {
    const form = parseForm(passwordForm, request.body, request.locale);
    if (!form.ok) return reply.page(<PasswordPage errors={form.errors} />, 400);
    try {
      const actor = request.actor!;
      await guesses.passwordChange(request.ip, actor.user.id, () =>
        auth.changePassword(actor.user, form.data.currentPassword, form.data.newPassword, request.sessionTokenHash, request.ip),
      );
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSec));
      const errors = renderFieldErrors(err, request.locale) ?? [
        { path: '', message: t(request.locale, err.titleKey) },
      ];
      return reply.page(<PasswordPage errors={errors} />, err.status);
    }
    return reply.redirect('/password?done=1', 303);
  });

  // Language switch: remembered on the account when signed in, in a cookie otherwise.
  app.post('/lang', { config: { access: policy.public, allowWithOneTimePassword: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const locale = localeSchema.safeParse(body.locale);
    if (!locale.success) throw new Problem('validation');
    if (request.actor) await app.repos.users.setLocale(request.actor.user.id, locale.data);
    reply.setCookie(LOCALE_COOKIE, locale.data, { path: '/', sameSite: 'strict', httpOnly: true, secure: app.config.secureCookies, maxAge: 365 * 86400 });
    return reply.redirect(safeNext(body.next, app.config.publicUrl), 303);
  });
};
