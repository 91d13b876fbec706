/**
 * Download adapter for the escort requests of this checkpoint: what the
 * enterprises did about the ESCORT vehicles waiting here (whom they sent,
 * and when), written onto the waiting list so staff see the escort is on
 * the way. Runs after the outbox: the server makes a request only once the
 * ESCORT check has arrived.
 */
import { deviceEscortRequestsResponseSchema } from '../../../../src/core/sync/escorts.js';
import { deviceFetch, SyncError } from './http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';

/** Returns how many waiting vehicles changed. */
export async function syncEscortRequests(db: Db, device: DeviceRecord): Promise<number> {
  let answer;
  try {
    answer = await deviceFetch(device, { method: 'GET', path: '/api/v1/devices/escort-requests' });
  } catch (error) {
    // A server older than this app has no such route: the waiting list simply shows no answer yet.
    if (error instanceof SyncError && error.status === 404) return 0;
    throw error;
  }
  const parsed = deviceEscortRequestsResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'escort requests answer does not match the contract');
  const tx = db.transaction('waiting', 'readwrite');
  let changed = 0;
  for (const item of parsed.data.items) {
    const waiting = await tx.store.get(item.checkEventId);
    if (!waiting) continue; // handed over here already, or another device's vehicle
    const request = { status: item.status, escort: item.escort };
    if (JSON.stringify(waiting.request) === JSON.stringify(request)) continue;
    await tx.store.put({ ...waiting, request });
    changed++;
  }
  await tx.done;
  return changed;
}
