import type { Db } from '../../db/open.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { Checkpoint, CheckpointDirection, CheckpointStatus } from './schema.js';

interface CheckpointRow {
  id: number;
  name: string;
  location: string;
  region_code: string;
  direction: CheckpointDirection;
  status: CheckpointStatus;
  created_at: string;
  updated_at: string;
  staff_count: number;
  device_count: number;
}

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  name: r.name,
  location: r.location,
  regionCode: r.region_code,
  regionName: lookupRegion(r.region_code)?.name ?? r.region_code,
  direction: r.direction,
  status: r.status,
  staffCount: r.staff_count,
  deviceCount: r.device_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SELECT = `SELECT c.*,
  (SELECT count(*) FROM staff s WHERE s.checkpoint_id = c.id AND s.disabled = 0) AS staff_count,
  (SELECT count(*) FROM devices d WHERE d.checkpoint_id = c.id AND d.revoked_at IS NULL) AS device_count
  FROM checkpoints c`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export interface CheckpointFields {
  name: string;
  location: string;
  regionCode: string;
  direction: CheckpointDirection;
}

export function checkpointsRepo(db: Db) {
  const byId = db.prepare<[number], CheckpointRow>(`${SELECT} WHERE c.id = ?`);
  const byName = db.prepare<[string], CheckpointRow>(`${SELECT} WHERE c.name = ?`);
  return {
    get(id: number): Checkpoint | undefined {
      const r = byId.get(id);
      return r && toCheckpoint(r);
    },
    getByName(name: string): Checkpoint | undefined {
      const r = byName.get(name);
      return r && toCheckpoint(r);
    },
    /** Active first, then by name. Checkpoints are tens, not thousands: no paging. */
    list(filter: { status?: CheckpointStatus | undefined } = {}): Checkpoint[] {
      return db
        .prepare<[{ status: CheckpointStatus | null }], CheckpointRow>(
          `${SELECT} WHERE (@status IS NULL OR c.status = @status) ORDER BY c.status = 'closed', c.name`,
        )
        .all({ status: filter.status ?? null })
        .map(toCheckpoint);
    },
    insert(c: CheckpointFields): Checkpoint {
      const info = db
        .prepare('INSERT INTO checkpoints (name, location, region_code, direction) VALUES (?, ?, ?, ?)')
        .run(c.name, c.location, c.regionCode, c.direction);
      return this.get(Number(info.lastInsertRowid))!;
    },
    update(id: number, c: CheckpointFields): void {
      db.prepare(`UPDATE checkpoints SET name = ?, location = ?, region_code = ?, direction = ?, updated_at = ${NOW} WHERE id = ?`).run(
        c.name,
        c.location,
        c.regionCode,
        c.direction,
        id,
      );
    },
    setStatus(id: number, status: CheckpointStatus): void {
      db.prepare(`UPDATE checkpoints SET status = ?, updated_at = ${NOW} WHERE id = ?`).run(status, id);
    },
  };
}
export type CheckpointsRepo = ReturnType<typeof checkpointsRepo>;
