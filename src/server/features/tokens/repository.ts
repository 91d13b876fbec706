import type { Db } from '../../db/open.js';
import type { Role } from '../../security/identity.js';
import type { ApiToken, TokenScope } from './schema.js';

interface TokenRow {
  id: string;
  name: string;
  secret_hash: string;
  role: Role;
  enterprise_id: number | null;
  scopes: string;
  created_by: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  last_used_at: string | null;
  last_used_ip: string | null;
}

/** A stored token with its hash: only authentication reads this. */
export interface StoredToken extends Omit<ApiToken, 'state'> {
  secretHash: string;
}

const toToken = (r: TokenRow): StoredToken => ({
  id: r.id,
  name: r.name,
  secretHash: r.secret_hash,
  role: r.role,
  enterpriseId: r.enterprise_id,
  scopes: JSON.parse(r.scopes) as TokenScope[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
  lastUsedIp: r.last_used_ip,
});

export function apiTokensRepo(db: Db) {
  const byId = db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO api_tokens (id, name, secret_hash, role, enterprise_id, scopes, created_by, created_at, expires_at)
     VALUES (@id, @name, @secretHash, @role, @enterpriseId, @scopes, @createdBy, @createdAt, @expiresAt)`,
  );
  const list = db.prepare<[{ enterpriseId: number | null }], TokenRow>(
    `SELECT * FROM api_tokens WHERE (@enterpriseId IS NULL OR enterprise_id = @enterpriseId) ORDER BY created_at DESC, id`,
  );
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE api_tokens SET last_used_at = ?, last_used_ip = ? WHERE id = ?');
  return {
    get(id: string): StoredToken | undefined {
      const r = byId.get(id);
      return r && toToken(r);
    },
    insert(t: { id: string; name: string; secretHash: string; role: Role; enterpriseId: number | null; scopes: readonly TokenScope[]; createdBy: number; createdAt: string; expiresAt: string }): void {
      insert.run({ ...t, scopes: JSON.stringify(t.scopes) });
    },
    /** All tokens (enterpriseId undefined) or one enterprise's. */
    list(enterpriseId?: number): StoredToken[] {
      return list.all({ enterpriseId: enterpriseId ?? null }).map(toToken);
    },
    revoke(id: string, by: number, at: string): boolean {
      return revoke.run(at, by, id).changes === 1;
    },
    touch(id: string, at: string, ip: string | null): void {
      touch.run(at, ip, id);
    },
  };
}
export type ApiTokensRepo = ReturnType<typeof apiTokensRepo>;
