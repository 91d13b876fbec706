import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { containsText, isoNow } from '../../db/dialect.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { RecordStatus, Vehicle, VehicleType } from './schema.js';

/** A vehicles row with its enterprise's name, as every read selects it. */
type VehicleRow = Selectable<DB['vehicles']> & { enterprise_name: string };

const toVehicle = (r: VehicleRow): Vehicle => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  plate: r.plate,
  type: r.vehicle_type as VehicleType, // the column's CHECK holds exactly vehicleTypeSchema's values
  regionCode: r.region_code,
  regionName: lookupRegion(r.region_code)?.name ?? r.region_code,
  archived: r.archived === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface VehicleFilter {
  enterpriseId?: number | undefined;
  q?: string | undefined;
  type?: VehicleType | undefined;
  status: RecordStatus;
  limit: number;
  offset: number;
}

/** The one UNIQUE constraint a caller can break: one plate per enterprise (for isUniqueViolation). */
export const VEHICLE_PLATE_UNIQUE = { postgres: 'vehicles_enterprise_id_plate_key', sqlite: 'vehicles.enterprise_id, vehicles.plate' };

/** Vehicles, on either engine: every statement through store.q(), so it joins whatever transaction is open. */
export function vehiclesRepo(store: Store) {
  const withEnterprise = () =>
    store.q().selectFrom('vehicles as v').innerJoin('enterprises as e', 'e.id', 'v.enterprise_id').selectAll('v').select('e.name as enterprise_name');

  const matching = (filter: VehicleFilter) => {
    const archived = filter.status === 'all' ? undefined : filter.status === 'archived' ? 1 : 0;
    return store
      .q()
      .selectFrom('vehicles as v')
      .$if(filter.enterpriseId !== undefined, (qb) => qb.where('v.enterprise_id', '=', filter.enterpriseId!))
      // Part of the plate, taken literally (the service passes it upper-cased, as plates are stored).
      .$if(!!filter.q, (qb) => qb.where((eb) => containsText(eb.ref('v.plate'), filter.q!)))
      .$if(filter.type !== undefined, (qb) => qb.where('v.vehicle_type', '=', filter.type!))
      .$if(archived !== undefined, (qb) => qb.where('v.archived', '=', archived!));
  };

  async function get(id: number): Promise<Vehicle | undefined> {
    const r = await withEnterprise().where('v.id', '=', id).executeTakeFirst();
    return r && toVehicle(r);
  }

  return {
    get,
    /** Archived vehicles included: the plate stays taken in its enterprise. */
    async getByPlate(enterpriseId: number, plate: string): Promise<Vehicle | undefined> {
      const r = await withEnterprise().where('v.enterprise_id', '=', enterpriseId).where('v.plate', '=', plate).executeTakeFirst();
      return r && toVehicle(r);
    },
    async list(filter: VehicleFilter): Promise<{ items: Vehicle[]; total: number }> {
      const rows = await matching(filter)
        .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
        .selectAll('v')
        .select('e.name as enterprise_name')
        .orderBy('v.archived')
        .orderBy('e.name')
        .orderBy('v.plate')
        .orderBy('v.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const { n } = await matching(filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toVehicle), total: Number(n) };
    },
    /** Throws on a plate the enterprise already has (isUniqueViolation with VEHICLE_PLATE_UNIQUE, on both engines). */
    async insert(v: { enterpriseId: number; plate: string; type: VehicleType; regionCode: string }): Promise<Vehicle> {
      const { id } = await store
        .q()
        .insertInto('vehicles')
        .values({ enterprise_id: v.enterpriseId, plate: v.plate, vehicle_type: v.type, region_code: v.regionCode })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    async update(id: number, v: { plate: string; type: VehicleType; regionCode: string }): Promise<void> {
      await store
        .q()
        .updateTable('vehicles')
        .set({ plate: v.plate, vehicle_type: v.type, region_code: v.regionCode, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    async setArchived(id: number, archived: boolean): Promise<void> {
      await store
        .q()
        .updateTable('vehicles')
        .set({ archived: archived ? 1 : 0, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    /**
     * Whether a submitted or issued pass that has not yet ended names this
     * vehicle: its plate is then printed and signed, and must not change under it.
     */
    async onLivePass(id: number): Promise<boolean> {
      const r = await store
        .q()
        .selectFrom('passes')
        .select('id')
        .where('vehicle_id', '=', id)
        .where('status', 'in', ['submitted', 'issued'])
        .where('valid_to', '>', isoNow(store))
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
export type VehiclesRepo = ReturnType<typeof vehiclesRepo>;
