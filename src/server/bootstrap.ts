import type { Repos } from './repositories.js';
import { systemActor } from './security/actor.js';
import { generateOneTimePassword, hashPassword } from './security/password.js';

/**
 * On an empty database, creates the first bureau administrator with a one-time
 * password. Returns the credentials for the caller to print once; they are not
 * logged or stored anywhere else.
 */
export async function ensureFirstAdmin(repos: Repos): Promise<{ username: string; password: string } | null> {
  if ((await repos.users.countByRole('bureau_admin')) > 0) return null;
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    await repos.store.transaction(async () => {
      const user = await repos.users.insert({ username: 'admin', displayName: '系统管理员', role: 'bureau_admin', enterpriseId: null, passwordHash, mustChangePassword: true });
      await repos.audit.record({ actor: systemActor('bootstrap'), action: 'user.create', subjectId: user.id, detail: { role: 'bureau_admin', firstRun: true } });
    });
  } catch (error) {
    // Two nodes starting at once on an empty database both find no administrator; the second insert of
    // `admin` is refused. That node's start is no failure: the first node made the account and prints it.
    if ((await repos.users.countByRole('bureau_admin')) > 0) return null;
    throw error;
  }
  return { username: 'admin', password };
}
