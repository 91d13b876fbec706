import type { Config } from './config.js';
import type { Repos } from './db/index.js';
import type { Locale } from './i18n/locale.js';
import type { Access } from './plugins/access.js';
import type { User } from './features/users/schema.js';

/** Who is making the request. Devices join in a later issue as another `kind`. */
export type Actor = { kind: 'user'; user: User };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it. */
    access?: Access;
    /** Lets a user with a one-time password reach this route (change password, sign out). */
    allowWithOneTimePassword?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
    locale: Locale;
  }
  interface FastifyInstance {
    config: Config;
    repos: Repos;
  }
}
