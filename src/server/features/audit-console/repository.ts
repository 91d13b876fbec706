import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB, EventsTable } from '../../db/tables.js';
import { normalizePlate } from '../../../core/validate/plate.js';
import { EVENT_FLAGS_ALL, type CheckRow, type CheckSearchQuery, type Cursor } from './schema.js';
import { utcRange } from '../../../core/audit/time-range.js';

/** The search's filters after parsing: instants resolved, plate normalised, cursor decoded. */
export interface CheckFilter {
  from?: string | undefined;
  to?: string | undefined;
  checkpointId?: number | undefined;
  deviceId?: string | undefined;
  staff?: string | undefined;
  enterprise?: string | undefined;
  plate?: string | undefined;
  passNo?: string | undefined;
  name?: string | undefined;
  idLast4?: string | undefined;
  decision?: string | undefined;
  fever?: boolean | undefined;
  keyarea?: boolean | undefined;
  anomalies?: boolean | undefined;
}


/** The query string's filters as the repository takes them (zod has checked each already). */
export function toFilter(q: CheckSearchQuery): CheckFilter {
  return {
    ...utcRange(q),
    checkpointId: q.checkpoint,
    deviceId: q.device,
    staff: q.staff,
    enterprise: q.enterprise,
    plate: q.plate === undefined ? undefined : normalizePlate(q.plate),
    passNo: q.pass,
    name: q.name,
    idLast4: q.idLast4?.toUpperCase(),
    decision: q.decision,
    fever: q.fever !== undefined,
    keyarea: q.keyarea !== undefined,
    anomalies: q.anomalies !== undefined,
  };
}

export const encodeCursor = (c: Cursor): string => Buffer.from(`${c.r}|${c.i}`, 'utf8').toString('base64url');
export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const bar = raw.indexOf('|');
  if (bar < 1) return null;
  const r = raw.slice(0, bar);
  const i = raw.slice(bar + 1);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(r) || !/^[0-9a-f-]{1,64}$/.test(i)) return null;
  return { r, i };
}

/** Only device events that record a decision are checks (literals: the partial indexes' terms are spelled so). */
const CHECK_TYPES = [sql.lit('check'), sql.lit('charter_check')];

/**
 * The checks a filter selects, as a Kysely builder over `events as e`: each condition written to match one
 * index of migration 015 (the generated columns ac_*, and the partial indexes' exact WHERE terms:
 * `ac_fever = 1` etc., as literals). Values are parameters, never text from the request. Every comparison is
 * an equality or a range on text or integers, which SQLite's BINARY collation and PostgreSQL's C collation
 * order alike (docs/database.md, Collation); there is no LIKE here.
 */
export function filteredChecks(q: Kysely<DB>, f: CheckFilter, cursor: Cursor | null) {
  return q
    .selectFrom('events as e')
    .where('e.type', 'in', CHECK_TYPES)
    .$if(f.from !== undefined, (qb) => qb.where('e.received_at', '>=', f.from!))
    .$if(f.to !== undefined, (qb) => qb.where('e.received_at', '<', f.to!))
    .$if(f.checkpointId !== undefined, (qb) =>
      qb.where('e.device_id', 'in', (eb) => eb.selectFrom('devices as d').select('d.id').where('d.checkpoint_id', '=', f.checkpointId!)),
    )
    .$if(f.deviceId !== undefined, (qb) => qb.where('e.device_id', '=', f.deviceId!))
    .$if(f.staff !== undefined, (qb) => qb.where('e.ac_staff', '=', f.staff!))
    .$if(f.enterprise !== undefined, (qb) => qb.where('e.ac_receiver', '=', f.enterprise!))
    .$if(f.plate !== undefined, (qb) => qb.where('e.ac_plate', '=', f.plate!))
    .$if(f.passNo !== undefined, (qb) => qb.where('e.ac_pass', '=', f.passNo!))
    .$if(f.name !== undefined || f.idLast4 !== undefined, (qb) =>
      qb.where('e.ac_pass', 'in', (eb) =>
        eb
          .selectFrom('people as pe')
          .innerJoin('pass_people as pp', 'pp.person_id', 'pe.id')
          .innerJoin('passes as p', 'p.id', 'pp.pass_id')
          .select('p.pass_no')
          .$if(f.name !== undefined, (sq) => sq.where('pe.name', '=', f.name!))
          .$if(f.idLast4 !== undefined, (sq) => sq.where('pe.id_last4', '=', f.idLast4!)),
      ),
    )
    .$if(f.decision !== undefined, (qb) => qb.where('e.ac_decision', '=', f.decision!))
    .$if(Boolean(f.fever), (qb) => qb.where('e.ac_fever', '=', sql.lit(1)))
    .$if(Boolean(f.keyarea), (qb) => qb.where('e.ac_keyarea', '=', sql.lit(1)))
    .$if(Boolean(f.anomalies), (qb) => qb.where('e.ac_anomaly', '=', sql.lit(1)))
    .$if(cursor !== null, (qb) => qb.where((eb) => eb(eb.refTuple('e.received_at', 'e.id'), '<', eb.tuple(cursor!.r, cursor!.i))));
}

type Row = Pick<Selectable<EventsTable>, 'id' | 'type' | 'device_id' | 'seq' | 'device_time' | 'received_at' | 'clock_offset_ms' | 'payload' | (typeof EVENT_FLAGS_ALL)[number]> & {
  checkpoint_id: number;
  checkpoint_name: string;
};

export function toCheckRow(r: Row): CheckRow {
  const p = JSON.parse(r.payload) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const obs = (p.observations ?? {}) as Record<string, unknown>;
  return {
    id: r.id,
    type: r.type,
    deviceId: r.device_id,
    checkpointId: r.checkpoint_id,
    checkpointName: r.checkpoint_name,
    seq: r.seq,
    deviceTime: r.device_time,
    receivedAt: r.received_at,
    clockOffsetMs: r.clock_offset_ms,
    plate: str(p.plate),
    passNo: str(p.passNo),
    decision: str(p.decision),
    reasons: Array.isArray(p.reasons) ? p.reasons.filter((x): x is string => typeof x === 'string') : [],
    staffBadge: str(p.staffBadge),
    receivingEnterprise: str(obs.receivingEnterprise),
    ruleSetVersion: typeof p.ruleSetVersion === 'number' ? p.ruleSetVersion : null,
    flags: EVENT_FLAGS_ALL.filter((f) => r[f] === 1),
  };
}

/** The bureau's check search, event page and export (reads only; indexes of migration 015), on Kysely over a Store (issue 16). */
export function auditConsoleRepo(store: Store) {
  const q = (): Kysely<DB> => store.q();
  /**
   * How the page's rows are found again after its keys: SQLite's rowid (one b-tree search, no lookup in the
   * id index first); PostgreSQL has no rowid, so the primary key.
   */
  const rowKey = store.engine === 'sqlite' ? 'e.rowid' : 'e.id';

  /**
   * The rows of one page: the newest first, by (received_at, id). The inner
   * query walks one index and stops after `limit`; only those rows are joined
   * to their device and checkpoint. CROSS JOIN fixes that order on SQLite: left to
   * itself the planner may scan the events and probe the page for each.
   */
  const pageQuery = (f: CheckFilter, cursor: Cursor | null, limit: number) =>
    q()
      .selectFrom(
        filteredChecks(q(), f, cursor)
          .select(sql.ref<string | number>(rowKey).as('rid'))
          .orderBy('e.received_at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(limit)
          .as('k'),
      )
      .crossJoin('events as e')
      .crossJoin('devices as d')
      .crossJoin('checkpoints as c')
      .where(sql.ref(rowKey), '=', sql.ref('k.rid'))
      .whereRef('d.id', '=', 'e.device_id')
      .whereRef('c.id', '=', 'd.checkpoint_id')
      .select([
        'e.id', 'e.type', 'e.device_id', 'd.checkpoint_id', 'c.name as checkpoint_name', 'e.seq', 'e.device_time', 'e.received_at',
        'e.clock_offset_ms', 'e.payload', 'e.gap', 'e.broken_link', 'e.fork', 'e.unknown_staff', 'e.cross_checkpoint',
      ])
      .orderBy('e.received_at', 'desc')
      .orderBy('e.id', 'desc');

  const repo = {
    /** One page and the cursor of the next (null on the last page). */
    async page(f: CheckFilter, cursor: Cursor | null, limit: number): Promise<{ items: CheckRow[]; next: Cursor | null }> {
      const rows = await pageQuery(f, cursor, limit + 1).execute();
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map(toCheckRow);
      const last = items.at(-1);
      return { items, next: more && last ? { r: last.receivedAt, i: last.id } : null };
    },
    /** How many rows a filter matches (the export's size, shown before downloading). */
    async count(f: CheckFilter): Promise<number> {
      const row = await filteredChecks(q(), f, null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /**
     * Every matching row, newest first, one at a time (the CSV export). Walks
     * keyset pages of `batch` rows, so memory stays bounded whatever the plan
     * (even a filter whose page needs a sort) and the connection is never held
     * by an open statement between batches.
     */
    async *iterate(f: CheckFilter, batch = 1000): AsyncGenerator<CheckRow> {
      let cursor: Cursor | null = null;
      do {
        const { items, next }: { items: CheckRow[]; next: Cursor | null } = await repo.page(f, cursor, batch);
        yield* items;
        cursor = next;
      } while (cursor);
    },
    /** The plan of a page's query, one line a step (tests, bench, docs): EXPLAIN QUERY PLAN details on SQLite, EXPLAIN on PostgreSQL. */
    async plan(f: CheckFilter, cursor: Cursor | null = null): Promise<string[]> {
      const c = pageQuery(f, cursor, 51).compile();
      if (store.engine === 'sqlite') {
        const res = await q().executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
        return res.rows.map((r) => r.detail);
      }
      const res = await q().executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]));
      return res.rows.map((r) => r['QUERY PLAN']);
    },
    /** One event with its device, checkpoint and chain neighbours, the name of its staff badge and its device's label (the event page). */
    async event(id: string) {
      const row = await q()
        .selectFrom('events as e')
        .innerJoin('devices as d', 'd.id', 'e.device_id')
        .innerJoin('checkpoints as c', 'c.id', 'd.checkpoint_id')
        .selectAll('e')
        .select(['d.checkpoint_id', 'c.name as checkpoint_name', 'd.label as device_label'])
        .where('e.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      const near = (seq: number) =>
        q().selectFrom('events').select(['id', 'seq', 'hash', 'prev_hash']).where('device_id', '=', row.device_id).where('seq', '=', seq).orderBy('id').execute();
      const checkRow = toCheckRow(row);
      const staff = checkRow.staffBadge === null ? undefined : await q().selectFrom('staff').select('name').where('badge', '=', checkRow.staffBadge).executeTakeFirst();
      return {
        row: checkRow,
        hash: row.hash,
        prevHash: row.prev_hash,
        /** retention erased the personal members (migration 017): the hash is the one the device signed */
        redactedAt: row.redacted_at ?? null,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        prev: await near(row.seq - 1),
        next: await near(row.seq + 1),
        twins: (await near(row.seq)).filter((t) => t.id !== row.id),
        /** the staff member of the badge the event names (null when no staff has it) */
        staffName: staff?.name ?? null,
        deviceLabel: row.device_label,
      };
    },
  };
  return repo;
}
export type AuditConsoleRepo = ReturnType<typeof auditConsoleRepo>;
