import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { takenOnUnique } from '../../db/dialect.js';
import { ENTERPRISE_CREDIT_CODE_UNIQUE } from './repository.js';
import { usersService } from '../users/service.js';
import type { CreateUserInput } from '../users/schema.js';
import { assertEnterpriseAccess, isBureau } from './scope.js';
import type { Enterprise, EnterpriseInput, EnterpriseStatus } from './schema.js';

export interface EnterprisesServiceHooks {
  /** Called inside the transaction that suspends an enterprise (passes revoke what is in force). */
  onSuspended?: (actor: UserActor, enterpriseId: number, reason: string, ip: string) => Promise<unknown>;
}

export function enterprisesService(repos: Repos, hooks: EnterprisesServiceHooks = {}) {
  const users = usersService(repos);
  const subject = (e: Enterprise) => ({ subjectId: e.id, enterpriseId: e.id });

  async function get(actor: UserActor, id: number): Promise<Enterprise> {
    const e = await repos.enterprises.get(id);
    if (!e) throw notFound();
    assertEnterpriseAccess(actor, e.id);
    return e;
  }

  async function assertUniqueCode(code: string, exceptId?: number): Promise<void> {
    const existing = await repos.enterprises.getByCreditCode(code);
    if (existing && existing.id !== exceptId) throw new Problem('enterprise_exists');
  }

  const codeWrite = <T>(write: () => Promise<T>) => takenOnUnique(ENTERPRISE_CREDIT_CODE_UNIQUE, () => new Problem('enterprise_exists'), write);

  return {
    get,

    async list(actor: UserActor, filter: { q?: string | undefined; status?: EnterpriseStatus | undefined; page: number; pageSize: number }) {
      if (!isBureau(actor)) throw forbidden();
      return repos.enterprises.list({ q: filter.q, status: filter.status, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
    },

    async register(actor: UserActor, input: EnterpriseInput, ip: string): Promise<Enterprise> {
      if (!isBureau(actor)) throw forbidden();
      return repos.store.transaction(async () => {
        await assertUniqueCode(input.creditCode);
        const e = await codeWrite(() => repos.enterprises.insert(input));
        await repos.audit.record({ actor, action: 'enterprise.register', ...subject(e), ip, detail: { name: e.name, creditCode: e.creditCode } });
        return e;
      });
    },

    async update(actor: UserActor, id: number, input: EnterpriseInput, ip: string): Promise<Enterprise> {
      if (!isBureau(actor)) throw forbidden();
      const before = await get(actor, id);
      return repos.store.transaction(async () => {
        await assertUniqueCode(input.creditCode, id);
        await codeWrite(() => repos.enterprises.update(id, input));
        await repos.audit.record({ actor, action: 'enterprise.update', ...subject(before), ip, detail: { before: { ...before }, after: input } });
        return get(actor, id);
      });
    },

    /** An enterprise keeps its own address and duty phone current; registered facts stay with the bureau. */
    async updateContact(actor: UserActor, id: number, contact: Pick<EnterpriseInput, 'address' | 'dutyPhone'>, ip: string): Promise<Enterprise> {
      const before = await get(actor, id);
      return repos.store.transaction(async () => {
        await repos.enterprises.update(id, { ...before, ...contact });
        await repos.audit.record({ actor, action: 'enterprise.update_contact', ...subject(before), ip, detail: { before: { address: before.address, dutyPhone: before.dutyPhone }, after: contact } });
        return get(actor, id);
      });
    },

    async setStatus(actor: UserActor, id: number, status: EnterpriseStatus, reason: string | undefined, ip: string): Promise<Enterprise> {
      if (!isBureau(actor)) throw forbidden();
      const before = await get(actor, id);
      if (status === 'suspended' && !reason) {
        throw new Problem('validation', { errors: [{ path: 'reason', message: 'enterprise.suspend_reason_required' }] });
      }
      return repos.store.transaction(async () => {
        await repos.enterprises.setStatus(id, status, reason ?? null);
        await repos.audit.record({ actor, action: `enterprise.status.${status}`, ...subject(before), ip, reason: reason ?? null, detail: { from: before.status, to: status } });
        if (status === 'suspended' && before.status !== 'suspended') await hooks.onSuspended?.(actor, id, reason!, ip);
        return get(actor, id);
      });
    },

    async listUsers(actor: UserActor, id: number) {
      await get(actor, id);
      return repos.users.listByEnterprise(id);
    },

    async createUser(actor: UserActor, id: number, input: CreateUserInput, ip: string) {
      if (!isBureau(actor)) throw forbidden();
      await get(actor, id);
      return users.create(actor, { ...input, role: 'enterprise_user', enterpriseId: id }, ip);
    },
  };
}
export type EnterprisesService = ReturnType<typeof enterprisesService>;
