import type { Db } from '../../db/open.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { RecordStatus, Vehicle, VehicleType } from './schema.js';

interface VehicleRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  plate: string;
  vehicle_type: VehicleType;
  region_code: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

const toVehicle = (r: VehicleRow): Vehicle => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  plate: r.plate,
  type: r.vehicle_type,
  regionCode: r.region_code,
  regionName: lookupRegion(r.region_code)?.name ?? r.region_code,
  archived: r.archived === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SELECT = `SELECT v.*, e.name AS enterprise_name FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export interface VehicleFilter {
  enterpriseId?: number | undefined;
  q?: string | undefined;
  type?: VehicleType | undefined;
  status: RecordStatus;
  limit: number;
  offset: number;
}

export function vehiclesRepo(db: Db) {
  const byId = db.prepare<[number], VehicleRow>(`${SELECT} WHERE v.id = ?`);
  const byPlate = db.prepare<[number, string], VehicleRow>(`${SELECT} WHERE v.enterprise_id = ? AND v.plate = ?`);
  return {
    get(id: number): Vehicle | undefined {
      const r = byId.get(id);
      return r && toVehicle(r);
    },
    /** Archived vehicles included: the plate stays taken in its enterprise. */
    getByPlate(enterpriseId: number, plate: string): Vehicle | undefined {
      const r = byPlate.get(enterpriseId, plate);
      return r && toVehicle(r);
    },
    list(filter: VehicleFilter): { items: Vehicle[]; total: number } {
      const where = `WHERE (@enterpriseId IS NULL OR v.enterprise_id = @enterpriseId)
        AND (@q IS NULL OR instr(v.plate, @q) > 0)
        AND (@type IS NULL OR v.vehicle_type = @type)
        AND (@archived IS NULL OR v.archived = @archived)`;
      const args = {
        enterpriseId: filter.enterpriseId ?? null,
        q: filter.q || null,
        type: filter.type ?? null,
        archived: filter.status === 'all' ? null : filter.status === 'archived' ? 1 : 0,
      };
      const items = db
        .prepare<[typeof args & { limit: number; offset: number }], VehicleRow>(
          `${SELECT} ${where} ORDER BY v.archived, e.name, v.plate, v.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...args, limit: filter.limit, offset: filter.offset })
        .map(toVehicle);
      const total = db
        .prepare<[typeof args], { n: number }>(`SELECT count(*) AS n FROM vehicles v ${where}`)
        .get(args)!.n;
      return { items, total };
    },
    insert(v: { enterpriseId: number; plate: string; type: VehicleType; regionCode: string }): Vehicle {
      const info = db
        .prepare('INSERT INTO vehicles (enterprise_id, plate, vehicle_type, region_code) VALUES (?, ?, ?, ?)')
        .run(v.enterpriseId, v.plate, v.type, v.regionCode);
      return this.get(Number(info.lastInsertRowid))!;
    },
    update(id: number, v: { plate: string; type: VehicleType; regionCode: string }): void {
      db.prepare(`UPDATE vehicles SET plate = ?, vehicle_type = ?, region_code = ?, updated_at = ${NOW} WHERE id = ?`).run(
        v.plate,
        v.type,
        v.regionCode,
        id,
      );
    },
    setArchived(id: number, archived: boolean): void {
      db.prepare(`UPDATE vehicles SET archived = ?, updated_at = ${NOW} WHERE id = ?`).run(archived ? 1 : 0, id);
    },
    /**
     * Whether a submitted or issued pass that has not yet ended names this
     * vehicle: its plate is then printed and signed, and must not change under it.
     */
    onLivePass(id: number): boolean {
      return !!db
        .prepare<[number], { x: number }>(
          `SELECT 1 AS x FROM passes WHERE vehicle_id = ? AND status IN ('submitted', 'issued') AND valid_to > ${NOW} LIMIT 1`,
        )
        .get(id);
    },
  };
}
export type VehiclesRepo = ReturnType<typeof vehiclesRepo>;
