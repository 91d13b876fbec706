import type { AuditAction } from '../audit/catalogue.js';
import type { Repos } from '../../repositories.js';
import type { Actor } from '../../types.js';
import { notFound, Problem } from '../../problem.js';
import { hashPin } from '../../security/pin.js';
import type { Checkpoint, CheckpointInput, CheckpointStatus, Staff, StaffInput } from './schema.js';

/**
 * Checkpoints and their staff: the bureau administrator's. Every change is
 * audited; PINs are hashed here and never returned, logged or audited.
 */
export function checkpointsService(repos: Repos) {
  const audit = (actor: Actor, action: AuditAction, subjectType: 'checkpoint' | 'checkpoint_staff', subjectId: number, ip: string, detail: Record<string, unknown> = {}) =>
    repos.audit.record({
      actorType: 'user', actorId: actor.user.id, actorName: actor.user.username, action,
      subjectType, subjectId, ip, detail,
    });

  function get(id: number): Checkpoint {
    const c = repos.checkpoints.get(id);
    if (!c) throw notFound();
    return c;
  }

  function assertNameFree(name: string, exceptId?: number) {
    const other = repos.checkpoints.getByName(name);
    if (other && other.id !== exceptId) {
      throw new Problem('conflict', { errors: [{ path: 'name', message: 'checkpoint.name_taken' }] });
    }
  }

  function getStaff(checkpointId: number, staffId: number): Staff {
    const s = repos.staff.get(staffId);
    // Staff of another checkpoint answers like staff that does not exist.
    if (!s || s.checkpointId !== checkpointId) throw notFound();
    return s;
  }

  function setStatus(actor: Actor, id: number, status: CheckpointStatus, ip: string): Checkpoint {
    return repos.tx(() => {
      const before = get(id);
      if (before.status === status) return before;
      repos.checkpoints.setStatus(id, status);
      // A closed checkpoint enrolls no device: codes handed out for it stop working at once.
      const withdrawn = status === 'closed' ? repos.devices.expireCodes(id, Date.now()) : 0;
      audit(actor, status === 'closed' ? 'checkpoint.close' : 'checkpoint.reopen', 'checkpoint', id, ip, { name: before.name, withdrawnCodes: withdrawn });
      return get(id);
    });
  }

  function setStaffDisabled(actor: Actor, checkpointId: number, staffId: number, disabled: boolean, ip: string): Staff {
    return repos.tx(() => {
      const before = getStaff(checkpointId, staffId);
      if (before.disabled === disabled) return before;
      repos.staff.setDisabled(staffId, disabled);
      audit(actor, disabled ? 'checkpoint_staff.disable' : 'checkpoint_staff.enable', 'checkpoint_staff', staffId, ip, { checkpointId, badge: before.badge });
      return repos.staff.get(staffId)!;
    });
  }

  return {
    get,
    list: (status?: CheckpointStatus) => repos.checkpoints.list({ status }),

    create(actor: Actor, input: CheckpointInput, ip: string): Checkpoint {
      return repos.tx(() => {
        assertNameFree(input.name);
        const c = repos.checkpoints.insert(input);
        audit(actor, 'checkpoint.create', 'checkpoint', c.id, ip, { ...input });
        return c;
      });
    },

    update(actor: Actor, id: number, input: CheckpointInput, ip: string): Checkpoint {
      return repos.tx(() => {
        const before = get(id);
        assertNameFree(input.name, id);
        repos.checkpoints.update(id, input);
        audit(actor, 'checkpoint.update', 'checkpoint', id, ip, {
          before: { name: before.name, location: before.location, regionCode: before.regionCode, direction: before.direction },
          after: input,
        });
        return get(id);
      });
    },

    close: (actor: Actor, id: number, ip: string) => setStatus(actor, id, 'closed', ip),
    reopen: (actor: Actor, id: number, ip: string) => setStatus(actor, id, 'active', ip),

    listStaff(checkpointId: number): Staff[] {
      get(checkpointId);
      return repos.staff.listForCheckpoint(checkpointId);
    },

    getStaff,

    async createStaff(actor: Actor, checkpointId: number, input: StaffInput, ip: string): Promise<Staff> {
      get(checkpointId);
      const pinHash = await hashPin(input.pin);
      return repos.tx(() => {
        get(checkpointId);
        const taken = repos.staff.getByBadge(input.badge);
        if (taken) {
          throw new Problem('conflict', { errors: [{ path: 'badge', message: 'cpstaff.badge_taken' }] });
        }
        const s = repos.staff.insert({ checkpointId, badge: input.badge, name: input.name, pinHash });
        audit(actor, 'checkpoint_staff.create', 'checkpoint_staff', s.id, ip, { checkpointId, badge: s.badge, name: s.name });
        return s;
      });
    },

    renameStaff(actor: Actor, checkpointId: number, staffId: number, name: string, ip: string): Staff {
      return repos.tx(() => {
        const before = getStaff(checkpointId, staffId);
        repos.staff.rename(staffId, name);
        audit(actor, 'checkpoint_staff.update', 'checkpoint_staff', staffId, ip, { checkpointId, badge: before.badge, before: { name: before.name }, after: { name } });
        return repos.staff.get(staffId)!;
      });
    },

    async resetPin(actor: Actor, checkpointId: number, staffId: number, pin: string, ip: string): Promise<Staff> {
      getStaff(checkpointId, staffId);
      const pinHash = await hashPin(pin);
      return repos.tx(() => {
        const before = getStaff(checkpointId, staffId);
        repos.staff.setPinHash(staffId, pinHash);
        audit(actor, 'checkpoint_staff.pin_reset', 'checkpoint_staff', staffId, ip, { checkpointId, badge: before.badge });
        return repos.staff.get(staffId)!;
      });
    },

    disableStaff: (actor: Actor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, true, ip),
    enableStaff: (actor: Actor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, false, ip),
  };
}
export type CheckpointsService = ReturnType<typeof checkpointsService>;
