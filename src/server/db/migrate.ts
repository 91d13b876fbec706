import { readdirSync, readFileSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../paths.js';
import type { Db } from './open.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A line `-- migrate: foreign_keys=off` in a migration: run it with foreign key enforcement off, checked before commit. */
const FOREIGN_KEYS_OFF = /^-- migrate: foreign_keys=off$/m;

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbering has a gap or duplicate at ${m.name}`);
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies pending migrations, each in its own transaction, and returns the resulting version. */
export function migrate(db: Db, migrations = loadMigrations()): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`);
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this code knows (${latest}); run a newer Kakou or restore a backup`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  for (const m of migrations.filter((m) => m.version > current)) {
    // A migration that rebuilds a table others reference must run with foreign keys off (SQLite's
    // documented procedure); the pragma is ignored inside a transaction, so it is set around it.
    const fkOff = FOREIGN_KEYS_OFF.test(m.sql) && db.pragma('foreign_keys', { simple: true }) === 1;
    if (fkOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (fkOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.name} leaves ${broken.length} broken foreign key(s)`);
        }
        record.run(m.version, m.name);
      })();
    } finally {
      if (fkOff) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}
