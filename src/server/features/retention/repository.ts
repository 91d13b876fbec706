import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Store } from '../../db/store.js';
import { ERASED, ERASED_OTHER } from '../../../core/audit/retention.js';

/** settings.key of the retention period in days */
export const RETENTION_DAYS_KEY = 'retention.days';

/** One retention run's bounds: rows recorded before `before` (ISO UTC), isolations ended before `day` (China date). */
export interface Cutoff {
  before: string;
  day: string;
  /** written to events.redacted_at and escort_requests.redacted_at */
  now: string;
}

type Doc = Expression<string>;

/**
 * Where the two engines spell the erasure differently, in one place (docs/database.md, "PostgreSQL
 * conventions"). Each JSON edit is the expression migration 017's triggers compare against on that
 * engine: SQLite's json_replace / json_remove, PostgreSQL's kakou_json_replace / kakou_json_remove,
 * which give the same minified text with the members in their own order, so the erased bytes are the
 * same on both engines (the schema-parity test checks it) and a change to anything else is refused by
 * the database. Paths and the marker are code, never input: they are inlined.
 */
function dialectOf(engine: Store['engine']) {
  const M = sql.lit(ERASED);
  const path = (p: string) => {
    if (!/^\$(\.[A-Za-z0-9_]+)+$/.test(p)) throw new Error(`retention: not a member path: ${p}`);
    return sql.lit(p);
  };
  if (engine === 'sqlite') {
    return {
      /** `doc` with the members at `replace` set to the marker and those at `remove` left out. */
      erase: (doc: Doc, replace: string[], remove: string[]): RawBuilder<string> =>
        sql<string>`json_remove(json_replace(${doc}, ${sql.join(replace.map((p) => sql`${path(p)}, ${M}`))}), ${sql.join(remove.map(path))})`,
      valid: (doc: Doc): RawBuilder<SqlBool> => sql<SqlBool>`json_valid(${doc})`,
      /** A string member of a JSON text that may not parse: NULL then. */
      member: (doc: Doc, p: string): RawBuilder<string | null> => sql<string | null>`CASE WHEN json_valid(${doc}) THEN json_extract(${doc}, ${path(p)}) END`,
      /** Whole seconds since the epoch of an ISO time. */
      unixepoch: (t: Expression<string | null>): RawBuilder<number> => sql<number>`CAST(strftime('%s', ${t}) AS INTEGER)`,
      /** escort_requests.people with each person's name and masked ID replaced. */
      erasedPeople: (people: Doc): RawBuilder<string> =>
        sql<string>`(SELECT json_group_array(json(json_replace(p.value, '$.name', ${M}, '$.idMasked', ${M}))) FROM json_each(${people}) p)`,
    };
  }
  const replaced = (doc: Doc | RawBuilder<string>, replace: string[]) => replace.reduce<Doc | RawBuilder<string>>((d, p) => sql<string>`kakou_json_replace(${d}, ${path(p)}, ${M})`, doc);
  return {
    erase: (doc: Doc, replace: string[], remove: string[]): RawBuilder<string> =>
      remove.reduce<RawBuilder<string>>((d, p) => sql<string>`kakou_json_remove(${d}, ${path(p)})`, sql<string>`${replaced(doc, replace)}`),
    valid: (doc: Doc): RawBuilder<SqlBool> => sql<SqlBool>`kakou_json_valid(${doc})`,
    member: (doc: Doc, p: string): RawBuilder<string | null> =>
      sql<string | null>`(kakou_jsonb(${doc}) #>> ${sql.lit(`{${p.slice(2).split('.').join(',')}}`)})`,
    unixepoch: (t: Expression<string | null>): RawBuilder<number> => sql<number>`kakou_unixepoch(${t})`,
    erasedPeople: (people: Doc): RawBuilder<string> =>
      sql<string>`(SELECT '[' || coalesce(string_agg(kakou_json_replace(kakou_json_replace(p.value::text, '$.name', ${M}), '$.idMasked', ${M}), ',' ORDER BY p.ord), '') || ']'
        FROM json_array_elements((${people})::json) WITH ORDINALITY AS p(value, ord))`,
  };
}

// The members each erasure replaces with the marker and removes.
const HANDOVER_PAYLOAD = [['$.escortName'], ['$.escortPhoneLast4']] as const;
const HANDOVER_CANONICAL = [['$.payload.escortName'], ['$.payload.escortPhoneLast4']] as const;
const TIMELINE_DETAIL = [['$.escortName', '$.responsible'], ['$.phoneLast4']] as const;
const WEBHOOK_PAYLOAD = [['$.data.escortName', '$.data.responsible'], ['$.data.phoneLast4']] as const;

/**
 * The erasure of personal data after the retention period, table by table
 * (docs/audit-log.md has the inventory). Each step erases at most `limit` rows
 * and returns how many it changed; the service calls it until 0, one
 * transaction per batch. Each step only picks rows not yet erased, so a
 * second run changes nothing. Kysely over a Store (issue 16): the same steps on
 * SQLite and PostgreSQL, with the JSON edits of each engine from dialectOf.
 */
export function retentionRepo(store: Store) {
  const d = dialectOf(store.engine);
  const erase = (doc: Doc, [replace, remove]: readonly [readonly string[], readonly string[]]) => d.erase(doc, [...replace], [...remove]);
  /** The text `doc` would change by the erasure; never true for text that does not parse (it is left alone). */
  const erasable = (doc: Doc, members: readonly [readonly string[], readonly string[]]) =>
    sql<SqlBool>`CASE WHEN ${d.valid(doc)} THEN ${doc} IS DISTINCT FROM ${erase(doc, members)} END`;
  const count = (r: { numUpdatedRows: bigint } | { numDeletedRows: bigint }) => Number('numUpdatedRows' in r ? r.numUpdatedRows : r.numDeletedRows);

  return {
    async days(): Promise<number | null> {
      const row = await store.q().selectFrom('settings').select('value').where('key', '=', RETENTION_DAYS_KEY).executeTakeFirst();
      return row ? Number(row.value) : null;
    },
    async setDays(days: number): Promise<void> {
      await store
        .q()
        .insertInto('settings')
        .values({ key: RETENTION_DAYS_KEY, value: String(days) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
        .execute();
    },

    /** escort_requests: people's names and masked IDs, the escort's name and phone, the handover's name and phone suffix. */
    async escortRequests(c: Cutoff, limit: number): Promise<number> {
      const q = store.q();
      return count(
        await q
          .updateTable('escort_requests')
          .set((eb) => ({
            people: d.erasedPeople(eb.ref('escort_requests.people')),
            escort_name: eb.case().when('escort_name', 'is', null).then(eb.val<string | null>(null)).else(eb.val(ERASED)).end(),
            escort_phone_enc: null,
            escort_phone_last4: null,
            handover_phone_last4: null,
            handover_escort_name: eb
              .case()
              .when('handover_escort_name', 'is', null)
              .then(eb.val<string | null>(null))
              .when('escort_mismatch', '=', 1)
              .then(eb.val(ERASED_OTHER))
              .else(eb.val(ERASED))
              .end(),
            redacted_at: c.now,
          }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('escort_requests as r')
              .select('r.id')
              .where('r.status', '=', 'closed')
              .where('r.redacted_at', 'is', null)
              .where('r.closed_at', '<', c.before)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('escort_isolations as i')
                      .select('i.id')
                      .whereRef('i.request_id', '=', 'r.id')
                      .where((w) => w.or([w('i.ended_on', 'is', null), w('i.ended_on', '>=', c.day)])),
                  ),
                ),
              )
              .orderBy('r.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** escort_isolations.responsible of erased requests (their isolations all ended before the cut-off). */
    async escortIsolations(_c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('escort_isolations')
          .set({ responsible: ERASED })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('escort_isolations as i')
              .innerJoin('escort_requests as r', 'r.id', 'i.request_id')
              .select('i.id')
              .where('r.redacted_at', 'is not', null)
              .where('i.ended_on', 'is not', null)
              .where('i.responsible', 'is distinct from', ERASED)
              .orderBy('i.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** escort_timeline details (escort names, phone suffixes, the responsible person) of erased requests. */
    async escortTimeline(_c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('escort_timeline')
          .set((eb) => ({ detail: erase(eb.ref('detail'), TIMELINE_DETAIL) }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('escort_timeline as t')
              .innerJoin('escort_requests as r', 'r.id', 't.request_id')
              .select('t.id')
              .where('r.redacted_at', 'is not', null)
              .where((w) => w(w.ref('t.detail'), 'is distinct from', erase(w.ref('t.detail'), TIMELINE_DETAIL)))
              .orderBy('t.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /**
     * escort_handover events received before the cut-off, unless the request they complete is
     * still kept (open, or not yet past the period): payload and canonical lose the escort's
     * name and phone suffix; hash, sig and prev_hash stay.
     */
    async handoverEvents(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('events')
          .set((eb) => ({ payload: erase(eb.ref('payload'), HANDOVER_PAYLOAD), canonical: erase(eb.ref('canonical'), HANDOVER_CANONICAL), redacted_at: c.now }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('events as e')
              .select('e.id')
              .where('e.type', '=', 'escort_handover')
              .where('e.redacted_at', 'is', null)
              .where('e.received_at', '<', c.before)
              .where(({ not, exists, selectFrom, ref }) =>
                not(
                  exists(
                    selectFrom('escort_requests as r')
                      .select('r.id')
                      .where('r.check_event_id', '=', d.member(ref('e.payload'), '$.checkEventId'))
                      .where('r.redacted_at', 'is', null),
                  ),
                ),
              )
              .orderBy('e.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** Twins of events (same id, other content) first received before the cut-off: the same members. Text that does not parse is left as it is. */
    async eventConflicts(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('event_conflicts')
          .set((eb) => ({ canonical: erase(eb.ref('canonical'), HANDOVER_CANONICAL) }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('event_conflicts as x')
              .select('x.id')
              .where('x.first_received_at', '<', c.before)
              .where(({ ref }) => erasable(ref('x.canonical'), HANDOVER_CANONICAL))
              .where(({ not, exists, selectFrom, ref }) =>
                not(
                  exists(
                    selectFrom('escort_requests as r')
                      .select('r.id')
                      .where('r.check_event_id', '=', d.member(ref('x.canonical'), '$.payload.checkEventId'))
                      .where('r.redacted_at', 'is', null),
                  ),
                ),
              )
              .orderBy('x.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** charter_custody_isolations.responsible of isolations ended before the cut-off. */
    async custodyIsolations(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('charter_custody_isolations')
          .set({ responsible: ERASED })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('charter_custody_isolations')
              .select('id')
              .where('ended_on', 'is not', null)
              .where('ended_on', '<', c.day)
              .where('responsible', 'is distinct from', ERASED)
              .orderBy('id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /**
     * charter_runs whose window ended before the cut-off (approved or never approved alike), unless a
     * custody task of the run has an isolation not ended before the cut-off day (or none recorded
     * yet): the driver's name, ID and phone. Marks the run (redacted_at), which lets migration 019's
     * triggers admit the erasure of its passengers and its pass.
     */
    async charterRuns(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('charter_runs')
          .set({ driver_name: ERASED, driver_id_enc: ERASED, driver_id_last4: '****', driver_phone_enc: ERASED, redacted_at: c.now })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('charter_runs as r')
              .select('r.id')
              .where('r.redacted_at', 'is', null)
              .where('r.arrival_by', '<', c.before)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('charter_custody as t')
                      .leftJoin('charter_custody_isolations as i', 'i.custody_id', 't.id')
                      .select('t.id')
                      .whereRef('t.run_id', '=', 'r.id')
                      .where((w) => w.or([w('i.ended_on', 'is', null), w('i.ended_on', '>=', c.day)])),
                  ),
                ),
              )
              .orderBy('r.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** charter_passengers of erased runs: name, ID (ciphertext, blind index, last four), phone, declared stays. */
    async charterPassengers(_c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('charter_passengers')
          // 'erased:' || id: what migration 019's trigger admits, unique per row as the blind index must be.
          .set({ name: ERASED, id_number_enc: ERASED, id_hmac: sql<string>`'erased:' || ${sql.ref('id')}`, id_last4: '****', phone_enc: ERASED, stays: '[]' })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('charter_passengers as p')
              .innerJoin('charter_runs as r', 'r.id', 'p.run_id')
              .select('p.id')
              .where('r.redacted_at', 'is not', null)
              .where('p.name', 'is distinct from', ERASED)
              .orderBy('p.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** charter_passes.jws of erased runs (the signed pass names the driver with an ID suffix), once expired. */
    async charterPasses(_c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('charter_passes')
          .set({ jws: ERASED })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('charter_passes as p')
              .innerJoin('charter_runs as r', 'r.id', 'p.run_id')
              .select('p.id')
              .where('r.redacted_at', 'is not', null)
              .where('p.jws', 'is distinct from', ERASED)
              .where('p.exp', '<', d.unixepoch(sql.ref('r.redacted_at')))
              .orderBy('p.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** charter_needs' contact, once the need's last day is before the cut-off and it was cancelled or every run serving it is erased. */
    async charterNeeds(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('charter_needs')
          .set({ contact_name: ERASED, contact_phone: ERASED })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('charter_needs as n')
              .select('n.id')
              .where('n.contact_name', 'is distinct from', ERASED)
              .where('n.latest_date', '<', c.day)
              .where((w) =>
                w.or([
                  w('n.status', '=', 'cancelled'),
                  w.not(
                    w.exists(
                      w.selectFrom('charter_run_needs as rn')
                        .innerJoin('charter_runs as r', 'r.id', 'rn.run_id')
                        .select('r.id')
                        .whereRef('rn.need_id', '=', 'n.id')
                        .where('r.redacted_at', 'is', null),
                    ),
                  ),
                ]),
              )
              .orderBy('n.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /** Webhook bodies already delivered (or given up) before the cut-off: escort names, phone suffixes, responsible persons. Bodies that do not parse are left as they are. */
    async webhookDeliveries(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('webhook_deliveries')
          .set((eb) => ({ payload: erase(eb.ref('payload'), WEBHOOK_PAYLOAD) }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('webhook_deliveries as w')
              .select('w.id')
              .where('w.status', '<>', 'pending')
              .where('w.created_at', '<', c.before)
              .where(({ ref }) => erasable(ref('w.payload'), WEBHOOK_PAYLOAD))
              .orderBy('w.id')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /**
     * passes.token of passes that expired before the cut-off: the signed pass names its crew with
     * the last four ID characters, and an expired pass is never printed or scanned again. The pass
     * row (number, plate, enterprise, dates, status, who approved or revoked it) stays, so counts,
     * the audit trail and the checks that presented it keep their meaning; the crew's master data
     * (`people`) belongs to the enterprise's current list and is not the retention run's.
     */
    async passTokens(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .updateTable('passes')
          .set({ token: null })
          .where('id', 'in', (eb) =>
            eb.selectFrom('passes as p').select('p.id').where('p.token', 'is not', null).where('p.valid_to', '<', c.before).orderBy('p.id').limit(limit),
          )
          .executeTakeFirst(),
      );
    },
    /**
     * audit_personal rows of entries recorded before the cut-off, except those about an escort
     * request still kept (its dispatch and handover stay readable in the log while it is open).
     */
    async auditPersonal(c: Cutoff, limit: number): Promise<number> {
      return count(
        await store
          .q()
          .deleteFrom('audit_personal')
          .where('seq', 'in', (eb) =>
            eb
              .selectFrom('audit_personal as p')
              .innerJoin('audit_log as l', 'l.seq', 'p.seq')
              .select('l.seq')
              .where('l.at', '<', c.before)
              .where((w) =>
                w.not(
                  w.and([
                    w('l.subject_type', '=', 'escort_request'),
                    w.exists(
                      w.selectFrom('escort_requests as r')
                        .select('r.id')
                        .where((x) => x(x.cast('r.id', 'text'), '=', x.ref('l.subject_id')))
                        .where('r.redacted_at', 'is', null),
                    ),
                  ]),
                ),
              )
              .orderBy('l.seq')
              .limit(limit),
          )
          .executeTakeFirst(),
      );
    },
  };
}
export type RetentionRepo = ReturnType<typeof retentionRepo>;
