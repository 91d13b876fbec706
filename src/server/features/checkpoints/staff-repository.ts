import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { isoNow } from '../../db/dialect.js';
import type { Staff } from './schema.js';

const toStaff = (r: Selectable<DB['staff']>): Staff => ({
  id: r.id,
  checkpointId: r.checkpoint_id,
  badge: r.badge,
  name: r.name,
  disabled: r.disabled === 1,
  pinSetAt: r.pin_set_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The one UNIQUE constraint a caller can break: a badge is unique across every checkpoint. */
export const STAFF_BADGE_UNIQUE = { postgres: 'staff_badge_key', sqlite: 'staff.badge' };

/**
 * Checkpoint staff, on either engine (issue 16). The PIN hash leaves this repository only through
 * `forDevices`, for the signed checkpoint data.
 */
export function staffRepo(store: Store) {
  async function get(id: number): Promise<Staff | undefined> {
    const r = await store.q().selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toStaff(r);
  }
  return {
    get,
    async getByBadge(badge: string): Promise<Staff | undefined> {
      const r = await store.q().selectFrom('staff').selectAll().where('badge', '=', badge).executeTakeFirst();
      return r && toStaff(r);
    },
    /** A checkpoint's staff, enabled first, then by badge. */
    async listForCheckpoint(checkpointId: number): Promise<Staff[]> {
      const rows = await store.q().selectFrom('staff').selectAll().where('checkpoint_id', '=', checkpointId).orderBy('disabled').orderBy('badge').execute();
      return rows.map(toStaff);
    },
    /** Enabled staff with their PIN hashes, by badge: what a device of the checkpoint receives (signed). */
    async forDevices(checkpointId: number): Promise<Array<{ badge: string; name: string; pinHash: string }>> {
      const rows = await store
        .q()
        .selectFrom('staff')
        .select(['badge', 'name', 'pin_hash'])
        .where('checkpoint_id', '=', checkpointId)
        .where('disabled', '=', 0)
        .orderBy('badge')
        .execute();
      return rows.map((r) => ({ badge: r.badge, name: r.name, pinHash: r.pin_hash }));
    },
    /** Throws on a badge already given (isUniqueViolation with STAFF_BADGE_UNIQUE, on both engines). */
    async insert(s: { checkpointId: number; badge: string; name: string; pinHash: string }): Promise<Staff> {
      const { id } = await store
        .q()
        .insertInto('staff')
        .values({ checkpoint_id: s.checkpointId, badge: s.badge, name: s.name, pin_hash: s.pinHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    async rename(id: number, name: string): Promise<void> {
      await store.q().updateTable('staff').set({ name, updated_at: isoNow(store) }).where('id', '=', id).execute();
    },
    async setPinHash(id: number, pinHash: string): Promise<void> {
      await store.q().updateTable('staff').set({ pin_hash: pinHash, pin_set_at: isoNow(store), updated_at: isoNow(store) }).where('id', '=', id).execute();
    },
    async setDisabled(id: number, disabled: boolean): Promise<void> {
      await store.q().updateTable('staff').set({ disabled: disabled ? 1 : 0, updated_at: isoNow(store) }).where('id', '=', id).execute();
    },
  };
}
export type StaffRepo = ReturnType<typeof staffRepo>;
