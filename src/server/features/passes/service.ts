import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem, type MessageParams } from '../../problem.js';
import type { MessageKey } from '../../i18n/messages.js';
import { randomBytes } from 'node:crypto';
import type { PassInput } from '../../../core/pass/index.js';
import type { RevocationPage } from '../../../core/sync/index.js';
import { assertEnterpriseAccess, enterpriseFilter, isBureau } from '../enterprises/scope.js';
import type { ApplicationInput, Pass, PassListFilter } from './schema.js';

/** Signs a pass with the active key; the keys feature provides it. */
export interface PassSigner {
  sign(input: PassInput): Promise<{ token: string; kid: string }>;
  /** Signs each in turn with one key, its last expiry recorded once for all. */
  signMany(inputs: readonly PassInput[]): Promise<Array<{ token: string; kid: string }>>;
}

const DAY_MS = 86_400_000;

// Pass numbers are printed, read aloud and typed at checkpoints: no 0/O or 1/I, no punctuation.
const PASS_NO_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 10 characters of 5 bits: 50 random bits; the UNIQUE constraint turns a clash into a loud failure. */
export function newPassNumber(): string {
  return [...randomBytes(10)].map((b) => PASS_NO_ALPHABET[b & 31]).join('');
}

/** Date-only input means the whole day in China Standard Time (UTC+8), the checkpoints' clock. */
export function toInstant(value: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00+08:00`);
    return new Date(endOfDay ? start + DAY_MS : start);
  }
  return new Date(value);
}

/** The instant today (China time) began: 00:00 +08:00 of the China date of `now`. */
const chinaMidnightOf = (now: number): number => Math.floor((now + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000;

/** Coarse reasons in the public revocation feed; the free-text reason stays in the audit trail. */
export const REVOCATION_CODES = ['revoked', 'replaced', 'enterprise_suspended'] as const;
export type RevocationCode = (typeof REVOCATION_CODES)[number];

export function passesService(repos: Repos, signer: PassSigner) {
  /** A pass is named in the audit log by its number. */
  const subject = (pass: Pick<Pass, 'passNo' | 'enterpriseId'>) => ({ subjectId: pass.passNo, enterpriseId: pass.enterpriseId });

  async function get(actor: UserActor, id: number): Promise<Pass> {
    const pass = await repos.passes.get(id);
    if (!pass) throw notFound();
    assertEnterpriseAccess(actor, pass.enterpriseId);
    return pass;
  }

  const conflict = (detail: MessageKey) => new Problem('invalid_state', { detail });
  // Field messages are catalogue keys, translated for whoever reads them (API problem or portal form).
  const invalid = (path: string, message: MessageKey, params?: MessageParams) => new Problem('validation', { errors: [{ path, message, ...(params ? { params } : {}) }] });

  function ownEnterpriseId(actor: UserActor): number {
    if (actor.user.role !== 'enterprise_user' || actor.user.enterpriseId === null) throw forbidden();
    return actor.user.enterpriseId;
  }

  async function assertApproved(enterpriseId: number) {
    const e = await repos.enterprises.get(enterpriseId);
    if (!e || e.status !== 'approved') throw new Problem('enterprise_not_approved');
    return e;
  }

  /** Checks that the vehicle and crew belong to the enterprise and are usable, and normalises the window. */
  async function checkApplication(enterpriseId: number, input: ApplicationInput, now: number) {
    const vehicle = await repos.vehicles.get(input.vehicleId);
    if (!vehicle || vehicle.enterpriseId !== enterpriseId || vehicle.archived) throw invalid('vehicleId', 'pass.err.no_vehicle');
    const ids = [input.driverId, ...input.escortIds];
    if (new Set(ids).size !== ids.length) throw invalid('escortIds', 'pass.err.duplicate_person');
    for (const [i, pid] of ids.entries()) {
      const person = await repos.people.get(pid);
      const path = i === 0 ? 'driverId' : `escortIds.${i - 1}`;
      if (!person || person.enterpriseId !== enterpriseId || person.archived) throw invalid(path, 'pass.err.no_person');
      if (i === 0 && person.role !== 'driver') throw invalid('driverId', 'pass.err.driver_role');
    }
    const from = toInstant(input.validFrom, false);
    const to = toInstant(input.validTo, true);
    const maxDays = Number((await repos.passes.setting('pass.max_validity_days')) ?? 14);
    // An enterprise cannot backdate a pass: the window starts today (China time) at the earliest.
    if (from.getTime() < chinaMidnightOf(now)) throw invalid('validFrom', 'pass.err.starts_in_past');
    if (!(to.getTime() > from.getTime())) throw invalid('validTo', 'pass.err.window_order');
    if (to.getTime() <= now) throw invalid('validTo', 'pass.err.window_over');
    if (to.getTime() - from.getTime() > maxDays * DAY_MS) throw invalid('validTo', 'pass.error.too_long', { days: maxDays });
    return { validFrom: from.toISOString(), validTo: to.toISOString() };
  }

  // The crew's names and ID last 4 straight from the pass's rows: reading each person whole would decrypt
  // their ID number and phone, which the token never carries.
  async function tokenInput(pass: Pass, enterprise: { creditCode: string }): Promise<PassInput> {
    const [driver, ...escorts] = await repos.passes.tokenCrew(pass.id);
    return {
      jti: pass.passNo,
      plate: pass.plate,
      driver: driver!,
      escorts,
      // Name and duty phone are not in the token: scanners look them up by credit code in the trust bundle.
      enterprise: { uscc: enterprise.creditCode },
      origin: pass.originRegion,
      nbf: new Date(pass.validFrom),
      exp: new Date(pass.validTo),
    };
  }

  type Signed = { pass: Pass; token: string; kid: string };

  /** approve's checks; what to sign if they pass. */
  async function approvable(actor: UserActor, id: number, now: number, checked?: Map<number, { creditCode: string }>): Promise<{ pass: Pass; input: PassInput }> {
    if (!isBureau(actor)) throw forbidden();
    const pass = await get(actor, id);
    if (pass.status !== 'submitted') throw conflict('pass.conflict.approve_submitted_only');
    if (Date.parse(pass.validTo) <= now) throw conflict('pass.err.window_over');
    // A batch checks each enterprise once; a refused one is not remembered, so it is refused for each of its passes.
    const enterprise = checked?.get(pass.enterpriseId) ?? (await assertApproved(pass.enterpriseId));
    checked?.set(pass.enterpriseId, enterprise);
    return { pass, input: await tokenInput(pass, enterprise) };
  }

  /** Stores a signed approval: status, token, audit entry, and the revocation of the pass it replaces. */
  async function issueInTx(actor: UserActor, { pass, token, kid }: Signed, ip: string, now: number): Promise<void> {
    const at = new Date(now).toISOString();
    if (!(await repos.passes.transition(pass.id, 'submitted', 'issued', { token, kid, decided_at: at, decided_by: actor.user.id }))) {
      throw conflict('pass.conflict.decided_elsewhere');
    }
    await repos.audit.record({ actor, action: 'pass.issue', ...subject(pass), ip, detail: { kid } });
    if (pass.replacesId) {
      const old = (await repos.passes.get(pass.replacesId))!;
      if (old.status === 'issued') await revokeInTx(actor, old, `replaced by ${pass.passNo}`, ip, at, 'replaced');
      await repos.passes.setFields(old.id, { replaced_by_id: pass.id });
    }
  }

  /** The public feed carries only a coarse code; the officer's free-text reason stays in the audit trail. */
  async function revokeInTx(actor: UserActor, pass: Pass, reason: string, ip: string, now: string, code: RevocationCode = 'revoked'): Promise<void> {
    if (!(await repos.passes.transition(pass.id, 'issued', 'revoked', { revoked_at: now, revoked_by: actor.user.id, revoke_reason: reason }))) {
      throw conflict('pass.conflict.not_in_force');
    }
    await repos.passes.addRevocation(pass.passNo, code, Math.floor(Date.parse(pass.validTo) / 1000));
    await repos.audit.record({ actor, action: 'pass.revoke', ...subject(pass), ip, reason });
  }

  return {
    get,

    async list(actor: UserActor, f: { status?: PassListFilter | undefined; q?: string | undefined; enterpriseId?: number | undefined; page: number; pageSize: number }) {
      const own = enterpriseFilter(actor);
      return repos.passes.list({ enterpriseId: own ?? f.enterpriseId, status: f.status, q: f.q, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    },

    async create(actor: UserActor, input: ApplicationInput, ip: string, now = Date.now()): Promise<Pass> {
      const enterpriseId = ownEnterpriseId(actor);
      await assertApproved(enterpriseId);
      const window = await checkApplication(enterpriseId, input, now);
      return repos.store.transaction(async () => {
        const id = await repos.passes.insert({ passNo: newPassNumber(), enterpriseId, createdBy: actor.user.id, input, ...window });
        const pass = (await repos.passes.get(id))!;
        await repos.audit.record({ actor, action: 'pass.apply', ...subject(pass), ip });
        return pass;
      });
    },

    async update(actor: UserActor, id: number, input: ApplicationInput, ip: string, now = Date.now()): Promise<Pass> {
      const pass = await get(actor, id);
      const enterpriseId = ownEnterpriseId(actor);
      if (pass.status !== 'draft') throw conflict('pass.conflict.draft_only');
      const window = await checkApplication(enterpriseId, input, now);
      return repos.store.transaction(async () => {
        await repos.passes.update(id, input, window.validFrom, window.validTo);
        await repos.audit.record({ actor, action: 'pass.edit', ...subject(pass), ip });
        return (await repos.passes.get(id))!;
      });
    },

    async submit(actor: UserActor, id: number, ip: string, now = Date.now()): Promise<Pass> {
      const pass = await get(actor, id);
      ownEnterpriseId(actor);
      await assertApproved(pass.enterpriseId);
      if (Date.parse(pass.validTo) <= now) throw invalid('validTo', 'pass.err.window_over');
      return repos.store.transaction(async () => {
        if (!(await repos.passes.transition(id, 'draft', 'submitted', { submitted_at: new Date(now).toISOString() }))) throw conflict('pass.conflict.submit_draft_only');
        await repos.audit.record({ actor, action: 'pass.submit', ...subject(pass), ip });
        return (await repos.passes.get(id))!;
      });
    },

    /** Signs and issues; an amendment also revokes the pass it replaces, in the same transaction. */
    async approve(actor: UserActor, id: number, ip: string, now = Date.now()): Promise<Pass> {
      const { pass, input } = await approvable(actor, id, now);
      // Signed before the transaction: a transaction's body awaits database work only.
      const signed = { pass, ...(await signer.sign(input)) };
      return repos.store.transaction(async () => {
        await issueInTx(actor, signed, ip, now);
        return (await repos.passes.get(id))!;
      });
    },

    /**
     * Approves many applications with the same checks as approve, each signed and audited on its own,
     * all stored in one transaction (one commit, one fsync, instead of one per pass). Answers per
     * application: one that fails its checks, or was decided elsewhere meanwhile, is left as it was
     * (its own savepoint) and the others are still issued.
     */
    async approveMany(actor: UserActor, ids: number[], ip: string, now = Date.now()) {
      if (!isBureau(actor)) throw forbidden();
      const results: Array<{ id: number; ok: boolean; code?: string; detail?: string }> = [];
      const failed = (id: number, err: unknown) => {
        if (!(err instanceof Problem)) throw err;
        results.push({ id, ok: false, code: err.code, ...(err.detail ? { detail: err.detail } : {}) });
      };
      const checked: Array<{ id: number; pass: Pass; input: PassInput }> = [];
      const enterprises = new Map<number, { creditCode: string }>();
      for (const id of new Set(ids)) {
        try {
          checked.push({ id, ...(await approvable(actor, id, now, enterprises)) });
        } catch (err) {
          failed(id, err);
        }
      }
      // One after another, as approve signs: the bulk saves commits, not signatures.
      const tokens = await signer.signMany(checked.map((c) => c.input));
      const signed = checked.map((c, i) => ({ id: c.id, result: { pass: c.pass, ...tokens[i]! } }));
      await repos.store.transaction(async () => {
        for (const { id, result } of signed) {
          try {
            await repos.store.transaction(() => issueInTx(actor, result, ip, now));
            results.push({ id, ok: true });
          } catch (err) {
            failed(id, err);
          }
        }
      });
      // In the order asked, whatever the order they were decided in.
      const order = new Map<number, number>();
      ids.forEach((id, i) => order.has(id) || order.set(id, i));
      return results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },

    async reject(actor: UserActor, id: number, reason: string, ip: string): Promise<Pass> {
      if (!isBureau(actor)) throw forbidden();
      const pass = await get(actor, id);
      return repos.store.transaction(async () => {
        if (!(await repos.passes.transition(id, 'submitted', 'rejected', { reject_reason: reason, decided_at: new Date().toISOString(), decided_by: actor.user.id }))) {
          throw conflict('pass.conflict.reject_submitted_only');
        }
        await repos.audit.record({ actor, action: 'pass.reject', ...subject(pass), ip, reason });
        return (await repos.passes.get(id))!;
      });
    },

    /**
     * Suspension reaches the road: every pass of the enterprise still in force is revoked, with the coarse
     * code `enterprise_suspended` in the public feed. Runs inside the caller's transaction (the status change).
     * Reinstating the enterprise does not bring them back: a revocation is final by pass id, so the
     * enterprise applies again (or amends) once it is approved.
     */
    async revokeForSuspension(actor: UserActor, enterpriseId: number, reason: string, ip: string, now = Date.now()): Promise<number> {
      const at = new Date(now).toISOString();
      const inForce = await repos.passes.inForceOf(enterpriseId, at);
      for (const pass of inForce) await revokeInTx(actor, pass, reason, ip, at, 'enterprise_suspended');
      return inForce.length;
    },

    async revoke(actor: UserActor, id: number, reason: string, ip: string): Promise<Pass> {
      if (!isBureau(actor)) throw forbidden();
      const pass = await get(actor, id);
      return repos.store.transaction(async () => {
        await revokeInTx(actor, pass, reason, ip, new Date().toISOString());
        return (await repos.passes.get(id))!;
      });
    },

    /** The enterprise asks; an officer confirms by revoking. */
    async requestCancel(actor: UserActor, id: number, reason: string, ip: string): Promise<Pass> {
      const pass = await get(actor, id);
      ownEnterpriseId(actor);
      if (pass.status !== 'issued') throw conflict('pass.conflict.cancel_in_force_only');
      return repos.store.transaction(async () => {
        await repos.passes.setFields(id, { cancel_requested_at: new Date().toISOString(), cancel_reason: reason });
        await repos.audit.record({ actor, action: 'pass.cancel_request', ...subject(pass), ip, reason });
        return (await repos.passes.get(id))!;
      });
    },

    /** Starts a replacement for a pass in force: a new draft whose approval revokes the old pass. */
    async amend(actor: UserActor, id: number, ip: string): Promise<Pass> {
      const pass = await get(actor, id);
      const enterpriseId = ownEnterpriseId(actor);
      await assertApproved(enterpriseId);
      if (pass.status !== 'issued' || pass.displayStatus === 'expired') throw conflict('pass.conflict.amend_in_force_only');
      if (pass.replacedById) throw conflict('pass.conflict.already_replaced');
      const [driver, ...escorts] = pass.people;
      const input: ApplicationInput = {
        vehicleId: pass.vehicleId, driverId: driver!.personId, escortIds: escorts.map((e) => e.personId),
        validFrom: pass.validFrom, validTo: pass.validTo, originRegion: pass.originRegion,
        destination: pass.destination, cargoCategory: pass.cargoCategory, routeNote: pass.routeNote,
      };
      return repos.store.transaction(async () => {
        const newId = await repos.passes.insert({ passNo: newPassNumber(), enterpriseId, createdBy: actor.user.id, input, validFrom: pass.validFrom, validTo: pass.validTo, replacesId: pass.id });
        const created = (await repos.passes.get(newId))!;
        await repos.audit.record({ actor, action: 'pass.amend', ...subject(created), ip, detail: { replaces: pass.passNo } });
        return created;
      });
    },

    /** The token for printing; recorded in the audit trail. */
    async printable(actor: UserActor, id: number, ip: string, format: string): Promise<{ pass: Pass; token: string }> {
      const pass = await get(actor, id);
      const token = await repos.passes.token(id);
      if (pass.status === 'issued' && !token) throw conflict('pass.conflict.token_erased');
      if (pass.status !== 'issued' || !token) throw conflict('pass.conflict.print_issued_only');
      await repos.audit.record({ actor, action: 'pass.print', ...subject(pass), ip, detail: { format } });
      return { pass, token };
    },

    /**
     * A page of the revocation feed. `version` is what the client holds once it has applied these
     * items: the last item's version while more remain (`more`), the latest otherwise — so a client
     * that stores `version` and asks again never skips a revocation.
     */
    async revocationsSince(since: number, limit = 1000): Promise<RevocationPage> {
      // The latest version first, then the items up to it: on PostgreSQL the two reads are two snapshots, and a
      // revocation committed between them must not be counted in `version` without being in `items`. Versions
      // commit in order (addRevocation's lock), so everything up to the latest is there to read.
      const latestVersion = await repos.passes.revocationVersion();
      const items = (await repos.passes.revocationsSince(since, limit)).filter((r) => r.version <= latestVersion);
      const last = items.at(-1)?.version;
      const more = last !== undefined && last < latestVersion;
      return { version: more ? last : latestVersion, latestVersion, more, items };
    },
  };
}
export type PassesService = ReturnType<typeof passesService>;
