import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { notFound, Problem, type FieldIssue } from '../../problem.js';
import { chinaDayNumber } from '../../../core/rules/key-area.js';
import { isBureau } from '../enterprises/scope.js';
import type { UsersService } from '../users/service.js';
import type { CreateUserInput, User } from '../users/schema.js';
import { CARRIER_CREDIT_CODE_UNIQUE, CARRIER_NAME_UNIQUE, type RunNeedRow, type RunRow } from './repository.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { assertRunVisible, ownCarrierId, ownEnterprise, partyOf } from './scope.js';
import { canonicalManifest, manifestDigest, type ManifestPassenger } from '../../../core/charter/manifest.js';
import { ERASED } from '../../../core/audit/retention.js';
import { CharterError } from '../../../core/charter/errors.js';
import { signCharterPass } from '../../../core/charter/sign.js';
import type { KeysService } from '../keys/service.js';
import { newPassNumber } from '../passes/service.js';
import { signCharterRuns } from '../../../core/charter/runs-sign.js';
import { CHARTER_RUNS_VERSION, type CharterRun, type CharterRuns } from '../../../core/charter/runs.js';
import { DEVICE_CHARTER_LOOKAHEAD_SEC } from '../../../core/sync/charter-runs.js';
import { sha256 } from '../../security/tokens.js';
import { servedDocument, type SignedDocument } from '../trust/signed-documents.js';
import { readManifest } from './manifest/rows.js';
import { uploadedRows } from './manifest/upload.js';
import {
  CHARTER_LIMITS,
  type Carrier, type CarrierInput, type CheckpointManifest, type Need, type NeedInput, type NeedStatus,
  type ApproveInput, type PassengerInput, type RunInput, type RunStatus, type RunView,
} from './schema.js';

/** What the charter service needs of the keys feature: the active `pass` key, and recording what it signed. */
export type CharterKeys = Pick<KeysService, 'activeSigner' | 'recordSigned'>;

const DAY_MS = 86_400_000;
/** A China calendar date (YYYY-MM-DD) of an instant. */
export const chinaDate = (at: Date | number) => new Date(chinaDayNumber(typeof at === 'number' ? at : at.getTime()) * DAY_MS).toISOString().slice(0, 10);

const wrongStep = (detail: 'charter.err.run_step' | 'charter.err.need_step' | 'charter.err.need_has_runs' | 'charter.err.no_pass' | 'charter.err.pass_revoked' | 'charter.err.pass_erased') => new Problem('charter_wrong_step', { detail });
const LIVE: readonly RunStatus[] = ['planned', 'confirmed', 'approved'];

/**
 * Lifetime of an expected-runs document: a day. Runs enter it DEVICE_CHARTER_LOOKAHEAD_SEC (a day)
 * before their departure, so a scanner that syncs at least once within that lookahead holds every
 * run it will see; each run carries its own window (`from`, `until`). Unchanged content is served
 * with the same bytes and ETag until half the lifetime has passed, then re-signed.
 */
export const CHARTER_RUNS_TTL_SEC = 24 * 3600;

/** The signed expected-runs document as served. */
export type SignedCharterRuns = SignedDocument;

export function charterService(repos: Repos, users: UsersService, keys: CharterKeys, now: () => Date = () => new Date()) {
  const c = repos.charter;

  /**
   * A run's manifest in canonical order (docs/charter-pass.md, section 4) with the passenger row of
   * each place. The approval checks inside its transaction that the list it signed is still the
   * run's; approvedManifest() adds the digest for approved runs.
   */
  async function manifestOf(runId: number): Promise<{ manifest: ManifestPassenger[]; passengerIds: number[] }> {
    const rows = await c.passengers(runId);
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
    return { manifest, passengerIds };
  }

  /** The entry checkpoints chosen at approval: each must exist and not be closed, none twice. */
  async function checkCheckpoints(ids: number[]): Promise<void> {
    const errors: FieldIssue[] = [];
    const seen = new Set<number>();
    for (const [i, id] of ids.entries()) {
      const cp = await repos.checkpoints.get(id);
      if (seen.has(id)) errors.push({ path: `checkpointIds.${i}`, message: 'charter.err.checkpoint_twice' });
      else if (!cp || cp.status === 'closed') errors.push({ path: `checkpointIds.${i}`, message: 'charter.err.checkpoint_unavailable' });
      seen.add(id);
    }
    if (ids.length === 0) errors.push({ path: 'checkpointIds', message: 'charter.err.checkpoint_required' });
    if (errors.length) throw new Problem('validation', { errors });
  }

  const approved = async (enterpriseId: number) => (await repos.enterprises.get(enterpriseId))?.status === 'approved';
  const notApprovable = async (needs: RunNeedRow[]) => {
    for (const n of needs) if (!(await approved(n.enterprise_id))) return true;
    return false;
  };

  async function loadRun(actor: UserActor, id: number): Promise<{ run: RunRow; needs: RunNeedRow[] }> {
    const run = await c.getRun(id);
    if (!run) throw notFound();
    const needs = await c.runNeeds(id);
    assertRunVisible(partyOf(actor), run, needs);
    return { run, needs };
  }

  /** A need's status follows from the seats live runs offer it; a cancelled need stays cancelled. */
  async function refreshNeed(needId: number, at: string): Promise<void> {
    const need = (await c.getNeed(needId))!;
    if (need.status === 'cancelled') return;
    const status: NeedStatus = need.seatsOffered >= need.workers ? 'served' : need.seatsOffered > 0 ? 'partly_served' : 'open';
    if (status !== need.status) await c.setNeedStatus(needId, status, at);
  }

  async function view(actor: UserActor, run: RunRow, needs: RunNeedRow[]): Promise<RunView> {
    const party = partyOf(actor);
    const mine = party.kind === 'enterprise' ? needs.filter((n) => n.enterprise_id === party.enterpriseId) : needs;
    // A carrier drives the coach but keeps no one's personal data: it sees counts, never the list.
    const passengers = party.kind === 'bureau' ? await c.passengers(run.id) : party.kind === 'enterprise' ? await c.passengers(run.id, party.enterpriseId) : [];
    return {
      id: run.id, carrierId: run.carrier_id, carrierName: run.carrier_name, plate: run.plate, driverName: run.driver_name,
      driverIdLast4: run.driver_id_last4, driverPhoneMasked: c.driverPhoneMasked(run), departureAt: run.departure_at, arrivalBy: run.arrival_by,
      route: run.route, originRegion: run.origin_region, status: run.status, decidedAt: run.decided_at, decisionReason: run.decision_reason,
      needs: mine.map((n) => ({ needId: n.need_id, enterpriseId: n.enterprise_id, enterpriseName: n.enterprise_name, seats: n.seats, passengers: n.passengers, confirmedAt: n.confirmed_at })),
      passengerCount: needs.reduce((s, n) => s + n.passengers, 0),
      passengers,
      checkpoints: (await c.runCheckpoints(run.id)).map((cp) => ({ id: cp.id, name: cp.name })),
      pass: await passView(run.id, party.kind === 'bureau'),
    };
  }

  /** Every party sees whether the pass is issued or revoked; the officer's reason only the bureau. */
  async function passView(runId: number, bureau: boolean): Promise<RunView['pass']> {
    const p = await c.passOfRun(runId);
    if (!p) return null;
    return {
      jti: p.jti, issuedAt: p.issued_at, validFrom: new Date(p.nbf * 1000).toISOString(), validTo: new Date(p.exp * 1000).toISOString(),
      passengers: p.passengers, revokedAt: p.revoked_at, revokeReason: bureau ? p.revoke_reason : null,
    };
  }

  /** Stores one need's list on a run, replacing the previous one; `rows` names each passenger's row in an upload. */
  function storePassengers(actor: UserActor, runId: number, needId: number, list: PassengerInput[], source: 'form' | 'csv' | 'xlsx', rows: number[] | null, ip: string): Promise<RunView> {
    const enterpriseId = ownEnterprise(actor);
    return repos.store.transaction(async () => {
      const { run, needs } = await loadRun(actor, runId);
      const link = needs.find((n) => n.need_id === needId && n.enterprise_id === enterpriseId);
      if (!link) throw notFound();
      if (run.redacted_at !== null || run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
      const where = (i: number, column: string) => (rows ? `rows.${rows[i]}.${column}` : `passengers.${i}.${column}`);
      const errors: FieldIssue[] = [];
      if (list.length > link.seats) errors.push({ path: rows ? 'content' : 'passengers', message: 'charter.manifest.over_seats', params: { count: list.length, seats: link.seats } });
      const today = chinaDate(now());
      const taken = await c.otherIdHashes(runId, needId);
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
      await c.replacePassengers(runId, needId, enterpriseId, list, at);
      // A changed list is not the one confirmed: the enterprise confirms again, the bureau waits for it.
      await c.clearConfirmation(runId, needId);
      if (run.status === 'confirmed') await c.setRunStatus(runId, 'planned', at);
      await repos.audit.record({ actor, action: 'charter.manifest_set', subjectId: runId, enterpriseId, ip, detail: { needId, passengers: list.length, source, replaced } });
      return view(actor, (await c.getRun(runId))!, await c.runNeeds(runId));
    });
  }

  /** The approved run's manifest in canonical order and the passenger row of each place, without the digest (database work only). */
  async function approvedPlaces(runId: number): Promise<Omit<ApprovedManifest, 'md'> | null> {
    const run = await c.getRun(runId);
    // An erased run (retention) has no manifest left to sign, serve or match a check against.
    if (!run || run.status !== 'approved' || run.redacted_at !== null) return null;
    return { runId, ...(await manifestOf(runId)) };
  }

  return {
    // ── carriers (the bureau's registry) ──
    async registerCarrier(actor: UserActor, input: CarrierInput, ip: string): Promise<Carrier> {
      const exists = () => new Problem('conflict', { errors: [{ path: 'name', message: 'charter.err.carrier_exists' }] });
      return repos.store.transaction(async () => {
        if (await c.carrierByName(input.name, input.creditCode)) throw exists();
        let carrier: Carrier;
        try {
          carrier = await c.insertCarrier(input);
        } catch (error) {
          // Two registrations at once both pass the check on PostgreSQL; the second breaks a UNIQUE and answers as the check would.
          if (isUniqueViolation(error, CARRIER_NAME_UNIQUE) || isUniqueViolation(error, CARRIER_CREDIT_CODE_UNIQUE)) throw exists();
          throw error;
        }
        await repos.audit.record({ actor, action: 'carrier.register', subjectId: carrier.id, ip, detail: { name: carrier.name, creditCode: carrier.creditCode } });
        return carrier;
      });
    },
    listCarriers: (): Promise<Carrier[]> => c.listCarriers(),
    async getCarrier(id: number): Promise<Carrier> {
      const carrier = await c.getCarrier(id);
      if (!carrier) throw notFound();
      return carrier;
    },

    async listCarrierUsers(id: number): Promise<User[]> {
      await this.getCarrier(id);
      return repos.users.listByCarrier(id);
    },
    /** A carrier account with a one-time password (shown once), like an enterprise's. */
    async createCarrierUser(actor: UserActor, id: number, input: CreateUserInput, ip: string) {
      if (!isBureau(actor)) throw new Problem('forbidden');
      await this.getCarrier(id);
      return users.create(actor, { ...input, role: 'carrier_user', enterpriseId: null, carrierId: id }, ip);
    },

    // ── needs ──
    async postNeed(actor: UserActor, input: NeedInput, ip: string): Promise<Need> {
      const enterpriseId = ownEnterprise(actor);
      if (input.earliestDate < chinaDate(now())) throw new Problem('validation', { errors: [{ path: 'earliestDate', message: 'charter.err.date_past' }] });
      return repos.store.transaction(async () => {
        // Only a resumed-work enterprise (复工备案 approved) may bring workers back.
        if (!(await approved(enterpriseId))) throw new Problem('forbidden', { detail: 'charter.err.need_step' });
        const need = await c.insertNeed({ ...input, enterpriseId, createdBy: actor.user.id, at: now().toISOString() });
        await repos.audit.record({ actor, action: 'charter.need_post', subjectId: need.id, enterpriseId, ip, detail: { originRegion: need.originRegion, workers: need.workers, earliestDate: need.earliestDate, latestDate: need.latestDate } });
        return need;
      });
    },

    async cancelNeed(actor: UserActor, id: number, ip: string): Promise<Need> {
      const enterpriseId = ownEnterprise(actor);
      return repos.store.transaction(async () => {
        const need = await c.getNeed(id);
        if (!need || need.enterpriseId !== enterpriseId) throw notFound();
        if (need.status === 'cancelled') throw wrongStep('charter.err.need_step');
        if (need.seatsOffered > 0) throw wrongStep('charter.err.need_has_runs');
        await c.setNeedStatus(id, 'cancelled', now().toISOString());
        await repos.audit.record({ actor, action: 'charter.need_cancel', subjectId: id, enterpriseId, ip, detail: { from: need.status } });
        return (await c.getNeed(id))!;
      });
    },

    /** The bureau: all; an enterprise: its own; a carrier: the board open to every carrier. */
    async listNeeds(actor: UserActor): Promise<Need[]> {
      const party = partyOf(actor);
      if (party.kind === 'bureau') return c.listNeeds({});
      if (party.kind === 'enterprise') return c.listNeeds({ enterpriseId: party.enterpriseId });
      return c.listNeeds({ openOnly: true });
    },

    async getNeed(actor: UserActor, id: number): Promise<Need> {
      const need = await c.getNeed(id);
      if (!need) throw notFound();
      const party = partyOf(actor);
      if (party.kind === 'enterprise' && need.enterpriseId !== party.enterpriseId) throw notFound();
      if (party.kind === 'carrier') {
        const open = (need.status === 'open' || need.status === 'partly_served') && (await approved(need.enterpriseId));
        let served = false;
        for (const r of await c.listRuns({ carrierId: party.carrierId })) {
          if ((await c.runNeeds(r.id)).some((n) => n.need_id === id)) {
            served = true;
            break;
          }
        }
        if (!open && !served) throw notFound();
      }
      return need;
    },

    // ── runs ──
    async planRun(actor: UserActor, input: RunInput, ip: string): Promise<RunView> {
      const carrierId = ownCarrierId(actor);
      const departure = new Date(input.departureAt);
      const arrival = new Date(input.arrivalBy);
      const errors: FieldIssue[] = [];
      if (departure.getTime() <= now().getTime()) errors.push({ path: 'departureAt', message: 'charter.err.departure_past' });
      const hours = (arrival.getTime() - departure.getTime()) / 3_600_000;
      if (!(hours > 0 && hours <= CHARTER_LIMITS.maxRunHours)) errors.push({ path: 'arrivalBy', message: 'charter.err.window', params: { hours: CHARTER_LIMITS.maxRunHours } });
      const total = input.needs.reduce((s, n) => s + n.seats, 0);
      if (total > CHARTER_LIMITS.maxSeats) errors.push({ path: 'needs', message: 'charter.err.seats_total', params: { max: CHARTER_LIMITS.maxSeats } });
      return repos.store.transaction(async () => {
        if ((await repos.charter.getCarrier(carrierId))?.disabled) throw new Problem('forbidden');
        const day = chinaDate(departure);
        const seen = new Set<number>();
        const needs: Need[] = [];
        for (const [i, n] of input.needs.entries()) {
          const need = await c.getNeed(n.needId);
          const path = `needs.${i}.needId`;
          if (seen.has(n.needId)) { errors.push({ path, message: 'charter.err.need_twice' }); continue; }
          seen.add(n.needId);
          const open = need && (need.status === 'open' || need.status === 'partly_served') && (await approved(need.enterpriseId));
          if (!need || !open) { errors.push({ path, message: 'charter.err.need_unavailable' }); continue; }
          if (need.originRegion !== (needs[0]?.originRegion ?? need.originRegion)) errors.push({ path, message: 'charter.err.need_region' });
          if (n.seats > need.workers - need.seatsOffered) errors.push({ path: `needs.${i}.seats`, message: 'charter.err.seats_over_need', params: { left: need.workers - need.seatsOffered } });
          if (day < need.earliestDate || day > need.latestDate) errors.push({ path: 'departureAt', message: 'charter.err.departure_dates' });
          needs.push(need);
        }
        if (errors.length) throw new Problem(errors.some((e) => e.message === 'charter.err.need_unavailable') ? 'conflict' : 'validation', { errors });
        const at = now().toISOString();
        const id = await c.insertRun({
          carrierId, plate: input.plate, driverName: input.driverName, driverIdNumber: input.driverIdNumber, driverPhone: input.driverPhone,
          departureAt: departure.toISOString(), arrivalBy: arrival.toISOString(), route: input.route, originRegion: needs[0]!.originRegion,
          createdBy: actor.user.id, at, needs: input.needs.map((n, i) => ({ needId: n.needId, enterpriseId: needs[i]!.enterpriseId, seats: n.seats })),
        });
        for (const n of needs) await refreshNeed(n.id, at);
        await repos.audit.record({ actor, action: 'charter.run_plan', subjectId: id, ip, detail: { carrierId, plate: input.plate, driverIdLast4: input.driverIdNumber.slice(-4), departureAt: departure.toISOString(), needs: input.needs } });
        return view(actor, (await c.getRun(id))!, await c.runNeeds(id));
      });
    },

    async cancelRun(actor: UserActor, id: number, ip: string): Promise<RunView> {
      ownCarrierId(actor);
      return repos.store.transaction(async () => {
        const { run, needs } = await loadRun(actor, id);
        if (run.redacted_at !== null || run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
        const at = now().toISOString();
        await c.setRunStatus(id, 'cancelled', at);
        for (const n of needs) await refreshNeed(n.need_id, at);
        await repos.audit.record({ actor, action: 'charter.run_cancel', subjectId: id, ip, detail: { from: run.status } });
        return view(actor, (await c.getRun(id))!, needs);
      });
    },

    async getRun(actor: UserActor, id: number): Promise<RunView> {
      const { run, needs } = await loadRun(actor, id);
      return view(actor, run, needs);
    },

    async listRuns(actor: UserActor, status?: RunStatus): Promise<RunView[]> {
      const party = partyOf(actor);
      const rows = await c.listRuns({
        status,
        carrierId: party.kind === 'carrier' ? party.carrierId : undefined,
        enterpriseId: party.kind === 'enterprise' ? party.enterpriseId : undefined,
      });
      const views: RunView[] = [];
      for (const r of rows) views.push(await view(actor, r, await c.runNeeds(r.id)));
      return views;
    },

    setPassengers: (actor: UserActor, runId: number, needId: number, list: PassengerInput[], ip: string) =>
      storePassengers(actor, runId, needId, list, 'form', null, ip),

    /** A spreadsheet upload: every row is checked before anything is stored; one bad row refuses the file. */
    async uploadManifest(actor: UserActor, runId: number, needId: number, format: 'csv' | 'xlsx', content: string, ip: string): Promise<RunView> {
      ownEnterprise(actor);
      await loadRun(actor, runId);
      const sheet = uploadedRows(format, content);
      const result = readManifest(sheet);
      if (result.passengers === null) throw new Problem('manifest_invalid', { errors: result.errors });
      // Row numbers as in the file, for errors found against the run (someone already on it, seats).
      return storePassengers(actor, runId, needId, result.passengers, format, sheet.slice(1).map((r) => r.row), ip);
    },

    /** The enterprise confirms the run for all its needs on it, each with its passenger list. */
    async confirmRun(actor: UserActor, id: number, ip: string): Promise<RunView> {
      const enterpriseId = ownEnterprise(actor);
      return repos.store.transaction(async () => {
        const { run, needs } = await loadRun(actor, id);
        if (run.redacted_at !== null || run.status !== 'planned') throw wrongStep('charter.err.run_step');
        const mine = needs.filter((n) => n.enterprise_id === enterpriseId);
        if (mine.some((n) => n.passengers === 0)) throw new Problem('charter_wrong_step', { detail: 'charter.err.confirm_empty' });
        const at = now().toISOString();
        for (const n of mine) await c.confirmRunNeed(id, n.need_id, actor.user.id, at);
        const after = await c.runNeeds(id);
        const allConfirmed = after.every((n) => n.confirmed_at !== null);
        if (allConfirmed) await c.setRunStatus(id, 'confirmed', at);
        await repos.audit.record({ actor, action: 'charter.run_confirm', subjectId: id, enterpriseId, ip, detail: { needIds: mine.map((n) => n.need_id), passengers: mine.reduce((s, n) => s + n.passengers, 0), allConfirmed } });
        return view(actor, (await c.getRun(id))!, after);
      });
    },

    /**
     * Approves a confirmed run, fixes the entry checkpoints where the coach is expected, and issues
     * its charter pass, all in one transaction. The pass is signed first (signing is asynchronous);
     * the transaction then checks that the run and its manifest are still what was signed.
     */
    async approveRun(actor: UserActor, id: number, input: ApproveInput, ip: string): Promise<RunView> {
      if (!isBureau(actor)) throw new Problem('forbidden');
      const { run, needs } = await loadRun(actor, id);
      if (run.redacted_at !== null || run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
      // As for passes: a suspended enterprise's waiting runs cannot be approved (reinstated, they can).
      if (await notApprovable(needs)) throw new Problem('charter_wrong_step', { detail: 'charter.err.enterprise_not_approved' });
      await checkCheckpoints(input.checkpointIds);
      const { manifest } = await manifestOf(id);
      const md = await manifestDigest(manifest);
      let jti = newPassNumber();
      while (await c.passIdTaken(jti)) jti = newPassNumber();
      const nbf = Math.floor(Date.parse(run.departure_at) / 1000);
      const exp = Math.floor(Date.parse(run.arrival_by) / 1000);
      const signer = await keys.activeSigner('pass');
      let jws: string;
      try {
        jws = await signCharterPass(
          { jti, plate: run.plate, driver: { name: run.driver_name, id4: run.driver_id_last4 }, passengerCount: manifest.length, origin: run.origin_region, manifestDigest: md, nbf, exp },
          { privateKey: signer.privateKey, kid: signer.kid },
        );
      } catch (err) {
        // e.g. a driver name longer than a pass holds (10 characters): the run cannot carry a pass as planned.
        if (err instanceof CharterError) throw new Problem('charter_wrong_step', { detail: 'charter.err.pass_unsignable' });
        throw err;
      }
      return repos.store.transaction(async () => {
        const again = await c.getRun(id);
        if (!again || again.status !== 'confirmed' || again.updated_at !== run.updated_at) throw wrongStep('charter.err.run_step');
        if (JSON.stringify((await manifestOf(id)).manifest) !== JSON.stringify(manifest)) throw wrongStep('charter.err.run_step');
        if (await notApprovable(await c.runNeeds(id))) throw new Problem('charter_wrong_step', { detail: 'charter.err.enterprise_not_approved' });
        const at = now().toISOString();
        await c.setRunStatus(id, 'approved', at, { by: actor.user.id, reason: input.reason || null });
        await c.setRunCheckpoints(id, input.checkpointIds);
        // Before the pass leaves the server: the key stays published while the pass is valid.
        await keys.recordSigned(signer.kid, exp);
        await c.insertPass({ jti, runId: id, kid: signer.kid, jws, md, passengers: manifest.length, nbf, exp, issuedAt: at, issuedBy: actor.user.id });
        await repos.audit.record({ actor, action: 'charter.run_approve', subjectId: id, reason: input.reason || null, ip, detail: { plate: run.plate, passengers: needs.reduce((s, n) => s + n.passengers, 0), checkpointIds: input.checkpointIds } });
        await repos.audit.record({ actor, action: 'charter.pass_issue', subjectId: id, ip, detail: { jti, run: id, n: manifest.length, kid: signer.kid } });
        return view(actor, (await c.getRun(id))!, await c.runNeeds(id));
      });
    },

    /**
     * Revokes the run's charter pass (bureau). The pass id joins the revocation feed and the trust
     * bundle's list, which scanners check by id for freight and charter passes alike, and the run
     * leaves the checkpoints' expected-runs documents.
     */
    async revokePass(actor: UserActor, id: number, reason: string, ip: string): Promise<RunView> {
      if (!isBureau(actor)) throw new Problem('forbidden');
      return repos.store.transaction(async () => {
        const { run, needs } = await loadRun(actor, id);
        const pass = await c.passOfRun(id);
        if (!pass) throw wrongStep('charter.err.no_pass');
        if (!(await c.revokePass(id, actor.user.id, reason, now().toISOString()))) throw wrongStep('charter.err.pass_revoked');
        await repos.passes.addRevocation(pass.jti, 'revoked', pass.exp);
        await repos.audit.record({ actor, action: 'charter.pass_revoke', subjectId: id, reason, ip, detail: { jti: pass.jti, run: id } });
        return view(actor, run, needs);
      });
    },

    /**
     * What the printed charter pass shows (carrier: own run; bureau: any): the QR token and the
     * manifest in canonical order with each passenger's receiving enterprise, name and last four
     * (never a full ID, never a phone). Refused once revoked. Recorded in the audit trail.
     */
    async printablePass(actor: UserActor, id: number, ip: string) {
      const { run, needs } = await loadRun(actor, id);
      const pass = await c.passOfRun(id);
      if (!pass) throw wrongStep('charter.err.no_pass');
      if (pass.revoked_at) throw wrongStep('charter.err.pass_revoked');
      if (run.redacted_at !== null || pass.jws === ERASED) throw wrongStep('charter.err.pass_erased');
      const am = (await this.approvedManifest(id))!;
      const names = new Map(needs.map((n) => [n.credit_code, n.enterprise_name]));
      await repos.audit.record({ actor, action: 'charter.pass_print', subjectId: id, ip, detail: { jti: pass.jti } });
      return {
        jws: pass.jws, jti: pass.jti, runId: id, plate: run.plate, driver: { name: run.driver_name, id4: run.driver_id_last4 },
        validFrom: new Date(pass.nbf * 1000).toISOString(), validTo: new Date(pass.exp * 1000).toISOString(), originRegion: run.origin_region,
        route: run.route, issuedAt: pass.issued_at, carrierName: run.carrier_name, md: pass.md,
        checkpoints: (await c.runCheckpoints(id)).map((cp) => cp.name),
        passengers: am.manifest.map((m, i) => ({ place: i + 1, name: m.name, id4: m.id4, enterprise: names.get(m.ent) ?? m.ent })),
      };
    },

    async rejectRun(actor: UserActor, id: number, reason: string, ip: string): Promise<RunView> {
      if (!isBureau(actor)) throw new Problem('forbidden');
      return repos.store.transaction(async () => {
        const { run, needs } = await loadRun(actor, id);
        if (run.redacted_at !== null || run.status !== 'planned' && run.status !== 'confirmed') throw wrongStep('charter.err.run_step');
        const at = now().toISOString();
        await c.setRunStatus(id, 'rejected', at, { by: actor.user.id, reason });
        // The seats it offered are free again for other runs.
        for (const n of needs) await refreshNeed(n.need_id, at);
        await repos.audit.record({ actor, action: 'charter.run_reject', subjectId: id, reason, ip, detail: { plate: run.plate, from: run.status } });
        return view(actor, (await c.getRun(id))!, needs);
      });
    },

    /**
     * THE SEAM for the charter pass and the checkpoint scanners (not built here): what they need of
     * an approved run, with no full ID number and no phone. Null for a run that is not approved.
     * No actor: its callers (pass signing, the device sync) decide who may receive it.
     */
    async checkpointManifest(runId: number): Promise<CheckpointManifest | null> {
      const run = await c.getRun(runId);
      if (!run || run.status !== 'approved') return null;
      const needs = await c.runNeeds(runId);
      const passengers = await c.passengers(runId);
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
    /**
     * GET /api/v1/devices/charter-runs: the expected-runs document (docs/charter-pass.md, section 7)
     * for one checkpoint, signed by the active bundle key like the checkpoint data. Runs: approved,
     * pass not revoked, listed at this checkpoint, window [departure, latest arrival) overlapping
     * [now, now + DEVICE_CHARTER_LOOKAHEAD_SEC). iat = now, exp = now + CHARTER_RUNS_TTL_SEC.
     */
    async expectedRuns(checkpointId: number, at: Date = now()): Promise<SignedCharterRuns> {
      const nowSec = Math.floor(at.getTime() / 1000);
      const from = new Date(nowSec * 1000).toISOString();
      const to = new Date((nowSec + DEVICE_CHARTER_LOOKAHEAD_SEC) * 1000).toISOString();
      const runs: CharterRun[] = [];
      for (const { runId, pass } of await c.expectedAt(checkpointId, from, to)) {
        const am = await this.approvedManifest(runId);
        if (!am) continue;
        runs.push({ run: String(runId), jti: pass.jti, pl: (await c.getRun(runId))!.plate, from: pass.nbf, until: pass.exp, md: am.md, passengers: am.manifest });
      }
      const issuer = (await repos.passes.setting('pass.issuer')) ?? 'KSJT';
      const contentHash = sha256(JSON.stringify({ issuer, checkpointId, runs }));
      const signer = await keys.activeSigner('bundle');
      // The same bytes and ETag from every node until the content or the key changes or half the lifetime passed.
      return servedDocument(repos.signedDocuments, {
        kind: 'charter-runs', scope: checkpointId, contentHash, kid: signer.kid, nowSec, ttlSec: CHARTER_RUNS_TTL_SEC,
        async sign() {
          const payload: CharterRuns = { v: CHARTER_RUNS_VERSION, iss: issuer, iat: nowSec, exp: nowSec + CHARTER_RUNS_TTL_SEC, checkpoint: checkpointId, runs };
          // Before the document leaves: the key stays published while anything it signed is valid.
          await keys.recordSigned(signer.kid, payload.exp);
          const jws = await signCharterRuns(payload, { privateKey: signer.privateKey, kid: signer.kid });
          return { jws, iat: payload.iat, exp: payload.exp };
        },
      });
    },

    async approvedManifest(runId: number): Promise<ApprovedManifest | null> {
      const places = await approvedPlaces(runId);
      return places && { ...places, md: await manifestDigest(places.manifest) };
    },

    /** approvedManifest without the digest: database work only, so code inside a transaction can await it (the custody projector). */
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

