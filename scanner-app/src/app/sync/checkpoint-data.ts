/**
 * Download adapter for the checkpoint's signed data (its name, status and
 * staff with PIN hashes): ETag / 304, verified with the pinned bundle keys
 * and refused unless it is this device's checkpoint.
 */
import { verifyCheckpointData } from '../../../../src/core/device/checkpoint-data.js';
import { checkpointDataResponseSchema } from '../../../../src/core/sync/enroll.js';
import { deviceFetch, serverNow, SyncError } from './http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';

export async function syncCheckpointData(db: Db, device: DeviceRecord): Promise<'unchanged' | 'updated'> {
  const current = await db.get('checkpoint', 'current');
  const answer = await deviceFetch(device, { method: 'GET', path: '/api/v1/devices/checkpoint-data', ifNoneMatch: current?.etag ?? null });
  if (answer.status === 304) return 'unchanged';
  const parsed = checkpointDataResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'checkpoint data answer does not match the contract');
  const verified = await verifyCheckpointData(parsed.data.data, {
    trustedKeys: { keys: device.bundleKeys },
    now: new Date(serverNow()),
    checkpointId: device.checkpointId,
  });
  if (!verified.ok) throw new SyncError('bad_answer', `checkpoint_${verified.reason}`, null, verified.detail ?? verified.reason);
  if (current && verified.data.iat < current.data.iat) return 'unchanged';
  await db.put('checkpoint', { jws: parsed.data.data, etag: parsed.data.etag, data: verified.data, storedAt: Date.now() }, 'current');
  return 'updated';
}
