import type { Kysely, Selectable } from 'kysely';
import type { UniqueConstraint } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { CarriersTable, CharterPassesTable, DB } from '../../db/tables.js';
import type { DataKey } from '../../security/data-key.js';
import { maskCitizenId, maskPhone } from '../../../core/validate/index.js';
import { ERASED } from '../../../core/audit/retention.js';
import type { Carrier, Need, NeedStatus, PassengerView, RunStatus, Stay } from './schema.js';

/**
 * Item 7's tables (migration 011). Driver and passenger ID numbers and phones are written only as
 * AES-256-GCM ciphertext under their own contexts, exactly as people's are; `id_hmac` is a keyed
 * blind index that finds a duplicate within a run without decrypting. Nothing here returns a full
 * ID number: the masked form, or the last four for the checkpoint seam.
 *
 * Kysely over a Store (issue 16): the same statements on SQLite and PostgreSQL.
 */
const PASSENGER_ID = 'charter.passenger.id_number';
const PASSENGER_PHONE = 'charter.passenger.phone';
const PASSENGER_HMAC = 'charter.passenger.id_hmac';
const DRIVER_ID = 'charter.driver.id_number';
const DRIVER_PHONE = 'charter.driver.phone';

/** The carriers' UNIQUE name and credit code (migrations/011_charter.sql), as each engine names them. */
export const CARRIER_NAME_UNIQUE: UniqueConstraint = { postgres: 'carriers_name_key', sqlite: 'carriers.name' };
export const CARRIER_CREDIT_CODE_UNIQUE: UniqueConstraint = { postgres: 'carriers_credit_code_key', sqlite: 'carriers.credit_code' };

/** Runs whose seats count as offered to a need: the ones that still stand. */
const LIVE_RUNS: readonly RunStatus[] = ['planned', 'confirmed', 'approved'];

// Seats offered count runs that still stand: planned, confirmed or approved. sum() of a BIGINT is
// numeric on PostgreSQL (text through pg): cast back to BIGINT, a number on both engines.
const selectNeeds = (db: Kysely<DB>) =>
  db
    .selectFrom('charter_needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .selectAll('n')
    .select('e.name as enterprise_name')
    .select((eb) =>
      eb
        .cast<number>(
          eb.fn.coalesce(
            eb
              .selectFrom('charter_run_needs as rn')
              .innerJoin('charter_runs as r', 'r.id', 'rn.run_id')
              .select((sb) => sb.fn.sum<number>('rn.seats').as('seats'))
              .whereRef('rn.need_id', '=', 'n.id')
              .where('r.status', 'in', LIVE_RUNS),
            eb.lit(0),
          ),
          'bigint',
        )
        .as('seats_offered'),
    )
    .$narrowType<{ status: NeedStatus }>();
type NeedRow = Awaited<ReturnType<ReturnType<typeof selectNeeds>['executeTakeFirstOrThrow']>>;

const selectRuns = (db: Kysely<DB>) =>
  db
    .selectFrom('charter_runs as r')
    .innerJoin('carriers as c', 'c.id', 'r.carrier_id')
    .selectAll('r')
    .select('c.name as carrier_name')
    .$narrowType<{ status: RunStatus }>();
/** A run with its carrier's name. `redacted_at` is set by the retention run (migration 019): the driver, the manifest and the pass token are erased. */
export type RunRow = Awaited<ReturnType<ReturnType<typeof selectRuns>['executeTakeFirstOrThrow']>>;

const selectRunNeeds = (db: Kysely<DB>) =>
  db
    .selectFrom('charter_run_needs as rn')
    .innerJoin('enterprises as e', 'e.id', 'rn.enterprise_id')
    .selectAll('rn')
    .select(['e.name as enterprise_name', 'e.credit_code'])
    .select((eb) =>
      eb
        .selectFrom('charter_passengers as p')
        .select((sb) => sb.fn.countAll<number>().as('n'))
        .whereRef('p.run_id', '=', 'rn.run_id')
        .whereRef('p.need_id', '=', 'rn.need_id')
        .$asScalar()
        .$notNull()
        .as('passengers'),
    );
export type RunNeedRow = Awaited<ReturnType<ReturnType<typeof selectRunNeeds>['executeTakeFirstOrThrow']>>;

const selectPassengers = (db: Kysely<DB>) =>
  db.selectFrom('charter_passengers as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').selectAll('p').select('e.credit_code');
type PassengerRow = Awaited<ReturnType<ReturnType<typeof selectPassengers>['executeTakeFirstOrThrow']>>;

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
export type CharterPassRow = Selectable<CharterPassesTable>;
export interface NewCharterPass { jti: string; runId: number; kid: string; jws: string; md: string; passengers: number; nbf: number; exp: number; issuedAt: string; issuedBy: number }
export interface RunCheckpoint { id: number; name: string; status: string }

const toCarrier = (r: Selectable<CarriersTable>): Carrier => ({ id: r.id, name: r.name, creditCode: r.credit_code, dutyPhone: r.duty_phone, disabled: r.disabled === 1, createdAt: r.created_at });
const toNeed = (r: NeedRow): Need => ({
  id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, originRegion: r.origin_region, workers: r.workers,
  earliestDate: r.earliest_date, latestDate: r.latest_date, contactName: r.contact_name, contactPhone: r.contact_phone, note: r.note,
  status: r.status, seatsOffered: r.seats_offered, createdAt: r.created_at, updatedAt: r.updated_at,
});

export function charterRepo(store: Store, dataKey: () => DataKey) {
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
    /** Rejects with a UNIQUE violation (CARRIER_NAME_UNIQUE, CARRIER_CREDIT_CODE_UNIQUE) when the name or credit code is taken. */
    async insertCarrier(c: { name: string; creditCode: string; dutyPhone: string }): Promise<Carrier> {
      const row = await store
        .q()
        .insertInto('carriers')
        .values({ name: c.name, credit_code: c.creditCode, duty_phone: c.dutyPhone })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCarrier(row);
    },
    async getCarrier(id: number): Promise<Carrier | undefined> {
      const r = await store.q().selectFrom('carriers').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toCarrier(r);
    },
    /** The carrier with this name or this credit code (the first registered, when two match). */
    async carrierByName(name: string, creditCode: string): Promise<Carrier | undefined> {
      const r = await store
        .q()
        .selectFrom('carriers')
        .selectAll()
        .where((eb) => eb.or([eb('name', '=', name), eb('credit_code', '=', creditCode)]))
        .orderBy('id')
        .executeTakeFirst();
      return r && toCarrier(r);
    },
    async listCarriers(): Promise<Carrier[]> {
      return (await store.q().selectFrom('carriers').selectAll().orderBy('id').execute()).map(toCarrier);
    },

    // ── needs ──
    async insertNeed(n: NewNeed): Promise<Need> {
      const { id } = await store
        .q()
        .insertInto('charter_needs')
        .values({
          enterprise_id: n.enterpriseId, origin_region: n.originRegion, workers: n.workers, earliest_date: n.earliestDate, latest_date: n.latestDate,
          contact_name: n.contactName, contact_phone: n.contactPhone, note: n.note, created_by: n.createdBy, created_at: n.at, updated_at: n.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await this.getNeed(id))!;
    },
    async getNeed(id: number): Promise<Need | undefined> {
      const r = await selectNeeds(store.q()).where('n.id', '=', id).executeTakeFirst();
      return r && toNeed(r);
    },
    /** enterpriseId undefined: every enterprise's (bureau); openOnly: the board carriers see. */
    async listNeeds(f: { enterpriseId?: number | undefined; openOnly?: boolean }): Promise<Need[]> {
      let q = selectNeeds(store.q());
      if (f.enterpriseId !== undefined) q = q.where('n.enterprise_id', '=', f.enterpriseId);
      if (f.openOnly) q = q.where('n.status', 'in', ['open', 'partly_served']).where('e.status', '=', 'approved');
      return (await q.orderBy('n.earliest_date').orderBy('n.id').limit(500).execute()).map(toNeed);
    },
    async setNeedStatus(id: number, status: NeedStatus, at: string): Promise<void> {
      await store
        .q()
        .updateTable('charter_needs')
        .set({ status, updated_at: at, ...(status === 'cancelled' ? { cancelled_at: at } : {}) })
        .where('id', '=', id)
        .execute();
    },

    // ── runs ──
    async insertRun(r: NewRun): Promise<number> {
      const key = dataKey();
      const { id } = await store
        .q()
        .insertInto('charter_runs')
        .values({
          carrier_id: r.carrierId, plate: r.plate, driver_name: r.driverName, driver_id_enc: key.encrypt(r.driverIdNumber, DRIVER_ID),
          driver_id_last4: r.driverIdNumber.slice(-4), driver_phone_enc: key.encrypt(r.driverPhone, DRIVER_PHONE), departure_at: r.departureAt,
          arrival_by: r.arrivalBy, route: r.route, origin_region: r.originRegion, created_by: r.createdBy, created_at: r.at, updated_at: r.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (r.needs.length > 0) {
        await store
          .q()
          .insertInto('charter_run_needs')
          .values(r.needs.map((n) => ({ run_id: id, need_id: n.needId, enterprise_id: n.enterpriseId, seats: n.seats })))
          .execute();
      }
      return id;
    },
    async getRun(id: number): Promise<RunRow | undefined> {
      return selectRuns(store.q()).where('r.id', '=', id).executeTakeFirst();
    },
    async runNeeds(runId: number): Promise<RunNeedRow[]> {
      return selectRunNeeds(store.q()).where('rn.run_id', '=', runId).orderBy('rn.need_id').execute();
    },
    /** Runs of a carrier, runs serving an enterprise, runs in a status, or all; newest departure first. */
    async listRuns(f: { carrierId?: number | undefined; enterpriseId?: number | undefined; status?: RunStatus | undefined }): Promise<RunRow[]> {
      let q = selectRuns(store.q());
      if (f.carrierId !== undefined) q = q.where('r.carrier_id', '=', f.carrierId);
      const enterpriseId = f.enterpriseId;
      if (enterpriseId !== undefined) {
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom('charter_run_needs as rn').select('rn.run_id').whereRef('rn.run_id', '=', 'r.id').where('rn.enterprise_id', '=', enterpriseId)),
        );
      }
      if (f.status !== undefined) q = q.where('r.status', '=', f.status);
      return q.orderBy('r.departure_at', 'desc').orderBy('r.id', 'desc').limit(500).execute();
    },
    async setRunStatus(id: number, status: RunStatus, at: string, decision?: { by: number; reason: string | null }): Promise<void> {
      await store
        .q()
        .updateTable('charter_runs')
        .set({ status, updated_at: at, ...(decision ? { decided_at: at, decided_by: decision.by, decision_reason: decision.reason } : {}) })
        .where('id', '=', id)
        .execute();
    },
    async confirmRunNeed(runId: number, needId: number, by: number, at: string): Promise<void> {
      await store.q().updateTable('charter_run_needs').set({ confirmed_at: at, confirmed_by: by }).where('run_id', '=', runId).where('need_id', '=', needId).execute();
    },
    async clearConfirmation(runId: number, needId: number): Promise<void> {
      await store.q().updateTable('charter_run_needs').set({ confirmed_at: null, confirmed_by: null }).where('run_id', '=', runId).where('need_id', '=', needId).execute();
    },
    /** The driver's phone, masked (decrypted here; no database work, so synchronous). */
    driverPhoneMasked(run: RunRow): string {
      return reveal(run.driver_phone_enc, DRIVER_PHONE, maskPhone);
    },

    // ── approval checkpoints and the charter pass (migration 012) ──
    async setRunCheckpoints(runId: number, checkpointIds: number[]): Promise<void> {
      if (checkpointIds.length === 0) return;
      await store.q().insertInto('charter_run_checkpoints').values(checkpointIds.map((id) => ({ run_id: runId, checkpoint_id: id }))).execute();
    },
    async runCheckpoints(runId: number): Promise<RunCheckpoint[]> {
      return store
        .q()
        .selectFrom('charter_run_checkpoints as rc')
        .innerJoin('checkpoints as c', 'c.id', 'rc.checkpoint_id')
        .select(['c.id', 'c.name', 'c.status'])
        .where('rc.run_id', '=', runId)
        .orderBy('c.name')
        .orderBy('c.id')
        .execute();
    },
    /** A charter pass id is new if neither a charter pass nor a freight pass (they share the revocation feed) uses it. */
    async passIdTaken(jti: string): Promise<boolean> {
      const q = store.q();
      const charter = await q.selectFrom('charter_passes').select('id').where('jti', '=', jti).executeTakeFirst();
      if (charter) return true;
      return (await q.selectFrom('passes').select('id').where('pass_no', '=', jti).executeTakeFirst()) !== undefined;
    },
    async insertPass(p: NewCharterPass): Promise<void> {
      await store
        .q()
        .insertInto('charter_passes')
        .values({ jti: p.jti, run_id: p.runId, kid: p.kid, jws: p.jws, md: p.md, passengers: p.passengers, nbf: p.nbf, exp: p.exp, issued_at: p.issuedAt, issued_by: p.issuedBy })
        .execute();
    },
    async passOfRun(runId: number): Promise<CharterPassRow | undefined> {
      return store.q().selectFrom('charter_passes').selectAll().where('run_id', '=', runId).executeTakeFirst();
    },
    /** Sets the revocation once; false when it was already revoked. */
    async revokePass(runId: number, by: number, reason: string, at: string): Promise<boolean> {
      const r = await store
        .q()
        .updateTable('charter_passes')
        .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
        .where('run_id', '=', runId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /**
     * Approved runs listed at a checkpoint whose pass is in force (not revoked) and whose window
     * [departure, latest arrival) overlaps [from, to) (ISO UTC); earliest departure first.
     */
    async expectedAt(checkpointId: number, from: string, to: string): Promise<{ runId: number; pass: CharterPassRow }[]> {
      const rows = await store
        .q()
        .selectFrom('charter_run_checkpoints as rc')
        .innerJoin('charter_runs as r', 'r.id', 'rc.run_id')
        .innerJoin('charter_passes as p', 'p.run_id', 'r.id')
        .selectAll('p')
        .where('rc.checkpoint_id', '=', checkpointId)
        .where('r.status', '=', 'approved')
        .where('p.revoked_at', 'is', null)
        .where('r.redacted_at', 'is', null)
        .where('r.departure_at', '<', to)
        .where('r.arrival_by', '>', from)
        .orderBy('r.departure_at')
        .orderBy('r.id')
        .execute();
      return rows.map((p) => ({ runId: p.run_id, pass: p }));
    },

    // ── passengers ──
    /** Replaces one need's passenger list on a run as a whole (the manifest is entered per enterprise). */
    async replacePassengers(runId: number, needId: number, enterpriseId: number, list: NewPassenger[], at: string): Promise<void> {
      const key = dataKey();
      await store.q().deleteFrom('charter_passengers').where('run_id', '=', runId).where('need_id', '=', needId).execute();
      if (list.length === 0) return;
      await store
        .q()
        .insertInto('charter_passengers')
        .values(
          list.map((p, i) => ({
            run_id: runId, need_id: needId, enterprise_id: enterpriseId, seq: i + 1, name: p.name, id_number_enc: key.encrypt(p.idNumber, PASSENGER_ID),
            id_hmac: hmac(p.idNumber), id_last4: p.idNumber.slice(-4), phone_enc: key.encrypt(p.phone, PASSENGER_PHONE), origin_region: p.originRegion,
            stays: JSON.stringify(p.stays), created_at: at,
          })),
        )
        .execute();
    },
    /** The blind indexes already on a run for other needs than this one: a person rides once per run. */
    async otherIdHashes(runId: number, needId: number): Promise<Set<string>> {
      const rows = await store.q().selectFrom('charter_passengers').select('id_hmac').where('run_id', '=', runId).where('need_id', '<>', needId).execute();
      return new Set(rows.map((r) => r.id_hmac));
    },
    /** The blind index of an ID number (a keyed hash; no database work, so synchronous). */
    idHash: hmac,
    async passengers(runId: number, enterpriseId?: number): Promise<PassengerView[]> {
      let q = selectPassengers(store.q()).where('p.run_id', '=', runId);
      if (enterpriseId !== undefined) q = q.where('p.enterprise_id', '=', enterpriseId);
      return (await q.orderBy('p.need_id').orderBy('p.seq').execute()).map(toPassenger);
    },
  };
}
export type CharterRepo = ReturnType<typeof charterRepo>;
