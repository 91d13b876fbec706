import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import type { UniqueConstraint } from '../../db/dialect.js';
import type { DevicePublicJwk } from '../../../core/device/index.js';
import type { Device, DeviceListQuery } from './schema.js';

type DeviceRow = Selectable<DB['devices']> & { checkpoint_name: string };

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

const toCode = (r: Selectable<DB['enrollment_codes']>): EnrollmentCodeRecord => ({
  id: r.id,
  checkpointId: r.checkpoint_id,
  secretHash: r.secret_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  attempts: r.attempts,
  usedAt: r.used_at,
  deviceId: r.device_id,
});

/**
 * A public key is enrolled once (devices.key_thumbprint UNIQUE). The service checks first; a second
 * enrollment of the same key racing the first (two nodes, on PostgreSQL) breaks this instead.
 */
export const DEVICE_KEY_UNIQUE: UniqueConstraint = { postgres: 'devices_key_thumbprint_key', sqlite: 'devices.key_thumbprint' };
/** Enrollment code ids (20 bits) are drawn at random: two codes drawn at once can clash on the primary key. */
export const ENROLLMENT_CODE_ID_UNIQUE: UniqueConstraint = { postgres: 'enrollment_codes_pkey', sqlite: 'enrollment_codes.id' };

/** Still usable at `now`: unused, unexpired, under the attempt limit. */
const usable = (now: number, maxAttempts: number) => (eb: ExpressionBuilder<DB, 'enrollment_codes'>) =>
  eb.and([eb('used_at', 'is', null), eb('expires_at', '>', now), eb('attempts', '<', maxAttempts)]);

/**
 * Devices, their enrollment codes and the replay cache of their request nonces, on either engine (issue 16).
 * Every statement that must be atomic across nodes is one statement: the nonce insert (ON CONFLICT DO
 * NOTHING, its row count says whether the nonce was fresh), the attempt count (attempts + 1 in SQL), and
 * consuming a code (an UPDATE conditional on the code still being usable).
 */
export function devicesRepo(store: Store) {
  const devices = () =>
    store
      .q()
      .selectFrom('devices as d')
      .innerJoin('checkpoints as c', 'c.id', 'd.checkpoint_id')
      .selectAll('d')
      .select('c.name as checkpoint_name');

  async function get(id: string): Promise<Device | undefined> {
    const r = await devices().where('d.id', '=', id).executeTakeFirst();
    return r && toDevice(r);
  }
  async function code(id: string): Promise<EnrollmentCodeRecord | undefined> {
    const r = await store.q().selectFrom('enrollment_codes').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCode(r);
  }

  return {
    get,
    /** Key and state for verifying a request; revoked devices included (they are refused, by name). */
    async forAuth(id: string): Promise<DeviceAuthRecord | undefined> {
      const r = await store.q().selectFrom('devices').select(['id', 'checkpoint_id', 'public_jwk', 'revoked_at']).where('id', '=', id).executeTakeFirst();
      return r && { id: r.id, checkpointId: r.checkpoint_id, publicJwk: JSON.parse(r.public_jwk) as DevicePublicJwk, revoked: r.revoked_at !== null };
    },
    async existsWithThumbprint(thumbprint: string): Promise<boolean> {
      const r = await store.q().selectFrom('devices').select('id').where('key_thumbprint', '=', thumbprint).executeTakeFirst();
      return r !== undefined;
    },
    /** Active devices first, then by checkpoint name, enrollment time and id (the same order on both engines). */
    async list(filter: Partial<DeviceListQuery> = {}): Promise<Device[]> {
      let q = devices();
      if (filter.checkpointId !== undefined) q = q.where('d.checkpoint_id', '=', filter.checkpointId);
      if (filter.status === 'active') q = q.where('d.revoked_at', 'is', null);
      if (filter.status === 'revoked') q = q.where('d.revoked_at', 'is not', null);
      const rows = await q
        // 0/1 literals rather than a boolean: the same integers on both engines, not left to how each sorts its own
        // booleans (and literals, so PostgreSQL does not type untyped parameters as text).
        .orderBy((eb) => eb.case().when('d.revoked_at', 'is', null).then(eb.lit(0)).else(eb.lit(1)).end())
        .orderBy('c.name')
        .orderBy('d.enrolled_at')
        .orderBy('d.id')
        .execute();
      return rows.map(toDevice);
    },
    /** Throws on a key already enrolled (isUniqueViolation with DEVICE_KEY_UNIQUE, on both engines). */
    async insert(d: {
      id: string;
      checkpointId: number;
      publicJwk: DevicePublicJwk;
      thumbprint: string;
      label: string | null;
      appVersion: string | null;
      enrollmentCodeId: string;
      ip: string | null;
      at: string;
    }): Promise<Device> {
      await store
        .q()
        .insertInto('devices')
        .values({
          id: d.id,
          checkpoint_id: d.checkpointId,
          public_jwk: JSON.stringify(d.publicJwk),
          key_thumbprint: d.thumbprint,
          label: d.label,
          app_version: d.appVersion,
          enrollment_code_id: d.enrollmentCodeId,
          enrolled_at: d.at,
          enrolled_ip: d.ip,
          last_seen_at: d.at,
          last_ip: d.ip,
        })
        .execute();
      return (await get(d.id))!;
    },
    /** On every device request: one statement. */
    async touch(id: string, at: string, ip: string | null): Promise<void> {
      await store.q().updateTable('devices').set({ last_seen_at: at, last_ip: ip }).where('id', '=', id).execute();
    },
    /** What the device reported; the app version is kept when not sent. */
    async report(id: string, r: { appVersion: string | null; queueLength: number; bundleAgeSec: number | null; at: string }): Promise<void> {
      await store
        .q()
        .updateTable('devices')
        .set({ ...(r.appVersion === null ? {} : { app_version: r.appVersion }), queue_length: r.queueLength, bundle_age_sec: r.bundleAgeSec, reported_at: r.at })
        .where('id', '=', id)
        .execute();
    },
    /** false when the device does not exist or was revoked already. */
    async revoke(id: string, r: { by: number | null; reason: string; at: string }): Promise<boolean> {
      const res = await store
        .q()
        .updateTable('devices')
        .set({ revoked_at: r.at, revoked_by: r.by, revoke_reason: r.reason })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /**
     * Records a nonce; false when this device used it before (a replay). One INSERT … ON CONFLICT DO NOTHING:
     * of two requests carrying the same nonce, on one node or two, exactly one inserts the row.
     */
    async useNonce(deviceId: string, nonce: string, expiresAt: number): Promise<boolean> {
      const r = await store
        .q()
        .insertInto('device_nonces')
        .values({ device_id: deviceId, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async purgeNonces(now: number): Promise<number> {
      const r = await store.q().deleteFrom('device_nonces').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    code,
    /**
     * The code, its row locked until the transaction ends, for enrollment: read the attempts, compare the
     * secret, count or consume, with no other enrollment of the same code in between. Without it, on
     * PostgreSQL (read committed) parallel guesses would all read the same count and more than the limit
     * of secrets could be tried. FOR UPDATE on PostgreSQL; SQLite needs nothing, as its transactions hold
     * the database's write lock from BEGIN IMMEDIATE. Call it inside store.transaction().
     */
    async lockCode(id: string): Promise<EnrollmentCodeRecord | undefined> {
      const q = store.q().selectFrom('enrollment_codes').selectAll().where('id', '=', id);
      const r = await (store.engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
      return r && toCode(r);
    },
    /** True when any code, live or not, has this id (ids are never reused while the row exists). */
    async codeIdTaken(id: string): Promise<boolean> {
      const r = await store.q().selectFrom('enrollment_codes').select('id').where('id', '=', id).executeTakeFirst();
      return r !== undefined;
    },
    /** Throws on an id already stored (isUniqueViolation with ENROLLMENT_CODE_ID_UNIQUE, on both engines). */
    async insertCode(c: { id: string; checkpointId: number; secretHash: string; createdBy: number | null; expiresAt: number; at: string }): Promise<EnrollmentCodeRecord> {
      await store
        .q()
        .insertInto('enrollment_codes')
        .values({ id: c.id, checkpoint_id: c.checkpointId, secret_hash: c.secretHash, created_by: c.createdBy, created_at: c.at, expires_at: c.expiresAt })
        .execute();
      return (await code(c.id))!;
    },
    /** One more wrong secret, counted in the statement (attempts + 1), so concurrent guesses are all counted. */
    async countFailedAttempt(id: string): Promise<void> {
      await store
        .q()
        .updateTable('enrollment_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
    /** Consumes the code; false unless it was unused, unexpired and under the attempt limit at `now` (one conditional UPDATE). */
    async consumeCode(id: string, r: { deviceId: string; at: string; now: number; maxAttempts: number }): Promise<boolean> {
      const res = await store
        .q()
        .updateTable('enrollment_codes')
        .set({ used_at: r.at, device_id: r.deviceId })
        .where('id', '=', id)
        .where(usable(r.now, r.maxAttempts))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Codes of a checkpoint still usable at `now`, newest first (for the admin page: never the secret). */
    async pendingCodes(checkpointId: number, now: number, maxAttempts: number): Promise<EnrollmentCodeRecord[]> {
      const rows = await store
        .q()
        .selectFrom('enrollment_codes')
        .selectAll()
        .where('checkpoint_id', '=', checkpointId)
        .where(usable(now, maxAttempts))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toCode);
    },
    /** Withdraws every unused code of a checkpoint (e.g. when it closes); returns how many. */
    async expireCodes(checkpointId: number, now: number): Promise<number> {
      const r = await store
        .q()
        .updateTable('enrollment_codes')
        .set({ expires_at: now })
        .where('checkpoint_id', '=', checkpointId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Deletes unused codes that expired before `before` (used ones stay: their device names them). */
    async purgeCodes(before: number): Promise<number> {
      const r = await store.q().deleteFrom('enrollment_codes').where('used_at', 'is', null).where('expires_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type DevicesRepo = ReturnType<typeof devicesRepo>;
