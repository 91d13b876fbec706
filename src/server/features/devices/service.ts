import { randomBytes, timingSafeEqual } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { devicePublicJwkSchema, importDevicePublicKey, type DevicePublicJwk } from '../../../core/device/index.js';
import {
  ENROLLMENT_CODE_ALPHABET,
  ENROLLMENT_CODE_LENGTH,
  enrollmentQrText,
  formatEnrollmentCode,
  normalizeEnrollmentCode,
  splitEnrollmentCode,
} from '../../../core/device/enrollment.js';
import { CHECKPOINT_DATA_VERSION, signCheckpointData, type CheckpointData, type CheckpointInfo } from '../../../core/device/checkpoint-data.js';
import type { Repos } from '../../repositories.js';
import { DEVICE_KEY_UNIQUE, ENROLLMENT_CODE_ID_UNIQUE, type EnrollmentCodeRecord } from './repository.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { notFound, Problem, zodIssues } from '../../problem.js';
import { sha256 } from '../../security/tokens.js';
import { deviceActor, SYSTEM, systemActor } from '../../security/actor.js';
import type { UserActor, AuthenticatedDevice } from '../../types.js';
import type { Checkpoint } from '../checkpoints/schema.js';
import { type KeysService } from '../keys/service.js';
import { servedDocument, type SignedDocument } from '../trust/signed-documents.js';
import type { Device, DeviceListQuery, EnrollBody, EnrollmentCodeResponse, EnrollResponse } from './schema.js';
import type { HeartbeatBody } from '../../../core/sync/index.js';

/** An enrollment code works for 15 minutes, once. */
export const ENROLLMENT_CODE_TTL_MS = 15 * 60_000;
/** Wrong secrets given for one code id before the code is burnt (even the right secret is refused after). */
export const ENROLLMENT_MAX_ATTEMPTS = 5;
/**
 * Lifetime of the signed checkpoint data. Unchanged data is re-signed (new
 * ETag) once less than half of it is left, so a device that syncs at least
 * daily never holds an expired copy.
 */
export const CHECKPOINT_DATA_TTL_SEC = 3 * 86_400;

const enrollmentRefused = () => new Problem('enrollment_refused', { detail: 'device.enroll.refused' });

/** 16 characters of Crockford base32: 256 is a multiple of 32, so each byte gives one uniform character. */
function randomCode(): string {
  return [...randomBytes(ENROLLMENT_CODE_LENGTH)].map((b) => ENROLLMENT_CODE_ALPHABET[b & 31]).join('');
}

/** `dev_` and 96 random bits: unguessable, and safe in a header and a log line. */
const newDeviceId = () => `dev_${randomBytes(12).toString('base64url')}`;

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkpointInfo(c: Checkpoint): CheckpointInfo {
  return { id: c.id, name: c.name, location: c.location, regionCode: c.regionCode, direction: c.direction, status: c.status };
}

/** The signed checkpoint data as served. */
export type SignedCheckpointData = SignedDocument;

export interface DevicesServiceDeps {
  repos: Repos;
  keys: KeysService;
  /** base URL devices enroll with (config.publicUrl), put in the QR */
  publicUrl: string;
}

type EnrollOutcome =
  | { ok: true; device: Device; checkpoint: Checkpoint }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'burnt' | 'wrong_secret' | 'checkpoint_closed' | 'key_in_use'; code?: EnrollmentCodeRecord };

/**
 * Device enrollment, the bureau's view of devices (list, revoke), and what a
 * device fetches about itself (signed checkpoint data, heartbeat).
 */
export function devicesService({ repos, keys, publicUrl }: DevicesServiceDeps) {
  const issuer = async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT';

  async function checkpointOf(id: number): Promise<Checkpoint> {
    const c = await repos.checkpoints.get(id);
    if (!c) throw notFound();
    return c;
  }

  async function get(id: string): Promise<Device> {
    const d = await repos.devices.get(id);
    if (!d) throw notFound();
    return d;
  }

  return {
    get,
    list: (q: Partial<DeviceListQuery> = {}) => repos.devices.list(q),

    /**
     * A fresh code for `checkpointId`, to show once (text and QR). Only its
     * hash is stored. `now` lets tests make codes that are already stale.
     */
    async createEnrollmentCode(actor: UserActor | null, checkpointId: number, ip: string | null, now: Date = new Date()): Promise<EnrollmentCodeResponse> {
      const checkpoint = await checkpointOf(checkpointId);
      if (checkpoint.status !== 'active') throw new Problem('invalid_state', { detail: 'device.enroll.checkpoint_closed' });
      return repos.store.transaction(async () => {
        const expiresAt = now.getTime() + ENROLLMENT_CODE_TTL_MS;
        /** Stores the code; false when its id is taken. */
        const stored = async (code: string): Promise<boolean> => {
          const { id, secret } = splitEnrollmentCode(code);
          if (await repos.devices.codeIdTaken(id)) return false;
          // A parallel request (on PostgreSQL) can store the same id after the check: the savepoint keeps
          // this transaction usable, and the code is drawn again.
          return repos.store
            .transaction(() => repos.devices.insertCode({ id, checkpointId, secretHash: sha256(secret), createdBy: actor?.user.id ?? null, expiresAt, at: now.toISOString() }))
            .then(
              () => true,
              (error: unknown) => {
                if (isUniqueViolation(error, ENROLLMENT_CODE_ID_UNIQUE)) return false;
                throw error;
              },
            );
        };
        let code = randomCode();
        // Ids are 20 bits: draw again on the rare clash with any stored code.
        while (!(await stored(code))) code = randomCode();
        const { id } = splitEnrollmentCode(code);
        await repos.audit.record({ actor: actor ?? SYSTEM, action: 'enrollment_code.create', subjectId: checkpointId, ip, detail: { codeId: id, expiresAt: new Date(expiresAt).toISOString() } });
        return {
          code: formatEnrollmentCode(code),
          qrText: enrollmentQrText(publicUrl, code),
          checkpointId,
          expiresAt: new Date(expiresAt).toISOString(),
          maxAttempts: ENROLLMENT_MAX_ATTEMPTS,
        };
      });
    },

    /** Codes of a checkpoint that still work (id and expiry only: the secret is not stored). */
    pendingCodes: (checkpointId: number, now = Date.now()) => repos.devices.pendingCodes(checkpointId, now, ENROLLMENT_MAX_ATTEMPTS),

    /**
     * Enrolls the device holding the private half of `publicJwk`. Refused
     * alike (403 enrollment_refused) for a code that is malformed, unknown,
     * used, expired, burnt or closed-checkpoint, and for a wrong secret —
     * which also counts against the code. A key already enrolled is 409.
     */
    async enroll(body: EnrollBody, ip: string | null, now: Date = new Date()): Promise<EnrollResponse> {
      const jwk = devicePublicJwkSchema.safeParse(body.publicJwk);
      if (!jwk.success) {
        throw new Problem('validation', { errors: zodIssues(devicePublicJwkSchema, body.publicJwk, ['body', 'publicJwk']) });
      }
      const publicJwk: DevicePublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.data.x, y: jwk.data.y };
      try {
        await importDevicePublicKey(publicJwk);
      } catch {
        throw new Problem('validation', { errors: [{ path: 'body.publicJwk', message: 'device.enroll.bad_key' }] });
      }
      const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
      const code = normalizeEnrollmentCode(body.code);
      if (!code) throw enrollmentRefused();
      const { id, secret } = splitEnrollmentCode(code);
      const nowMs = now.getTime();
      const at = now.toISOString();

      const outcome = await repos.store.transaction(async (): Promise<EnrollOutcome> => {
        // Locked: parallel guesses at one code take turns, so each sees the attempts counted before it.
        const rec = await repos.devices.lockCode(id);
        if (!rec) return { ok: false, reason: 'unknown' };
        if (rec.usedAt) return { ok: false, reason: 'used', code: rec };
        if (rec.expiresAt <= nowMs) return { ok: false, reason: 'expired', code: rec };
        if (rec.attempts >= ENROLLMENT_MAX_ATTEMPTS) return { ok: false, reason: 'burnt', code: rec };
        if (!sameHash(sha256(secret), rec.secretHash)) {
          await repos.devices.countFailedAttempt(id);
          return { ok: false, reason: 'wrong_secret', code: rec };
        }
        const checkpoint = await repos.checkpoints.get(rec.checkpointId);
        if (!checkpoint || checkpoint.status !== 'active') return { ok: false, reason: 'checkpoint_closed', code: rec };
        // Not consumed: the device can make a new key and use the same code.
        if (await repos.devices.existsWithThumbprint(thumbprint)) return { ok: false, reason: 'key_in_use', code: rec };
        const deviceId = newDeviceId();
        // The same key enrolled by a parallel request after the check above (on PostgreSQL) breaks the
        // UNIQUE key instead: answered the same, and the savepoint gives the code back.
        const device = await repos.store
          .transaction(async () => {
            if (!(await repos.devices.consumeCode(id, { deviceId, at, now: nowMs, maxAttempts: ENROLLMENT_MAX_ATTEMPTS }))) return 'used' as const;
            return await repos.devices.insert({
              id: deviceId, checkpointId: checkpoint.id, publicJwk, thumbprint, label: body.label ?? null,
              appVersion: body.appVersion ?? null, enrollmentCodeId: id, ip, at,
            });
          })
          .catch((error: unknown) => {
            if (isUniqueViolation(error, DEVICE_KEY_UNIQUE)) return 'key_in_use' as const;
            throw error;
          });
        if (typeof device === 'string') return { ok: false, reason: device, code: rec };
        await repos.audit.record({
          actor: deviceActor(deviceId), action: 'device.enroll', subjectId: deviceId, ip,
          detail: { checkpointId: checkpoint.id, codeId: id, label: device.label, appVersion: device.appVersion, keyThumbprint: thumbprint },
        });
        return { ok: true, device, checkpoint };
      });

      if (!outcome.ok) {
        // Attempts on a known code are evidence for the bureau; unknown ids are only rate-limited (they could fill the log).
        if (outcome.code) {
          await repos.audit.record({
            actor: systemActor('enrollment'), action: 'device.enroll_refused',
            subjectId: outcome.code.checkpointId, ip, detail: { codeId: id, reason: outcome.reason },
          });
        }
        if (outcome.reason === 'key_in_use') throw new Problem('conflict', { detail: 'device.enroll.key_in_use' });
        throw enrollmentRefused();
      }
      return {
        deviceId: outcome.device.id,
        checkpoint: checkpointInfo(outcome.checkpoint),
        bundleKeys: await keys.publishedKeys(now, 'bundle'),
        serverTime: at,
      };
    },

    revoke(actor: UserActor, id: string, reason: string, ip: string): Promise<Device> {
      return repos.store.transaction(async () => {
        const before = await get(id);
        if (before.status === 'revoked') return before;
        await repos.devices.revoke(id, { by: actor.user.id, reason, at: new Date().toISOString() });
        await repos.audit.record({ actor, action: 'device.revoke', subjectId: id, ip, detail: { checkpointId: before.checkpointId, reason } });
        return await get(id);
      });
    },

    async heartbeat(device: AuthenticatedDevice, body: HeartbeatBody, now: Date = new Date()): Promise<{ serverTime: string }> {
      await repos.devices.report(device.id, { appVersion: body.appVersion ?? null, queueLength: body.queueLength, bundleAgeSec: body.bundleAgeSec, at: now.toISOString() });
      return { serverTime: now.toISOString() };
    },

    async self(device: AuthenticatedDevice, now: Date = new Date()) {
      return { deviceId: device.id, checkpoint: checkpointInfo(await checkpointOf(device.checkpointId)), serverTime: now.toISOString() };
    },

    /**
     * The device's checkpoint and its enabled staff with PIN hashes, as a JWS
     * signed by the active bundle key (typ kakou-checkpoint+jwt). The same
     * bytes (and ETag) are served, by every node, until the content or the
     * key changes or half the lifetime has passed (trust/signed-documents.ts).
     */
    async checkpointData(device: AuthenticatedDevice, now: Date = new Date()): Promise<SignedCheckpointData> {
      const checkpoint = await checkpointOf(device.checkpointId);
      const content = { checkpoint: checkpointInfo(checkpoint), staff: await repos.staff.forDevices(checkpoint.id) };
      const contentHash = sha256(JSON.stringify(content));
      const signer = await keys.activeSigner('bundle');
      const nowSec = Math.floor(now.getTime() / 1000);
      return servedDocument(repos.signedDocuments, {
        kind: 'checkpoint-data', scope: checkpoint.id, contentHash, kid: signer.kid, nowSec, ttlSec: CHECKPOINT_DATA_TTL_SEC,
        async sign() {
          const payload: CheckpointData = { v: CHECKPOINT_DATA_VERSION, iss: await issuer(), iat: nowSec, exp: nowSec + CHECKPOINT_DATA_TTL_SEC, ...content };
          // Before the data leaves: the key stays published while anything it signed is valid.
          await keys.recordSigned(signer.kid, payload.exp);
          const jws = await signCheckpointData(payload, { privateKey: signer.privateKey, kid: signer.kid });
          return { jws, iat: payload.iat, exp: payload.exp };
        },
      });
    },
  };
}
export type DevicesService = ReturnType<typeof devicesService>;
