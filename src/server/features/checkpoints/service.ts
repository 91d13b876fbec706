import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { notFound, Problem } from '../../problem.js';
import { hashPin } from '../../security/pin.js';
import type { Checkpoint, CheckpointInput, CheckpointStatus, Staff, StaffInput } from './schema.js';

/**
 * Checkpoints and their staff: the bureau administrator's. Every change is
 * audited; PINs are hashed here and never returned, logged or audited.
 */
export function checkpointsService(repos: Repos) {
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

  function setStatus(actor: UserActor, id: number, status: CheckpointStatus, ip: string): Checkpoint {
    return repos.tx(() => {
      const before = get(id);
      if (before.status === status) return before;
      repos.checkpoints.setStatus(id, status);
      // A closed checkpoint enrolls no device: codes handed out for it stop working at once.
      const withdrawn = status === 'closed' ? repos.devices.expireCodes(id, Date.now()) : 0;
      repos.audit.record({ actor, action: status === 'closed' ? 'checkpoint.close' : 'checkpoint.reopen', subjectId: id, ip, detail: { name: before.name, withdrawnCodes: withdrawn } });
      return get(id);
    });
  }

  function setStaffDisabled(actor: UserActor, checkpointId: number, staffId: number, disabled: boolean, ip: string): Staff {
    return repos.tx(() => {
      const before = getStaff(checkpointId, staffId);
      if (before.disabled === disabled) return before;
      repos.staff.setDisabled(staffId, disabled);
      repos.audit.record({ actor, action: disabled ? 'checkpoint_staff.disable' : 'checkpoint_staff.enable', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge } });
      return repos.staff.get(staffId)!;
    });
  }

  return {
    get,
    list: (status?: CheckpointStatus) => repos.checkpoints.list({ status }),

    create(actor: UserActor, input: CheckpointInput, ip: string): Checkpoint {
      return repos.tx(() => {
        assertNameFree(input.name);
        const c = repos.checkpoints.insert(input);
        repos.audit.record({ actor, action: 'checkpoint.create', subjectId: c.id, ip, detail: { ...input } });
        return c;
      });
    },

    update(actor: UserActor, id: number, input: CheckpointInput, ip: string): Checkpoint {
      return repos.tx(() => {
        const before = get(id);
        assertNameFree(input.name, id);
        repos.checkpoints.update(id, input);
        repos.audit.record({ actor, action: 'checkpoint.update', subjectId: id, ip, detail: {
          before: { name: before.name, location: before.location, regionCode: before.regionCode, direction: before.direction },
          after: input,
        } });
        return get(id);
      });
    },

    close: (actor: UserActor, id: number, ip: string) => setStatus(actor, id, 'closed', ip),
    reopen: (actor: UserActor, id: number, ip: string) => setStatus(actor, id, 'active', ip),

    listStaff(checkpointId: number): Staff[] {
      get(checkpointId);
      return repos.staff.listForCheckpoint(checkpointId);
    },

    getStaff,

    async createStaff(actor: UserActor, checkpointId: number, input: StaffInput, ip: string): Promise<Staff> {
      get(checkpointId);
      const pinHash = await hashPin(input.pin);
      return repos.tx(() => {
        get(checkpointId);
        const taken = repos.staff.getByBadge(input.badge);
        if (taken) {
          throw new Problem('conflict', { errors: [{ path: 'badge', message: 'cpstaff.badge_taken' }] });
        }
        const s = repos.staff.insert({ checkpointId, badge: input.badge, name: input.name, pinHash });
        repos.audit.record({ actor, action: 'checkpoint_staff.create', subjectId: s.id, ip, detail: { checkpointId, badge: s.badge, name: s.name } });
        return s;
      });
    },

    renameStaff(actor: UserActor, checkpointId: number, staffId: number, name: string, ip: string): Staff {
      return repos.tx(() => {
        const before = getStaff(checkpointId, staffId);
        repos.staff.rename(staffId, name);
        repos.audit.record({ actor, action: 'checkpoint_staff.update', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge, before: { name: before.name }, after: { name } } });
        return repos.staff.get(staffId)!;
      });
    },

    async resetPin(actor: UserActor, checkpointId: number, staffId: number, pin: string, ip: string): Promise<Staff> {
      getStaff(checkpointId, staffId);
      const pinHash = await hashPin(pin);
      return repos.tx(() => {
        const before = getStaff(checkpointId, staffId);
        repos.staff.setPinHash(staffId, pinHash);
        repos.audit.record({ actor, action: 'checkpoint_staff.pin_reset', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge } });
        return repos.staff.get(staffId)!;
      });
    },

    disableStaff: (actor: UserActor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, true, ip),
    enableStaff: (actor: UserActor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, false, ip),
  };
}
export type CheckpointsService = ReturnType<typeof checkpointsService>;
