import { sql, type Updateable } from 'kysely';
import { containsText, type UniqueConstraint } from '../../db/dialect.js';
import type { Store } from '../../db/store.js';
import type { PassesTable } from '../../db/tables.js';
import type { ApplicationInput, Pass, PassListFilter, PassStatus } from './schema.js';
import { maskIdLast4 } from '../../../core/validate/index.js';
import { AUDIT_CHAIN_LOCK_KEY } from '../audit/repository.js';
import { chinaDate, lastDay } from '../../views/time.js';

interface CrewRow {
  pass_id: number;
  person_id: number;
  position: number;
  role: string;
  name: string;
  id_last4: string;
}

export interface PassFilter {
  enterpriseId?: number | undefined;
  status?: PassListFilter | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The pass number's UNIQUE (migrations/002_passes.sql), as each engine names it. */
export const PASS_NO_UNIQUE: UniqueConstraint = { postgres: 'passes_pass_no_key', sqlite: 'passes.pass_no' };

/**
 * The PostgreSQL advisory lock (transaction-level) that orders the revocation feed across nodes: "kakou" +
 * "rv" in hex, apart from the other advisory locks. Taken before a revocation takes its version, held to the
 * commit: versions are then handed out in commit order, so a scanner that has read up to N never misses a
 * revocation committed later with a version below N. Taken after the audit chain's lock (AUDIT_CHAIN_LOCK_KEY),
 * always in that order. On SQLite, BEGIN IMMEDIATE already serialises writers.
 */
export const REVOCATIONS_LOCK_KEY = 0x6b616b6f7276;

/** Columns a service may set with transition / setFields (names are code, never input). */
export type PassFields = Partial<Omit<Updateable<PassesTable>, 'id' | 'status'>>;

export function passesRepo(store: Store) {
  const selectPasses = () =>
    store
      .q()
      .selectFrom('passes as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .innerJoin('vehicles as v', 'v.id', 'p.vehicle_id')
      .selectAll('p')
      .select(['e.name as enterprise_name', 'v.plate as plate']);
  type PassRow = Awaited<ReturnType<ReturnType<typeof selectPasses>['executeTakeFirstOrThrow']>>;

  /** The crews of these passes, driver first: one query for a whole page. */
  async function crewsOf(ids: readonly number[]): Promise<Map<number, CrewRow[]>> {
    const crews = new Map<number, CrewRow[]>();
    if (ids.length === 0) return crews;
    const rows = await store
      .q()
      .selectFrom('pass_people as pp')
      .innerJoin('people as pe', 'pe.id', 'pp.person_id')
      .select(['pp.pass_id', 'pp.person_id', 'pp.position', 'pp.role', 'pe.name', 'pe.id_last4'])
      .where('pp.pass_id', 'in', [...ids])
      .orderBy('pp.pass_id')
      .orderBy('pp.position')
      .execute();
    for (const r of rows) {
      const list = crews.get(r.pass_id) ?? [];
      list.push(r);
      crews.set(r.pass_id, list);
    }
    return crews;
  }

  const toPass = (r: PassRow, crew: readonly CrewRow[], now: number): Pass => ({
    id: r.id,
    passNo: r.pass_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    people: crew.map((c) => ({ personId: c.person_id, name: c.name, role: c.role as 'driver' | 'escort', idMasked: maskIdLast4(c.id_last4) })),
    status: r.status as PassStatus,
    displayStatus: r.status === 'issued' && Date.parse(r.valid_to) <= now ? 'expired' : (r.status as PassStatus),
    validFrom: r.valid_from,
    validity: { firstDay: chinaDate(r.valid_from), lastDay: lastDay(r.valid_to) },
    validTo: r.valid_to,
    originRegion: r.origin_region,
    destination: r.destination,
    cargoCategory: r.cargo_category as Pass['cargoCategory'],
    routeNote: r.route_note,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    rejectReason: r.reject_reason,
    kid: r.kid,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    cancelRequestedAt: r.cancel_requested_at,
    cancelReason: r.cancel_reason,
    replacesId: r.replaces_id,
    replacedById: r.replaced_by_id,
  });

  async function toPasses(rows: readonly PassRow[], now: number): Promise<Pass[]> {
    const crews = await crewsOf(rows.map((r) => r.id));
    return rows.map((r) => toPass(r, crews.get(r.id) ?? [], now));
  }
  const one = async (r: PassRow | undefined, now: number) => (r ? (await toPasses([r], now))[0] : undefined);

  return {
    async get(id: number, now = Date.now()): Promise<Pass | undefined> {
      return one(await selectPasses().where('p.id', '=', id).executeTakeFirst(), now);
    },
    async getByPassNo(passNo: string, now = Date.now()): Promise<Pass | undefined> {
      return one(await selectPasses().where('p.pass_no', '=', passNo).executeTakeFirst(), now);
    },
    /** Driver first, then escorts: the names and ID last 4 a pass's token carries. */
    async tokenCrew(id: number): Promise<Array<{ name: string; id4: string }>> {
      return ((await crewsOf([id])).get(id) ?? []).map((c) => ({ name: c.name, id4: c.id_last4 }));
    },
    async token(id: number): Promise<string | null> {
      return (await store.q().selectFrom('passes').select('token').where('id', '=', id).executeTakeFirst())?.token ?? null;
    },
    async list(f: PassFilter, now = Date.now()): Promise<{ items: Pass[]; total: number }> {
      const nowIso = new Date(now).toISOString();
      // issued/expired/cancel_requested are views over the stored status and the validity window.
      // The search takes the user's text literally and ignores ASCII case on both engines (containsText).
      const filtered = <Q extends ReturnType<typeof selectPasses>>(q: Q): Q => {
        let r = q;
        if (f.enterpriseId !== undefined) r = r.where('p.enterprise_id', '=', f.enterpriseId) as Q;
        const s = f.status;
        if (s === 'issued') r = r.where('p.status', '=', 'issued').where('p.valid_to', '>', nowIso) as Q;
        else if (s === 'expired') r = r.where('p.status', '=', 'issued').where('p.valid_to', '<=', nowIso) as Q;
        else if (s === 'cancel_requested') r = r.where('p.status', '=', 'issued').where('p.cancel_requested_at', 'is not', null) as Q;
        else if (s) r = r.where('p.status', '=', s) as Q;
        const text = f.q;
        if (text) r = r.where((eb) => eb.or([containsText(eb.ref('v.plate'), text), eb('p.pass_no', '=', text), containsText(eb.ref('e.name'), text)])) as Q;
        return r;
      };
      // The approval queue reads oldest first; everything else newest first. Passes submitted in the same
      // millisecond tie: the id settles their order, so an offset page never repeats or skips one.
      let page = filtered(selectPasses());
      page =
        f.status === 'submitted' || f.status === 'cancel_requested'
          ? page.orderBy((eb) => eb.fn.coalesce('p.cancel_requested_at', 'p.submitted_at'), 'asc').orderBy('p.id', 'asc')
          : page.orderBy('p.id', 'desc');
      const rows = await page.limit(f.limit).offset(f.offset).execute();
      const { n } = await filtered(selectPasses())
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: await toPasses(rows, now), total: Number(n) };
    },
    async insert(p: { passNo: string; enterpriseId: number; createdBy: number; input: ApplicationInput; validFrom: string; validTo: string; replacesId?: number | null }): Promise<number> {
      const { id } = await store
        .q()
        .insertInto('passes')
        .values({
          pass_no: p.passNo,
          enterprise_id: p.enterpriseId,
          vehicle_id: p.input.vehicleId,
          status: 'draft',
          valid_from: p.validFrom,
          valid_to: p.validTo,
          origin_region: p.input.originRegion,
          destination: p.input.destination,
          cargo_category: p.input.cargoCategory,
          route_note: p.input.routeNote,
          created_by: p.createdBy,
          replaces_id: p.replacesId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.setCrew(id, p.input.driverId, p.input.escortIds);
      return id;
    },
    async update(id: number, input: ApplicationInput, validFrom: string, validTo: string): Promise<void> {
      await store
        .q()
        .updateTable('passes')
        .set({
          vehicle_id: input.vehicleId,
          valid_from: validFrom,
          valid_to: validTo,
          origin_region: input.originRegion,
          destination: input.destination,
          cargo_category: input.cargoCategory,
          route_note: input.routeNote,
        })
        .where('id', '=', id)
        .execute();
      await this.setCrew(id, input.driverId, input.escortIds);
    },
    async setCrew(id: number, driverId: number, escortIds: number[]): Promise<void> {
      await store.q().deleteFrom('pass_people').where('pass_id', '=', id).execute();
      await store
        .q()
        .insertInto('pass_people')
        .values([{ pass_id: id, person_id: driverId, position: 0, role: 'driver' }, ...escortIds.map((pid, i) => ({ pass_id: id, person_id: pid, position: i + 1, role: 'escort' }))])
        .execute();
    },
    /** Moves status only from the expected one; returns false when another request got there first. */
    async transition(id: number, from: PassStatus, to: PassStatus, fields: PassFields = {}): Promise<boolean> {
      const r = await store.q().updateTable('passes').set({ ...fields, status: to }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setFields(id: number, fields: PassFields): Promise<void> {
      await store.q().updateTable('passes').set(fields).where('id', '=', id).execute();
    },
    /** Issued passes of an enterprise whose validity has not ended at `nowIso`. */
    async inForceOf(enterpriseId: number, nowIso: string): Promise<Pass[]> {
      const rows = await selectPasses().where('p.enterprise_id', '=', enterpriseId).where('p.status', '=', 'issued').where('p.valid_to', '>', nowIso).orderBy('p.id').execute();
      return toPasses(rows, Date.parse(nowIso));
    },
    /**
     * Appends to the revocation feed; returns the entry's version. On PostgreSQL the feed's lock first (see
     * REVOCATIONS_LOCK_KEY), so call it inside store.transaction: the version is taken under the lock and
     * the lock is held until the commit.
     */
    async addRevocation(passNo: string, reason: string, expiresAt: number): Promise<number> {
      if (store.engine === 'postgres') {
        if (!store.inTransaction()) throw new Error('passes.addRevocation: inside store.transaction on PostgreSQL (the feed lock is held to the commit)');
        // The audit chain's lock first: a revocation records itself, and a pass approved in place of another
        // records pass.issue before revoking the old one. Taken in one order, chain then feed, the two cannot
        // wait on each other (PostgreSQL would abort one as a deadlock).
        await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(store.q());
        await sql`SELECT pg_advisory_xact_lock(${REVOCATIONS_LOCK_KEY})`.execute(store.q());
      }
      const { version } = await store.q().insertInto('revocations').values({ pass_no: passNo, reason, expires_at: expiresAt }).returning('version').executeTakeFirstOrThrow();
      return version;
    },
    async revocationsSince(since: number, limit: number): Promise<Array<{ version: number; passNo: string; revokedAt: string; reason: string; expiresAt: number }>> {
      const rows = await store.q().selectFrom('revocations').selectAll().where('version', '>', since).orderBy('version').limit(limit).execute();
      return rows.map((r) => ({ version: r.version, passNo: r.pass_no, revokedAt: r.revoked_at, reason: r.reason, expiresAt: r.expires_at }));
    },
    async revocationVersion(): Promise<number> {
      const r = await store
        .q()
        .selectFrom('revocations')
        .select((eb) => eb.fn.coalesce(eb.fn.max('version'), sql<number>`0`).as('v'))
        .executeTakeFirstOrThrow();
      return Number(r.v);
    },
    async setting(key: string): Promise<string | undefined> {
      return (await store.q().selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
    },
  };
}
export type PassesRepo = ReturnType<typeof passesRepo>;
