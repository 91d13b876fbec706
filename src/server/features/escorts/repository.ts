import type { Db } from '../../db/open.js';
import { cached } from '../../db/statement-cache.js';
import type { DataKey } from '../../security/data-key.js';
import { maskPhone } from '../../../core/validate/index.js';
import type { EscortPerson, EscortRequestStatus, Isolation, PassCheck, TimelineEntry, TimelineKind } from './schema.js';

/** Encryption context of an escort's phone: a ciphertext of another column cannot be passed off as one. */
export const ESCORT_PHONE_CONTEXT = 'escort_requests.escort_phone';

interface RequestRow {
  id: number;
  check_event_id: string;
  device_id: string;
  checkpoint_id: number;
  checkpoint_name: string;
  checkpoint_location: string;
  enterprise_id: number | null;
  enterprise_name: string | null;
  pass_no: string | null;
  plate: string;
  people: string;
  reasons: string;
  rule_set_version: number;
  waiting_since: string;
  created_at: string;
  status: EscortRequestStatus;
  updated_at: string;
  escort_name: string | null;
  escort_phone_enc: string | null;
  escort_phone_last4: string | null;
  dispatched_at: string | null;
  handover_event_id: string | null;
  handover_at: string | null;
  handover_escort_name: string | null;
  handover_phone_last4: string | null;
  arrived_at: string | null;
  closed_at: string | null;
  escort_mismatch: 0 | 1 | null;
}

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

interface IsolationRow {
  request_id: number;
  person_index: number;
  place: string;
  start_date: string;
  planned_end: string;
  responsible: string;
  recorded_at: string;
  ended_on: string | null;
}

const SELECT = `SELECT r.id, r.check_event_id, r.device_id, r.checkpoint_id, c.name AS checkpoint_name, c.location AS checkpoint_location,
    r.enterprise_id, e.name AS enterprise_name, r.pass_no, r.plate, r.people, r.reasons, r.rule_set_version, r.waiting_since,
    r.created_at, r.status, r.updated_at, r.escort_name, r.escort_phone_enc, r.escort_phone_last4, r.dispatched_at,
    r.handover_event_id, r.handover_at, r.handover_escort_name, r.handover_phone_last4, r.arrived_at, r.closed_at, r.escort_mismatch
  FROM escort_requests r JOIN checkpoints c ON c.id = r.checkpoint_id LEFT JOIN enterprises e ON e.id = r.enterprise_id`;

const toIsolation = (r: IsolationRow): Isolation => ({
  personIndex: r.person_index,
  place: r.place,
  startDate: r.start_date,
  plannedEnd: r.planned_end,
  responsible: r.responsible,
  recordedAt: r.recorded_at,
  endedOn: r.ended_on,
});

/** Escort requests, their isolation arrangements and their timeline (migrations/009_escort_requests.sql). */
export function escortsRepo(db: Db, dataKey: () => DataKey) {
  const prep = cached(db);
  const isolationsOf = (ids: number[]): Map<number, Isolation[]> => {
    const out = new Map<number, Isolation[]>();
    if (ids.length === 0) return out;
    const rows = prep<[string], IsolationRow>('SELECT * FROM escort_isolations WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY request_id, person_index')
      .all(JSON.stringify(ids));
    for (const r of rows) out.set(r.request_id, [...(out.get(r.request_id) ?? []), toIsolation(r)]);
    return out;
  };

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
            differentEscort: r.escort_mismatch === null ? null : r.escort_mismatch === 1,
          }
        : null,
    arrivedAt: r.arrived_at,
    closedAt: r.closed_at,
    isolations,
  });

  const withIsolations = (rows: RequestRow[]): EscortRecord[] => {
    const iso = isolationsOf(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, iso.get(r.id) ?? []));
  };

  const where = `WHERE (@enterpriseId IS NULL OR r.enterprise_id = @enterpriseId)
      AND (@checkpointId IS NULL OR r.checkpoint_id = @checkpointId)
      AND (@status = 'all' OR (@status = 'active' AND r.status <> 'closed') OR r.status = @status)
      AND (@ids IS NULL OR r.id IN (SELECT value FROM json_each(@ids)))`;
  const args = (f: RequestFilter) => ({
    enterpriseId: f.enterpriseId ?? null,
    checkpointId: f.checkpointId ?? null,
    status: f.status ?? 'all',
    ids: f.ids ? JSON.stringify(f.ids) : null,
  });

  return {
    get(id: number): EscortRecord | undefined {
      const r = prep<[number], RequestRow>(`${SELECT} WHERE r.id = ?`).get(id);
      return r && withIsolations([r])[0];
    },
    getByCheckEvent(eventId: string): EscortRecord | undefined {
      const r = prep<[string], RequestRow>(`${SELECT} WHERE r.check_event_id = ?`).get(eventId);
      return r && withIsolations([r])[0];
    },
    /** Open requests first (oldest waiting first), then the rest newest first. */
    list(f: RequestFilter): { items: EscortRecord[]; total: number } {
      const a = args(f);
      const rows = prep<[typeof a & { limit: number; offset: number }], RequestRow>(
          `${SELECT} ${where}
           ORDER BY CASE r.status WHEN 'open' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 ELSE 4 END,
             CASE WHEN r.status IN ('open', 'dispatched') THEN r.waiting_since END ASC, r.waiting_since DESC, r.id DESC
           LIMIT @limit OFFSET @offset`,
        )
        .all({ ...a, limit: f.limit, offset: f.offset });
      const total = (prep<[typeof a], { n: number }>(`SELECT count(*) AS n FROM escort_requests r ${where}`).get(a)!).n;
      return { items: withIsolations(rows), total };
    },
    /** Every request not closed: what the overdue rules look at. */
    active(): EscortRecord[] {
      return withIsolations(prep<[], RequestRow>(`${SELECT} WHERE r.status <> 'closed' ORDER BY r.id`).all());
    },
    /** The checkpoint's requests whose check was made since `sinceIso` (the device's list). */
    forCheckpoint(checkpointId: number, sinceIso: string): EscortRecord[] {
      return withIsolations(
        prep<[number, string], RequestRow>(`${SELECT} WHERE r.checkpoint_id = ? AND r.waiting_since >= ? ORDER BY r.waiting_since, r.id`).all(checkpointId, sinceIso),
      );
    },
    /** Inserts unless the check already has its request (a replayed upload); returns the id and whether it is new. */
    insert(n: NewRequest): { id: number; created: boolean } {
      const res = prep(
          `INSERT INTO escort_requests (check_event_id, device_id, checkpoint_id, enterprise_id, pass_no, plate, people, reasons, rule_set_version, waiting_since, created_at, updated_at)
           VALUES (@checkEventId, @deviceId, @checkpointId, @enterpriseId, @passNo, @plate, @people, @reasons, @ruleSetVersion, @waitingSince, @at, @at)
           ON CONFLICT (check_event_id) DO NOTHING`,
        )
        .run({ ...n, people: JSON.stringify(n.people), reasons: JSON.stringify(n.reasons) });
      if (res.changes === 1) return { id: Number(res.lastInsertRowid), created: true };
      return { id: (prep<[string], { id: number }>('SELECT id FROM escort_requests WHERE check_event_id = ?').get(n.checkEventId)!).id, created: false };
    },
    setDispatch(id: number, d: { escortName: string; phone: string; dispatchedAt: string; by: number | null; at: string }): void {
      prep(
        `UPDATE escort_requests SET escort_name = @escortName, escort_phone_enc = @phoneEnc, escort_phone_last4 = @last4, dispatched_at = @dispatchedAt,
           dispatched_by = @by, dispatch_recorded_at = @at, updated_at = @at,
           status = CASE WHEN status = 'open' THEN 'dispatched' ELSE status END
         WHERE id = @id`,
      ).run({ id, escortName: d.escortName, phoneEnc: dataKey().encrypt(d.phone, ESCORT_PHONE_CONTEXT), last4: d.phone.slice(-4), dispatchedAt: d.dispatchedAt, by: d.by, at: d.at });
    },
    /** Links the handover once; a request already arrived stays arrived. Returns false when it was linked before. */
    linkHandover(id: number, h: { eventId: string; at: string; escortName: string; phoneLast4: string | null; recordedAt: string }): boolean {
      const res = prep(
          `UPDATE escort_requests SET handover_event_id = @eventId, handover_at = @at, handover_escort_name = @escortName, handover_phone_last4 = @phoneLast4,
             updated_at = @recordedAt, status = CASE WHEN status IN ('open', 'dispatched') THEN 'in_transit' ELSE status END
           WHERE id = @id AND handover_event_id IS NULL`,
        )
        .run({ id, ...h });
      return res.changes === 1;
    },
    setArrival(id: number, a: { arrivedAt: string; by: number | null; at: string }): void {
      prep(
        `UPDATE escort_requests SET arrived_at = @arrivedAt, arrived_by = @by, arrival_recorded_at = @at, updated_at = @at, status = 'arrived' WHERE id = @id`,
      ).run({ id, ...a });
    },
    close(id: number, at: string): void {
      prep(`UPDATE escort_requests SET status = 'closed', closed_at = @at, updated_at = @at WHERE id = @id AND status = 'arrived'`).run({ id, at });
    },
    touch(id: number, at: string): void {
      prep('UPDATE escort_requests SET updated_at = @at WHERE id = @id').run({ id, at });
    },
    insertIsolation(requestId: number, i: Omit<Isolation, 'recordedAt' | 'endedOn'>, by: number | null, at: string): void {
      prep(
        `INSERT INTO escort_isolations (request_id, person_index, place, start_date, planned_end, responsible, recorded_at, recorded_by)
         VALUES (@requestId, @personIndex, @place, @startDate, @plannedEnd, @responsible, @at, @by)`,
      ).run({ requestId, ...i, by, at });
    },
    endIsolation(requestId: number, personIndex: number, endedOn: string, by: number | null, at: string): void {
      prep(
        `UPDATE escort_isolations SET ended_on = @endedOn, ended_by = @by, end_recorded_at = @at WHERE request_id = @requestId AND person_index = @personIndex`,
      ).run({ requestId, personIndex, endedOn, by, at });
    },
    /** Appends a step; with a `ref`, a step already recorded under it is not added again (returns false). */
    appendTimeline(e: { requestId: number; kind: TimelineKind; at: string; recordedAt: string; actorType: TimelineEntry['actorType']; actorName: string; ref?: string | null; detail?: Record<string, unknown> }): boolean {
      const res = prep(
          `INSERT INTO escort_timeline (request_id, kind, at, recorded_at, actor_type, actor_name, ref, detail)
           VALUES (@requestId, @kind, @at, @recordedAt, @actorType, @actorName, @ref, @detail) ON CONFLICT DO NOTHING`,
        )
        .run({ ...e, ref: e.ref ?? null, detail: JSON.stringify(e.detail ?? {}) });
      return res.changes === 1;
    },
    timeline(requestId: number): TimelineEntry[] {
      return prep<[number], { kind: TimelineKind; at: string; recorded_at: string; actor_type: TimelineEntry['actorType']; actor_name: string; detail: string }>(
          'SELECT kind, at, recorded_at, actor_type, actor_name, detail FROM escort_timeline WHERE request_id = ? ORDER BY at, id',
        )
        .all(requestId)
        .map((r) => ({ kind: r.kind, at: r.at, recordedAt: r.recorded_at, actorType: r.actor_type, actorName: r.actor_name, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
    /** Stored ESCORT checks without a request, and handovers naming a request not yet linked: what a catch-up projects. */
    unprojected(): string[] {
      return prep<[], { id: string }>(
          `SELECT e.id FROM events e WHERE e.type = 'check' AND json_extract(e.payload, '$.decision') = 'ESCORT'
             AND NOT EXISTS (SELECT 1 FROM escort_requests r WHERE r.check_event_id = e.id)
           UNION ALL
           SELECT h.id FROM events h JOIN escort_requests r ON r.check_event_id = json_extract(h.payload, '$.checkEventId')
           WHERE h.type = 'escort_handover' AND r.handover_event_id IS NULL`,
        )
        .all()
        .map((r) => r.id);
    },
    /** Stored handovers that name this check, first recorded first (the one that counts). */
    handoversOf(checkEventId: string): string[] {
      return prep<[string], { id: string }>(
          `SELECT id FROM events WHERE type = 'escort_handover' AND json_extract(payload, '$.checkEventId') = ? ORDER BY device_time, received_at, id`,
        )
        .all(checkEventId)
        .map((r) => r.id);
    },
    /** The checks of an enterprise's own passes, newest first. */
    passChecks(enterpriseId: number | undefined, limit: number, offset: number): { items: PassCheck[]; total: number } {
      const from = `FROM events ev JOIN passes p ON p.pass_no = json_extract(ev.payload, '$.passNo')
        JOIN devices d ON d.id = ev.device_id JOIN checkpoints c ON c.id = d.checkpoint_id
        WHERE ev.type = 'check' AND (@enterpriseId IS NULL OR p.enterprise_id = @enterpriseId)`;
      const rows = prep<[{ enterpriseId: number | null; limit: number; offset: number }], { id: string; device_time: string; payload: string; cp_id: number; cp_name: string; cp_location: string }>(
          `SELECT ev.id, ev.device_time, ev.payload, c.id AS cp_id, c.name AS cp_name, c.location AS cp_location ${from}
           ORDER BY ev.device_time DESC, ev.id LIMIT @limit OFFSET @offset`,
        )
        .all({ enterpriseId: enterpriseId ?? null, limit, offset });
      const total = (prep<[{ enterpriseId: number | null }], { n: number }>(`SELECT count(*) AS n ${from}`).get({ enterpriseId: enterpriseId ?? null })!).n;
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
        total,
      };
    },
  };
}
export type EscortsRepo = ReturnType<typeof escortsRepo>;
