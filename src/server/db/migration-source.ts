import { readdirSync, readFileSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../paths.js';

/**
 * The migration files, shared by both engines' runners (db/migrate.ts for SQLite,
 * db/migrate-postgres.ts for PostgreSQL). Each step is one file, `NNN_name.sql`, whose text is
 * split into dialect sections by marker lines:
 *
 *   (no marker yet)  run on both engines
 *   -- @sqlite       what follows runs on SQLite only
 *   -- @postgres     what follows runs on PostgreSQL only
 *   -- @both         what follows runs on both again
 *
 * Marker lines themselves are dropped and every other line is kept with its line ending, so a file
 * that is `-- @sqlite` + the text of a step already applied in the field + `-- @postgres` + … gives
 * SQLite exactly the bytes it ran before sections existed.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  /** The whole file, markers included; use sqlFor() to get what one engine runs. */
  sql: string;
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

const MARKER = /^-- @(sqlite|postgres|both)[ \t]*\r?\n?$/;

/** The text of `sql` that `dialect` runs: shared lines plus that dialect's sections, in file order. */
export function sqlFor(sql: string, dialect: Dialect): string {
  let section: Dialect | 'both' = 'both';
  let out = '';
  // Split after each newline so each line keeps its own terminator (and the last line may lack one).
  for (const line of sql.split(/(?<=\n)/)) {
    const marker = MARKER.exec(line);
    if (marker) section = marker[1] as Dialect | 'both';
    else if (section === 'both' || section === dialect) out += line;
  }
  return out;
}

/** Throws when a line looks like a marker but is not one (a typo would silently run a section on the wrong engine). */
export function checkMarkers(m: Migration): void {
  for (const line of m.sql.split('\n')) {
    if (/^--\s*@/.test(line) && !MARKER.test(line)) throw new Error(`migration ${m.name}: unknown section marker ${JSON.stringify(line)}`);
  }
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbering has a gap or duplicate at ${m.name}`);
    checkMarkers(m);
  });
  return migrations;
}

/** The steps a database at version `current` still needs; refuses a database newer than the code. */
export function pendingMigrations(migrations: Migration[], current: number): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this code knows (${latest}); run a newer Kakou or restore a backup`,
    );
  }
  return migrations.filter((m) => m.version > current);
}
