import type { Repos } from '../../repositories.js';
import type { UserActor as Actor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { localeFromAcceptLanguage } from '../../i18n/locale.js';
import { mayGrantRole, mintToken, parseToken, scopesForRole, secretMatches, TOKEN_TOUCH_EVERY_MS } from '../../security/api-token.js';
import { sha256 } from '../../security/tokens.js';
import type { Role } from '../../security/identity.js';
import type { ApiToken, CreateTokenInput } from './schema.js';
import type { StoredToken } from './repository.js';
import { userActor } from '../../security/actor.js';

const DAY_MS = 86_400_000;
/** Compared against when the presented id is unknown, so an unknown id costs the same as a wrong secret. */
const DUMMY_HASH = sha256('kakou-no-such-token');

export const tokenState = (t: StoredToken, now: Date): ApiToken['state'] =>
  t.revokedAt ? 'revoked' : t.expiresAt <= now.toISOString() ? 'expired' : 'active';

const publicView = (t: StoredToken, now: Date): ApiToken => {
  const { secretHash: _, ...rest } = t;
  return { ...rest, state: tokenState(t, now) };
};

/** The name actions taken with a token carry in the audit log (actor_name). */
export const tokenActorName = (id: string) => `token:${id}`;

/**
 * API tokens for integrations: created by a bureau administrator (any role, any
 * enterprise) or by an enterprise user (its own enterprise only), shown once,
 * stored as a SHA-256 of the secret, expiring, revocable. `authenticate` turns
 * a presented token into an actor whose user is the token's creator acting
 * with the token's role and enterprise, named `token:<id>`: every audit row
 * written on its behalf names the token (actor_id is the creator).
 */
export function tokensService(repos: Repos) {
  async function load(actor: Actor, id: string): Promise<StoredToken> {
    const token = await repos.apiTokens.get(id);
    if (!token) throw notFound();
    if (actor.user.role === 'bureau_admin') return token;
    if (actor.user.role === 'enterprise_user' && token.enterpriseId !== null && token.enterpriseId === actor.user.enterpriseId) return token;
    throw notFound();
  }

  return {
    async list(actor: Actor, now = new Date()): Promise<ApiToken[]> {
      if (actor.user.role === 'bureau_admin') return (await repos.apiTokens.list()).map((t) => publicView(t, now));
      if (actor.user.role === 'enterprise_user' && actor.user.enterpriseId !== null) return (await repos.apiTokens.list(actor.user.enterpriseId)).map((t) => publicView(t, now));
      throw forbidden();
    },

    async get(actor: Actor, id: string, now = new Date()): Promise<ApiToken> {
      return publicView(await load(actor, id), now);
    },

    /** Creates a token; `token` is its text, to be shown once and never again. */
    async create(actor: Actor, input: CreateTokenInput, ip: string, now = new Date()): Promise<{ token: string; apiToken: ApiToken }> {
      if (actor.token) throw forbidden();
      const creator = actor.user;
      const role: Role = input.role ?? (creator.role === 'enterprise_user' ? 'enterprise_user' : creator.role);
      if (!mayGrantRole(creator.role, role)) throw forbidden();
      let enterpriseId: number | null = null;
      if (role === 'enterprise_user') {
        enterpriseId = creator.role === 'enterprise_user' ? creator.enterpriseId : (input.enterpriseId ?? null);
        if (creator.role === 'enterprise_user' && input.enterpriseId !== undefined && input.enterpriseId !== creator.enterpriseId) throw notFound();
        if (enterpriseId === null) throw new Problem('validation', { errors: [{ path: 'body.enterpriseId', message: 'token.enterprise_required' }] });
        if (!(await repos.enterprises.get(enterpriseId))) throw new Problem('validation', { errors: [{ path: 'body.enterpriseId', message: 'token.enterprise_unknown' }] });
      } else if (input.enterpriseId !== undefined) {
        throw new Problem('validation', { errors: [{ path: 'body.enterpriseId', message: 'token.enterprise_not_allowed' }] });
      }
      const allowed = scopesForRole(role);
      const scopes = [...new Set(input.scopes)];
      const refused = scopes.filter((s) => !allowed.includes(s));
      if (refused.length) {
        throw new Problem('validation', { errors: refused.map(() => ({ path: 'body.scopes', message: 'token.scope_not_for_role' })) });
      }
      const minted = mintToken();
      const createdAt = now.toISOString();
      const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString();
      await repos.store.transaction(async () => {
        await repos.apiTokens.insert({ id: minted.id, name: input.name, secretHash: minted.secretHash, role, enterpriseId, scopes, createdBy: creator.id, createdAt, expiresAt });
        await repos.audit.record({ actor: userActor(creator), action: 'token.create', subjectId: minted.id, enterpriseId, detail: { name: input.name, role, scopes, expiresAt }, ip });
      });
      return { token: minted.text, apiToken: publicView((await repos.apiTokens.get(minted.id))!, now) };
    },

    async revoke(actor: Actor, id: string, ip: string, now = new Date()): Promise<ApiToken> {
      if (actor.token) throw forbidden();
      const token = await load(actor, id);
      if (token.revokedAt) throw new Problem('invalid_state', { detail: 'token.already_revoked' });
      await repos.store.transaction(async () => {
        await repos.apiTokens.revoke(id, actor.user.id, now.toISOString());
        await repos.audit.record({ actor, action: 'token.revoke', subjectId: id, enterpriseId: token.enterpriseId, detail: { name: token.name }, ip });
      });
      return publicView((await repos.apiTokens.get(id))!, now);
    },

    /**
     * The actor a presented token stands for, or null: not a token, unknown,
     * wrong secret, revoked, expired, or its creator disabled (or no longer
     * allowed to grant it). Records the last use at most once a minute.
     */
    async authenticate(text: string, ip: string, acceptLanguage: string | undefined, now = new Date()): Promise<Actor | null> {
      const parsed = parseToken(text);
      if (!parsed) return null;
      const token = await repos.apiTokens.get(parsed.id);
      const matches = secretMatches(parsed.secret, token?.secretHash ?? DUMMY_HASH);
      if (!token || !matches) return null;
      if (tokenState(token, now) !== 'active') return null;
      const creator = await repos.users.get(token.createdBy);
      if (!creator || creator.disabled || !mayGrantRole(creator.role, token.role)) return null;
      if (creator.role === 'enterprise_user' && creator.enterpriseId !== token.enterpriseId) return null;
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOKEN_TOUCH_EVERY_MS) {
        await repos.apiTokens.touch(token.id, now.toISOString(), ip);
      }
      return {
        kind: 'user',
        user: {
          id: creator.id,
          username: tokenActorName(token.id),
          displayName: `${token.name} (${tokenActorName(token.id)})`,
          role: token.role,
          enterpriseId: token.enterpriseId,
          carrierId: null,
          mustChangePassword: false,
          locale: localeFromAcceptLanguage(acceptLanguage),
          disabled: false,
          createdAt: token.createdAt,
        },
        token: { id: token.id, scopes: token.scopes },
      };
    },
  };
}
export type TokensService = ReturnType<typeof tokensService>;
