/**
 * First start: enroll this browser as a checkpoint device with a one-time
 * code (typed, or read from its KKENROLL: QR). The key pair is generated here,
 * non-extractable, and only its public half leaves the device.
 */
import { generateDeviceKeyPair } from '../../../../src/core/device/keys.js';
import { normalizeEnrollmentCode, parseEnrollmentQr, formatEnrollmentCode } from '../../../../src/core/device/enrollment.js';
import { enrollResponseSchema } from '../../../../src/core/sync/enroll.js';
import { postJson, SyncError } from '../sync/http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';

export const APP_VERSION = '1.0.0';

export type EnrollInputResult =
  | { ok: true; code: string }
  | { ok: false; error: 'code_format' | 'other_server'; baseUrl?: string };

/**
 * Reads what staff typed or scanned. A QR for another server is refused here:
 * this app talks only to the server it was loaded from (its CSP says so too),
 * so staff are told which address to open instead.
 */
export function readEnrollmentInput(text: string, origin: string): EnrollInputResult {
  const trimmed = text.trim();
  if (trimmed.startsWith('KKENROLL:')) {
    const qr = parseEnrollmentQr(trimmed);
    if (!qr) return { ok: false, error: 'code_format' };
    if (new URL(qr.baseUrl).origin !== origin) return { ok: false, error: 'other_server', baseUrl: qr.baseUrl };
    return { ok: true, code: qr.code };
  }
  const code = normalizeEnrollmentCode(trimmed);
  return code ? { ok: true, code } : { ok: false, error: 'code_format' };
}

export async function enroll(db: Db, options: { code: string; baseUrl: string; label?: string }): Promise<DeviceRecord> {
  const keys = await generateDeviceKeyPair();
  const answer = await postJson(options.baseUrl, '/api/v1/devices/enroll', {
    code: formatEnrollmentCode(options.code),
    publicJwk: keys.publicJwk,
    appVersion: APP_VERSION,
    ...(options.label ? { label: options.label } : {}),
  });
  const parsed = enrollResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'enrollment answer does not match the contract');
  const record: DeviceRecord = {
    deviceId: parsed.data.deviceId,
    baseUrl: options.baseUrl,
    checkpointId: parsed.data.checkpoint.id,
    checkpointName: parsed.data.checkpoint.name,
    label: options.label ?? null,
    privateKey: keys.privateKey,
    publicJwk: keys.publicJwk,
    bundleKeys: parsed.data.bundleKeys.keys,
    enrolledAt: Date.now(),
  };
  await db.put('device', record, 'self');
  return record;
}
