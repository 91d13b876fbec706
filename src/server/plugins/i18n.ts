import fp from 'fastify-plugin';
import { DEFAULT_LOCALE, localeFromAcceptLanguage, localeSchema } from '../i18n/locale.js';

export const LOCALE_COOKIE = 'kakou_lang';

/** A signed-in user's saved choice wins, then the language cookie, then the browser's Accept-Language. */
export default fp(
  async (app) => {
    app.decorateRequest('locale', DEFAULT_LOCALE);
    app.addHook('onRequest', async (request) => {
      const saved = request.actor?.user.locale;
      const cookie = localeSchema.safeParse(request.cookies[LOCALE_COOKIE]);
      request.locale = saved ?? (cookie.success ? cookie.data : localeFromAcceptLanguage(request.headers['accept-language']));
    });
  },
  { name: 'kakou-i18n', dependencies: ['kakou-session'] },
);
