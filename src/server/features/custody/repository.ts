import type { Db } from '../../db/open.js';
import { maskIdLast4 } from '../../../core/validate/mask.js';
import type { IsolationRecord } from '../isolation/schema.js';
import type { CharterCheckFlag, CharterCheckFlagKind, CustodyStatus } from './schema.js';

interface TaskRow {
  id: number; run_id: number; passenger_id: number; place: number; enterprise_id: number; event_id: string; device_id: string;
  checkpoint_id: number; handed_over_at: string; created_at: string;
  plate: string; passenger_name: string; id_last4: string; enterprise_name: string; checkpoint_name: string; checkpoint_location: string;
  iso_place: string | null; start_date: string | null; planned_end: string | null; responsible: string | null; recorded_at: string | null; ended_on: string | null;
}

/** A custody task as stored, before the clock says what is overdue. */
export interface CustodyRecord {
  id: number;
  runId: number;
  plate: string;
  place: number;
  passenger: { id: number; name: string; idMasked: string };
  enterpriseId: number;
  enterpriseName: string;
  checkpoint: { id: number; name: string; location: string };
  eventId: string;
  handedOverAt: string;
  createdAt: string;
  isolation: IsolationRecord | null;
}

export interface NewCustody {
  runId: number; passengerId: number; place: number; enterpriseId: number; eventId: string; deviceId: string; checkpointId: number; handedOverAt: string; at: string;
}

export interface CustodyFilter {
  enterpriseId?: number | undefined;
  status?: CustodyStatus | 'active' | 'all';
  ids?: number[];
}

const SELECT = `SELECT t.*, r.plate, p.name AS passenger_name, p.id_last4, e.name AS enterprise_name, c.name AS checkpoint_name, c.location AS checkpoint_location,
    i.place AS iso_place, i.start_date, i.planned_end, i.responsible, i.recorded_at, i.ended_on
  FROM charter_custody t
  JOIN charter_runs r ON r.id = t.run_id
  JOIN charter_passengers p ON p.id = t.passenger_id
  JOIN enterprises e ON e.id = t.enterprise_id
  JOIN checkpoints c ON c.id = t.checkpoint_id
  LEFT JOIN charter_custody_isolations i ON i.custody_id = t.id`;

const STATUS_SQL = `CASE WHEN i.id IS NULL THEN 'unrecorded' WHEN i.ended_on IS NULL THEN 'isolating' ELSE 'ended' END`;

const toRecord = (r: TaskRow): CustodyRecord => ({
  id: r.id,
  runId: r.run_id,
  plate: r.plate,
  place: r.place,
  passenger: { id: r.passenger_id, name: r.passenger_name, idMasked: maskIdLast4(r.id_last4) },
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  checkpoint: { id: r.checkpoint_id, name: r.checkpoint_name, location: r.checkpoint_location },
  eventId: r.event_id,
  handedOverAt: r.handed_over_at,
  createdAt: r.created_at,
  isolation:
    r.iso_place === null
      ? null
      : { place: r.iso_place, startDate: r.start_date!, plannedEnd: r.planned_end!, responsible: r.responsible!, recordedAt: r.recorded_at!, endedOn: r.ended_on },
});

interface FlagRow {
  event_id: string; kind: CharterCheckFlagKind; place: number; detail: string; created_at: string; device_time: string;
  checkpoint_id: number; checkpoint_name: string; run_id: string | null; plate: string; decision: string;
}

/** Custody tasks, their isolation records and the charter check flags (migrations/013_charter_checks.sql). */
export function custodyRepo(db: Db) {
  const where = `WHERE (@enterpriseId IS NULL OR t.enterprise_id = @enterpriseId)
      AND (@status = 'all' OR (@status = 'active' AND ${STATUS_SQL} <> 'ended') OR ${STATUS_SQL} = @status)
      AND (@ids IS NULL OR t.id IN (SELECT value FROM json_each(@ids)))`;
  const args = (f: CustodyFilter) => ({ enterpriseId: f.enterpriseId ?? null, status: f.status ?? 'all', ids: f.ids ? JSON.stringify(f.ids) : null });

  return {
    /**
     * One task per (run, passenger). A check of the same coach with a later (device time, event id)
     * changes nothing; an earlier one, stored later, moves the hand-over to it while no isolation is
     * recorded, so the end state does not depend on the order of uploads.
     */
    insert(t: NewCustody): { id: number; change: 'created' | 'moved' | 'none' } {
      const existing = db.prepare<[number, number], { id: number }>('SELECT id FROM charter_custody WHERE run_id = ? AND passenger_id = ?').get(t.runId, t.passengerId);
      if (!existing) {
        const info = db
          .prepare(
            `INSERT INTO charter_custody (run_id, passenger_id, place, enterprise_id, event_id, device_id, checkpoint_id, handed_over_at, created_at)
             VALUES (@runId, @passengerId, @place, @enterpriseId, @eventId, @deviceId, @checkpointId, @handedOverAt, @at)`,
          )
          .run(t);
        return { id: Number(info.lastInsertRowid), change: 'created' };
      }
      const moved = db
        .prepare(
          `UPDATE charter_custody SET event_id = @eventId, device_id = @deviceId, checkpoint_id = @checkpointId, handed_over_at = @handedOverAt
           WHERE id = @id AND (@handedOverAt, @eventId) < (handed_over_at, event_id)
             AND NOT EXISTS (SELECT 1 FROM charter_custody_isolations i WHERE i.custody_id = charter_custody.id)`,
        )
        .run({ id: existing.id, eventId: t.eventId, deviceId: t.deviceId, checkpointId: t.checkpointId, handedOverAt: t.handedOverAt });
      return { id: existing.id, change: moved.changes === 1 ? 'moved' : 'none' };
    },
    get(id: number): CustodyRecord | undefined {
      const r = db.prepare<[number], TaskRow>(`${SELECT} WHERE t.id = ?`).get(id);
      return r && toRecord(r);
    },
    /** Unrecorded first (oldest hand-over first), then isolating, then ended; newest first within those. */
    list(f: CustodyFilter & { limit?: number; offset?: number }): { items: CustodyRecord[]; total: number } {
      const a = args(f);
      const items = db
        .prepare<[typeof a & { limit: number; offset: number }], TaskRow>(
          `${SELECT} ${where}
           ORDER BY CASE ${STATUS_SQL} WHEN 'unrecorded' THEN 0 WHEN 'isolating' THEN 1 ELSE 2 END,
             CASE WHEN i.id IS NULL THEN t.handed_over_at END ASC, t.handed_over_at DESC, t.id DESC
           LIMIT @limit OFFSET @offset`,
        )
        .all({ ...a, limit: f.limit ?? -1, offset: f.offset ?? 0 })
        .map(toRecord);
      const total = db.prepare<[typeof a], { n: number }>(`SELECT count(*) AS n FROM charter_custody t LEFT JOIN charter_custody_isolations i ON i.custody_id = t.id ${where}`).get(a)!.n;
      return { items, total };
    },
    insertIsolation(custodyId: number, iso: { place: string; startDate: string; plannedEnd: string; responsible: string }, by: number, at: string): void {
      db.prepare(
        `INSERT INTO charter_custody_isolations (custody_id, place, start_date, planned_end, responsible, recorded_at, recorded_by)
         VALUES (@custodyId, @place, @startDate, @plannedEnd, @responsible, @at, @by)`,
      ).run({ custodyId, ...iso, at, by });
    },
    endIsolation(custodyId: number, endedOn: string, by: number, at: string): void {
      db.prepare('UPDATE charter_custody_isolations SET ended_on = @endedOn, end_recorded_at = @at, ended_by = @by WHERE custody_id = @custodyId').run({ custodyId, endedOn, at, by });
    },

    /** Records that a task passed a limit; false when already recorded. */
    recordOverdue(custodyId: number, kind: string, since: string, at: string): boolean {
      return db.prepare('INSERT INTO charter_custody_overdue (custody_id, kind, since, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (custody_id, kind) DO NOTHING').run(custodyId, kind, since, at).changes === 1;
    },

    /** The server's own enterprise of each passenger of a run (never the device's `ent`). */
    passengerEnterprises(runId: number): Map<number, number> {
      const rows = db.prepare<[number], { id: number; enterprise_id: number }>('SELECT id, enterprise_id FROM charter_passengers WHERE run_id = ?').all(runId);
      return new Map(rows.map((r) => [r.id, r.enterprise_id]));
    },

    /** Writes a flag once (a re-projected event adds nothing); returns whether it is new. */
    flag(f: { eventId: string; kind: CharterCheckFlagKind; place?: number; detail: Record<string, unknown>; at: string }): boolean {
      return (
        db
          .prepare('INSERT INTO charter_check_flags (event_id, kind, place, detail, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, kind, place) DO NOTHING')
          .run(f.eventId, f.kind, f.place ?? -1, JSON.stringify(f.detail), f.at).changes === 1
      );
    },
    flags(f: { limit: number; offset?: number }): { items: CharterCheckFlag[]; total: number } {
      const items = db
        .prepare<[number, number], FlagRow>(
          `SELECT f.*, ev.device_time, d.checkpoint_id, c.name AS checkpoint_name,
             json_extract(ev.payload, '$.runId') AS run_id, json_extract(ev.payload, '$.plate') AS plate, json_extract(ev.payload, '$.decision') AS decision
           FROM charter_check_flags f JOIN events ev ON ev.id = f.event_id JOIN devices d ON d.id = ev.device_id JOIN checkpoints c ON c.id = d.checkpoint_id
           ORDER BY f.created_at DESC, f.id DESC LIMIT ? OFFSET ?`,
        )
        .all(f.limit, f.offset ?? 0)
        .map((r) => ({
          eventId: r.event_id, kind: r.kind, place: r.place < 0 ? null : r.place, detail: JSON.parse(r.detail) as Record<string, unknown>, createdAt: r.created_at,
          deviceTime: r.device_time, checkpoint: { id: r.checkpoint_id, name: r.checkpoint_name }, runId: r.run_id, plate: r.plate, decision: r.decision,
        }));
      const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM charter_check_flags').get()!.n;
      return { items, total };
    },
    /** Charter checks with neither a task nor a flag from them: stored before this feature, or by a path without it. */
    unprojected(): string[] {
      return db
        .prepare<[], { id: string }>(
          `SELECT e.id FROM events e WHERE e.type = 'charter_check'
             AND NOT EXISTS (SELECT 1 FROM charter_custody t WHERE t.event_id = e.id)
             AND NOT EXISTS (SELECT 1 FROM charter_check_flags f WHERE f.event_id = e.id)
           ORDER BY e.received_at, e.id`,
        )
        .all()
        .map((r) => r.id);
    },
  };
}
export type CustodyRepo = ReturnType<typeof custodyRepo>;
