import { sql, type Kysely, type Selectable } from 'kysely';
import { inIntegers, jsonText } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import type { DataKey } from '../../security/data-key.js';
import { maskPhone } from '../../../core/validate/index.js';
import type { EscortPerson, EscortRequestStatus, Isolation, PassCheck, TimelineEntry, TimelineKind } from './schema.js';

/** Encryption context of an escort's phone: a ciphertext of another column cannot be passed off as one. */
export const ESCORT_PHONE_CONTEXT = 'escort_requests.escort_phone';

/** A request as stored, before the service adds what depends on the clock (overdue). */
export interface EscortRecord {
  id: number;
  checkEventId: string;
  deviceId: string;
  checkpoint: { id: number; name: string; location: string };
  enterpriseId: number | null;
  enterpriseName: string | null;
  passNo: string | null;
  plate: string;
  people: EscortPerson[];
  reasons: string[];
  ruleSetVersion: number;
  waitingSince: string;
  createdAt: string;
  status: EscortRequestStatus;
  updatedAt: string;
  dispatch: { escortName: string; phoneMasked: string | null; phoneLast4: string | null; dispatchedAt: string } | null;
  handover: { eventId: string; at: string; escortName: string; phoneLast4: string | null; differentEscort: boolean | null } | null;
  arrivedAt: string | null;
  closedAt: string | null;
  isolations: Isolation[];
}

export interface NewRequest {
  checkEventId: string;
  deviceId: string;
  checkpointId: number;
  enterpriseId: number | null;
  passNo: string | null;
  plate: string;
  people: EscortPerson[];
  reasons: string[];
  ruleSetVersion: number;
  waitingSince: string;
  at: string;
}

export interface RequestFilter {
  enterpriseId?: number | undefined;
  checkpointId?: number | undefined;
  /** 'active': not closed */
  status?: EscortRequestStatus | 'active' | 'all' | undefined;
  /** only these ids (e.g. the overdue ones) */
  ids?: readonly number[] | undefined;
  limit: number;
  offset: number;
}

/** A request with its checkpoint and enterprise (a request may name none). */
const selectRequests = (db: Kysely<DB>) =>
  db
    .selectFrom('escort_requests as r')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.check_event_id', 'r.device_id', 'r.checkpoint_id', 'c.name as checkpoint_name', 'c.location as checkpoint_location',
      'r.enterprise_id', 'e.name as enterprise_name', 'r.pass_no', 'r.plate', 'r.people', 'r.reasons', 'r.rule_set_version', 'r.waiting_since',
      'r.created_at', 'r.status', 'r.updated_at', 'r.escort_name', 'r.escort_phone_enc', 'r.escort_phone_last4', 'r.dispatched_at',
      'r.handover_event_id', 'r.handover_at', 'r.handover_escort_name', 'r.handover_phone_last4', 'r.arrived_at', 'r.closed_at', 'r.escort_mismatch',
    ])
    .$narrowType<{ status: EscortRequestStatus }>();
type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;
type RequestsQuery = ReturnType<typeof selectRequests>;

const toIsolation = (r: Selectable<DB['escort_isolations']>): Isolation => ({
  personIndex: r.person_index,
  place: r.place,
  startDate: r.start_date,
  plannedEnd: r.planned_end,
  responsible: r.responsible,
  recordedAt: r.recorded_at,
  endedOn: r.ended_on,
});

/**
 * Escort requests, their isolation arrangements and their timeline (migrations/009_escort_requests.sql), on either
 * engine (issue 16): Kysely over a Store, every statement through store.q(), so inside store.transaction it is the
 * transaction's.
 *
 * What two nodes can race on is settled by the database, the same on both engines: a request is inserted
 * `ON CONFLICT (check_event_id) DO NOTHING` (a check projected twice makes one request), a handover linked by an
 * UPDATE `WHERE handover_event_id IS NULL`, timeline steps with a ref inserted `ON CONFLICT DO NOTHING` on
 * escort_timeline_once; the enterprise's steps are conditional too (a dispatch only before the handover and the
 * arrival, an arrival once, an isolation once per person, its end once, the close once) and say whether they wrote.
 */
export function escortsRepo(store: Store, dataKey: () => DataKey) {
  const q = () => store.q();

  async function isolationsOf(ids: number[]): Promise<Map<number, Isolation[]>> {
    const out = new Map<number, Isolation[]>();
    if (ids.length === 0) return out;
    const rows = await q()
      .selectFrom('escort_isolations')
      .selectAll()
      .where((eb) => inIntegers(store.engine, eb.ref('request_id'), ids))
      .orderBy('request_id')
      .orderBy('person_index')
      .execute();
    for (const r of rows) out.set(r.request_id, [...(out.get(r.request_id) ?? []), toIsolation(r)]);
    return out;
  }

  const toRecord = (r: RequestRow, isolations: Isolation[]): EscortRecord => ({
    id: r.id,
    checkEventId: r.check_event_id,
    deviceId: r.device_id,
    checkpoint: { id: r.checkpoint_id, name: r.checkpoint_name, location: r.checkpoint_location },
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    passNo: r.pass_no,
    plate: r.plate,
    people: JSON.parse(r.people) as EscortPerson[],
    reasons: JSON.parse(r.reasons) as string[],
    ruleSetVersion: r.rule_set_version,
    waitingSince: r.waiting_since,
    createdAt: r.created_at,
    status: r.status,
    updatedAt: r.updated_at,
    dispatch:
      r.escort_name !== null && r.dispatched_at !== null
        ? {
            escortName: r.escort_name,
            phoneMasked: r.escort_phone_enc ? maskPhone(dataKey().decrypt(r.escort_phone_enc, ESCORT_PHONE_CONTEXT)) : null,
            phoneLast4: r.escort_phone_last4,
            dispatchedAt: r.dispatched_at,
          }
        : null,
    handover:
      r.handover_event_id !== null
        ? {
            eventId: r.handover_event_id,
            at: r.handover_at!,
            escortName: r.handover_escort_name!,
            phoneLast4: r.handover_phone_last4,
            differentEscort: r.escort_mismatch === null ? null : Number(r.escort_mismatch) === 1,
          }
        : null,
    arrivedAt: r.arrived_at,
    closedAt: r.closed_at,
    isolations,
  });

  async function withIsolations(rows: RequestRow[]): Promise<EscortRecord[]> {
    const iso = await isolationsOf(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, iso.get(r.id) ?? []));
  }

  const filtered = (qb: RequestsQuery, f: RequestFilter): RequestsQuery => {
    let out = qb;
    if (f.enterpriseId !== undefined) out = out.where('r.enterprise_id', '=', f.enterpriseId);
    if (f.checkpointId !== undefined) out = out.where('r.checkpoint_id', '=', f.checkpointId);
    const status = f.status ?? 'all';
    if (status === 'active') out = out.where('r.status', '<>', 'closed');
    else if (status !== 'all') out = out.where('r.status', '=', status);
    if (f.ids) {
      const ids = [...f.ids];
      out = out.where((eb) => inIntegers(store.engine, eb.ref('r.id'), ids));
    }
    return out;
  };

  return {
    async get(id: number): Promise<EscortRecord | undefined> {
      const r = await selectRequests(q()).where('r.id', '=', id).executeTakeFirst();
      return r && (await withIsolations([r]))[0];
    },
    async getByCheckEvent(eventId: string): Promise<EscortRecord | undefined> {
      const r = await selectRequests(q()).where('r.check_event_id', '=', eventId).executeTakeFirst();
      return r && (await withIsolations([r]))[0];
    },
    /** Open requests first (oldest waiting first), then the rest newest first. */
    async list(f: RequestFilter): Promise<{ items: EscortRecord[]; total: number }> {
      const rows = await filtered(selectRequests(q()), f)
        .orderBy((eb) =>
          eb.case('r.status').when('open').then(eb.lit(0)).when('dispatched').then(eb.lit(1)).when('in_transit').then(eb.lit(2)).when('arrived').then(eb.lit(3)).else(eb.lit(4)).end(),
        )
        // Only open and dispatched requests have this key, and the key above sets them apart, so where each engine sorts the others' NULL does not matter.
        .orderBy((eb) => eb.case().when('r.status', 'in', ['open', 'dispatched']).then(eb.ref('r.waiting_since')).end(), 'asc')
        .orderBy('r.waiting_since', 'desc')
        .orderBy('r.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const { n } = await filtered(selectRequests(q()), f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: await withIsolations(rows), total: Number(n) };
    },
    /** Every request not closed: what the overdue rules look at. */
    async active(): Promise<EscortRecord[]> {
      return withIsolations(await selectRequests(q()).where('r.status', '<>', 'closed').orderBy('r.id').execute());
    },
    /** The checkpoint's requests whose check was made since `sinceIso` (the device's list). */
    async forCheckpoint(checkpointId: number, sinceIso: string): Promise<EscortRecord[]> {
      return withIsolations(
        await selectRequests(q()).where('r.checkpoint_id', '=', checkpointId).where('r.waiting_since', '>=', sinceIso).orderBy('r.waiting_since').orderBy('r.id').execute(),
      );
    },
    /** Inserts unless the check already has its request (a replayed upload, or the same check on another node); returns the id and whether it is new. */
    async insert(n: NewRequest): Promise<{ id: number; created: boolean }> {
      const created = await q()
        .insertInto('escort_requests')
        .values({
          check_event_id: n.checkEventId, device_id: n.deviceId, checkpoint_id: n.checkpointId, enterprise_id: n.enterpriseId, pass_no: n.passNo, plate: n.plate,
          people: JSON.stringify(n.people), reasons: JSON.stringify(n.reasons), rule_set_version: n.ruleSetVersion, waiting_since: n.waitingSince, created_at: n.at, updated_at: n.at,
        })
        .onConflict((oc) => oc.column('check_event_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (created) return { id: created.id, created: true };
      const { id } = await q().selectFrom('escort_requests').select('id').where('check_event_id', '=', n.checkEventId).executeTakeFirstOrThrow();
      return { id, created: false };
    },
    /** Records (or replaces) the dispatch while the request is neither handed over, arrived nor closed; false otherwise. */
    async setDispatch(id: number, d: { escortName: string; phone: string; dispatchedAt: string; by: number | null; at: string }): Promise<boolean> {
      const res = await q()
        .updateTable('escort_requests')
        .set((eb) => ({
          escort_name: d.escortName, escort_phone_enc: dataKey().encrypt(d.phone, ESCORT_PHONE_CONTEXT), escort_phone_last4: d.phone.slice(-4), dispatched_at: d.dispatchedAt,
          dispatched_by: d.by, dispatch_recorded_at: d.at, updated_at: d.at,
          status: eb.case().when('status', '=', 'open').then(sql.lit('dispatched')).else(eb.ref('status')).end(),
        }))
        .where('id', '=', id)
        .where('handover_event_id', 'is', null)
        .where('arrived_at', 'is', null)
        .where('status', '<>', 'closed')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Links the handover once; a request already arrived stays arrived. Returns false when it was linked before. */
    async linkHandover(id: number, h: { eventId: string; at: string; escortName: string; phoneLast4: string | null; recordedAt: string }): Promise<boolean> {
      const res = await q()
        .updateTable('escort_requests')
        .set((eb) => ({
          handover_event_id: h.eventId, handover_at: h.at, handover_escort_name: h.escortName, handover_phone_last4: h.phoneLast4, updated_at: h.recordedAt,
          status: eb.case().when('status', 'in', ['open', 'dispatched']).then(sql.lit('in_transit')).else(eb.ref('status')).end(),
        }))
        .where('id', '=', id)
        .where('handover_event_id', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Records the arrival once, before the close; false when it was recorded before. */
    async setArrival(id: number, a: { arrivedAt: string; by: number | null; at: string }): Promise<boolean> {
      const res = await q()
        .updateTable('escort_requests')
        .set({ arrived_at: a.arrivedAt, arrived_by: a.by, arrival_recorded_at: a.at, updated_at: a.at, status: 'arrived' })
        .where('id', '=', id)
        .where('arrived_at', 'is', null)
        .where('status', '<>', 'closed')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Closes an arrived request; false when it is not arrived (or closed already). */
    async close(id: number, at: string): Promise<boolean> {
      const res = await q().updateTable('escort_requests').set({ status: 'closed', closed_at: at, updated_at: at }).where('id', '=', id).where('status', '=', 'arrived').executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async touch(id: number, at: string): Promise<void> {
      await q().updateTable('escort_requests').set({ updated_at: at }).where('id', '=', id).execute();
    },
    /** Records a person's isolation; false when that person's is recorded already. */
    async insertIsolation(requestId: number, i: Omit<Isolation, 'recordedAt' | 'endedOn'>, by: number | null, at: string): Promise<boolean> {
      const res = await q()
        .insertInto('escort_isolations')
        .values({
          request_id: requestId, person_index: i.personIndex, place: i.place, start_date: i.startDate, planned_end: i.plannedEnd, responsible: i.responsible, recorded_at: at, recorded_by: by,
        })
        .onConflict((oc) => oc.columns(['request_id', 'person_index']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Records the end of a person's isolation; false when there is none or its end is recorded already. */
    async endIsolation(requestId: number, personIndex: number, endedOn: string, by: number | null, at: string): Promise<boolean> {
      const res = await q()
        .updateTable('escort_isolations')
        .set({ ended_on: endedOn, ended_by: by, end_recorded_at: at })
        .where('request_id', '=', requestId)
        .where('person_index', '=', personIndex)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Appends a step; with a `ref`, a step already recorded under it is not added again (returns false). */
    async appendTimeline(e: { requestId: number; kind: TimelineKind; at: string; recordedAt: string; actorType: TimelineEntry['actorType']; actorName: string; ref?: string | null; detail?: Record<string, unknown> }): Promise<boolean> {
      const res = await q()
        .insertInto('escort_timeline')
        .values({
          request_id: e.requestId, kind: e.kind, at: e.at, recorded_at: e.recordedAt, actor_type: e.actorType, actor_name: e.actorName, ref: e.ref ?? null, detail: JSON.stringify(e.detail ?? {}),
        })
        // escort_timeline_once is a partial unique index (ref IS NOT NULL): no conflict target, so any unique index counts on both engines.
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async timeline(requestId: number): Promise<TimelineEntry[]> {
      const rows = await q()
        .selectFrom('escort_timeline')
        .select(['kind', 'at', 'recorded_at', 'actor_type', 'actor_name', 'detail'])
        .where('request_id', '=', requestId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        // The CHECKs on escort_timeline admit only these kinds and actor types.
        kind: r.kind as TimelineKind, at: r.at, recordedAt: r.recorded_at, actorType: r.actor_type as TimelineEntry['actorType'], actorName: r.actor_name,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },
    /** Stored ESCORT checks without a request, then handovers naming a request not yet linked (each by (received_at, id)): what a catch-up projects. */
    async unprojected(): Promise<string[]> {
      const checks = await q()
        .selectFrom('events as e')
        .select('e.id')
        .where('e.type', '=', sql.lit('check'))
        .where((eb) => eb(jsonText(store.engine, eb.ref('e.payload'), 'decision'), '=', 'ESCORT'))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('escort_requests as r').select(eb.lit(1).as('one')).whereRef('r.check_event_id', '=', 'e.id'))))
        .orderBy('e.received_at')
        .orderBy('e.id')
        .execute();
      const handovers = await q()
        .selectFrom('events as h')
        .innerJoin('escort_requests as r', (join) => join.on((eb) => eb('r.check_event_id', '=', jsonText(store.engine, eb.ref('h.payload'), 'checkEventId'))))
        .select('h.id')
        .where('h.type', '=', sql.lit('escort_handover'))
        .where('r.handover_event_id', 'is', null)
        .orderBy('h.received_at')
        .orderBy('h.id')
        .execute();
      return [...checks, ...handovers].map((r) => r.id);
    },
    /** Stored handovers that name this check, first recorded first (the one that counts). */
    async handoversOf(checkEventId: string): Promise<string[]> {
      const rows = await q()
        .selectFrom('events')
        .select('id')
        // Spelled as the partial expression index events_handover_check is.
        .where('type', '=', sql.lit('escort_handover'))
        .where((eb) => eb(jsonText(store.engine, eb.ref('events.payload'), 'checkEventId'), '=', checkEventId))
        .orderBy('device_time')
        .orderBy('received_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    /** The checks of an enterprise's own passes, newest first. */
    async passChecks(enterpriseId: number | undefined, limit: number, offset: number): Promise<{ items: PassCheck[]; total: number }> {
      const from = () => {
        let qb = q()
          .selectFrom('events as ev')
          .innerJoin('passes as p', (join) => join.on((eb) => eb('p.pass_no', '=', jsonText(store.engine, eb.ref('ev.payload'), 'passNo'))))
          .innerJoin('devices as d', 'd.id', 'ev.device_id')
          .innerJoin('checkpoints as c', 'c.id', 'd.checkpoint_id')
          .where('ev.type', '=', sql.lit('check'));
        if (enterpriseId !== undefined) qb = qb.where('p.enterprise_id', '=', enterpriseId);
        return qb;
      };
      const rows = await from()
        .select(['ev.id', 'ev.device_time', 'ev.payload', 'c.id as cp_id', 'c.name as cp_name', 'c.location as cp_location'])
        .orderBy('ev.device_time', 'desc')
        .orderBy('ev.id')
        .limit(limit)
        .offset(offset)
        .execute();
      const { n } = await from().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => {
          const p = JSON.parse(r.payload) as { passNo: string | null; plate: string; decision: string; reasons: string[] };
          return {
            eventId: r.id,
            at: new Date(Date.parse(r.device_time)).toISOString(),
            checkpoint: { id: r.cp_id, name: r.cp_name, location: r.cp_location },
            passNo: p.passNo,
            plate: p.plate,
            decision: p.decision,
            reasons: p.reasons,
          };
        }),
        total: Number(n),
      };
    },
  };
}
export type EscortsRepo = ReturnType<typeof escortsRepo>;
