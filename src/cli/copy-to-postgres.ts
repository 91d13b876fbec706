/**
 * Copies a SQLite data folder's database into an empty PostgreSQL database (`kakou
 * migrate-to-postgres`, docs/database.md). One job: the key files are the CLI's
 * (src/cli/migrate-to-postgres.ts).
 *
 * The whole copy is ONE PostgreSQL transaction, and the checks run inside it before the commit:
 * row counts, a checksum of every table's copied columns, the audit chain read back from
 * PostgreSQL, and the data key against the signing keys' private halves. A failed check rolls the
 * copy back, so the target stays empty and the command can simply be run again (emptying it by
 * hand would be hard: most tables refuse DELETE and TRUNCATE).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { AuditChainVerifier, type AuditVerifyReport, type StoredAuditEntry } from '../core/audit/index.js';
import type { PassPublicJwk } from '../core/pass/index.js';
import { checkpointClaims } from '../server/features/audit/integrity.js';
import type { AuditCheckpointRow } from '../server/features/audit/integrity-repository.js';
import { chainEntry } from '../server/features/audit/repository.js';
import type { AuditRow } from '../server/features/audit/row.js';
import { sha256 } from '../server/features/audit/hash.js';
import { PRIVATE_KEY_CONTEXT, publicOnly } from '../server/features/keys/service.js';
import { DataKey } from '../server/security/data-key.js';
import { loadMigrations } from '../server/db/migration-source.js';
import { migratePostgres } from '../server/db/migrate-postgres.js';
import type { Db } from '../server/db/open.js';

/** A reason not to copy, or a failed check after the copy (rolled back). The message is for the operator. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

/**
 * Tables whose rows a migration inserts (002's settings, 016's anomaly_backfill). A freshly
 * migrated target holds those rows, so they do not make it "not empty"; the copy replaces them
 * with the source's. The copy test checks this list against what migratePostgres leaves behind.
 */
export const SEEDED_BY_MIGRATIONS = ['anomaly_backfill', 'settings'] as const;

/**
 * Insert triggers that check a state transition against the current state of another row, not the
 * row's own content: a passenger may be added only while the run is planned or confirmed (011), a
 * run's checkpoints are set and its charter pass issued only while it is approved and has no pass
 * yet (012). The copy inserts end states (an approved run's passengers, a pass whose run has since
 * left 'approved'), so these would refuse rows that SQLite's identical triggers admitted when the
 * transitions happened. They are disabled by name inside the copy's transaction and enabled again
 * before it commits (ALTER TABLE is transactional: a failed copy leaves them enabled too).
 *
 * Why not `session_replication_role = replica`: it needs a superuser, and it disables every
 * trigger including PostgreSQL's own foreign-key triggers. Disabling these three by name keeps
 * foreign keys, UNIQUE, CHECK and NOT NULL enforced for every row, and keeps every other trigger
 * (audit_log_chained, charter_passes_jti_not_freight...) checking the copied rows. A new insert
 * trigger that refuses a faithful copy makes the copy fail, with the trigger's message, and roll
 * back; it then belongs in this list only if it too checks a transition rather than content.
 */
export const TRANSITION_TRIGGERS = [
  { table: 'charter_passengers', trigger: 'charter_passengers_frozen_insert' },
  { table: 'charter_run_checkpoints', trigger: 'charter_run_checkpoints_approved_only' },
  { table: 'charter_passes', trigger: 'charter_passes_approved_only' },
] as const;

/** PostgreSQL's limit on bind parameters in one statement. */
const MAX_PARAMS = 65_535;

export interface CopyOptions {
  /** rows per INSERT (fewer for wide tables, so a statement stays under 65,535 parameters) */
  batchRows?: number;
  /** progress lines */
  log?: (line: string) => void;
}

export interface TableCopy {
  table: string;
  rows: number;
  /** sha256 of the copied columns of every row in primary-key order, equal on both engines */
  checksum: string;
}

export interface CopyReport {
  schemaVersion: number;
  tables: TableCopy[];
  audit: AuditVerifyReport;
  /** signing keys whose private half the data key decrypted on the copy */
  signingKeys: number;
}

interface Column {
  name: string;
  /** format_type(), for casts */
  type: string;
  identity: boolean;
}

interface TablePlan {
  name: string;
  /** copied columns in PostgreSQL's order: every column but the generated ones */
  columns: Column[];
  primaryKey: string[];
  /** tables this one references (itself excluded) */
  references: Set<string>;
  /** columns referencing this same table (passes.replaced_by_id, webhook_deliveries.resend_of): inserted NULL, then set */
  selfReferences: string[];
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The SQLite database of a data folder, opened read-only. Throws CopyRefusedError when there is none.
 */
export function openSourceReadOnly(dataDir: string): Db {
  const file = join(dataDir, 'kakou.sqlite');
  if (!existsSync(file)) throw new CopyRefusedError(`${dataDir} is not a Kakou data folder: there is no kakou.sqlite in it`);
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** The data folder's data key, read without creating one (DataKey.load would). */
export function readDataKey(dataDir: string): DataKey {
  const file = join(dataDir, 'data-key');
  if (!existsSync(file)) {
    throw new CopyRefusedError(`${dataDir} has no data-key file: without it the copy's encrypted columns and signing keys cannot be read`);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new CopyRefusedError(`${file} does not hold a base64 32-byte key`);
  return DataKey.fromBytes(key);
}

/** A value as the checksum sees it: the same on both engines whatever the driver's types. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return `x${v.toString('hex')}`;
  return v;
}

/** A value for pg: SQLite's integers arrive as bigint (read with safeIntegers, so none is rounded). */
const param = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(v)}`);
  return n;
};
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

async function planTables(client: pg.ClientBase, source: Db): Promise<TablePlan[]> {
  const { rows: cols } = await client.query<{ table: string; name: string; type: string; identity: boolean; generated: boolean }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity <> '' AS identity, a.attgenerated <> '' AS generated
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: keys } = await client.query<{ table: string; kind: string; columns: string[]; target: string | null }>(
    `SELECT c.relname AS table, k.contype AS kind, t.relname AS target,
            array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS columns
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class t ON t.oid = k.confrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f')`,
  );
  const plans = new Map<string, TablePlan>();
  for (const c of cols) {
    if (c.table === 'schema_migrations') continue;
    let p = plans.get(c.table);
    if (!p) plans.set(c.table, (p = { name: c.table, columns: [], primaryKey: [], references: new Set(), selfReferences: [] }));
    if (!c.generated) p.columns.push({ name: c.name, type: c.type, identity: c.identity });
  }
  for (const k of keys) {
    const p = plans.get(k.table);
    if (!p) continue;
    if (k.kind === 'p') p.primaryKey = k.columns;
    else if (k.target === k.table) p.selfReferences.push(...k.columns);
    else if (k.target) p.references.add(k.target);
  }

  // The source must have the same tables, and every copied column as an ordinary (not generated) one.
  const sqliteTables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations'").pluck().all() as string[]).sort();
  const pgTables = [...plans.keys()].sort();
  const missing = pgTables.filter((t) => !sqliteTables.includes(t));
  const extra = sqliteTables.filter((t) => !pgTables.includes(t));
  if (missing.length || extra.length) {
    throw new CopyRefusedError(`the two schemas differ: ${[...missing.map((t) => `${t} only in PostgreSQL`), ...extra.map((t) => `${t} only in SQLite`)].join(', ')}`);
  }
  for (const p of plans.values()) {
    const plain = new Set((source.prepare(`PRAGMA table_xinfo(${q(p.name)})`).all() as Array<{ name: string; hidden: number }>).filter((c) => c.hidden === 0).map((c) => c.name));
    const absent = p.columns.filter((c) => !plain.has(c.name)).map((c) => c.name);
    if (absent.length) throw new CopyRefusedError(`the two schemas differ: ${p.name}.${absent.join(`, ${p.name}.`)} is not an ordinary column in SQLite`);
    if (p.primaryKey.length === 0) throw new CopyRefusedError(`${p.name} has no primary key in PostgreSQL; the copy needs one to order and compare rows`);
  }
  return foreignKeyOrder([...plans.values()]);
}

/** Referenced tables first; ties by name, so the order is the same on every run. */
export function foreignKeyOrder<T extends { name: string; references: Set<string> }>(tables: T[]): T[] {
  const left = new Map(tables.map((t) => [t.name, t]));
  const out: T[] = [];
  while (left.size) {
    const ready = [...left.values()].filter((t) => [...t.references].every((r) => !left.has(r))).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (!ready.length) throw new Error(`foreign keys form a cycle between ${[...left.keys()].join(', ')}`);
    for (const t of ready) {
      out.push(t);
      left.delete(t.name);
    }
  }
  return out;
}

/** Refuses a target where anything but the migrations' own rows is stored. */
async function checkEmpty(client: pg.ClientBase, plans: TablePlan[]): Promise<void> {
  const seeded = new Set<string>(SEEDED_BY_MIGRATIONS);
  const holding: string[] = [];
  for (const p of plans) {
    if (seeded.has(p.name)) continue;
    const { rows } = await client.query(`SELECT 1 FROM ${q(p.name)} LIMIT 1`);
    if (rows.length) holding.push(p.name);
  }
  if (holding.length) {
    throw new CopyRefusedError(
      `the PostgreSQL database already holds data (in ${holding.join(', ')}); the copy goes into a new, empty database only. ` +
        "Create one with: CREATE DATABASE kakou TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'",
    );
  }
}

/** Copies one table in primary-key order, batch by batch; returns its row count and checksum of what was read. */
async function copyTable(client: pg.ClientBase, source: Db, p: TablePlan, batchRows: number): Promise<TableCopy> {
  const names = p.columns.map((c) => c.name);
  const deferred = new Set(p.selfReferences);
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMS / names.length)));
  const overriding = p.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
  const insertSql = (n: number) =>
    `INSERT INTO ${q(p.name)} (${names.map(q).join(', ')})${overriding} VALUES ` +
    Array.from({ length: n }, (_, r) => `(${names.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`).join(', ');
  const read = source.prepare(`SELECT ${names.map(q).join(', ')} FROM ${q(p.name)} ORDER BY ${p.primaryKey.map(q).join(', ')}`).raw(true).safeIntegers(true);
  const deferredAt = names.flatMap((n, i) => (deferred.has(n) ? [i] : []));
  const keyAt = p.primaryKey.map((k) => names.indexOf(k));
  const hash = createHash('sha256');
  const later: unknown[][] = [];
  let batch: unknown[][] = [];
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(insertSql(batch.length), batch.flat().map(param));
    batch = [];
  };
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    hash.update(JSON.stringify(row.map(norm)) + '\n');
    rows++;
    if (deferredAt.length && deferredAt.some((i) => row[i] !== null)) {
      later.push([...keyAt.map((i) => row[i]), ...deferredAt.map((i) => row[i])]);
      const inserted = [...row];
      for (const i of deferredAt) inserted[i] = null;
      batch.push(inserted);
    } else {
      batch.push(row);
    }
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  if (later.length) await setSelfReferences(client, p, later, batchRows);
  return { table: p.name, rows, checksum: hash.digest('base64url') };
}

/**
 * The self-referencing columns, once every row of the table is in: a pass names the pass that
 * replaced it, which has a higher id, and that one names it back. PostgreSQL checks a non-deferrable
 * foreign key at the end of each statement, so the pair cannot be split across two INSERTs.
 */
async function setSelfReferences(client: pg.ClientBase, p: TablePlan, rows: unknown[][], batchRows: number): Promise<void> {
  const typed = [...p.primaryKey, ...p.selfReferences].map((n) => p.columns.find((c) => c.name === n)!);
  const width = typed.length;
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMS / width)));
  for (let i = 0; i < rows.length; i += perBatch) {
    const chunk = rows.slice(i, i + perBatch);
    const values = chunk.map((_, r) => `(${typed.map((c, j) => `$${r * width + j + 1}::${c.type}`).join(', ')})`).join(', ');
    await client.query(
      `UPDATE ${q(p.name)} t SET ${p.selfReferences.map((c) => `${q(c)} = v.${q(c)}`).join(', ')}
         FROM (VALUES ${values}) AS v(${typed.map((c) => q(c.name)).join(', ')})
        WHERE ${p.primaryKey.map((k) => `t.${q(k)} = v.${q(k)}`).join(' AND ')}`,
      chunk.flat().map(param),
    );
  }
}

/**
 * Each identity column's sequence continues after the copied rows: after max(id), or after
 * SQLite's AUTOINCREMENT counter when that is higher (ids of deleted rows are never handed out
 * again there, so they must not be here either).
 */
async function resetIdentities(client: pg.ClientBase, source: Db, plans: TablePlan[]): Promise<void> {
  const hasSequenceTable = source.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
  const autoincrement = new Map<string, bigint>(
    hasSequenceTable ? (source.prepare('SELECT name, seq FROM sqlite_sequence').raw(true).safeIntegers(true).all() as Array<[string, bigint]>) : [],
  );
  for (const p of plans) {
    for (const c of p.columns.filter((c) => c.identity)) {
      const { rows } = await client.query<{ max: string | null }>(`SELECT max(${q(c.name)})::text AS max FROM ${q(p.name)}`);
      let last = BigInt(rows[0]?.max ?? 0);
      const counter = autoincrement.get(p.name) ?? 0n;
      if (counter > last) last = counter;
      // setval(seq, n, true): the next value is n + 1; a sequence cannot be set to 0, so an empty table starts at 1.
      await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, [q(p.name), c.name, last > 0n ? last.toString() : '1', last > 0n]);
    }
  }
}

/** The checksum of a table as PostgreSQL holds it, read back in primary-key order, in pages. */
async function checksumPostgres(client: pg.ClientBase, p: TablePlan, pageRows: number): Promise<string> {
  const hash = createHash('sha256');
  const names = p.columns.map((c) => c.name);
  const keyAt = p.primaryKey.map((k) => names.indexOf(k));
  const keyTypes = p.primaryKey.map((k) => p.columns.find((c) => c.name === k)!.type);
  const select = `SELECT ${names.map(q).join(', ')} FROM ${q(p.name)}`;
  const order = ` ORDER BY ${p.primaryKey.map(q).join(', ')} LIMIT ${pageRows}`;
  const after = ` WHERE (${p.primaryKey.map(q).join(', ')}) > (${keyTypes.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
  let last: unknown[] | null = null;
  for (;;) {
    const res: pg.QueryArrayResult<unknown[]> = await client.query({ text: select + (last ? after : '') + order, values: last ?? [], rowMode: 'array' });
    for (const row of res.rows) hash.update(JSON.stringify(row.map(norm)) + '\n');
    if (res.rows.length < pageRows) break;
    const end = res.rows[res.rows.length - 1]!;
    last = keyAt.map((i) => param(end[i]));
  }
  return hash.digest('base64url');
}

/** The audit rows as both engines return them, mapped to what chainEntry reads. */
function auditRow(r: Record<string, unknown>): AuditRow {
  return {
    ...(r as unknown as AuditRow),
    seq: num(r.seq),
    actor_id: numOrNull(r.actor_id),
    enterprise_id: numOrNull(r.enterprise_id),
  };
}

const AUDIT_SELECT = 'SELECT l.*, p.salt AS p_salt, p.fields AS p_fields FROM audit_log l LEFT JOIN audit_personal p ON p.seq = l.seq';

async function* postgresAuditChain(client: pg.ClientBase, pageRows: number): AsyncGenerator<StoredAuditEntry> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query(`${AUDIT_SELECT} WHERE l.seq > $1 ORDER BY l.seq LIMIT ${pageRows}`, [after]);
    for (const r of rows) yield chainEntry(auditRow(r as Record<string, unknown>));
    if (rows.length < pageRows) return;
    after = num((rows[rows.length - 1] as { seq: unknown }).seq);
  }
}

function sqliteAuditChain(source: Db): Iterable<StoredAuditEntry> {
  const rows = source.prepare(`${AUDIT_SELECT} ORDER BY l.seq`).iterate() as IterableIterator<Record<string, unknown>>;
  return (function* () {
    for (const r of rows) yield chainEntry(auditRow(r));
  })();
}

const toCheckpoint = (r: Record<string, unknown>): AuditCheckpointRow => ({
  id: num(r.id), size: num(r.size), head: String(r.head), at: String(r.at), kid: String(r.kid), jws: String(r.jws),
});

/**
 * Every audit key verifies checkpoints (a retired one stays published for good, keys/service.ts),
 * so the key set is all of them, public members only, as the server publishes them.
 */
const auditJwks = (rows: Array<{ public_jwk: string }>) => ({
  keys: rows.map((r) => publicOnly(JSON.parse(r.public_jwk) as PassPublicJwk, 'audit') as PassPublicJwk & { purpose: 'audit' }),
});

/** The log on PostgreSQL checked with the server's own verifier: the chain, the personal commitments, the signed checkpoints. */
export async function verifyPostgresAudit(client: pg.ClientBase, pageRows = 2000): Promise<AuditVerifyReport> {
  const checkpoints = (await client.query('SELECT id, size, head, at, kid, jws FROM audit_checkpoints ORDER BY size, id')).rows.map(toCheckpoint);
  const keys = (await client.query<{ public_jwk: string }>("SELECT public_jwk FROM signing_keys WHERE purpose = 'audit' ORDER BY kid")).rows;
  const verifier = new AuditChainVerifier(await checkpointClaims(checkpoints, auditJwks(keys)), sha256);
  for await (const e of postgresAuditChain(client, pageRows)) verifier.push(e);
  return verifier.finish();
}

/** The same check on the SQLite source, to tell the operator whether a failure was already there. */
export async function verifySqliteAudit(source: Db): Promise<AuditVerifyReport> {
  const checkpoints = (source.prepare('SELECT id, size, head, at, kid, jws FROM audit_checkpoints ORDER BY size, id').all() as Array<Record<string, unknown>>).map(toCheckpoint);
  const keys = source.prepare("SELECT public_jwk FROM signing_keys WHERE purpose = 'audit' ORDER BY kid").all() as Array<{ public_jwk: string }>;
  const verifier = new AuditChainVerifier(await checkpointClaims(checkpoints, auditJwks(keys)), sha256);
  for (const e of sqliteAuditChain(source)) verifier.push(e);
  return verifier.finish();
}

const describeFailure = (r: AuditVerifyReport): string =>
  r.failure ? `${r.failure.kind} at entry ${r.failure.seq ?? '-'}${r.failure.checkpointId ? ` (checkpoint ${r.failure.checkpointId})` : ''}: ${r.failure.detail}` : 'ok';

/** Refuses a source this code cannot copy as it stands; returns its schema version. */
export function checkSource(source: Db): number {
  const latest = loadMigrations().length;
  const hasVersions = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const version = hasVersions ? ((source.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0) : 0;
  if (version < latest) {
    throw new CopyRefusedError(
      `the SQLite database is at schema version ${version}, this code's latest is ${latest}: bring it up to date first (kakou migrate --data-dir <folder>, or start the server once on it)`,
    );
  }
  if (version > latest) throw new CopyRefusedError(`the SQLite database is at schema version ${version}, newer than this code knows (${latest}): use the Kakou version that wrote it`);
  const unchained = (source.prepare('SELECT count(*) AS n FROM audit_log WHERE hash IS NULL').get() as { n: number }).n;
  if (unchained > 0) {
    throw new CopyRefusedError(`${unchained} audit entries written before the audit chain are not chained yet: start the server once on the data folder, or run kakou audit verify --data-dir <folder>, then copy`);
  }
  return version;
}

/**
 * Copies `source` (opened with openSourceReadOnly) into the database `client` is connected to,
 * after migratePostgres brings that to the latest schema. `dataKey` is the source folder's, checked
 * here against the copied signing keys. Throws CopyRefusedError, with nothing left in the target
 * but the schema, on every refusal and failed check.
 */
export async function copyToPostgres(source: Db, client: pg.ClientBase, dataKey: DataKey, opts: CopyOptions = {}): Promise<CopyReport> {
  const log = opts.log ?? (() => undefined);
  const batchRows = opts.batchRows ?? 500;
  const schemaVersion = checkSource(source);
  await migratePostgres(client);

  // One read transaction on SQLite: every table is read from the same snapshot, also while a
  // server still writes (which it should not: what it writes after this point is not copied).
  source.exec('BEGIN');
  try {
    await client.query('BEGIN');
    try {
      const plans = await planTables(client, source);
      // EXCLUSIVE: nothing else writes into the target until the copy commits (reads still work).
      await client.query(`LOCK TABLE ${plans.map((p) => q(p.name)).join(', ')} IN EXCLUSIVE MODE`);
      await checkEmpty(client, plans);
      for (const t of SEEDED_BY_MIGRATIONS) await client.query(`DELETE FROM ${q(t)}`);
      for (const { table, trigger } of TRANSITION_TRIGGERS) await client.query(`ALTER TABLE ${q(table)} DISABLE TRIGGER ${q(trigger)}`);

      const tables: TableCopy[] = [];
      for (const p of plans) {
        const copied = await copyTable(client, source, p, batchRows).catch((e: unknown) => {
          // PostgreSQL's own refusal (a foreign key, a CHECK, a trigger's message), with the table it came from.
          if (e instanceof Error) e.message = `copying ${p.name}: ${e.message}; nothing was committed`;
          throw e;
        });
        log(`copied ${p.name}: ${copied.rows} rows`);
        tables.push(copied);
      }
      for (const { table, trigger } of TRANSITION_TRIGGERS) await client.query(`ALTER TABLE ${q(table)} ENABLE TRIGGER ${q(trigger)}`);
      await resetIdentities(client, source, plans);

      // The checks, on what PostgreSQL now holds, before anything is committed.
      const problems: string[] = [];
      for (const [i, p] of plans.entries()) {
        const copied = tables[i]!;
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${q(p.name)}`);
        const sqliteCount = (source.prepare(`SELECT count(*) AS n FROM ${q(p.name)}`).get() as { n: number }).n;
        if (Number(rows[0]!.n) !== sqliteCount || copied.rows !== sqliteCount) {
          problems.push(`${p.name}: ${rows[0]!.n} rows in PostgreSQL, ${sqliteCount} in SQLite`);
          continue;
        }
        if ((await checksumPostgres(client, p, 2000)) !== copied.checksum) problems.push(`${p.name}: the rows read back from PostgreSQL differ from SQLite's`);
      }
      if (problems.length) throw new CopyRefusedError(`the copy does not match the source, nothing was committed:\n  ${problems.join('\n  ')}`);
      log(`row counts and checksums match for ${plans.length} tables`);

      const audit = await verifyPostgresAudit(client);
      if (!audit.ok) {
        const before = await verifySqliteAudit(source);
        throw new CopyRefusedError(
          `the audit chain does not verify on the copy, nothing was committed: ${describeFailure(audit)}` +
            (before.ok ? '\n  (the SQLite data folder verifies: the copy changed something)' : '\n  (the SQLite data folder fails too; see kakou audit verify --data-dir <folder>)'),
        );
      }
      log(`audit chain verified on PostgreSQL: ${audit.entries} entries, ${audit.checkpoints} signed checkpoint(s), head ${audit.head}`);

      const { rows: keys } = await client.query<{ kid: string; private_enc: string }>('SELECT kid, private_enc FROM signing_keys ORDER BY kid');
      for (const k of keys) {
        try {
          dataKey.decrypt(k.private_enc, PRIVATE_KEY_CONTEXT);
        } catch {
          throw new CopyRefusedError(`the data key does not decrypt signing key ${k.kid}'s private half: it is not this database's data key; nothing was committed`);
        }
      }
      log(`the data key decrypts all ${keys.length} signing keys`);

      await client.query('COMMIT');
      return { schemaVersion, tables, audit, signingKeys: keys.length };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    // A read transaction: ending it either way changes nothing, and must not hide the error above.
    if (source.inTransaction) source.exec('ROLLBACK');
  }
}
