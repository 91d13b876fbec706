import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { ApiTokensTable } from '../../db/tables.js';
import type { Role } from '../../security/identity.js';
import type { ApiToken, TokenScope } from './schema.js';

type TokenRow = Selectable<ApiTokensTable>;

/** A stored token with its hash: only authentication reads this. */
export interface StoredToken extends Omit<ApiToken, 'state'> {
  secretHash: string;
}

const toToken = (r: TokenRow): StoredToken => ({
  id: r.id,
  name: r.name,
  secretHash: r.secret_hash,
  // role is checked by the table's CHECK constraint (migrations); the column type is plain text.
  role: r.role as Role,
  enterpriseId: r.enterprise_id,
  scopes: JSON.parse(r.scopes) as TokenScope[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
  lastUsedIp: r.last_used_ip,
});

/**
 * API tokens (issue 16: Kysely over a Store, the same on SQLite and PostgreSQL). Plain statements only:
 * nothing here differs between the engines.
 */
export function apiTokensRepo(store: Store) {
  return {
    async get(id: string): Promise<StoredToken | undefined> {
      const r = await store.q().selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toToken(r);
    },
    async insert(t: { id: string; name: string; secretHash: string; role: Role; enterpriseId: number | null; scopes: readonly TokenScope[]; createdBy: number; createdAt: string; expiresAt: string }): Promise<void> {
      await store
        .q()
        .insertInto('api_tokens')
        .values({
          id: t.id,
          name: t.name,
          secret_hash: t.secretHash,
          role: t.role,
          enterprise_id: t.enterpriseId,
          scopes: JSON.stringify(t.scopes),
          created_by: t.createdBy,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
        })
        .execute();
    },
    /** All tokens (enterpriseId undefined) or one enterprise's; newest first, ties by id. */
    async list(enterpriseId?: number): Promise<StoredToken[]> {
      let q = store.q().selectFrom('api_tokens').selectAll();
      if (enterpriseId !== undefined) q = q.where('enterprise_id', '=', enterpriseId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toToken);
    },
    /** Revokes a token not revoked yet; false when it was already revoked (or does not exist). */
    async revoke(id: string, by: number, at: string): Promise<boolean> {
      const r = await store
        .q()
        .updateTable('api_tokens')
        .set({ revoked_at: at, revoked_by: by })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async touch(id: string, at: string, ip: string | null): Promise<void> {
      await store.q().updateTable('api_tokens').set({ last_used_at: at, last_used_ip: ip }).where('id', '=', id).execute();
    },
  };
}
export type ApiTokensRepo = ReturnType<typeof apiTokensRepo>;
