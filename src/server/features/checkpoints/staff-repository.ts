import type { Db } from '../../db/open.js';
import type { Staff } from './schema.js';

interface StaffRow {
  id: number;
  checkpoint_id: number;
  badge: string;
  name: string;
  pin_hash: string;
  pin_set_at: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  checkpointId: r.checkpoint_id,
  badge: r.badge,
  name: r.name,
  disabled: r.disabled === 1,
  pinSetAt: r.pin_set_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Checkpoint staff. The PIN hash leaves this repository only through `forDevices`, for the signed checkpoint data. */
export function staffRepo(db: Db) {
  return {
    get(id: number): Staff | undefined {
      const r = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id);
      return r && toStaff(r);
    },
    getByBadge(badge: string): Staff | undefined {
      const r = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE badge = ?').get(badge);
      return r && toStaff(r);
    },
    /** A checkpoint's staff, enabled first, then by badge. */
    listForCheckpoint(checkpointId: number): Staff[] {
      return db
        .prepare<[number], StaffRow>('SELECT * FROM staff WHERE checkpoint_id = ? ORDER BY disabled, badge')
        .all(checkpointId)
        .map(toStaff);
    },
    /** Enabled staff with their PIN hashes, by badge: what a device of the checkpoint receives (signed). */
    forDevices(checkpointId: number): Array<{ badge: string; name: string; pinHash: string }> {
      return db
        .prepare<[number], { badge: string; name: string; pin_hash: string }>(
          'SELECT badge, name, pin_hash FROM staff WHERE checkpoint_id = ? AND disabled = 0 ORDER BY badge',
        )
        .all(checkpointId)
        .map((r) => ({ badge: r.badge, name: r.name, pinHash: r.pin_hash }));
    },
    insert(s: { checkpointId: number; badge: string; name: string; pinHash: string }): Staff {
      const info = db
        .prepare('INSERT INTO staff (checkpoint_id, badge, name, pin_hash) VALUES (?, ?, ?, ?)')
        .run(s.checkpointId, s.badge, s.name, s.pinHash);
      return this.get(Number(info.lastInsertRowid))!;
    },
    rename(id: number, name: string): void {
      db.prepare(`UPDATE staff SET name = ?, updated_at = ${NOW} WHERE id = ?`).run(name, id);
    },
    setPinHash(id: number, pinHash: string): void {
      db.prepare(`UPDATE staff SET pin_hash = ?, pin_set_at = ${NOW}, updated_at = ${NOW} WHERE id = ?`).run(pinHash, id);
    },
    setDisabled(id: number, disabled: boolean): void {
      db.prepare(`UPDATE staff SET disabled = ?, updated_at = ${NOW} WHERE id = ?`).run(disabled ? 1 : 0, id);
    },
  };
}
export type StaffRepo = ReturnType<typeof staffRepo>;
