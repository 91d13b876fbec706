import type { Db } from '../../db/open.js';
import type { Locale, Role, User } from './schema.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  enterprise_id: number | null;
  carrier_id: number | null;
  must_change_password: number;
  locale: Locale;
  disabled: number;
  created_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  enterpriseId: r.enterprise_id,
  carrierId: r.carrier_id,
  mustChangePassword: r.must_change_password === 1,
  locale: r.locale,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

const COLUMNS = 'id, username, display_name, role, enterprise_id, carrier_id, must_change_password, locale, disabled, created_at';

export function usersRepo(db: Db) {
  const byId = db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const byUsername = db.prepare<[string], UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM users WHERE username = ?`,
  );
  return {
    get(id: number): User | undefined {
      const r = byId.get(id);
      return r && toUser(r);
    },
    /** Includes the password hash: only the login path should call this. */
    getWithHash(username: string): (User & { passwordHash: string }) | undefined {
      const r = byUsername.get(username);
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
    insert(u: { username: string; displayName: string; role: Role; enterpriseId: number | null; carrierId?: number | null; passwordHash: string; mustChangePassword: boolean }): User {
      const info = db
        .prepare(
          `INSERT INTO users (username, display_name, role, enterprise_id, carrier_id, password_hash, must_change_password)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(u.username, u.displayName, u.role, u.enterpriseId, u.carrierId ?? null, u.passwordHash, u.mustChangePassword ? 1 : 0);
      return this.get(Number(info.lastInsertRowid))!;
    },
    setPassword(id: number, passwordHash: string, mustChange: boolean): void {
      db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?').run(passwordHash, mustChange ? 1 : 0, id);
    },
    setLocale(id: number, locale: Locale): void {
      db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(locale, id);
    },
    setDisabled(id: number, disabled: boolean): void {
      db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
    },
    listByEnterprise(enterpriseId: number): User[] {
      return db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE enterprise_id = ? ORDER BY id`).all(enterpriseId).map(toUser);
    },
    listByCarrier(carrierId: number): User[] {
      return db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE carrier_id = ? ORDER BY id`).all(carrierId).map(toUser);
    },
    listBureau(): User[] {
      return db.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM users WHERE enterprise_id IS NULL AND carrier_id IS NULL ORDER BY id`).all().map(toUser);
    },
    countByRole(role: Role): number {
      return (db.prepare('SELECT count(*) AS n FROM users WHERE role = ?').get(role) as { n: number }).n;
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
