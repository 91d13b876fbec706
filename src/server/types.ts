import type { Config } from './config.js';
import type { Repos } from './repositories.js';
import type { Services } from './services.js';
import type { ClusterJobs } from './features/jobs/runner.js';
import type { Locale } from './i18n/locale.js';
import type { Access } from './plugins/access.js';
import type { UserActor } from './security/actor.js';
import type { DevicePublicJwk } from '../core/device/index.js';

export type { Actor, UserActor } from './security/actor.js';

/**
 * A checkpoint scanner whose signed request verified (plugins/device-auth.ts):
 * enrolled, not revoked, fresh timestamp, unused nonce. Kept apart from
 * `actor`, so code that needs a user never gets a device by mistake.
 */
export interface AuthenticatedDevice {
  id: string;
  checkpointId: number;
  publicJwk: DevicePublicJwk;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it. */
    access?: Access;
    /** Lets a user with a one-time password reach this route (change password, sign out). */
    allowWithOneTimePassword?: boolean;
    /**
     * No CSRF token on this public route: it reads no cookie and acts on no
     * session, its credential travels in the body (device enrollment's code),
     * so a cross-site request can do nothing the attacker could not do
     * directly. Ignored unless the route's policy is public.
     */
    csrfExempt?: boolean;
    /**
     * The route only sends files from disk (the portal's static folder, the
     * scanner app): it reads no table, so the app does not bring its rule-set
     * snapshot up to date before it (app.ts).
     */
    filesOnly?: boolean;
  }
  interface FastifyRequest {
    /** Who is making the request, when it is a signed-in user (a device is `request.device` instead). */
    actor: UserActor | null;
    /** Set for a request signed by an enrolled device, on routes whose policy admits devices; null otherwise. */
    device: AuthenticatedDevice | null;
    sessionTokenHash: string | null;
    locale: Locale;
  }
  interface FastifyInstance {
    config: Config;
    repos: Repos;
    /** every service, built once (services.ts) */
    services: Services;
    /** background jobs, each run once across the nodes sharing the database (features/jobs) */
    jobs: ClusterJobs;
  }
}
