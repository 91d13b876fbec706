import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { PERSON_ID_UNIQUE } from './repository.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { takenOnUnique } from '../../db/dialect.js';
import { assertEnterpriseAccess, isBureau } from '../enterprises/scope.js';
import { listEnterpriseId, ownEnterpriseId, type GetForEnterpriseOptions } from '../vehicles/service.js';
import {
  STAY_LOOKBACK_DAYS,
  type PassPersonView,
  type Person,
  type PersonInput,
  type PersonListQuery,
  type PersonUpdate,
  type Revealed,
} from './schema.js';

/** Clock skew tolerated on a declaration time sent by a client. */
const SKEW_MS = 5 * 60 * 1000;

export function peopleService(repos: Repos, now: () => Date = () => new Date()) {
  const subject = (p: Person) => ({ subjectId: p.id, enterpriseId: p.enterpriseId });

  async function get(actor: UserActor, id: number): Promise<Person> {
    const p = await repos.people.get(id);
    if (!p) throw notFound();
    assertEnterpriseAccess(actor, p.enterpriseId);
    return p;
  }

  async function getOwn(actor: UserActor, id: number): Promise<Person> {
    const enterpriseId = ownEnterpriseId(actor);
    const p = await get(actor, id);
    if (p.enterpriseId !== enterpriseId) throw notFound();
    return p;
  }

  /** A declaration is dated when it was made: now, or a client-given time within the look-back window. */
  function declarationTime(given: string | undefined): string {
    const at = now();
    if (given === undefined) return at.toISOString();
    const t = new Date(given);
    if (t.getTime() > at.getTime() + SKEW_MS || t.getTime() < at.getTime() - STAY_LOOKBACK_DAYS * 86400_000) {
      throw new Problem('validation', { errors: [{ path: 'staysDeclaredAt', message: 'person.declared_at_range' }] });
    }
    return t.toISOString();
  }

  async function assertIdFree(enterpriseId: number, idNumber: string, exceptId?: number) {
    const existing = await repos.people.getByIdNumber(enterpriseId, idNumber);
    if (existing && existing.id !== exceptId) {
      throw new Problem('conflict', { errors: [
        { path: 'idNumber', message: existing.archived ? 'person.id_exists_archived' : 'person.id_exists' },
      ] });
    }
  }

  const idTakenAsConflict = <T>(write: () => Promise<T>) =>
    takenOnUnique(PERSON_ID_UNIQUE, () => new Problem('conflict', { errors: [{ path: 'idNumber', message: 'person.id_exists' }] }), write);

  function setArchived(actor: UserActor, id: number, archived: boolean, ip: string): Promise<Person> {
    return repos.store.transaction(async () => {
      const before = await getOwn(actor, id);
      if (before.archived === archived) return before;
      await repos.people.setArchived(id, archived);
      await repos.audit.record({ actor, action: archived ? 'person.archive' : 'person.restore', ...subject(before), ip, detail: { name: before.name, idLast4: before.idLast4 } });
      return (await repos.people.get(id))!;
    });
  }

  return {
    get,

    /**
     * For other features (pass applications): the person after the access
     * check. Another enterprise's person answers 404 like a missing one.
     */
    async getForEnterprise(actor: UserActor, id: number, opts: GetForEnterpriseOptions = {}): Promise<Person> {
      const p = await get(actor, id);
      if (opts.enterpriseId !== undefined && p.enterpriseId !== opts.enterpriseId) throw notFound();
      if (opts.activeOnly && p.archived) throw new Problem('conflict', { errors: [{ path: 'personId', message: 'person.is_archived' }] });
      return p;
    },

    /** The only form of a person that may go into a pass token: name, last 4 of the ID number, role. */
    passView(person: Pick<Person, 'name' | 'idLast4' | 'role'>): PassPersonView {
      return { name: person.name, id4: person.idLast4, role: person.role };
    },

    list(actor: UserActor, q: PersonListQuery): Promise<{ items: Person[]; total: number }> {
      return repos.people.list({
        enterpriseId: listEnterpriseId(actor, q.enterpriseId),
        q: q.q?.normalize('NFKC'),
        role: q.role,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },

    create(actor: UserActor, input: PersonInput, ip: string): Promise<Person> {
      const enterpriseId = ownEnterpriseId(actor);
      const declaredAt = input.stays ? declarationTime(input.staysDeclaredAt) : null;
      return idTakenAsConflict(() => repos.store.transaction(async () => {
        await assertIdFree(enterpriseId, input.idNumber);
        const p = await repos.people.insert({
          enterpriseId,
          name: input.name,
          role: input.role,
          idNumber: input.idNumber,
          phone: input.phone,
          stays: input.stays ?? null,
          staysDeclaredAt: declaredAt,
        });
        // Never the full ID number or phone: the audit log is not encrypted.
        await repos.audit.record({ actor, action: 'person.create', ...subject(p), ip, detail: { name: p.name, role: p.role, idLast4: p.idLast4, stays: input.stays ?? null } });
        return p;
      }));
    },

    update(actor: UserActor, id: number, input: PersonUpdate, ip: string): Promise<Person> {
      const declaredAt = input.stays ? declarationTime(input.staysDeclaredAt) : undefined;
      if (input.staysDeclaredAt !== undefined && !input.stays) {
        throw new Problem('validation', { errors: [{ path: 'stays', message: 'person.declare_required' }] });
      }
      return idTakenAsConflict(() => repos.store.transaction(async () => {
        const before = await getOwn(actor, id);
        const changed: string[] = [];
        const patch: Parameters<Repos['people']['update']>[1] = {};
        if (input.name !== undefined && input.name !== before.name) {
          patch.name = input.name;
          changed.push('name');
        }
        if (input.role !== undefined && input.role !== before.role) {
          patch.role = input.role;
          changed.push('role');
        }
        if (input.idNumber !== undefined) {
          const same = await repos.people.getByIdNumber(before.enterpriseId, input.idNumber);
          if (same?.id !== id) {
            await assertIdFree(before.enterpriseId, input.idNumber, id);
            patch.idNumber = input.idNumber;
            changed.push('idNumber');
          }
        }
        if ((patch.name !== undefined || patch.idNumber !== undefined) && (await repos.people.onLivePass(id))) {
          throw new Problem('conflict', { errors: [
            { path: patch.idNumber !== undefined ? 'idNumber' : 'name', message: 'person.identity_locked' },
          ] });
        }
        if (input.phone !== undefined) {
          // Re-encrypted every time: whether it changed is not worth decrypting for.
          patch.phone = input.phone;
          changed.push('phone');
        }
        if (input.stays !== undefined && declaredAt !== undefined) {
          patch.stays = { codes: input.stays, declaredAt };
          changed.push('stays');
        }
        if (!changed.length) return before;
        await repos.people.update(id, patch);
        const after = (await repos.people.get(id))!;
        await repos.audit.record({
          actor, action: 'person.update', ...subject(before), ip,
          detail: {
            changed,
            ...(patch.name !== undefined ? { name: { before: before.name, after: after.name } } : {}),
            ...(patch.idNumber !== undefined ? { idLast4: { before: before.idLast4, after: after.idLast4 } } : {}),
            ...(patch.stays ? { stays: patch.stays.codes } : {}),
          },
        });
        return after;
      }));
    },

    archive: (actor: UserActor, id: number, ip: string) => setArchived(actor, id, true, ip),
    restore: (actor: UserActor, id: number, ip: string) => setArchived(actor, id, false, ip),

    /**
     * The bureau's explicit, audited look at one person's full ID number and
     * phone. The caller must not cache the answer (HTTP: cache-control no-store).
     */
    async reveal(actor: UserActor, id: number, reason: string | undefined, ip: string): Promise<Revealed> {
      if (!isBureau(actor)) throw forbidden();
      return repos.store.transaction(async () => {
        const p = await get(actor, id);
        const full = await repos.people.reveal(id);
        if (!full) throw notFound();
        await repos.audit.record({ actor, action: 'person.reveal', ...subject(p), ip, reason: reason || null, detail: { fields: ['idNumber', 'phone'], name: p.name, idLast4: p.idLast4 } });
        return { id, ...full };
      });
    },
  };
}
export type PeopleService = ReturnType<typeof peopleService>;
