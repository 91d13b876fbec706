import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { forbidden, notFound, Problem } from '../../problem.js';
import { takenOnUnique } from '../../db/dialect.js';
import { plateRegion } from '../../../core/validate/index.js';
import { assertEnterpriseAccess, enterpriseFilter, isBureau } from '../enterprises/scope.js';
import type { Vehicle, VehicleInput, VehicleListQuery } from './schema.js';
import { VEHICLE_PLATE_UNIQUE } from './repository.js';

/** The enterprise whose records an enterprise user manages: only ever the signed-in user's own. */
export function ownEnterpriseId(actor: UserActor): number {
  if (actor.user.role !== 'enterprise_user' || actor.user.enterpriseId == null) throw forbidden();
  return actor.user.enterpriseId;
}

/** The list filter: the bureau may pick an enterprise (or none: all); an enterprise user gets its own and may not ask for another. */
export function listEnterpriseId(actor: UserActor, requested: number | undefined): number | undefined {
  if (isBureau(actor)) return requested;
  const own = enterpriseFilter(actor);
  if (requested !== undefined && requested !== own) throw forbidden();
  return own;
}

export interface GetForEnterpriseOptions {
  /** The record must belong to this enterprise (e.g. the pass's), else 404. */
  enterpriseId?: number;
  /** Refuse an archived record with 409: new passes may not name one. */
  activeOnly?: boolean;
}

export function vehiclesService(repos: Repos) {
  const subject = (v: Vehicle) => ({ subjectId: v.id, enterpriseId: v.enterpriseId });

  async function get(actor: UserActor, id: number): Promise<Vehicle> {
    const v = await repos.vehicles.get(id);
    if (!v) throw notFound();
    assertEnterpriseAccess(actor, v.enterpriseId);
    return v;
  }

  /** Only an enterprise user changes its own vehicles; the bureau reads. */
  async function getOwn(actor: UserActor, id: number): Promise<Vehicle> {
    const enterpriseId = ownEnterpriseId(actor);
    const v = await get(actor, id);
    if (v.enterpriseId !== enterpriseId) throw notFound();
    return v;
  }

  function regionOf(plate: string): string {
    // The plate already passed the schema, so this only fails if the two tables disagree.
    const region = plateRegion(plate);
    if (!region) throw new Problem('validation', { errors: [{ path: 'plate', message: 'plate.format' }] });
    return region.code;
  }

  async function assertPlateFree(enterpriseId: number, plate: string, exceptId?: number): Promise<void> {
    const existing = await repos.vehicles.getByPlate(enterpriseId, plate);
    if (existing && existing.id !== exceptId) {
      throw new Problem('conflict', { errors: [
        { path: 'plate', message: existing.archived ? 'vehicle.plate_exists_archived' : 'vehicle.plate_exists' },
      ] });
    }
  }

  const plateWrite = <T>(write: () => Promise<T>) =>
    takenOnUnique(VEHICLE_PLATE_UNIQUE, () => new Problem('conflict', { errors: [{ path: 'plate', message: 'vehicle.plate_exists' }] }), write);

  function setArchived(actor: UserActor, id: number, archived: boolean, ip: string): Promise<Vehicle> {
    return repos.store.transaction(async () => {
      const before = await getOwn(actor, id);
      if (before.archived === archived) return before;
      await repos.vehicles.setArchived(id, archived);
      await repos.audit.record({ actor, action: archived ? 'vehicle.archive' : 'vehicle.restore', ...subject(before), ip, detail: { plate: before.plate } });
      return (await repos.vehicles.get(id))!;
    });
  }

  return {
    get,

    /**
     * For other features (pass applications): the vehicle after the access
     * check. Another enterprise's vehicle answers 404 like a missing one.
     */
    async getForEnterprise(actor: UserActor, id: number, opts: GetForEnterpriseOptions = {}): Promise<Vehicle> {
      const v = await get(actor, id);
      if (opts.enterpriseId !== undefined && v.enterpriseId !== opts.enterpriseId) throw notFound();
      if (opts.activeOnly && v.archived) throw new Problem('conflict', { errors: [{ path: 'vehicleId', message: 'vehicle.is_archived' }] });
      return v;
    },

    list(actor: UserActor, q: VehicleListQuery): Promise<{ items: Vehicle[]; total: number }> {
      return repos.vehicles.list({
        enterpriseId: listEnterpriseId(actor, q.enterpriseId),
        q: q.q?.normalize('NFKC').toUpperCase(),
        type: q.type,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },

    create(actor: UserActor, input: VehicleInput, ip: string): Promise<Vehicle> {
      const enterpriseId = ownEnterpriseId(actor);
      const regionCode = regionOf(input.plate);
      return repos.store.transaction(async () => {
        await assertPlateFree(enterpriseId, input.plate);
        const v = await plateWrite(() => repos.vehicles.insert({ enterpriseId, plate: input.plate, type: input.type, regionCode }));
        await repos.audit.record({ actor, action: 'vehicle.create', ...subject(v), ip, detail: { plate: v.plate, type: v.type, regionCode } });
        return v;
      });
    },

    update(actor: UserActor, id: number, input: VehicleInput, ip: string): Promise<Vehicle> {
      const regionCode = regionOf(input.plate);
      return repos.store.transaction(async () => {
        const before = await getOwn(actor, id);
        if (input.plate !== before.plate) {
          if (await repos.vehicles.onLivePass(id)) {
            throw new Problem('conflict', { errors: [{ path: 'plate', message: 'vehicle.plate_locked' }] });
          }
          await assertPlateFree(before.enterpriseId, input.plate, id);
        }
        await plateWrite(() => repos.vehicles.update(id, { plate: input.plate, type: input.type, regionCode }));
        await repos.audit.record({
          actor, action: 'vehicle.update', ...subject(before), ip,
          detail: { before: { plate: before.plate, type: before.type }, after: { plate: input.plate, type: input.type } },
        });
        return (await repos.vehicles.get(id))!;
      });
    },

    archive: (actor: UserActor, id: number, ip: string) => setArchived(actor, id, true, ip),
    restore: (actor: UserActor, id: number, ip: string) => setArchived(actor, id, false, ip),
  };
}
export type VehiclesService = ReturnType<typeof vehiclesService>;
