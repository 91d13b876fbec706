// A real database for the audit-log tests (no tests here): passes issued and revoked, an escort
// requested and handed over, device events ingested, a signed checkpoint; and copies of it to tamper.
import type { Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type pg from 'pg';
import { backup, SECRET_FILES } from '../../../src/cli/backup.js';
import { openDb } from '../../../src/server/db/open.js';
import { postgresStore } from '../../../src/server/db/postgres-store.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import type { Store } from '../../../src/server/db/store.js';
import { repositories, type Repos } from '../../../src/server/repositories.js';
import { keysService } from '../../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../../src/server/features/audit/integrity.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { freshPostgresDatabase } from '../../helpers/postgres.js';
import { escortWorld, escortCheck, handover, upload, type EscortWorld } from '../escorts/fixtures.js';

export async function auditedWorld(t: Test): Promise<EscortWorld & { checkpointSize: number }> {
  const w = await escortWorld(t);
  const check = await w.dev.next(escortCheck(w));
  const release = await w.dev.next({ type: 'check', payload: { ...escortCheck(w).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  const hand = await w.dev.next(handover(check.id, '王强', '5678', w.creditA));
  const results = await upload(w.scanner, [check, release, hand]);
  if (results.some((r) => r.status !== 'accepted')) throw new Error(`upload: ${JSON.stringify(results)}`);
  const { id: passId } = await w.ctx.repos.store.q().selectFrom('passes').select('id').where('pass_no', '=', w.passNo).executeTakeFirstOrThrow();
  const revoked = await w.officer.request('POST', `/api/v1/passes/${passId}/revoke`, { reason: '车辆已转让' });
  if (revoked.statusCode !== 200) throw new Error(`revoke: ${revoked.statusCode} ${revoked.body}`);
  const cp = await w.ctx.app.services.auditIntegrity.signCheckpoint({ force: true });
  // A few entries after the checkpoint, so the log is longer than what it signed.
  await w.ctx.app.services.auditIntegrity.purgePersonal(new Date(0));
  await w.ctx.app.services.auditIntegrity.purgePersonal(new Date(0));
  return { ...w, checkpointSize: cp!.size };
}

/** The PostgreSQL database of each copy made on PostgreSQL, by the copy's folder (which holds its key files). */
const copyDatabases = new Map<string, string>();

/**
 * The URL of the PostgreSQL database a copy's folder goes with, or null for a SQLite copy (the folder's own
 * kakou.sqlite). The CLI reaches such a copy as the server does: KAKOU_DATABASE_URL with KAKOU_DATA_DIR for the keys.
 */
export function copyDatabaseUrl(dir: string): string | null {
  return copyDatabases.get(dir) ?? null;
}

/** Raw statements on a copy, through its store, with the append-only triggers and foreign keys off. */
export type Tamper = (store: Store) => Promise<unknown>;

/**
 * A copy of the world's database with its key files, in a folder of its own: on SQLite a backup of the data
 * folder; on PostgreSQL a database of its own restored from pg_dump of the world's, the folder holding the keys.
 * `tamper` runs raw statements on it with the append-only triggers off: on SQLite they are dropped (and foreign
 * keys off); on PostgreSQL the statements run in one transaction under `session_replication_role = replica`,
 * which skips every trigger, foreign keys' included, for that transaction's connection (it needs a superuser,
 * as the test cluster's is).
 */
export async function copyOf(t: Test, w: EscortWorld, tamper?: Tamper): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'kakou-audit-copy-')), 'copy');
  t.teardown(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
  const world = w.ctx.repos.store;
  if (world.engine === 'postgres') {
    mkdirSync(dir, { mode: 0o700 });
    for (const name of SECRET_FILES) {
      if (existsSync(join(w.ctx.dataDir, name))) copyFileSync(join(w.ctx.dataDir, name), join(dir, name));
    }
    const database = await freshPostgresDatabase();
    if (!database) throw new Error('copyOf: no PostgreSQL for the copy');
    t.teardown(() => database.drop());
    const from = (world as unknown as { pool: pg.Pool }).pool.options.connectionString!;
    // pg_dump and psql from PATH, else from the newest /usr/lib/postgresql/<version>/bin (as test/helpers/postgres.ts finds initdb).
    const lib = '/usr/lib/postgresql';
    const versions = existsSync(lib) ? readdirSync(lib).filter((v) => existsSync(join(lib, v, 'bin/pg_dump'))).sort((a, b) => Number(b) - Number(a)) : [];
    const path = [process.env.PATH ?? '', ...versions.map((v) => join(lib, v, 'bin'))].filter(Boolean).join(':');
    const restored = spawnSync('bash', ['-c', 'set -o pipefail; pg_dump --no-owner --no-privileges "$1" | psql -X -q -v ON_ERROR_STOP=1 -d "$2"', 'copy', from, database.url], { encoding: 'utf8', env: { ...process.env, PATH: path } });
    if (restored.status !== 0) throw new Error(`copyOf: pg_dump | psql failed: ${restored.stderr}`);
    copyDatabases.set(dir, database.url);
  } else {
    await backup(w.ctx.repos.db, w.ctx.dataDir, dir);
  }
  if (tamper) await tamperWith(dir, tamper);
  return dir;
}

/** Runs `tamper` on a copy made by copyOf, with the append-only triggers off (copyOf says how on each engine). */
export async function tamperWith(dir: string, tamper: Tamper): Promise<void> {
  const url = copyDatabaseUrl(dir);
  if (url) {
    const store = postgresStore(url, { max: 1 });
    try {
      await store.transaction(async () => {
        await sql`SET LOCAL session_replication_role = replica`.execute(store.q());
        await tamper(store);
      });
    } finally {
      await store.close();
    }
    return;
  }
  const db = new Database(join(dir, 'kakou.sqlite'));
  try {
    db.pragma('foreign_keys = OFF'); // a tamperer ignores audit_personal's reference
    for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete', 'audit_personal_no_update']) {
      db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
    await tamper(sqliteStore(db));
  } finally {
    db.close();
  }
}

/** The server's own services over a copy, as `kakou audit verify` builds them (`--data-dir` on SQLite, KAKOU_DATABASE_URL on PostgreSQL). */
export function integrityOf(t: Test, dir: string) {
  const url = copyDatabaseUrl(dir);
  let repos: Repos;
  if (url) {
    const store = postgresStore(url, { max: 2 });
    t.teardown(() => store.close());
    repos = repositories(store, { dataDir: dir });
  } else {
    const db = openDb(join(dir, 'kakou.sqlite'));
    t.teardown(() => db.close());
    repos = repositories(sqliteStore(db), { dataDir: dir });
  }
  return { repos, store: repos.store, integrity: auditIntegrity(repos, keysService(repos, DataKey.load(dir))) };
}
