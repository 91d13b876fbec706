import type { Db } from './open.js';
import { loadMigrations, pendingMigrations, sqlFor } from './migration-source.js';

export { loadMigrations, SchemaTooNewError, type Migration } from './migration-source.js';

/** A line `-- migrate: foreign_keys=off` in a migration's SQLite text: run it with foreign key enforcement off, checked before commit. */
const FOREIGN_KEYS_OFF = /^-- migrate: foreign_keys=off$/m;

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies pending migrations, each in its own transaction, and returns the resulting version.
 * Other processes may migrate the same file at the same moment (the server and a `kakou` CLI
 * command both migrate at start): each step takes the write lock first (BEGIN IMMEDIATE, waiting
 * on busy_timeout) and skips a migration another process applied since the pending list was read.
 */
export function migrate(db: Db, migrations = loadMigrations()): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`);
  const pending = pendingMigrations(migrations, schemaVersion(db));
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  const applied = db.prepare<[number], { x: number }>('SELECT 1 AS x FROM schema_migrations WHERE version = ?');
  for (const m of pending) {
    const sql = sqlFor(m.sql, 'sqlite');
    // A migration that rebuilds a table others reference must run with foreign keys off (SQLite's
    // documented procedure); the pragma is ignored inside a transaction, so it is set around it.
    const fkOff = FOREIGN_KEYS_OFF.test(sql) && db.pragma('foreign_keys', { simple: true }) === 1;
    if (fkOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (applied.get(m.version)) return;
        db.exec(sql);
        if (fkOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.name} leaves ${broken.length} broken foreign key(s)`);
        }
        record.run(m.version, m.name);
      }).immediate();
    } finally {
      if (fkOff) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}
