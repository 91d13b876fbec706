import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { usersService } from '../users/service.js';
import type { CreateUserInput } from '../users/schema.js';
import { assertEnterpriseAccess, isBureau } from './scope.js';
import type { Enterprise, EnterpriseInput, EnterpriseStatus } from './schema.js';

export interface EnterprisesServiceHooks {
  /** Called inside the transaction that suspends an enterprise (passes revoke what is in force). */
  onSuspended?: (actor: UserActor, enterpriseId: number, reason: string, ip: string) => void;
}

export function enterprisesService(repos: Repos, hooks: EnterprisesServiceHooks = {}) {
  const users = usersService(repos);
  const subject = (e: Enterprise) => ({ subjectId: e.id, enterpriseId: e.id });

  function get(actor: UserActor, id: number): Enterprise {
    const e = repos.enterprises.get(id);
    if (!e) throw notFound();
    assertEnterpriseAccess(actor, e.id);
    return e;
  }

  function assertUniqueCode(code: string, exceptId?: number) {
    const existing = repos.enterprises.getByCreditCode(code);
    if (existing && existing.id !== exceptId) throw new Problem('enterprise_exists');
  }

  return {
    get,

    list(actor: UserActor, filter: { q?: string | undefined; status?: EnterpriseStatus | undefined; page: number; pageSize: number }) {
      if (!isBureau(actor)) throw forbidden();
      return repos.enterprises.list({ q: filter.q, status: filter.status, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
    },

    register(actor: UserActor, input: EnterpriseInput, ip: string): Enterprise {
      if (!isBureau(actor)) throw forbidden();
      return repos.tx(() => {
        assertUniqueCode(input.creditCode);
        const e = repos.enterprises.insert(input);
        repos.audit.record({ actor, action: 'enterprise.register', ...subject(e), ip, detail: { name: e.name, creditCode: e.creditCode } });
        return e;
      });
    },

    update(actor: UserActor, id: number, input: EnterpriseInput, ip: string): Enterprise {
      if (!isBureau(actor)) throw forbidden();
      const before = get(actor, id);
      return repos.tx(() => {
        assertUniqueCode(input.creditCode, id);
        repos.enterprises.update(id, input);
        repos.audit.record({ actor, action: 'enterprise.update', ...subject(before), ip, detail: { before: { ...before }, after: input } });
        return get(actor, id);
      });
    },

    /** An enterprise keeps its own address and duty phone current; registered facts stay with the bureau. */
    updateContact(actor: UserActor, id: number, contact: Pick<EnterpriseInput, 'address' | 'dutyPhone'>, ip: string): Enterprise {
      const before = get(actor, id);
      return repos.tx(() => {
        repos.enterprises.update(id, { ...before, ...contact });
        repos.audit.record({ actor, action: 'enterprise.update_contact', ...subject(before), ip, detail: { before: { address: before.address, dutyPhone: before.dutyPhone }, after: contact } });
        return get(actor, id);
      });
    },

    setStatus(actor: UserActor, id: number, status: EnterpriseStatus, reason: string | undefined, ip: string): Enterprise {
      if (!isBureau(actor)) throw forbidden();
      const before = get(actor, id);
      if (status === 'suspended' && !reason) {
        throw new Problem('validation', { errors: [{ path: 'reason', message: 'enterprise.suspend_reason_required' }] });
      }
      return repos.tx(() => {
        repos.enterprises.setStatus(id, status, reason ?? null);
        repos.audit.record({ actor, action: `enterprise.status.${status}`, ...subject(before), ip, reason: reason ?? null, detail: { from: before.status, to: status } });
        if (status === 'suspended' && before.status !== 'suspended') hooks.onSuspended?.(actor, id, reason!, ip);
        return get(actor, id);
      });
    },

    listUsers(actor: UserActor, id: number) {
      get(actor, id);
      return repos.users.listByEnterprise(id);
    },

    async createUser(actor: UserActor, id: number, input: CreateUserInput, ip: string) {
      if (!isBureau(actor)) throw forbidden();
      get(actor, id);
      return users.create(actor, { ...input, role: 'enterprise_user', enterpriseId: id }, ip);
    },
  };
}
export type EnterprisesService = ReturnType<typeof enterprisesService>;
