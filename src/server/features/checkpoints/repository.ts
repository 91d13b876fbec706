import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { isoNow } from '../../db/dialect.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { Checkpoint, CheckpointDirection, CheckpointStatus } from './schema.js';

/** A checkpoints row with its counts of enabled staff and unrevoked devices, as every read selects it. */
type CheckpointRow = Selectable<DB['checkpoints']> & { staff_count: number | null; device_count: number | null };

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  name: r.name,
  location: r.location,
  regionCode: r.region_code,
  regionName: lookupRegion(r.region_code)?.name ?? r.region_code,
  direction: r.direction as CheckpointDirection, // the column's CHECK holds exactly checkpointDirectionSchema's values
  status: r.status as CheckpointStatus, // likewise checkpointStatusSchema's
  staffCount: Number(r.staff_count ?? 0),
  deviceCount: Number(r.device_count ?? 0),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface CheckpointFields {
  name: string;
  location: string;
  regionCode: string;
  direction: CheckpointDirection;
}

/** The UNIQUE constraint a caller can break: one checkpoint per name (for isUniqueViolation). */
export const CHECKPOINT_NAME_UNIQUE = { postgres: 'checkpoints_name_key', sqlite: 'checkpoints.name' };

/** Checkpoints, on either engine: every statement through store.q(), so it joins whatever transaction is open. */
export function checkpointsRepo(store: Store) {
  const withCounts = () =>
    store
      .q()
      .selectFrom('checkpoints as c')
      .selectAll('c')
      .select((eb) => [
        eb
          .selectFrom('staff as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.checkpoint_id', '=', 'c.id')
          .where('s.disabled', '=', 0)
          .as('staff_count'),
        eb
          .selectFrom('devices as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.checkpoint_id', '=', 'c.id')
          .where('d.revoked_at', 'is', null)
          .as('device_count'),
      ]);

  async function get(id: number): Promise<Checkpoint | undefined> {
    const r = await withCounts().where('c.id', '=', id).executeTakeFirst();
    return r && toCheckpoint(r);
  }

  return {
    get,
    async getByName(name: string): Promise<Checkpoint | undefined> {
      const r = await withCounts().where('c.name', '=', name).executeTakeFirst();
      return r && toCheckpoint(r);
    },
    /** Active first, then by name (unique). Checkpoints are tens, not thousands: no paging. */
    async list(filter: { status?: CheckpointStatus | undefined } = {}): Promise<Checkpoint[]> {
      const rows = await withCounts()
        .$if(filter.status !== undefined, (qb) => qb.where('c.status', '=', filter.status!))
        // A CASE rather than the comparison itself: SQLite sorts 0/1, PostgreSQL false/true, and a CASE gives both the same integers.
        .orderBy((eb) => eb.case().when('c.status', '=', 'closed').then(1).else(0).end())
        .orderBy('c.name')
        .orderBy('c.id')
        .execute();
      return rows.map(toCheckpoint);
    },
    /** Throws on a name already taken (isUniqueViolation with CHECKPOINT_NAME_UNIQUE, on both engines). */
    async insert(c: CheckpointFields): Promise<Checkpoint> {
      const { id } = await store
        .q()
        .insertInto('checkpoints')
        .values({ name: c.name, location: c.location, region_code: c.regionCode, direction: c.direction })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    async update(id: number, c: CheckpointFields): Promise<void> {
      await store
        .q()
        .updateTable('checkpoints')
        .set({ name: c.name, location: c.location, region_code: c.regionCode, direction: c.direction, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    async setStatus(id: number, status: CheckpointStatus): Promise<void> {
      await store.q().updateTable('checkpoints').set({ status, updated_at: isoNow(store) }).where('id', '=', id).execute();
    },
  };
}
export type CheckpointsRepo = ReturnType<typeof checkpointsRepo>;
