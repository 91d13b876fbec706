import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { generateOneTimePassword, hashPassword } from '../../security/password.js';
import { assertEnterpriseAccess, isBureau } from '../enterprises/scope.js';
import { takenOnUnique } from '../../db/dialect.js';
import { USER_USERNAME_UNIQUE } from './repository.js';
import type { CreateUserInput, Role, User } from './schema.js';

export function usersService(repos: Repos) {
  /** Bureau accounts are the admin's; enterprise accounts are any bureau user's. */
  function assertCanManage(actor: UserActor, target: User): void {
    // A carrier's accounts are any bureau user's, as an enterprise's are.
    if (target.carrierId !== null) {
      if (!isBureau(actor)) throw forbidden();
      return;
    }
    if (target.enterpriseId === null) {
      if (actor.user.role !== 'bureau_admin') throw forbidden();
      return;
    }
    assertEnterpriseAccess(actor, target.enterpriseId);
    if (!isBureau(actor)) throw forbidden();
  }

  async function load(id: number): Promise<User> {
    const user = await repos.users.get(id);
    if (!user) throw notFound();
    return user;
  }

  return {
    /** Creates an account with a one-time password that the caller shows once and never stores. */
    async create(actor: UserActor, input: CreateUserInput & { role: Role; enterpriseId: number | null; carrierId?: number | null }, ip: string) {
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      // The check reads before the write; on PostgreSQL two requests can both pass it, and the second
      // insert then breaks the UNIQUE constraint and gets the same answer.
      if (await repos.users.getWithHash(input.username)) throw new Problem('username_taken');
      const user = await takenOnUnique(USER_USERNAME_UNIQUE, () => new Problem('username_taken'), () =>
        repos.store.transaction(async () => {
          const created = await repos.users.insert({ ...input, passwordHash, mustChangePassword: true });
          await repos.audit.record({ actor, action: 'user.create', subjectId: created.id, enterpriseId: created.enterpriseId, detail: { role: created.role }, ip });
          return created;
        }),
      );
      return { user, oneTimePassword };
    },

    listBureau(): Promise<User[]> {
      return repos.users.listBureau();
    },

    async setDisabled(actor: UserActor, id: number, disabled: boolean, ip: string): Promise<User> {
      const target = await load(id);
      assertCanManage(actor, target);
      if (target.id === actor.user.id) throw new Problem('conflict', { detail: 'user.err.disable_self' });
      await repos.store.transaction(async () => {
        await repos.users.setDisabled(id, disabled);
        if (disabled) await repos.sessions.deleteForUser(id);
        await repos.audit.record({ actor, action: disabled ? 'user.disable' : 'user.enable', subjectId: target.id, enterpriseId: target.enterpriseId, ip });
      });
      return load(id);
    },

    async resetPassword(actor: UserActor, id: number, ip: string) {
      const target = await load(id);
      assertCanManage(actor, target);
      const oneTimePassword = generateOneTimePassword();
      const hash = await hashPassword(oneTimePassword);
      await repos.store.transaction(async () => {
        await repos.users.setPassword(id, hash, true);
        await repos.sessions.deleteForUser(id);
        await repos.audit.record({ actor, action: 'user.reset_password', subjectId: target.id, enterpriseId: target.enterpriseId, ip });
      });
      return { user: await load(id), oneTimePassword };
    },

    assertCanManage,
  };
}
export type UsersService = ReturnType<typeof usersService>;
