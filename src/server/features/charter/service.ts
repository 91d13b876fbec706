import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { notFound, Problem, type FieldIssue } from '../../problem.js';
import { chinaDayNumber } from '../../../core/rules/key-area.js';
import { isBureau } from '../enterprises/scope.js';
import type { UsersService } from '../users/service.js';
import type { CreateUserInput, User } from '../users/schema.js';
import type { RunNeedRow, RunRow } from './repository.js';
import { assertRunVisible, ownCarrierId, ownEnterprise, partyOf } from './scope.js';
import { canonicalManifest, manifestDigest, type ManifestPassenger } from '../../../core/charter/manifest.js';
import { readManifest } from './manifest/rows.js';
import { uploadedRows } from './manifest/upload.js';
import {
  CHARTER_LIMITS,
  type Carrier, type CarrierInput, type CheckpointManifest, type Need, type NeedInput, type NeedStatus,
  type PassengerInput, type RunInput, type RunStatus, type RunView,
} from './schema.js';

const DAY_MS = 86_400_000;
/** A China calendar date (YYYY-MM-DD) of an instant. */
export const chinaDate = (at: Date | number) => new Date(chinaDayNumber(typeof at === 'number' ? at : at.getTime()) * DAY_MS).toISOString().slice(0, 10);

const wrongStep = (detail: 'charter.err.run_step' | 'charter.err.need_step' | 'charter.err.need_has_runs') => new Problem('charter_wrong_step', { detail });
const LIVE: readonly RunStatus[] = ['planned', 'confirmed', 'approved'];

export function charterService(repos: Repos, users: UsersService, now: () => Date = () => new Date()) {
  const c = repos.charter;

  function loadRun(actor: UserActor, id: number): { run: RunRow; needs: RunNeedRow[] } {
    const run = c.getRun(id);
    if (!run) throw notFound();
    const needs = c.runNeeds(id);
    assertRunVisible(partyOf(actor), run, needs);
    return { run, needs };
  }

  /** A need's status follows from the seats live runs offer it; a cancelled need stays cancelled. */
  function refreshNeed(needId: number, at: string): void {
    const need = c.getNeed(needId)!;
    if (need.status === 'cancelled') return;
    const status: NeedStatus = need.seatsOffered >= need.workers ? 'served' : need.seatsOffered > 0 ? 'partly_served' : 'open';
    if (status !== need.status) c.setNeedStatus(needId, status, at);
  }

  function view(actor: UserActor, run: RunRow, needs: RunNeedRow[]): RunView {
    const party = partyOf(actor);
    const mine = party.kind === 'enterprise' ? needs.filter((n) => n.enterprise_id === party.enterpriseId) : needs;
    // A carrier drives the coach but keeps no one's personal data: it sees counts, never the list.
    const passengers = party.kind === 'bureau' ? c.passengers(run.id) : party.kind === 'enterprise' ? c.passengers(run.id, party.enterpriseId) : [];
    return {
      id: run.id, carrierId: run.carrier_id, carrierName: run.carrier_name, plate: run.plate, driverName: run.driver_name,
      driverIdLast4: run.driver_id_last4, driverPhoneMasked: c.driverPhoneMasked(run), departureAt: run.departure_at, arrivalBy: run.arrival_by,
      route: run.route, originRegion: run.origin_region, status: run.status, decidedAt: run.decided_at, decisionReason: run.decision_reason,
      needs: mine.map((n) => ({ needId: n.need_id, enterpriseId: n.enterprise_id, enterpriseName: n.enterprise_name, seats: n.seats, passengers: n.passengers, confirmedAt: n.confirmed_at })),
      passengerCount: needs.reduce((s, n) => s + n.passengers, 0),
      passengers,
    };
  }

  /** Stores one need's list on a run, replacing the previous one; `rows` names each passenger's row in an upload. */
  function storePassengers(actor: UserActor, runId: number, needId: number, list: PassengerInput[], source: 'form' | 'csv' | 'xlsx', rows: number[] | null, ip: string) {
    const enterpriseId = ownEnterprise(actor);
    return repos.tx(() => {
      const { run, needs } = loadRun(actor, runId);
      const link = needs.find((n) => n.need_id === needId && n.enterprise_id === enterpriseId);
      if (!link) throw notFound();
      if (run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
      const where = (i: number, column: string) => (rows ? `rows.${rows[i]}.${column}` : `passengers.${i}.${column}`);
      const errors: FieldIssue[] = [];
      if (list.length > link.seats) errors.push({ path: rows ? 'content' : 'passengers', message: 'charter.manifest.over_seats', params: { count: list.length, seats: link.seats } });
      const today = chinaDate(now());
      const taken = c.otherIdHashes(runId, needId);
      const seen = new Map<string, number>();
      list.forEach((p, i) => {
        const hash = c.idHash(p.idNumber);
        if (taken.has(hash)) errors.push({ path: where(i, 'idNumber'), message: 'charter.manifest.on_run' });
        else if (seen.has(hash)) errors.push({ path: where(i, 'idNumber'), message: 'charter.manifest.duplicate_id', params: { row: rows ? rows[seen.get(hash)!]! : seen.get(hash)! + 1 } });
        seen.set(hash, i);
        if (p.stays.some((s) => s.lastDay > today)) errors.push({ path: where(i, 'stays'), message: 'charter.manifest.stay_future' });
      });
      if (errors.length) throw new Problem('manifest_invalid', { errors });
      const at = now().toISOString();
      const replaced = link.passengers;
      c.replacePassengers(runId, needId, enterpriseId, list, at);
      // A changed list is not the one confirmed: the enterprise confirms again, the bureau waits for it.
      c.clearConfirmation(runId, needId);
      if (run.status === 'confirmed') c.setRunStatus(runId, 'planned', at);
      repos.audit.record({ actor, action: 'charter.manifest_set', subjectId: runId, enterpriseId, ip, detail: { needId, passengers: list.length, source, replaced } });
      return view(actor, c.getRun(runId)!, c.runNeeds(runId));
    });
  }

  /** The approved run's manifest in canonical order and the passenger row of each place, without the digest (synchronous). */
  function approvedPlaces(runId: number): Omit<ApprovedManifest, 'md'> | null {
    const run = c.getRun(runId);
    if (!run || run.status !== 'approved') return null;
    const rows = c.passengers(runId);
    const entries = rows.map((p) => ({
      id: p.id,
      m: { name: p.name, id4: p.idLast4, org: p.originRegion, stays: p.stays.map((s) => ({ region: s.code, lastDay: s.lastDay })), ent: p.creditCode } as ManifestPassenger,
    }));
    const manifest = canonicalManifest(entries.map((e) => e.m));
    // canonicalManifest sorts copies; pair each place with a row by content (identical entries are interchangeable).
    const unused = [...entries];
    const key = (m: ManifestPassenger) => JSON.stringify([m.ent, m.id4, m.name, m.org, [...m.stays].sort((a, b) => (`${a.lastDay} ${a.region}` < `${b.lastDay} ${b.region}` ? -1 : 1))]);
    const passengerIds = manifest.map((m) => {
      const i = unused.findIndex((e) => key(e.m) === key(m));
      return unused.splice(i, 1)[0]!.id;
    });
    return { runId, manifest, passengerIds };
  }

  return {
    // ── carriers (the bureau's registry) ──
    registerCarrier(actor: UserActor, input: CarrierInput, ip: string): Carrier {
      return repos.tx(() => {
        if (c.carrierByName(input.name, input.creditCode)) throw new Problem('conflict', { errors: [{ path: 'name', message: 'charter.err.carrier_exists' }] });
        const carrier = c.insertCarrier(input);
        repos.audit.record({ actor, action: 'carrier.register', subjectId: carrier.id, ip, detail: { name: carrier.name, creditCode: carrier.creditCode } });
        return carrier;
      });
    },
    listCarriers: (): Carrier[] => c.listCarriers(),
    getCarrier(id: number): Carrier {
      const carrier = c.getCarrier(id);
      if (!carrier) throw notFound();
      return carrier;
    },

    listCarrierUsers(id: number): User[] {
      this.getCarrier(id);
      return repos.users.listByCarrier(id);
    },
    /** A carrier account with a one-time password (shown once), like an enterprise's. */
    async createCarrierUser(actor: UserActor, id: number, input: CreateUserInput, ip: string) {
      if (!isBureau(actor)) throw new Problem('forbidden');
      this.getCarrier(id);
      return users.create(actor, { ...input, role: 'carrier_user', enterpriseId: null, carrierId: id }, ip);
    },

    // ── needs ──
    postNeed(actor: UserActor, input: NeedInput, ip: string): Need {
      const enterpriseId = ownEnterprise(actor);
      if (input.earliestDate < chinaDate(now())) throw new Problem('validation', { errors: [{ path: 'earliestDate', message: 'charter.err.date_past' }] });
      return repos.tx(() => {
        // Only a resumed-work enterprise (复工备案 approved) may bring workers back.
        if (repos.enterprises.get(enterpriseId)?.status !== 'approved') throw new Problem('forbidden', { detail: 'charter.err.need_step' });
        const need = c.insertNeed({ ...input, enterpriseId, createdBy: actor.user.id, at: now().toISOString() });
        repos.audit.record({ actor, action: 'charter.need_post', subjectId: need.id, enterpriseId, ip, detail: { originRegion: need.originRegion, workers: need.workers, earliestDate: need.earliestDate, latestDate: need.latestDate } });
        return need;
      });
    },

    cancelNeed(actor: UserActor, id: number, ip: string): Need {
      const enterpriseId = ownEnterprise(actor);
      return repos.tx(() => {
        const need = c.getNeed(id);
        if (!need || need.enterpriseId !== enterpriseId) throw notFound();
        if (need.status === 'cancelled') throw wrongStep('charter.err.need_step');
        if (need.seatsOffered > 0) throw wrongStep('charter.err.need_has_runs');
        c.setNeedStatus(id, 'cancelled', now().toISOString());
        repos.audit.record({ actor, action: 'charter.need_cancel', subjectId: id, enterpriseId, ip, detail: { from: need.status } });
        return c.getNeed(id)!;
      });
    },

    /** The bureau: all; an enterprise: its own; a carrier: the board open to every carrier. */
    listNeeds(actor: UserActor): Need[] {
      const party = partyOf(actor);
      if (party.kind === 'bureau') return c.listNeeds({});
      if (party.kind === 'enterprise') return c.listNeeds({ enterpriseId: party.enterpriseId });
      return c.listNeeds({ openOnly: true });
    },

    getNeed(actor: UserActor, id: number): Need {
      const need = c.getNeed(id);
      if (!need) throw notFound();
      const party = partyOf(actor);
      if (party.kind === 'enterprise' && need.enterpriseId !== party.enterpriseId) throw notFound();
      if (party.kind === 'carrier') {
        const open = (need.status === 'open' || need.status === 'partly_served') && repos.enterprises.get(need.enterpriseId)?.status === 'approved';
        const served = c.listRuns({ carrierId: party.carrierId }).some((r) => c.runNeeds(r.id).some((n) => n.need_id === id));
        if (!open && !served) throw notFound();
      }
      return need;
    },

    // ── runs ──
    planRun(actor: UserActor, input: RunInput, ip: string): RunView {
      const carrierId = ownCarrierId(actor);
      const departure = new Date(input.departureAt);
      const arrival = new Date(input.arrivalBy);
      const errors: FieldIssue[] = [];
      if (departure.getTime() <= now().getTime()) errors.push({ path: 'departureAt', message: 'charter.err.departure_past' });
      const hours = (arrival.getTime() - departure.getTime()) / 3_600_000;
      if (!(hours > 0 && hours <= CHARTER_LIMITS.maxRunHours)) errors.push({ path: 'arrivalBy', message: 'charter.err.window', params: { hours: CHARTER_LIMITS.maxRunHours } });
      const total = input.needs.reduce((s, n) => s + n.seats, 0);
      if (total > CHARTER_LIMITS.maxSeats) errors.push({ path: 'needs', message: 'charter.err.seats_total', params: { max: CHARTER_LIMITS.maxSeats } });
      return repos.tx(() => {
        if (repos.charter.getCarrier(carrierId)?.disabled) throw new Problem('forbidden');
        const day = chinaDate(departure);
        const seen = new Set<number>();
        const needs: Need[] = [];
        input.needs.forEach((n, i) => {
          const need = c.getNeed(n.needId);
          const path = `needs.${i}.needId`;
          if (seen.has(n.needId)) return void errors.push({ path, message: 'charter.err.need_twice' });
          seen.add(n.needId);
          const open = need && (need.status === 'open' || need.status === 'partly_served') && repos.enterprises.get(need.enterpriseId)?.status === 'approved';
          if (!need || !open) return void errors.push({ path, message: 'charter.err.need_unavailable' });
          if (need.originRegion !== (needs[0]?.originRegion ?? need.originRegion)) errors.push({ path, message: 'charter.err.need_region' });
          if (n.seats > need.workers - need.seatsOffered) errors.push({ path: `needs.${i}.seats`, message: 'charter.err.seats_over_need', params: { left: need.workers - need.seatsOffered } });
          if (day < need.earliestDate || day > need.latestDate) errors.push({ path: 'departureAt', message: 'charter.err.departure_dates' });
          needs.push(need);
        });
        if (errors.length) throw new Problem(errors.some((e) => e.message === 'charter.err.need_unavailable') ? 'conflict' : 'validation', { errors });
        const at = now().toISOString();
        const id = c.insertRun({
          carrierId, plate: input.plate, driverName: input.driverName, driverIdNumber: input.driverIdNumber, driverPhone: input.driverPhone,
          departureAt: departure.toISOString(), arrivalBy: arrival.toISOString(), route: input.route, originRegion: needs[0]!.originRegion,
          createdBy: actor.user.id, at, needs: input.needs.map((n, i) => ({ needId: n.needId, enterpriseId: needs[i]!.enterpriseId, seats: n.seats })),
        });
        for (const n of needs) refreshNeed(n.id, at);
        repos.audit.record({ actor, action: 'charter.run_plan', subjectId: id, ip, detail: { carrierId, plate: input.plate, driverIdLast4: input.driverIdNumber.slice(-4), departureAt: departure.toISOString(), needs: input.needs } });
        return view(actor, c.getRun(id)!, c.runNeeds(id));
      });
    },

    cancelRun(actor: UserActor, id: number, ip: string): RunView {
      ownCarrierId(actor);
      return repos.tx(() => {
        const { run, needs } = loadRun(actor, id);
        if (run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
        const at = now().toISOString();
        c.setRunStatus(id, 'cancelled', at);
        for (const n of needs) refreshNeed(n.need_id, at);
        repos.audit.record({ actor, action: 'charter.run_cancel', subjectId: id, ip, detail: { from: run.status } });
        return view(actor, c.getRun(id)!, needs);
      });
    },

    getRun(actor: UserActor, id: number): RunView {
      const { run, needs } = loadRun(actor, id);
      return view(actor, run, needs);
    },

    listRuns(actor: UserActor, status?: RunStatus): RunView[] {
      const party = partyOf(actor);
      const rows = c.listRuns({
        status,
        carrierId: party.kind === 'carrier' ? party.carrierId : undefined,
        enterpriseId: party.kind === 'enterprise' ? party.enterpriseId : undefined,
      });
      return rows.map((r) => view(actor, r, c.runNeeds(r.id)));
    },

    setPassengers: (actor: UserActor, runId: number, needId: number, list: PassengerInput[], ip: string) =>
      storePassengers(actor, runId, needId, list, 'form', null, ip),

    /** A spreadsheet upload: every row is checked before anything is stored; one bad row refuses the file. */
    uploadManifest(actor: UserActor, runId: number, needId: number, format: 'csv' | 'xlsx', content: string, ip: string): RunView {
      ownEnterprise(actor);
      loadRun(actor, runId);
      const sheet = uploadedRows(format, content);
      const result = readManifest(sheet);
      if (result.passengers === null) throw new Problem('manifest_invalid', { errors: result.errors });
      // Row numbers as in the file, for errors found against the run (someone already on it, seats).
      return storePassengers(actor, runId, needId, result.passengers, format, sheet.slice(1).map((r) => r.row), ip);
    },

    /** The enterprise confirms the run for all its needs on it, each with its passenger list. */
    confirmRun(actor: UserActor, id: number, ip: string): RunView {
      const enterpriseId = ownEnterprise(actor);
      return repos.tx(() => {
        const { run, needs } = loadRun(actor, id);
        if (run.status !== 'planned') throw wrongStep('charter.err.run_step');
        const mine = needs.filter((n) => n.enterprise_id === enterpriseId);
        if (mine.some((n) => n.passengers === 0)) throw new Problem('charter_wrong_step', { detail: 'charter.err.confirm_empty' });
        const at = now().toISOString();
        for (const n of mine) c.confirmRunNeed(id, n.need_id, actor.user.id, at);
        const after = c.runNeeds(id);
        const allConfirmed = after.every((n) => n.confirmed_at !== null);
        if (allConfirmed) c.setRunStatus(id, 'confirmed', at);
        repos.audit.record({ actor, action: 'charter.run_confirm', subjectId: id, enterpriseId, ip, detail: { needIds: mine.map((n) => n.need_id), passengers: mine.reduce((s, n) => s + n.passengers, 0), allConfirmed } });
        return view(actor, c.getRun(id)!, after);
      });
    },

    approveRun(actor: UserActor, id: number, reason: string | undefined, ip: string): RunView {
      if (!isBureau(actor)) throw new Problem('forbidden');
      return repos.tx(() => {
        const { run, needs } = loadRun(actor, id);
        if (run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
        // As for passes: a suspended enterprise's waiting runs cannot be approved (reinstated, they can).
        if (needs.some((n) => repos.enterprises.get(n.enterprise_id)?.status !== 'approved')) {
          throw new Problem('charter_wrong_step', { detail: 'charter.err.enterprise_not_approved' });
        }
        c.setRunStatus(id, 'approved', now().toISOString(), { by: actor.user.id, reason: reason || null });
        repos.audit.record({ actor, action: 'charter.run_approve', subjectId: id, reason: reason || null, ip, detail: { plate: run.plate, passengers: needs.reduce((s, n) => s + n.passengers, 0) } });
        return view(actor, c.getRun(id)!, needs);
      });
    },

    rejectRun(actor: UserActor, id: number, reason: string, ip: string): RunView {
      if (!isBureau(actor)) throw new Problem('forbidden');
      return repos.tx(() => {
        const { run, needs } = loadRun(actor, id);
        if (run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
        const at = now().toISOString();
        c.setRunStatus(id, 'rejected', at, { by: actor.user.id, reason });
        // The seats it offered are free again for other runs.
        for (const n of needs) refreshNeed(n.need_id, at);
        repos.audit.record({ actor, action: 'charter.run_reject', subjectId: id, reason, ip, detail: { plate: run.plate, from: run.status } });
        return view(actor, c.getRun(id)!, needs);
      });
    },

    /**
     * THE SEAM for the charter pass and the checkpoint scanners (not built here): what they need of
     * an approved run, with no full ID number and no phone. Null for a run that is not approved.
     * No actor: its callers (pass signing, the device sync) decide who may receive it.
     */
    checkpointManifest(runId: number): CheckpointManifest | null {
      const run = c.getRun(runId);
      if (!run || run.status !== 'approved') return null;
      const needs = c.runNeeds(runId);
      const passengers = c.passengers(runId);
      const destinations = [...new Map(needs.map((n) => [n.credit_code, { creditCode: n.credit_code, name: n.enterprise_name }])).values()];
      return {
        runId: run.id, plate: run.plate, driver: { name: run.driver_name, id4: run.driver_id_last4 },
        passengerCount: passengers.length, validFrom: run.departure_at, validTo: run.arrival_by, originRegion: run.origin_region, destinations,
        passengers: passengers.map((p) => ({ name: p.name, id4: p.idLast4, originRegion: p.originRegion, stays: p.stays, creditCode: p.creditCode })),
      };
    },

    /**
     * The approved run's manifest as the charter pass and the checkpoints see
     * it (docs/charter-pass.md, section 4): canonical order, its digest, and for
     * each place in that order the passenger row it came from, so a device event
     * that names "passenger 3" of digest `md` finds its person. Null unless approved.
     */
    async approvedManifest(runId: number): Promise<ApprovedManifest | null> {
      const places = approvedPlaces(runId);
      return places && { ...places, md: await manifestDigest(places.manifest) };
    },

    /** approvedManifest without the digest, synchronously (for code inside a transaction, e.g. the custody projector). */
    approvedPlaces,
  };
}
export type CharterService = ReturnType<typeof charterService>;
export interface ApprovedManifest {
  runId: number;
  /** canonical order; place i is 乘客 i+1 on the checklist */
  manifest: ManifestPassenger[];
  /** charter_passengers.id of each place */
  passengerIds: number[];
  md: string;
}

