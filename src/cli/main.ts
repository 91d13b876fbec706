import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/db/open-store.js';
import { repositories } from '../server/repositories.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import { roleSchema, usernameSchema } from '../server/features/users/schema.js';
import { keyPurposeSchema } from '../server/features/keys/schema.js';
import { keysService } from '../server/features/keys/service.js';
import { DataKey } from '../server/security/data-key.js';
import { systemActor } from '../server/security/actor.js';
import { backup } from './backup.js';
import { auditIntegrity } from '../server/features/audit/integrity.js';
import { retentionService } from '../server/features/retention/service.js';
import { migrateToPostgres } from './migrate-to-postgres.js';

const USAGE = `kakou — operator commands (run where the server's data folder is; honours KAKOU_DATA_DIR)

  kakou migrate                          apply pending database migrations
  kakou user create <username> --role bureau_admin|bureau_officer [--name 名字]
                                         create a bureau account; prints a one-time password
  kakou user reset-password <username>   new one-time password; ends the user's sessions
  kakou backup <empty folder>            consistent copy of the database with its key files, while the server runs
  kakou keys list                        signing keys: state, dates, whether published in the JWKS
  kakou keys add-next [--purpose pass|bundle|audit]
                                         add the next key: published at once, signs only once promoted
  kakou audit verify [--data-dir <folder>]
                                         recompute the audit log's hash chain and check every signed
                                         checkpoint; prints OK with counts or the first bad entry; exit 1 on failure
  kakou audit checkpoint                 sign a checkpoint of the audit log now
  kakou audit purge [--before <ISO date>]
                                         retention: erase personal data (events, escort and custody records,
                                         webhook bodies, the audit log's personal fields) recorded before the
                                         date, default the configured period's cut-off; prints counts per table
  kakou retention run                    the same as the server's hourly run (the configured period)
  kakou audit purge-personal --before <ISO date>
                                         the audit log's personal fields only (kept for older scripts)
  kakou keys promote [--purpose pass|bundle|audit]
                                         next key → active, active → retired; only once every scanner has synced it
  kakou migrate-to-postgres --from <data folder> --to <postgres URL> --keys-to <folder>
                                         copy a SQLite data folder into an empty PostgreSQL database (one
                                         transaction; counts, checksums, audit chain and data key checked
                                         before it commits) and its key files into a folder every node needs;
                                         stop the server first. The password may come from PGPASSWORD instead
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      purpose: { type: 'string' },
      'data-dir': { type: 'string' },
      before: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'keys-to': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, action, arg] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return group ? 0 : 2;
  }
  // Before the configuration: it would create a cookie secret in KAKOU_DATA_DIR, and the source
  // folder is only read, never migrated.
  if (group === 'migrate-to-postgres') return migrateToPostgres({ from: values.from, to: values.to, keysTo: values['keys-to'] });
  const config = loadConfig();
  // --data-dir: a copy of the data folder (e.g. a backup handed to an auditor) instead of KAKOU_DATA_DIR.
  const dataDir = values['data-dir'] ?? config.dataDir;
  // The server's database: PostgreSQL when KAKOU_DATABASE_URL names one, else the folder's SQLite file.
  // A --data-dir copy is always SQLite: a folder handed over holds its own database.
  const opened = await openStore({ dataDir, databaseUrl: values['data-dir'] ? null : config.databaseUrl });
  try {
    const version = opened.schemaVersion;
    const repos = repositories(opened.store, { dataDir });
    if (group === 'audit' && (action === 'verify' || action === 'checkpoint' || action === 'purge-personal')) {
      const integrity = auditIntegrity(repos, keysService(repos, DataKey.load(dataDir)));
      const by = { actor: systemActor('cli') };
      if (action === 'verify') {
        const r = await integrity.verify({ by });
        const counts = `${r.entries} entries (${r.erased} with personal fields erased), ${r.checkpoints} signed checkpoint(s), head ${r.head}`;
        if (r.ok) {
          console.log(`OK: ${counts}`);
          return 0;
        }
        const f = r.failure!;
        console.log(`FAILED: ${f.kind} at entry ${f.seq ?? '-'}${f.checkpointId ? ` (checkpoint ${f.checkpointId})` : ''}: ${f.detail}`);
        console.log(`checked ${counts}`);
        return 1;
      }
      if (action === 'checkpoint') {
        const c = await integrity.signCheckpoint({ force: true, by });
        console.log(`checkpoint ${c!.id}: size ${c!.size}, head ${c!.head}, signed by audit key ${c!.kid}`);
        return 0;
      }
      const before = new Date(values.before ?? '');
      if (Number.isNaN(before.getTime())) {
        console.error('purge-personal needs --before <ISO date>');
        return 2;
      }
      const n = await integrity.purgePersonal(before, { by });
      console.log(`erased the personal fields of ${n} audit entries recorded before ${before.toISOString()}`);
      return 0;
    }
    if ((group === 'audit' && action === 'purge') || (group === 'retention' && action === 'run')) {
      let before: Date | undefined;
      if (values.before !== undefined) {
        // A bare date is a China calendar day: its midnight in Asia/Shanghai.
        before = new Date(/^\d{4}-\d{2}-\d{2}$/.test(values.before) ? `${values.before}T00:00:00+08:00` : values.before);
        if (Number.isNaN(before.getTime())) {
          console.error('--before needs an ISO date, e.g. 2026-06-01 or 2026-06-01T00:00:00+08:00');
          return 2;
        }
      }
      const r = await retentionService(repos).run(new Date(), { by: { actor: systemActor('cli') }, ...(before ? { before } : {}) });
      const counts = Object.entries(r.tables).map(([table, n]) => `${table} ${n}`).join(', ');
      console.log(`erased personal data recorded before ${r.before}${before ? '' : ` (${r.days} days kept)`}: ${counts}`);
      return 0;
    }
    if (group === 'backup' && action) {
      if (opened.store.engine !== 'sqlite') {
        console.error('kakou backup copies the SQLite data folder; on PostgreSQL back up the database with its own tools (pg_basebackup, WAL archiving: docs/deployment.md) and keep the data folder\'s key files');
        return 2;
      }
      const files = await backup(repos.db, dataDir, action);
      console.log(`backed up ${files.join(', ')} to ${action}; keep it as safe as the data folder (it holds the data key)`);
      return 0;
    }
    if (group === 'migrate') {
      console.log(`schema version ${version}`);
      return 0;
    }
    if (group === 'keys' && (action === 'list' || action === 'add-next' || action === 'promote')) {
      const keys = keysService(repos, DataKey.load(dataDir));
      const by = { actor: systemActor('cli') };
      if (action === 'list') {
        for (const k of await keys.list()) {
          const published = k.published ? (k.publishedUntil ? `published until ${k.publishedUntil}` : 'published') : 'not published';
          console.log([k.purpose.padEnd(6), k.kid, k.state.padEnd(7), `created ${k.createdAt}`, published].join('  '));
        }
        return 0;
      }
      const purpose = keyPurposeSchema.parse(values.purpose ?? 'pass');
      if (action === 'add-next') {
        const key = await keys.addNextKey(purpose, { by });
        console.log(`next ${purpose} key ${key.kid} added and published; promote it once every scanner has synced it`);
        return 0;
      }
      const { active, retired } = await keys.promoteNext(purpose, { by });
      console.log(`${purpose} key ${active.kid} is now active` + (retired ? `; ${retired.kid} retired (${retired.publishedUntil ? `published until ${retired.publishedUntil}` : 'signed nothing; unpublished'})` : ''));
      return 0;
    }
    if (group === 'user' && action === 'create' && arg) {
      const username = usernameSchema.parse(arg);
      // Bureau accounts only: enterprise and carrier accounts belong to an organisation the portal picks.
      const role = roleSchema.exclude(['enterprise_user', 'carrier_user']).parse(values.role);
      const password = generateOneTimePassword();
      const passwordHash = await hashPassword(password);
      // The account and its audit entry commit together (the password is hashed before: no await but the database's inside).
      await repos.store.transaction(async () => {
        const user = await repos.users.insert({ username, displayName: values.name ?? username, role, enterpriseId: null, passwordHash, mustChangePassword: true });
        await repos.audit.record({ actor: systemActor('cli'), action: 'user.create', subjectId: user.id, detail: { role } });
      });
      console.log(`created ${username} (${role}); one-time password: ${password}`);
      return 0;
    }
    if (group === 'user' && action === 'reset-password' && arg) {
      const user = await repos.users.getWithHash(arg.toLowerCase());
      if (!user) {
        console.error(`no such user: ${arg}`);
        return 1;
      }
      const password = generateOneTimePassword();
      const hash = await hashPassword(password);
      await repos.store.transaction(async () => {
        await repos.users.setPassword(user.id, hash, true);
        await repos.sessions.deleteForUser(user.id);
        await repos.audit.record({ actor: systemActor('cli'), action: 'user.reset_password', subjectId: user.id, enterpriseId: user.enterpriseId });
      });
      console.log(`new one-time password for ${user.username}: ${password}`);
      return 0;
    }
    process.stderr.write(USAGE);
    return 2;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
