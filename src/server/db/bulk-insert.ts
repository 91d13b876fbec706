import type { Db } from './open.js';
import type { Statement } from 'better-sqlite3';

/** Rows per statement: 64 rows of 15 columns stay far below SQLite's 32,766 parameters. */
export const BULK_CHUNK = 64;

/**
 * Inserts many rows with multi-row `VALUES` statements, `chunk` rows each.
 *
 * Why not one `INSERT` per row: on a table with an INSERT trigger (audit_log)
 * or foreign keys (events), SQLite opens a statement journal for every
 * statement and copies each page the statement touches into it. One statement
 * per 64 rows pays that once per chunk instead of once per row: for device
 * uploads this was most of the audit log's cost (docs/performance/server.md).
 * A statement is all or nothing, so a refused row refuses its chunk; callers
 * that must refuse one row alone retry that chunk row by row.
 */
export function bulkInserter<R>(db: Db, table: string, columns: Readonly<Record<string, (row: R) => unknown>>, chunk = BULK_CHUNK) {
  const names = Object.keys(columns);
  const getters = Object.values(columns);
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const statements = new Map<number, Statement<unknown[]>>();
  const statement = (rows: number): Statement<unknown[]> => {
    let s = statements.get(rows);
    if (!s) {
      s = db.prepare<unknown[]>(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      statements.set(rows, s);
    }
    return s;
  };
  return (rows: readonly R[]): void => {
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const params: unknown[] = [];
      for (const row of part) for (const get of getters) params.push(get(row));
      statement(part.length).run(params);
    }
  };
}
