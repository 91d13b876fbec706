import type { Db } from '../../db/open.js';
import { cached } from '../../db/statement-cache.js';
import type { DevicePublicJwk } from '../../../core/device/index.js';
import type { Device, DeviceListQuery } from './schema.js';

interface DeviceRow {
  id: string;
  checkpoint_id: number;
  checkpoint_name: string;
  public_jwk: string;
  label: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  app_version: string | null;
  queue_length: number | null;
  bundle_age_sec: number | null;
  reported_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  checkpointId: r.checkpoint_id,
  checkpointName: r.checkpoint_name,
  label: r.label,
  status: r.revoked_at ? 'revoked' : 'active',
  enrolledAt: r.enrolled_at,
  lastSeenAt: r.last_seen_at,
  appVersion: r.app_version,
  queueLength: r.queue_length,
  bundleAgeSec: r.bundle_age_sec,
  reportedAt: r.reported_at,
  revokedAt: r.revoked_at,
  revokeReason: r.revoke_reason,
});

/** What request authentication needs about a device. */
export interface DeviceAuthRecord {
  id: string;
  checkpointId: number;
  publicJwk: DevicePublicJwk;
  revoked: boolean;
}

export interface EnrollmentCodeRecord {
  id: string;
  checkpointId: number;
  secretHash: string;
  createdAt: string;
  /** unix ms */
  expiresAt: number;
  attempts: number;
  usedAt: string | null;
  deviceId: string | null;
}

interface CodeRow {
  id: string;
  checkpoint_id: number;
  secret_hash: string;
  created_at: string;
  expires_at: number;
  attempts: number;
  used_at: string | null;
  device_id: string | null;
}
const toCode = (r: CodeRow): EnrollmentCodeRecord => ({
  id: r.id,
  checkpointId: r.checkpoint_id,
  secretHash: r.secret_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  attempts: r.attempts,
  usedAt: r.used_at,
  deviceId: r.device_id,
});

const SELECT = `SELECT d.*, c.name AS checkpoint_name FROM devices d JOIN checkpoints c ON c.id = d.checkpoint_id`;

/** Devices, their enrollment codes and the replay cache of their request nonces. */
export function devicesRepo(db: Db) {
  const prep = cached(db);
  const authStmt = prep<[string], { id: string; checkpoint_id: number; public_jwk: string; revoked_at: string | null }>(
    'SELECT id, checkpoint_id, public_jwk, revoked_at FROM devices WHERE id = ?',
  );
  const nonceStmt = prep('INSERT OR IGNORE INTO device_nonces (device_id, nonce, expires_at) VALUES (?, ?, ?)');
  const touchStmt = prep('UPDATE devices SET last_seen_at = ?, last_ip = ? WHERE id = ?');
  return {
    get(id: string): Device | undefined {
      const r = prep<[string], DeviceRow>(`${SELECT} WHERE d.id = ?`).get(id);
      return r && toDevice(r);
    },
    /** Key and state for verifying a request; revoked devices included (they are refused, by name). */
    forAuth(id: string): DeviceAuthRecord | undefined {
      const r = authStmt.get(id);
      return r && { id: r.id, checkpointId: r.checkpoint_id, publicJwk: JSON.parse(r.public_jwk) as DevicePublicJwk, revoked: r.revoked_at !== null };
    },
    existsWithThumbprint(thumbprint: string): boolean {
      return !!prep<[string], { x: number }>('SELECT 1 AS x FROM devices WHERE key_thumbprint = ?').get(thumbprint);
    },
    list(filter: Partial<DeviceListQuery> = {}): Device[] {
      const revoked = filter.status === 'active' ? 0 : filter.status === 'revoked' ? 1 : null;
      return prep<[{ checkpointId: number | null; revoked: number | null }], DeviceRow>(
          `${SELECT} WHERE (@checkpointId IS NULL OR d.checkpoint_id = @checkpointId)
             AND (@revoked IS NULL OR (d.revoked_at IS NOT NULL) = @revoked)
           ORDER BY d.revoked_at IS NOT NULL, c.name, d.enrolled_at, d.id`,
        )
        .all({ checkpointId: filter.checkpointId ?? null, revoked })
        .map(toDevice);
    },
    insert(d: {
      id: string;
      checkpointId: number;
      publicJwk: DevicePublicJwk;
      thumbprint: string;
      label: string | null;
      appVersion: string | null;
      enrollmentCodeId: string;
      ip: string | null;
      at: string;
    }): Device {
      prep(
        `INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint, label, app_version, enrollment_code_id, enrolled_at, enrolled_ip, last_seen_at, last_ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.checkpointId, JSON.stringify(d.publicJwk), d.thumbprint, d.label, d.appVersion, d.enrollmentCodeId, d.at, d.ip, d.at, d.ip);
      return this.get(d.id)!;
    },
    touch(id: string, at: string, ip: string | null): void {
      touchStmt.run(at, ip, id);
    },
    report(id: string, r: { appVersion: string | null; queueLength: number; bundleAgeSec: number | null; at: string }): void {
      prep('UPDATE devices SET app_version = coalesce(?, app_version), queue_length = ?, bundle_age_sec = ?, reported_at = ? WHERE id = ?').run(
        r.appVersion,
        r.queueLength,
        r.bundleAgeSec,
        r.at,
        id,
      );
    },
    /** false when the device does not exist or was revoked already. */
    revoke(id: string, r: { by: number | null; reason: string; at: string }): boolean {
      return (
        prep('UPDATE devices SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL').run(r.at, r.by, r.reason, id)
          .changes === 1
      );
    },

    /** Records a nonce; false when this device used it before (a replay). */
    useNonce(deviceId: string, nonce: string, expiresAt: number): boolean {
      return nonceStmt.run(deviceId, nonce, expiresAt).changes === 1;
    },
    purgeNonces(now: number): number {
      return prep('DELETE FROM device_nonces WHERE expires_at < ?').run(now).changes;
    },

    code(id: string): EnrollmentCodeRecord | undefined {
      const r = prep<[string], CodeRow>('SELECT * FROM enrollment_codes WHERE id = ?').get(id);
      return r && toCode(r);
    },
    /** True when any code, live or not, has this id (ids are never reused while the row exists). */
    codeIdTaken(id: string): boolean {
      return !!prep<[string], { x: number }>('SELECT 1 AS x FROM enrollment_codes WHERE id = ?').get(id);
    },
    insertCode(c: { id: string; checkpointId: number; secretHash: string; createdBy: number | null; expiresAt: number; at: string }): EnrollmentCodeRecord {
      prep('INSERT INTO enrollment_codes (id, checkpoint_id, secret_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        c.id,
        c.checkpointId,
        c.secretHash,
        c.createdBy,
        c.at,
        c.expiresAt,
      );
      return this.code(c.id)!;
    },
    countFailedAttempt(id: string): void {
      prep('UPDATE enrollment_codes SET attempts = attempts + 1 WHERE id = ?').run(id);
    },
    /** Consumes the code; false unless it was unused, unexpired and under the attempt limit at `now`. */
    consumeCode(id: string, r: { deviceId: string; at: string; now: number; maxAttempts: number }): boolean {
      return (
        prep('UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?')
          .run(r.at, r.deviceId, id, r.now, r.maxAttempts).changes === 1
      );
    },
    /** Codes of a checkpoint still usable at `now`, newest first (for the admin page: never the secret). */
    pendingCodes(checkpointId: number, now: number, maxAttempts: number): EnrollmentCodeRecord[] {
      return prep<[number, number, number], CodeRow>(
          'SELECT * FROM enrollment_codes WHERE checkpoint_id = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? ORDER BY created_at DESC, id',
        )
        .all(checkpointId, now, maxAttempts)
        .map(toCode);
    },
    /** Withdraws every unused code of a checkpoint (e.g. when it closes); returns how many. */
    expireCodes(checkpointId: number, now: number): number {
      return prep('UPDATE enrollment_codes SET expires_at = ? WHERE checkpoint_id = ? AND used_at IS NULL AND expires_at > ?').run(now, checkpointId, now).changes;
    },
    /** Deletes unused codes that expired before `before` (used ones stay: their device names them). */
    purgeCodes(before: number): number {
      return prep('DELETE FROM enrollment_codes WHERE used_at IS NULL AND expires_at < ?').run(before).changes;
    },
  };
}
export type DevicesRepo = ReturnType<typeof devicesRepo>;
