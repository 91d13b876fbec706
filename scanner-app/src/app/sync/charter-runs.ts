/**
 * Download adapter for the charter runs expected at this checkpoint
 * (docs/charter-pass.md, section 7), written like checkpoint-data.ts: a
 * signed device GET with ETag / 304, verified with the pinned bundle keys
 * and refused unless it is this device's checkpoint, before anything is
 * stored. A server without the route (404: older than issue 13) means "no
 * runs", not a failure.
 */
import { verifyCharterRuns } from '../../../../src/core/charter/runs-verify.js';
import { deviceCharterRunsResponseSchema } from '../../../../src/core/sync/charter-runs.js';
import { deviceFetch, serverNow, SyncError } from './http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';

export const CHARTER_RUNS_PATH = '/api/v1/devices/charter-runs';

export async function syncCharterRuns(db: Db, device: DeviceRecord): Promise<'unchanged' | 'updated' | 'none'> {
  const current = await db.get('charters', 'current');
  let answer;
  try {
    answer = await deviceFetch(device, { method: 'GET', path: CHARTER_RUNS_PATH, ifNoneMatch: current?.etag ?? null });
  } catch (error) {
    if (error instanceof SyncError && error.status === 404) {
      // An older server has no charter runs at all: nothing is expected here.
      if (current) await db.delete('charters', 'current');
      return 'none';
    }
    throw error;
  }
  if (answer.status === 304) return 'unchanged';
  const parsed = deviceCharterRunsResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'charter runs answer does not match the contract');
  const verified = await verifyCharterRuns(parsed.data.data, {
    trustedKeys: { keys: device.bundleKeys },
    checkpointId: device.checkpointId,
    now: new Date(serverNow()),
  });
  if (!verified.ok) throw new SyncError('bad_answer', `charters_${verified.reason}`, null, verified.detail ?? verified.reason);
  // Never step back to an older document (a replayed or cached answer).
  if (current && verified.data.iat < current.data.iat) return 'unchanged';
  await db.put('charters', { jws: parsed.data.data, etag: parsed.data.etag, data: verified.data, storedAt: Date.now() }, 'current');
  return 'updated';
}
