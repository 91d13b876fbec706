import type { Repos } from '../../repositories.js';
import { Problem, zodIssues } from '../../problem.js';
import { systemActor, userActor } from '../../security/actor.js';
import { hashPassword, verifyPassword } from '../../security/password.js';
import { passwordSchema, type User } from '../users/schema.js';

export function authService(repos: Repos) {
  /**
   * A known account is named; an unknown name is recorded only as a keyed hash, since people type
   * anything into that field (an ID number, a phone, their password). Equal names give equal hashes,
   * so repeated probing of one name still shows in the log.
   */
  const failedLoginDetail = (known: string | undefined, typed: string) =>
    known ? { username: known } : { usernameHash: repos.blindIndex(typed.trim().toLowerCase().slice(0, 64), 'audit.login.username') };

  return {
    /** Returns the user on a correct password; one generic refusal for every failure so accounts can't be probed. */
    async login(username: string, password: string, ip: string): Promise<User> {
      const found = await repos.users.getWithHash(username.trim().toLowerCase());
      const ok = await verifyPassword(found?.passwordHash, password);
      if (!found || !ok || found.disabled) {
        await repos.audit.record({
          actor: systemActor('auth'), action: 'login.failed',
          subjectId: found?.id ?? null, detail: failedLoginDetail(found?.username, username), ip,
        });
        throw new Problem('login_failed');
      }
      const { passwordHash: _omit, ...user } = found;
      await repos.audit.record({
        actor: userActor(user), action: 'login',
        subjectId: user.id, enterpriseId: user.enterpriseId, ip,
      });
      return user;
    },

    /** Changes the password and ends every other session of the user. */
    async changePassword(user: User, current: string, next: string, keepSessionHash: string | null, ip: string): Promise<void> {
      const parsed = passwordSchema.safeParse(next);
      if (!parsed.success) throw new Problem('validation', { errors: zodIssues(passwordSchema, next, ['newPassword']).slice(0, 1) });
      const found = await repos.users.getWithHash(user.username);
      if (!found || !(await verifyPassword(found.passwordHash, current))) throw new Problem('wrong_password');
      if (current === next) throw new Problem('password_reused');
      const hash = await hashPassword(next);
      await repos.store.transaction(async () => {
        await repos.users.setPassword(user.id, hash, false);
        await repos.sessions.deleteForUser(user.id, keepSessionHash ?? undefined);
        await repos.audit.record({
          actor: userActor(user), action: 'password.change',
          subjectId: user.id, enterpriseId: user.enterpriseId, ip,
        });
      });
    },
  };
}
