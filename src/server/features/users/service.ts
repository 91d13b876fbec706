import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { generateOneTimePassword, hashPassword } from '../../security/password.js';
import { assertEnterpriseAccess, isBureau } from '../enterprises/scope.js';
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

  function load(id: number): User {
    const user = repos.users.get(id);
    if (!user) throw notFound();
    return user;
  }

  return {
    /** Creates an account with a one-time password that the caller shows once and never stores. */
    async create(actor: UserActor, input: CreateUserInput & { role: Role; enterpriseId: number | null; carrierId?: number | null }, ip: string) {
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      if (repos.users.getWithHash(input.username)) throw new Problem('username_taken');
      const user = repos.tx(() => {
        const created = repos.users.insert({ ...input, passwordHash, mustChangePassword: true });
        repos.audit.record({ actor, action: 'user.create', subjectId: created.id, enterpriseId: created.enterpriseId, detail: { role: created.role }, ip });
        return created;
      });
      return { user, oneTimePassword };
    },

    listBureau(): User[] {
      return repos.users.listBureau();
    },

    setDisabled(actor: UserActor, id: number, disabled: boolean, ip: string): User {
      const target = load(id);
      assertCanManage(actor, target);
      if (target.id === actor.user.id) throw new Problem('conflict', { detail: 'user.err.disable_self' });
      repos.tx(() => {
        repos.users.setDisabled(id, disabled);
        if (disabled) repos.sessions.deleteForUser(id);
        repos.audit.record({ actor, action: disabled ? 'user.disable' : 'user.enable', subjectId: target.id, enterpriseId: target.enterpriseId, ip });
      });
      return load(id);
    },

    async resetPassword(actor: UserActor, id: number, ip: string) {
      const target = load(id);
      assertCanManage(actor, target);
      const oneTimePassword = generateOneTimePassword();
      const hash = await hashPassword(oneTimePassword);
      repos.tx(() => {
        repos.users.setPassword(id, hash, true);
        repos.sessions.deleteForUser(id);
        repos.audit.record({ actor, action: 'user.reset_password', subjectId: target.id, enterpriseId: target.enterpriseId, ip });
      });
      return { user: load(id), oneTimePassword };
    },

    assertCanManage,
  };
}
export type UsersService = ReturnType<typeof usersService>;
