import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { CopyRefusedError, checkSource, copyToPostgres, openSourceReadOnly, readDataKey } from './copy-to-postgres.js';
import { SECRET_FILES } from './backup.js';
import { redactUrl } from '../server/db/redact-url.js';

export { redactUrl };

export interface KeyFile {
  name: string;
  from: string;
  to: string;
  /** already there with the same content */
  present: boolean;
}

/**
 * The key files to give the new nodes: the data key (required: it decrypts the ID numbers, phones
 * and signing keys' private halves the copy carries) and the cookie secret when it is a file.
 * Signing keys need nothing more: their private halves are in the database, encrypted with the data
 * key. Refuses, before anything is written, a destination file that exists with other content.
 */
export function planKeyFiles(fromDir: string, toDir: string): KeyFile[] {
  readDataKey(fromDir); // refuses a missing or malformed data key
  const plan: KeyFile[] = [];
  for (const name of SECRET_FILES) {
    const from = join(fromDir, name);
    if (!existsSync(from)) continue;
    const to = join(toDir, name);
    const present = existsSync(to);
    if (present && !readFileSync(to).equals(readFileSync(from))) {
      throw new CopyRefusedError(`${to} already exists and differs from ${from}: refusing to overwrite a key file; use an empty --keys-to folder`);
    }
    plan.push({ name, from, to, present });
  }
  return plan;
}

/** Writes the planned files, owner-only (0600) in an owner-only folder (0700), never over another file. */
export function writeKeyFiles(plan: readonly KeyFile[], toDir: string): void {
  mkdirSync(toDir, { recursive: true, mode: 0o700 });
  for (const f of plan) {
    if (!f.present) writeFileSync(f.to, readFileSync(f.from), { mode: 0o600, flag: 'wx' });
    chmodSync(f.to, 0o600); // whatever the umask or an earlier copy left
  }
}

export interface MigrateToPostgresArgs {
  from?: string | undefined;
  to?: string | undefined;
  keysTo?: string | undefined;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export const MIGRATE_TO_POSTGRES_USAGE =
  'usage: kakou migrate-to-postgres --from <SQLite data folder> --to <postgres URL> --keys-to <folder for the new nodes>';

/**
 * `kakou migrate-to-postgres`: the key files into --keys-to, then the database into PostgreSQL
 * (copy-to-postgres.ts). Returns the exit code: 0 copied and checked, 1 refused or failed (the
 * target left empty), 2 a usage error.
 */
export async function migrateToPostgres(args: MigrateToPostgresArgs): Promise<number> {
  const out = args.out ?? ((line: string) => console.log(line));
  const err = args.err ?? ((line: string) => console.error(line));
  if (!args.from || !args.to || !args.keysTo) {
    err(MIGRATE_TO_POSTGRES_USAGE);
    return 2;
  }
  const from = resolve(args.from);
  const keysTo = resolve(args.keysTo);
  const shown = redactUrl(args.to);
  let source;
  try {
    source = openSourceReadOnly(from);
  } catch (e) {
    err(`refused: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const client = new pg.Client({ connectionString: args.to });
  // An idle client's error (the server restarting) would otherwise crash the process unreported.
  client.on('error', () => undefined);
  try {
    // Every refusal that needs no server comes before a key file is written.
    checkSource(source);
    const plan = planKeyFiles(from, keysTo);
    try {
      await client.connect();
    } catch (e) {
      throw new CopyRefusedError(`cannot connect to ${shown}: ${e instanceof Error ? e.message : String(e)}`);
    }
    writeKeyFiles(plan, keysTo);
    out(`copying ${join(from, 'kakou.sqlite')} into ${shown}`);
    const report = await copyToPostgres(source, client, readDataKey(from), { log: (line) => out(`  ${line}`) });
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    out(
      `OK: schema version ${report.schemaVersion}, ${report.tables.length} tables, ${rows} rows copied; counts and checksums match; ` +
        `audit chain verified (${report.audit.entries} entries, ${report.audit.checkpoints} signed checkpoint(s), head ${report.audit.head}); ` +
        `the data key decrypts all ${report.signingKeys} signing keys`,
    );
    out(`key files in ${keysTo} (0600): ${plan.map((f) => f.name).join(', ')}`);
    if (!plan.some((f) => f.name === 'cookie-secret')) {
      out('  the data folder has no cookie-secret file (KAKOU_COOKIE_SECRET was set): give every node that same KAKOU_COOKIE_SECRET');
    }
    out(
      `EVERY node that serves this database needs its own copy of ${keysTo} as its data folder (KAKOU_DATA_DIR): ` +
        'without the data key nothing encrypted can be read, and with different cookie secrets a node refuses the sessions of another. ' +
        'Keep the copies as safe as the database.',
    );
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // pg's own messages do not carry the URL, but make sure no password slips through.
    err(`${e instanceof CopyRefusedError ? 'refused' : 'failed'}: ${message.split(args.to).join(shown)}`);
    return 1;
  } finally {
    source.close();
    await client.end().catch(() => undefined);
  }
}
