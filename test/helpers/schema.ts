/**
 * The schema of a migrated database in one engine-neutral shape, so that a SQLite and a PostgreSQL
 * database can be compared (test/server/db/schema-parity.test.ts). Types are mapped to PostgreSQL's
 * names (INTEGER → bigint, REAL → double precision, TEXT → text, TEXT COLLATE NOCASE → citext,
 * BLOB → bytea); index expressions and predicates are normalised (see normaliseSql) so that
 * SQLite's source text and PostgreSQL's deparsed text of the same expression compare equal.
 */
import type pg from 'pg';
import type { Db } from '../../src/server/db/open.js';

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** A default, an identity, or SQLite's rowid alias (all fill the column when an INSERT leaves it out). */
  hasDefault: boolean;
  generated: boolean;
}

export interface IndexShape {
  unique: boolean;
  columns: string[];
  /** The normalised WHERE of a partial index, null for a full one. */
  where: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** Column lists of UNIQUE constraints (not named alike by the two engines), sorted. */
  uniques: string[];
  /** Indexes created by name (CREATE INDEX), by name. */
  indexes: Record<string, IndexShape>;
  /** "cols -> table(cols) on delete ACTION", sorted. */
  foreignKeys: string[];
  /** "trigger_name: INSERT|UPDATE|DELETE", sorted; TRUNCATE guards (PostgreSQL only) are in truncateGuarded. */
  triggers: string[];
  truncateGuarded: boolean;
  /** How many CHECK constraints (column and table ones); their texts differ too much between the engines to compare. */
  checks: number;
}

export type SchemaShape = Record<string, TableShape>;

/**
 * Both engines' spelling of one expression → one text: casts dropped, `= ANY (ARRAY[…])` as IN (…),
 * json_extract(col, '$.a.b') and (col::jsonb ->> 'a') / (col::jsonb #>> '{a,b}') as json(col.a.b),
 * then case, blanks and parentheses dropped.
 */
export function normaliseSql(text: string): string {
  return text
    .replace(/json_extract\(\s*(\w+)\s*,\s*'\$\.([\w.]+)'\s*\)/gi, 'json<$1.$2>')
    .replace(/::(text|jsonb|json|bigint|integer|numeric|character varying)(\[\])?/gi, '')
    .replace(/\(?\s*(\w+)\s*\)?\s*->>\s*'(\w+)'/g, 'json<$1.$2>')
    .replace(/\(?\s*(\w+)\s*\)?\s*#>>\s*'\{([\w,]+)\}'/g, (_, col: string, path: string) => `json<${col}.${path.replace(/,/g, '.')}>`)
    .replace(/=\s*ANY\s*\(\s*ARRAY\s*\[([^\]]*)\]\s*\)/gi, ' IN ($1)')
    .toLowerCase()
    .replace(/[\s()]/g, '');
}

const SQLITE_TYPES: Record<string, string> = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text', BLOB: 'bytea' };

function closingQuote(text: string, open: number): number {
  const close = text.indexOf("'", open + 1);
  if (close < 0) throw new Error(`unclosed quote in ${text}`);
  return close;
}

/** SQL without its -- comments (SQLite keeps them in sqlite_master.sql; an apostrophe in one would read as a quote). */
function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** The parenthesised text that starts at `open` (an index of '('), without the outer parentheses. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "'") i = closingQuote(text, i);
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}

/** Splits on commas outside parentheses and quotes. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") i = closingQuote(text, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

export function sqliteSchema(db: Db): SchemaShape {
  const all = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];
  const shape: SchemaShape = {};
  const tables = all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  for (const { name: table, sql: rawSql } of tables) {
    const tableSql = withoutComments(rawSql);
    const cols = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }>(`PRAGMA table_xinfo(${table})`);
    const pkCols = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*$/i.test(tableSql);
    const rowidAlias = !withoutRowid && pkCols.length === 1 && pkCols[0]!.type.toUpperCase() === 'INTEGER' ? pkCols[0]!.name : null;
    const nocase = new Set(
      splitTop(balanced(tableSql, tableSql.indexOf('(')))
        .filter((def) => /\bCOLLATE\s+NOCASE\b/i.test(def))
        .map((def) => def.split(/\s+/)[0]!),
    );
    const columns: Record<string, ColumnShape> = {};
    for (const c of cols) {
      const base = SQLITE_TYPES[c.type.toUpperCase()] ?? `?${c.type}`;
      columns[c.name] = {
        type: base === 'text' && nocase.has(c.name) ? 'citext' : base,
        // A PRIMARY KEY column is NOT NULL on PostgreSQL; SQLite's legacy allows NULL in a non-integer one, which Kakou never stores.
        notNull: c.notnull === 1 || c.pk > 0,
        hasDefault: c.dflt_value !== null || c.name === rowidAlias,
        generated: c.hidden === 2 || c.hidden === 3,
      };
    }
    const uniques: string[] = [];
    const indexes: Record<string, IndexShape> = {};
    for (const ix of all<{ name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list(${table})`)) {
      if (ix.origin === 'pk') continue;
      const keyCols = all<{ name: string | null; key: number }>(`PRAGMA index_xinfo(${ix.name})`).filter((c) => c.key === 1);
      if (ix.origin === 'u') {
        uniques.push(keyCols.map((c) => c.name).join(','));
        continue;
      }
      const ixSql = withoutComments((db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(ix.name) as { sql: string }).sql);
      const on = ixSql.search(/\bON\s+\w+\s*\(/i);
      const colText = balanced(ixSql, ixSql.indexOf('(', on));
      const after = ixSql.slice(ixSql.indexOf('(', on) + colText.length + 2);
      const where = /^\s*WHERE\s+([\s\S]*)$/i.exec(after);
      indexes[ix.name] = {
        unique: ix.unique === 1,
        columns: splitTop(colText).map(normaliseSql),
        where: where ? normaliseSql(where[1]!) : null,
      };
    }
    const fks = new Map<number, { table: string; from: string[]; to: string[]; onDelete: string }>();
    for (const fk of all<{ id: number; table: string; from: string; to: string | null; on_delete: string }>(`PRAGMA foreign_key_list(${table})`)) {
      const e = fks.get(fk.id) ?? { table: fk.table, from: [], to: [], onDelete: fk.on_delete };
      e.from.push(fk.from);
      e.to.push(fk.to ?? '?');
      fks.set(fk.id, e);
    }
    const triggers = all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", table).map((tr) => {
      const event = /\b(?:BEFORE|AFTER|INSTEAD\s+OF)\s+(INSERT|UPDATE|DELETE)\b/i.exec(tr.sql)?.[1]?.toUpperCase() ?? '?';
      return `${tr.name}: ${event}`;
    });
    shape[table] = {
      columns,
      primaryKey: pkCols.map((c) => c.name),
      uniques: uniques.sort(),
      indexes,
      foreignKeys: [...fks.values()].map((f) => `${f.from.join(',')} -> ${f.table}(${f.to.join(',')}) on delete ${f.onDelete}`).sort(),
      triggers: triggers.sort(),
      truncateGuarded: false,
      checks: (tableSql.match(/\bCHECK\s*\(/gi) ?? []).length,
    };
  }
  return shape;
}

const PG_ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

export async function postgresSchema(client: pg.ClientBase): Promise<SchemaShape> {
  const q = async <T extends pg.QueryResultRow>(sql: string, p: unknown[] = []) => (await client.query<T>(sql, p)).rows;
  const shape: SchemaShape = {};
  const tables = await q<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname`,
  );
  for (const { oid, name: table } of tables) {
    const cols = await q<{ name: string; type: string; notnull: boolean; hasdef: boolean; identity: string; generated: string }>(
      `SELECT attname AS name, format_type(atttypid, NULL) AS type, attnotnull AS notnull, atthasdef AS hasdef,
              attidentity AS identity, attgenerated AS generated
         FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [oid],
    );
    const columns: Record<string, ColumnShape> = {};
    for (const c of cols) {
      columns[c.name] = {
        type: c.type,
        notNull: c.notnull,
        // A generated column's expression is kept as a default (atthasdef): it is not one.
        hasDefault: (c.hasdef && c.generated === '') || c.identity !== '',
        generated: c.generated !== '',
      };
    }
    const constraints = await q<{ type: string; cols: string[]; ftable: string | null; fcols: string[] | null; ondelete: string }>(
      `SELECT con.contype AS type,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
              con.confrelid::regclass::text AS ftable,
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS fcols,
              con.confdeltype AS ondelete
         FROM pg_constraint con WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'f', 'c')`,
      [oid],
    );
    const indexes: Record<string, IndexShape> = {};
    const ixRows = await q<{ name: string; unique: boolean; nkeys: number; ixoid: number; pred: string | null }>(
      `SELECT ic.relname AS name, i.indisunique AS unique, i.indnkeyatts::int AS nkeys, i.indexrelid::int AS ixoid,
              pg_get_expr(i.indpred, i.indrelid, true) AS pred
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid)`,
      [oid],
    );
    for (const ix of ixRows) {
      const columnsText: string[] = [];
      for (let k = 1; k <= ix.nkeys; k++) {
        columnsText.push((await q<{ d: string }>('SELECT pg_get_indexdef($1::oid, $2, true) AS d', [ix.ixoid, k]))[0]!.d);
      }
      indexes[ix.name] = { unique: ix.unique, columns: columnsText.map(normaliseSql), where: ix.pred === null ? null : normaliseSql(ix.pred) };
    }
    const trig = await q<{ name: string; type: number }>('SELECT tgname AS name, tgtype::int AS type FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal', [oid]);
    const triggers: string[] = [];
    let truncateGuarded = false;
    for (const tr of trig) {
      // tgtype bits: 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE (catalog/pg_trigger.h).
      if (tr.type & 32) truncateGuarded = true;
      for (const [bit, event] of [[4, 'INSERT'], [8, 'DELETE'], [16, 'UPDATE']] as const) if (tr.type & bit) triggers.push(`${tr.name}: ${event}`);
    }
    shape[table] = {
      columns,
      primaryKey: constraints.find((c) => c.type === 'p')?.cols ?? [],
      uniques: constraints.filter((c) => c.type === 'u').map((c) => c.cols.join(',')).sort(),
      indexes,
      foreignKeys: constraints
        .filter((c) => c.type === 'f')
        .map((c) => `${c.cols.join(',')} -> ${c.ftable}(${(c.fcols ?? []).join(',')}) on delete ${PG_ON_DELETE[c.ondelete] ?? c.ondelete}`)
        .sort(),
      triggers: triggers.sort(),
      truncateGuarded,
      checks: constraints.filter((c) => c.type === 'c').length,
    };
  }
  return shape;
}

/** Every difference between two schemas, one readable line each (empty when they match). */
export function schemaDifferences(sqlite: SchemaShape, postgres: SchemaShape): string[] {
  const diffs: string[] = [];
  const json = (v: unknown) => JSON.stringify(v);
  for (const table of new Set([...Object.keys(sqlite), ...Object.keys(postgres)])) {
    const s = sqlite[table];
    const p = postgres[table];
    if (!s || !p) {
      diffs.push(`table ${table}: only on ${s ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    const sCols = Object.keys(s.columns);
    const pCols = Object.keys(p.columns);
    if (json(sCols) !== json(pCols)) diffs.push(`${table}: columns ${json(sCols)} on SQLite, ${json(pCols)} on PostgreSQL`);
    for (const col of sCols) {
      const sc = s.columns[col]!;
      const pc = p.columns[col];
      if (!pc) continue;
      for (const key of ['type', 'notNull', 'hasDefault', 'generated'] as const) {
        if (sc[key] !== pc[key]) diffs.push(`${table}.${col}: ${key} ${json(sc[key])} on SQLite, ${json(pc[key])} on PostgreSQL`);
      }
    }
    if (json(s.primaryKey) !== json(p.primaryKey)) diffs.push(`${table}: primary key ${json(s.primaryKey)} on SQLite, ${json(p.primaryKey)} on PostgreSQL`);
    if (s.checks !== p.checks) diffs.push(`${table}: ${s.checks} CHECK constraints on SQLite, ${p.checks} on PostgreSQL`);
    if (json(s.uniques) !== json(p.uniques)) diffs.push(`${table}: UNIQUE constraints ${json(s.uniques)} on SQLite, ${json(p.uniques)} on PostgreSQL`);
    for (const ix of new Set([...Object.keys(s.indexes), ...Object.keys(p.indexes)])) {
      const si = s.indexes[ix];
      const pi = p.indexes[ix];
      if (!si || !pi) diffs.push(`${table}: index ${ix} only on ${si ? 'SQLite' : 'PostgreSQL'}`);
      else if (json(si) !== json(pi)) diffs.push(`${table}: index ${ix} is ${json(si)} on SQLite, ${json(pi)} on PostgreSQL`);
    }
    for (const fk of s.foreignKeys.filter((f) => !p.foreignKeys.includes(f))) diffs.push(`${table}: foreign key ${fk} only on SQLite`);
    for (const fk of p.foreignKeys.filter((f) => !s.foreignKeys.includes(f))) diffs.push(`${table}: foreign key ${fk} only on PostgreSQL`);
    for (const tr of s.triggers.filter((x) => !p.triggers.includes(x))) diffs.push(`${table}: trigger ${tr} only on SQLite`);
    for (const tr of p.triggers.filter((x) => !s.triggers.includes(x))) diffs.push(`${table}: trigger ${tr} only on PostgreSQL`);
    // TRUNCATE skips row triggers on PostgreSQL: a table that refuses every DELETE must refuse it too.
    if (s.triggers.some((tr) => /_no_delete: DELETE$/.test(tr)) && !p.truncateGuarded) diffs.push(`${table}: refuses DELETE but not TRUNCATE on PostgreSQL`);
  }
  return diffs;
}
