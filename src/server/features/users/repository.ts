import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import type { Locale, Role, User } from './schema.js';

/** Every column but the password hash, which only getWithHash reads. */
const COLUMNS = ['id', 'username', 'display_name', 'role', 'enterprise_id', 'carrier_id', 'must_change_password', 'locale', 'disabled', 'created_at'] as const;
type UserRow = Pick<Selectable<DB['users']>, (typeof COLUMNS)[number]>;

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role, // the column's CHECK holds exactly roleSchema's values
  enterpriseId: r.enterprise_id,
  carrierId: r.carrier_id,
  mustChangePassword: r.must_change_password === 1,
  locale: r.locale as Locale, // the column's CHECK holds exactly localeSchema's values
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

/**
 * The UNIQUE constraint a caller can break: one account per user name, ASCII case ignored on both engines
 * (COLLATE NOCASE on SQLite, citext on PostgreSQL; for isUniqueViolation).
 */
export const USER_USERNAME_UNIQUE = { postgres: 'users_username_key', sqlite: 'users.username' };

/** Accounts, on either engine: every statement through store.q(), so it joins whatever transaction is open. */
export function usersRepo(store: Store) {
  const users = () => store.q().selectFrom('users').select(COLUMNS);

  async function get(id: number): Promise<User | undefined> {
    const r = await users().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  const list = async (filter: (qb: ReturnType<typeof users>) => ReturnType<typeof users>): Promise<User[]> =>
    (await filter(users()).orderBy('id').execute()).map(toUser);

  return {
    get,
    /** Includes the password hash: only the login path should call this. The name's ASCII case is ignored (the column's collation). */
    async getWithHash(username: string): Promise<(User & { passwordHash: string }) | undefined> {
      const r = await users().select('password_hash').where('username', '=', username).executeTakeFirst();
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
    /** Throws on a user name already taken (isUniqueViolation with USER_USERNAME_UNIQUE, on both engines). */
    async insert(u: { username: string; displayName: string; role: Role; enterpriseId: number | null; carrierId?: number | null; passwordHash: string; mustChangePassword: boolean }): Promise<User> {
      const { id } = await store
        .q()
        .insertInto('users')
        .values({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          enterprise_id: u.enterpriseId,
          carrier_id: u.carrierId ?? null,
          password_hash: u.passwordHash,
          must_change_password: u.mustChangePassword ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    async setPassword(id: number, passwordHash: string, mustChange: boolean): Promise<void> {
      await store.q().updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
    },
    async setLocale(id: number, locale: Locale): Promise<void> {
      await store.q().updateTable('users').set({ locale }).where('id', '=', id).execute();
    },
    async setDisabled(id: number, disabled: boolean): Promise<void> {
      await store.q().updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
    },
    listByEnterprise(enterpriseId: number): Promise<User[]> {
      return list((qb) => qb.where('enterprise_id', '=', enterpriseId));
    },
    listByCarrier(carrierId: number): Promise<User[]> {
      return list((qb) => qb.where('carrier_id', '=', carrierId));
    },
    listBureau(): Promise<User[]> {
      return list((qb) => qb.where('enterprise_id', 'is', null).where('carrier_id', 'is', null));
    },
    async countByRole(role: Role): Promise<number> {
      const { n } = await store
        .q()
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
