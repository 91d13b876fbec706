import type { Db } from '../../db/open.js';
import type { DataKey } from '../../security/data-key.js';
import { maskCitizenId, maskPhone } from '../../../core/validate/index.js';
import { ERASED } from '../../../core/audit/retention.js';
import type { Carrier, Need, NeedStatus, PassengerView, RunStatus, Stay } from './schema.js';

/**
 * Item 7's tables (migration 011). Driver and passenger ID numbers and phones are written only as
 * AES-256-GCM ciphertext under their own contexts, exactly as people's are; `id_hmac` is a keyed
 * blind index that finds a duplicate within a run without decrypting. Nothing here returns a full
 * ID number: the masked form, or the last four for the checkpoint seam.
 */
const PASSENGER_ID = 'charter.passenger.id_number';
const PASSENGER_PHONE = 'charter.passenger.phone';
const PASSENGER_HMAC = 'charter.passenger.id_hmac';
const DRIVER_ID = 'charter.driver.id_number';
const DRIVER_PHONE = 'charter.driver.phone';

interface CarrierRow { id: number; name: string; credit_code: string; duty_phone: string; disabled: number; created_at: string }
interface NeedRow {
  id: number; enterprise_id: number; enterprise_name: string; origin_region: string; workers: number; earliest_date: string; latest_date: string;
  contact_name: string; contact_phone: string; note: string; status: NeedStatus; created_at: string; updated_at: string; seats_offered: number;
}
export interface RunRow {
  id: number; carrier_id: number; carrier_name: string; plate: string; driver_name: string; driver_id_enc: string; driver_id_last4: string;
  driver_phone_enc: string; departure_at: string; arrival_by: string; route: string; origin_region: string; status: RunStatus;
  created_at: string; updated_at: string; decided_at: string | null; decision_reason: string | null;
  /** set by the retention run (migration 019): the driver, the manifest and the pass token are erased */
  redacted_at: string | null;
}
export interface RunNeedRow { run_id: number; need_id: number; enterprise_id: number; enterprise_name: string; credit_code: string; seats: number; confirmed_at: string | null; passengers: number }
interface PassengerRow {
  id: number; run_id: number; need_id: number; enterprise_id: number; seq: number; name: string; id_number_enc: string; id_last4: string;
  phone_enc: string; origin_region: string; stays: string; credit_code: string;
}

export interface NewNeed {
  enterpriseId: number; originRegion: string; workers: number; earliestDate: string; latestDate: string;
  contactName: string; contactPhone: string; note: string; createdBy: number; at: string;
}
export interface NewRun {
  carrierId: number; plate: string; driverName: string; driverIdNumber: string; driverPhone: string; departureAt: string; arrivalBy: string;
  route: string; originRegion: string; createdBy: number; at: string; needs: { needId: number; enterpriseId: number; seats: number }[];
}
export interface NewPassenger { name: string; idNumber: string; phone: string; originRegion: string; stays: Stay[] }

/** A run's charter pass (migration 012): the signed JWS and what it binds. */
export interface CharterPassRow {
  id: number; jti: string; run_id: number; kid: string; jws: string; md: string; passengers: number; nbf: number; exp: number;
  issued_at: string; issued_by: number; revoked_at: string | null; revoked_by: number | null; revoke_reason: string | null;
}
export interface NewCharterPass { jti: string; runId: number; kid: string; jws: string; md: string; passengers: number; nbf: number; exp: number; issuedAt: string; issuedBy: number }
export interface RunCheckpoint { id: number; name: string; status: string }

const toCarrier = (r: CarrierRow): Carrier => ({ id: r.id, name: r.name, creditCode: r.credit_code, dutyPhone: r.duty_phone, disabled: r.disabled === 1, createdAt: r.created_at });
const toNeed = (r: NeedRow): Need => ({
  id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, originRegion: r.origin_region, workers: r.workers,
  earliestDate: r.earliest_date, latestDate: r.latest_date, contactName: r.contact_name, contactPhone: r.contact_phone, note: r.note,
  status: r.status, seatsOffered: r.seats_offered, createdAt: r.created_at, updatedAt: r.updated_at,
});

// Seats offered count runs that still stand: planned, confirmed or approved.
const NEED_SELECT = `SELECT n.*, e.name AS enterprise_name,
  coalesce((SELECT sum(rn.seats) FROM charter_run_needs rn JOIN charter_runs r ON r.id = rn.run_id
            WHERE rn.need_id = n.id AND r.status IN ('planned', 'confirmed', 'approved')), 0) AS seats_offered
  FROM charter_needs n JOIN enterprises e ON e.id = n.enterprise_id`;
const RUN_SELECT = 'SELECT r.*, c.name AS carrier_name FROM charter_runs r JOIN carriers c ON c.id = r.carrier_id';

export function charterRepo(db: Db, dataKey: () => DataKey) {
  // An erased ciphertext column holds the marker (retention, migration 019): shown as is, never decrypted.
  const reveal = (enc: string, context: string, mask: (clear: string) => string): string => (enc === ERASED ? ERASED : mask(dataKey().decrypt(enc, context)));
  const hmac = (idNumber: string) => dataKey().blindIndex(idNumber, PASSENGER_HMAC);
  const toPassenger = (r: PassengerRow): PassengerView => ({
    id: r.id, runId: r.run_id, needId: r.need_id, enterpriseId: r.enterprise_id, seq: r.seq, name: r.name,
    idMasked: reveal(r.id_number_enc, PASSENGER_ID, maskCitizenId), idLast4: r.id_last4,
    phoneMasked: reveal(r.phone_enc, PASSENGER_PHONE, maskPhone), originRegion: r.origin_region,
    stays: JSON.parse(r.stays) as Stay[], creditCode: r.credit_code,
  });

  return {
    // ── carriers ──
    insertCarrier(c: { name: string; creditCode: string; dutyPhone: string }): Carrier {
      const info = db.prepare('INSERT INTO carriers (name, credit_code, duty_phone) VALUES (?, ?, ?)').run(c.name, c.creditCode, c.dutyPhone);
      return this.getCarrier(Number(info.lastInsertRowid))!;
    },
    getCarrier(id: number): Carrier | undefined {
      const r = db.prepare<[number], CarrierRow>('SELECT * FROM carriers WHERE id = ?').get(id);
      return r && toCarrier(r);
    },
    carrierByName(name: string, creditCode: string): Carrier | undefined {
      const r = db.prepare<[string, string], CarrierRow>('SELECT * FROM carriers WHERE name = ? OR credit_code = ?').get(name, creditCode);
      return r && toCarrier(r);
    },
    listCarriers(): Carrier[] {
      return db.prepare<[], CarrierRow>('SELECT * FROM carriers ORDER BY id').all().map(toCarrier);
    },

    // ── needs ──
    insertNeed(n: NewNeed): Need {
      const info = db.prepare(
        `INSERT INTO charter_needs (enterprise_id, origin_region, workers, earliest_date, latest_date, contact_name, contact_phone, note, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(n.enterpriseId, n.originRegion, n.workers, n.earliestDate, n.latestDate, n.contactName, n.contactPhone, n.note, n.createdBy, n.at, n.at);
      return this.getNeed(Number(info.lastInsertRowid))!;
    },
    getNeed(id: number): Need | undefined {
      const r = db.prepare<[number], NeedRow>(`${NEED_SELECT} WHERE n.id = ?`).get(id);
      return r && toNeed(r);
    },
    /** enterpriseId undefined: every enterprise's (bureau); openOnly: the board carriers see. */
    listNeeds(f: { enterpriseId?: number | undefined; openOnly?: boolean }): Need[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (f.enterpriseId !== undefined) { where.push('n.enterprise_id = ?'); args.push(f.enterpriseId); }
      if (f.openOnly) where.push("n.status IN ('open', 'partly_served') AND e.status = 'approved'");
      const sql = `${NEED_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY n.earliest_date, n.id LIMIT 500`;
      return db.prepare<(string | number)[], NeedRow>(sql).all(...args).map(toNeed);
    },
    setNeedStatus(id: number, status: NeedStatus, at: string): void {
      db.prepare(`UPDATE charter_needs SET status = ?, updated_at = ?, cancelled_at = CASE WHEN ? = 'cancelled' THEN ? ELSE cancelled_at END WHERE id = ?`)
        .run(status, at, status, at, id);
    },

    // ── runs ──
    insertRun(r: NewRun): number {
      const key = dataKey();
      const info = db.prepare(
        `INSERT INTO charter_runs (carrier_id, plate, driver_name, driver_id_enc, driver_id_last4, driver_phone_enc, departure_at, arrival_by, route, origin_region, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(r.carrierId, r.plate, r.driverName, key.encrypt(r.driverIdNumber, DRIVER_ID), r.driverIdNumber.slice(-4), key.encrypt(r.driverPhone, DRIVER_PHONE),
        r.departureAt, r.arrivalBy, r.route, r.originRegion, r.createdBy, r.at, r.at);
      const id = Number(info.lastInsertRowid);
      const link = db.prepare('INSERT INTO charter_run_needs (run_id, need_id, enterprise_id, seats) VALUES (?, ?, ?, ?)');
      for (const n of r.needs) link.run(id, n.needId, n.enterpriseId, n.seats);
      return id;
    },
    getRun(id: number): RunRow | undefined {
      return db.prepare<[number], RunRow>(`${RUN_SELECT} WHERE r.id = ?`).get(id);
    },
    runNeeds(runId: number): RunNeedRow[] {
      return db.prepare<[number], RunNeedRow>(
        `SELECT rn.*, e.name AS enterprise_name, e.credit_code,
           (SELECT count(*) FROM charter_passengers p WHERE p.run_id = rn.run_id AND p.need_id = rn.need_id) AS passengers
         FROM charter_run_needs rn JOIN enterprises e ON e.id = rn.enterprise_id WHERE rn.run_id = ? ORDER BY rn.need_id`,
      ).all(runId);
    },
    /** Runs of a carrier, runs serving an enterprise, runs in a status, or all; newest departure first. */
    listRuns(f: { carrierId?: number | undefined; enterpriseId?: number | undefined; status?: RunStatus | undefined }): RunRow[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (f.carrierId !== undefined) { where.push('r.carrier_id = ?'); args.push(f.carrierId); }
      if (f.enterpriseId !== undefined) { where.push('EXISTS (SELECT 1 FROM charter_run_needs rn WHERE rn.run_id = r.id AND rn.enterprise_id = ?)'); args.push(f.enterpriseId); }
      if (f.status !== undefined) { where.push('r.status = ?'); args.push(f.status); }
      const sql = `${RUN_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.departure_at DESC, r.id DESC LIMIT 500`;
      return db.prepare<(string | number)[], RunRow>(sql).all(...args);
    },
    setRunStatus(id: number, status: RunStatus, at: string, decision?: { by: number; reason: string | null }): void {
      if (decision) {
        db.prepare('UPDATE charter_runs SET status = ?, updated_at = ?, decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ?')
          .run(status, at, at, decision.by, decision.reason, id);
      } else db.prepare('UPDATE charter_runs SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    },
    confirmRunNeed(runId: number, needId: number, by: number, at: string): void {
      db.prepare('UPDATE charter_run_needs SET confirmed_at = ?, confirmed_by = ? WHERE run_id = ? AND need_id = ?').run(at, by, runId, needId);
    },
    clearConfirmation(runId: number, needId: number): void {
      db.prepare('UPDATE charter_run_needs SET confirmed_at = NULL, confirmed_by = NULL WHERE run_id = ? AND need_id = ?').run(runId, needId);
    },
    driverPhoneMasked(run: RunRow): string {
      return reveal(run.driver_phone_enc, DRIVER_PHONE, maskPhone);
    },

    // ── approval checkpoints and the charter pass (migration 012) ──
    setRunCheckpoints(runId: number, checkpointIds: number[]): void {
      const insert = db.prepare('INSERT INTO charter_run_checkpoints (run_id, checkpoint_id) VALUES (?, ?)');
      for (const id of checkpointIds) insert.run(runId, id);
    },
    runCheckpoints(runId: number): RunCheckpoint[] {
      return db.prepare<[number], RunCheckpoint>(
        `SELECT c.id, c.name, c.status FROM charter_run_checkpoints rc JOIN checkpoints c ON c.id = rc.checkpoint_id
         WHERE rc.run_id = ? ORDER BY c.name, c.id`,
      ).all(runId);
    },
    /** A charter pass id is new if neither a charter pass nor a freight pass (they share the revocation feed) uses it. */
    passIdTaken(jti: string): boolean {
      return db.prepare('SELECT 1 FROM charter_passes WHERE jti = ? UNION ALL SELECT 1 FROM passes WHERE pass_no = ?').get(jti, jti) !== undefined;
    },
    insertPass(p: NewCharterPass): void {
      db.prepare(
        `INSERT INTO charter_passes (jti, run_id, kid, jws, md, passengers, nbf, exp, issued_at, issued_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(p.jti, p.runId, p.kid, p.jws, p.md, p.passengers, p.nbf, p.exp, p.issuedAt, p.issuedBy);
    },
    passOfRun(runId: number): CharterPassRow | undefined {
      return db.prepare<[number], CharterPassRow>('SELECT * FROM charter_passes WHERE run_id = ?').get(runId);
    },
    /** Sets the revocation once; false when it was already revoked. */
    revokePass(runId: number, by: number, reason: string, at: string): boolean {
      return db.prepare('UPDATE charter_passes SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE run_id = ? AND revoked_at IS NULL')
        .run(at, by, reason, runId).changes === 1;
    },
    /**
     * Approved runs listed at a checkpoint whose pass is in force (not revoked) and whose window
     * [departure, latest arrival) overlaps [from, to) (ISO UTC); earliest departure first.
     */
    expectedAt(checkpointId: number, from: string, to: string): { runId: number; pass: CharterPassRow }[] {
      const rows = db.prepare<[number, string, string], CharterPassRow>(
        `SELECT p.* FROM charter_run_checkpoints rc
           JOIN charter_runs r ON r.id = rc.run_id
           JOIN charter_passes p ON p.run_id = r.id
         WHERE rc.checkpoint_id = ? AND r.status = 'approved' AND p.revoked_at IS NULL AND r.redacted_at IS NULL
           AND r.departure_at < ? AND r.arrival_by > ?
         ORDER BY r.departure_at, r.id`,
      ).all(checkpointId, to, from);
      return rows.map((p) => ({ runId: p.run_id, pass: p }));
    },

    // ── passengers ──
    /** Replaces one need's passenger list on a run as a whole (the manifest is entered per enterprise). */
    replacePassengers(runId: number, needId: number, enterpriseId: number, list: NewPassenger[], at: string): void {
      const key = dataKey();
      db.prepare('DELETE FROM charter_passengers WHERE run_id = ? AND need_id = ?').run(runId, needId);
      const insert = db.prepare(
        `INSERT INTO charter_passengers (run_id, need_id, enterprise_id, seq, name, id_number_enc, id_hmac, id_last4, phone_enc, origin_region, stays, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      list.forEach((p, i) => insert.run(runId, needId, enterpriseId, i + 1, p.name, key.encrypt(p.idNumber, PASSENGER_ID), hmac(p.idNumber),
        p.idNumber.slice(-4), key.encrypt(p.phone, PASSENGER_PHONE), p.originRegion, JSON.stringify(p.stays), at));
    },
    /** The blind indexes already on a run for other needs than this one: a person rides once per run. */
    otherIdHashes(runId: number, needId: number): Set<string> {
      const rows = db.prepare<[number, number], { id_hmac: string }>('SELECT id_hmac FROM charter_passengers WHERE run_id = ? AND need_id <> ?').all(runId, needId);
      return new Set(rows.map((r) => r.id_hmac));
    },
    idHash: hmac,
    passengers(runId: number, enterpriseId?: number): PassengerView[] {
      const sql = `SELECT p.*, e.credit_code FROM charter_passengers p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.run_id = ?${enterpriseId === undefined ? '' : ' AND p.enterprise_id = ?'} ORDER BY p.need_id, p.seq`;
      const args = enterpriseId === undefined ? [runId] : [runId, enterpriseId];
      return db.prepare<number[], PassengerRow>(sql).all(...args).map(toPassenger);
    },
  };
}
export type CharterRepo = ReturnType<typeof charterRepo>;
