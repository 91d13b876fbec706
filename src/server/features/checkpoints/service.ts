import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { notFound, Problem } from '../../problem.js';
import { hashPin } from '../../security/pin.js';
import { takenOnUnique } from '../../db/dialect.js';
import { CHECKPOINT_NAME_UNIQUE } from './repository.js';
import { STAFF_BADGE_UNIQUE } from './staff-repository.js';
import type { Checkpoint, CheckpointInput, CheckpointStatus, Staff, StaffInput } from './schema.js';

const nameTaken = () => new Problem('conflict', { errors: [{ path: 'name', message: 'checkpoint.name_taken' }] });
const badgeTaken = () => new Problem('conflict', { errors: [{ path: 'badge', message: 'cpstaff.badge_taken' }] });

/**
 * Checkpoints and their staff: the bureau administrator's. Every change is
 * audited; PINs are hashed here and never returned, logged or audited.
 */
export function checkpointsService(repos: Repos) {
  async function get(id: number): Promise<Checkpoint> {
    const c = await repos.checkpoints.get(id);
    if (!c) throw notFound();
    return c;
  }

  async function assertNameFree(name: string, exceptId?: number): Promise<void> {
    const other = await repos.checkpoints.getByName(name);
    if (other && other.id !== exceptId) throw nameTaken();
  }

  const nameWrite = <T>(write: () => Promise<T>) => takenOnUnique(CHECKPOINT_NAME_UNIQUE, nameTaken, write);
  const badgeWrite = <T>(write: () => Promise<T>) => takenOnUnique(STAFF_BADGE_UNIQUE, badgeTaken, write);

  async function getStaff(checkpointId: number, staffId: number): Promise<Staff> {
    const s = await repos.staff.get(staffId);
    // Staff of another checkpoint answers like staff that does not exist.
    if (!s || s.checkpointId !== checkpointId) throw notFound();
    return s;
  }

  function setStatus(actor: UserActor, id: number, status: CheckpointStatus, ip: string): Promise<Checkpoint> {
    return repos.store.transaction(async () => {
      const before = await get(id);
      if (before.status === status) return before;
      await repos.checkpoints.setStatus(id, status);
      // A closed checkpoint enrolls no device: codes handed out for it stop working at once.
      const withdrawn = status === 'closed' ? await repos.devices.expireCodes(id, Date.now()) : 0;
      await repos.audit.record({ actor, action: status === 'closed' ? 'checkpoint.close' : 'checkpoint.reopen', subjectId: id, ip, detail: { name: before.name, withdrawnCodes: withdrawn } });
      return await get(id);
    });
  }

  function setStaffDisabled(actor: UserActor, checkpointId: number, staffId: number, disabled: boolean, ip: string): Promise<Staff> {
    return repos.store.transaction(async () => {
      const before = await getStaff(checkpointId, staffId);
      if (before.disabled === disabled) return before;
      await repos.staff.setDisabled(staffId, disabled);
      await repos.audit.record({ actor, action: disabled ? 'checkpoint_staff.disable' : 'checkpoint_staff.enable', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge } });
      return (await repos.staff.get(staffId))!;
    });
  }

  return {
    get,
    list: (status?: CheckpointStatus) => repos.checkpoints.list({ status }),

    create(actor: UserActor, input: CheckpointInput, ip: string): Promise<Checkpoint> {
      return repos.store.transaction(async () => {
        await assertNameFree(input.name);
        const c = await nameWrite(() => repos.checkpoints.insert(input));
        await repos.audit.record({ actor, action: 'checkpoint.create', subjectId: c.id, ip, detail: { ...input } });
        return c;
      });
    },

    update(actor: UserActor, id: number, input: CheckpointInput, ip: string): Promise<Checkpoint> {
      return repos.store.transaction(async () => {
        const before = await get(id);
        await assertNameFree(input.name, id);
        await nameWrite(() => repos.checkpoints.update(id, input));
        await repos.audit.record({ actor, action: 'checkpoint.update', subjectId: id, ip, detail: {
          before: { name: before.name, location: before.location, regionCode: before.regionCode, direction: before.direction },
          after: input,
        } });
        return await get(id);
      });
    },

    close: (actor: UserActor, id: number, ip: string) => setStatus(actor, id, 'closed', ip),
    reopen: (actor: UserActor, id: number, ip: string) => setStatus(actor, id, 'active', ip),

    async listStaff(checkpointId: number): Promise<Staff[]> {
      await get(checkpointId);
      return repos.staff.listForCheckpoint(checkpointId);
    },

    getStaff,

    async createStaff(actor: UserActor, checkpointId: number, input: StaffInput, ip: string): Promise<Staff> {
      await get(checkpointId);
      const pinHash = await hashPin(input.pin);
      return repos.store.transaction(async () => {
        await get(checkpointId);
        const taken = await repos.staff.getByBadge(input.badge);
        if (taken) throw badgeTaken();
        const s = await badgeWrite(() => repos.staff.insert({ checkpointId, badge: input.badge, name: input.name, pinHash }));
        await repos.audit.record({ actor, action: 'checkpoint_staff.create', subjectId: s.id, ip, detail: { checkpointId, badge: s.badge, name: s.name } });
        return s;
      });
    },

    renameStaff(actor: UserActor, checkpointId: number, staffId: number, name: string, ip: string): Promise<Staff> {
      return repos.store.transaction(async () => {
        const before = await getStaff(checkpointId, staffId);
        await repos.staff.rename(staffId, name);
        await repos.audit.record({ actor, action: 'checkpoint_staff.update', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge, before: { name: before.name }, after: { name } } });
        return (await repos.staff.get(staffId))!;
      });
    },

    async resetPin(actor: UserActor, checkpointId: number, staffId: number, pin: string, ip: string): Promise<Staff> {
      await getStaff(checkpointId, staffId);
      const pinHash = await hashPin(pin);
      return repos.store.transaction(async () => {
        const before = await getStaff(checkpointId, staffId);
        await repos.staff.setPinHash(staffId, pinHash);
        await repos.audit.record({ actor, action: 'checkpoint_staff.pin_reset', subjectId: staffId, ip, detail: { checkpointId, badge: before.badge } });
        return (await repos.staff.get(staffId))!;
      });
    },

    disableStaff: (actor: UserActor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, true, ip),
    enableStaff: (actor: UserActor, checkpointId: number, staffId: number, ip: string) => setStaffDisabled(actor, checkpointId, staffId, false, ip),
  };
}
export type CheckpointsService = ReturnType<typeof checkpointsService>;
