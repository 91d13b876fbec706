import fp from 'fastify-plugin';
import { DEFAULT_LOCALE, explicitLocale, localeFromAcceptLanguage, localeSchema } from '../i18n/locale.js';
import { isApiRequest } from './errors.js';

export const LOCALE_COOKIE = 'kakou_lang';

/**
 * The API: an explicit Accept-Language (zh or en, by q-value) wins, then the
 * signed-in user's saved choice, then the language cookie; Chinese by default.
 * Portal pages: the saved choice wins, then the cookie, then Accept-Language
 * (a browser always sends one; the person chose the language in the portal).
 */
export default fp(
  async (app) => {
    app.decorateRequest('locale', DEFAULT_LOCALE);
    app.addHook('onRequest', async (request) => {
      const asked = isApiRequest(request.url) ? explicitLocale(request.headers['accept-language']) : undefined;
      const saved = request.actor?.user.locale;
      const cookie = localeSchema.safeParse(request.cookies[LOCALE_COOKIE]);
      request.locale = asked ?? saved ?? (cookie.success ? cookie.data : localeFromAcceptLanguage(request.headers['accept-language']));
    });
  },
  { name: 'kakou-i18n', dependencies: ['kakou-session'] },
);
