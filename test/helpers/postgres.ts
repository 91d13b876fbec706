/**
 * A fresh PostgreSQL database per call, for tests that need the second engine.
 *
 * The server comes from KAKOU_TEST_DATABASE_URL when set: a URL to an administrative database
 * (one the user may CREATE DATABASE from), e.g. for a unix socket in /tmp/pg
 *   postgres://postgres@/postgres?host=/tmp/pg
 * or over TCP postgres://kakou:secret@127.0.0.1:5432/postgres. Otherwise, when initdb can be found,
 * this process starts its own throwaway cluster with scripts/pg-cluster.sh (socket only, in a temp
 * dir) and stops it at exit. Without either, freshPostgresDatabase() returns null and the caller
 * skips, saying why.
 *
 * Each database is created from template0 with the C locale (the rule db/migrate-postgres.ts
 * enforces) under a name unique to this process and call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { createHash } from 'node:crypto';
import { loadMigrations } from '../../src/server/db/migrate.js';
import { migratePostgres } from '../../src/server/db/migrate-postgres.js';

export interface TestPostgres {
  url: string;
  name: string;
  drop(): Promise<void>;
}

let server: Promise<string | null> | undefined;
let counter = 0;

function findInitdb(): boolean {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return true;
  const lib = '/usr/lib/postgresql';
  return existsSync(lib) && readdirSync(lib).some((v) => existsSync(join(lib, v, 'bin/initdb')));
}

function startOwnCluster(): string | null {
  if (!findInitdb()) return null;
  // As root the server runs as the postgres user, who must reach the socket dir: a TMPDIR under a
  // closed home (/root/tmp) would not do, /tmp does.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'kakou-pg-'));
  const script = join(PROJECT_ROOT, 'scripts/pg-cluster.sh');
  const started = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`scripts/pg-cluster.sh start failed: ${started.stderr}`);
  }
  // Synchronous on purpose: 'exit' handlers cannot wait for promises, and a cluster left running
  // would hold its socket dir and memory after the test process is gone. A signal (tap's timeout,
  // Ctrl-C) skips 'exit', hence the signal handlers too.
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', [script, 'stop', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop();
      // Die of the signal as the process would have, unless someone else (tap) handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  return started.stdout.trim();
}

/**
 * The administrative URL to create test databases from, or null when no PostgreSQL is available.
 * Under KAKOU_REQUIRE_POSTGRES=1 (.ci/run) a missing PostgreSQL is an error, so CI never passes by
 * skipping the second engine.
 */
export function postgresServerUrl(): Promise<string | null> {
  server ??= Promise.resolve().then(() => {
    const url = process.env.KAKOU_TEST_DATABASE_URL || startOwnCluster();
    if (!url && process.env.KAKOU_REQUIRE_POSTGRES === '1') {
      throw new Error('KAKOU_REQUIRE_POSTGRES=1 but no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found');
    }
    return url;
  });
  return server;
}

/**
 * `url` with its database name replaced. Done on the text: WHATWG URL refuses the socket form's
 * empty host after a user name (postgres://postgres@/db?host=…), which pg's own parser accepts.
 */
export function withDatabase(url: string, name: string): string {
  const m = /^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!m) throw new Error(`not a postgres URL: ${url}`);
  return `${m[1]}/${encodeURIComponent(name)}${m[3]}`;
}

let template: Promise<string> | undefined;

/**
 * A database migrated to the latest schema, shared by every test process as a template: the name
 * carries a hash of the migrations, so a changed migration makes a new one. Made once, under an
 * advisory lock on the server (tap runs test files in parallel processes); cloning it is much
 * faster than migrating each test's database.
 */
function migratedTemplate(admin: string): Promise<string> {
  template ??= (async () => {
    const migrations = loadMigrations();
    const hash = createHash('sha256').update(JSON.stringify(migrations.map((m) => [m.version, m.name, m.sql]))).digest('hex').slice(0, 12);
    const name = `kakou_template_${hash}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        // Built under another name and renamed when complete, so a process killed mid-migration leaves no half template.
        const building = `${name}_building_${process.pid}`;
        await client.query(`DROP DATABASE IF EXISTS ${building}`);
        await client.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
        const m = new pg.Client({ connectionString: withDatabase(admin, building) });
        await m.connect();
        try {
          await migratePostgres(m, migrations);
        } finally {
          await m.end();
        }
        await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
      await client.end();
    }
    return name;
  })();
  return template;
}

/** A database of its own: empty, or (`migrated`) a copy of the migrated template. */
export async function freshPostgresDatabase(opts: { migrated?: boolean } = {}): Promise<TestPostgres | null> {
  const admin = await postgresServerUrl();
  if (!admin) return null;
  const name = `kakou_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const from = opts.migrated ? await migratedTemplate(admin) : 'template0';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${from} ENCODING 'UTF8' LOCALE 'C'`);
  } finally {
    await client.end();
  }
  return {
    url: withDatabase(admin, name),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
