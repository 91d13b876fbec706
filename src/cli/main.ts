import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { migrate } from '../server/db/migrate.js';
import { openDb } from '../server/db/open.js';
import { repositories } from '../server/db/index.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import { roleSchema, usernameSchema } from '../server/features/users/schema.js';

const USAGE = `kakou — operator commands (run where the server's data folder is; honours KAKOU_DATA_DIR)

  kakou migrate                          apply pending database migrations
  kakou user create <username> --role bureau_admin|bureau_officer [--name 名字]
                                         create a bureau account; prints a one-time password
  kakou user reset-password <username>   new one-time password; ends the user's sessions
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [group, action, arg] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return group ? 0 : 2;
  }
  const config = loadConfig();
  const db = openDb(join(config.dataDir, 'kakou.sqlite'));
  try {
    const version = migrate(db);
    const repos = repositories(db);
    if (group === 'migrate') {
      console.log(`schema version ${version}`);
      return 0;
    }
    if (group === 'user' && action === 'create' && arg) {
      const username = usernameSchema.parse(arg);
      const role = roleSchema.exclude(['enterprise_user']).parse(values.role);
      const password = generateOneTimePassword();
      const user = repos.users.insert({ username, displayName: values.name ?? username, role, enterpriseId: null, passwordHash: await hashPassword(password), mustChangePassword: true });
      repos.audit.record({ actorType: 'system', actorId: null, actorName: 'cli', action: 'user.create', subjectType: 'user', subjectId: user.id, detail: { role } });
      console.log(`created ${username} (${role}); one-time password: ${password}`);
      return 0;
    }
    if (group === 'user' && action === 'reset-password' && arg) {
      const user = repos.users.getWithHash(arg.toLowerCase());
      if (!user) {
        console.error(`no such user: ${arg}`);
        return 1;
      }
      const password = generateOneTimePassword();
      const hash = await hashPassword(password);
      repos.tx(() => {
        repos.users.setPassword(user.id, hash, true);
        repos.sessions.deleteForUser(user.id);
        repos.audit.record({ actorType: 'system', actorId: null, actorName: 'cli', action: 'user.reset_password', subjectType: 'user', subjectId: user.id, enterpriseId: user.enterpriseId });
      });
      console.log(`new one-time password for ${user.username}: ${password}`);
      return 0;
    }
    process.stderr.write(USAGE);
    return 2;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
