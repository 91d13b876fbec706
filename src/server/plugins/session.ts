import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newToken, sha256 } from '../security/tokens.js';
import { bearerOf } from '../security/api-token.js';
import type { User } from '../security/identity.js';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

declare module 'fastify' {
  interface FastifyReply {
    /** Starts a fresh session for user, destroying the request's previous one (rotation at login). */
    startSession(user: User): Promise<void>;
    endSession(): Promise<void>;
  }
}

export default fp(
  async (app) => {
    const { repos, config } = app;
    // __Host- pins the cookie to this origin and path; browsers only accept it over https.
    const cookieName = config.secureCookies ? '__Host-kakou_sid' : 'kakou_sid';
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies } as const;

    // Expired rows carry an IP and user agent: purge them at start and hourly rather than waiting for the cookie to come back.
    const purge = () => repos.sessions.purgeExpired(Date.now(), SESSION_IDLE_MS);
    await purge();
    app.jobs.every('sessions.purge', 60 * 60 * 1000, purge);

    app.decorateRequest('actor', null);
    app.decorateRequest('sessionTokenHash', null);

    app.addHook('onRequest', async (request: FastifyRequest) => {
      // A bearer-token request is its token's alone (plugins/bearer-auth.ts): its cookies are never read.
      if (bearerOf(request.headers.authorization) !== undefined) return;
      const token = request.cookies[cookieName];
      if (!token) return;
      const tokenHash = sha256(token);
      const session = await repos.sessions.get(tokenHash);
      const now = Date.now();
      if (!session || session.expires_at <= now || session.last_seen_at + SESSION_IDLE_MS <= now) {
        if (session) await repos.sessions.delete(tokenHash);
        return;
      }
      const user = await repos.users.get(session.user_id);
      if (!user || user.disabled) return;
      if (now - session.last_seen_at > TOUCH_EVERY_MS) await repos.sessions.touch(tokenHash, now);
      request.actor = { kind: 'user', user };
      request.sessionTokenHash = tokenHash;
    });

    app.decorateReply('startSession', async function (this: FastifyReply, user: User) {
      const request = this.request;
      if (request.sessionTokenHash) await repos.sessions.delete(request.sessionTokenHash);
      const token = newToken();
      const now = Date.now();
      await repos.sessions.insert({
        tokenHash: sha256(token),
        userId: user.id,
        now,
        expiresAt: now + SESSION_MAX_MS,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 200),
      });
      request.sessionTokenHash = sha256(token);
      request.actor = { kind: 'user', user };
      this.setCookie(cookieName, token, { ...cookieOptions, maxAge: SESSION_MAX_MS / 1000 });
    });

    app.decorateReply('endSession', async function (this: FastifyReply) {
      const request = this.request;
      if (request.sessionTokenHash) await repos.sessions.delete(request.sessionTokenHash);
      request.sessionTokenHash = null;
      request.actor = null;
      this.clearCookie(cookieName, cookieOptions);
    });
  },
  { name: 'kakou-session', dependencies: ['@fastify/cookie'] },
);
