/**
 * Download adapter for the trust bundle: ETag / 304, verified with the pinned
 * bundle keys before anything in it is used, never rolled back to an older
 * one, and the next bundle keys it announces pinned only once it verified.
 */
import { verifyBundle } from '../../../../src/core/trust/verify.js';
import { isNewerBundle } from '../../../../src/core/trust/bundle.js';
import { bundleResponseSchema } from '../../../../src/core/sync/bundle.js';
import { deviceFetch, serverNow, SyncError } from './http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord, PublicBundleJwk, TrustRecord } from '../storage/schema.js';

export type BundleSyncResult = 'unchanged' | 'updated' | 'older';

/** Verifies and stores a bundle JWS; exported for the benchmark, which feeds a large bundle through the same path. */
export async function acceptBundle(db: Db, device: DeviceRecord, jws: string, etag: string): Promise<BundleSyncResult> {
  const verified = await verifyBundle(jws, { trustedKeys: { keys: device.bundleKeys }, now: new Date(serverNow()) });
  if (!verified.ok) throw new SyncError('bad_answer', `bundle_${verified.reason}`, null, verified.detail ?? verified.reason);
  const current = await db.get('trust', 'current');
  if (!isNewerBundle(verified.bundle, current?.bundle ?? null)) {
    // Same content re-signed keeps its seq; a replayed older one must not replace what we have.
    if (current && current.bundle.seq === verified.bundle.seq) return 'unchanged';
    return 'older';
  }
  // The revocation list is kept once, in `revocations` (where deltas apply): storing it twice doubled the write of a city-scale bundle.
  const { revocations, ...rest } = verified.bundle;
  const record: TrustRecord = { jws, etag, bundle: { ...rest, revocations: { version: revocations.version, passNos: [] } }, revocations, storedAt: Date.now() };
  const tx = db.transaction(['trust', 'device'], 'readwrite');
  await tx.objectStore('trust').put(record, 'current');
  const announced = (verified.bundle.bundleKeys?.keys ?? []) as unknown as PublicBundleJwk[];
  const known = new Set(device.bundleKeys.map((k) => k.kid));
  const added = announced.filter((k) => typeof k.kid === 'string' && !known.has(k.kid));
  if (added.length) {
    device.bundleKeys = [...device.bundleKeys, ...added];
    await tx.objectStore('device').put(device, 'self');
  }
  await tx.done;
  return 'updated';
}

export async function syncTrustBundle(db: Db, device: DeviceRecord): Promise<BundleSyncResult> {
  const current = await db.get('trust', 'current');
  const answer = await deviceFetch(device, { method: 'GET', path: '/api/v1/trust/bundle', ifNoneMatch: current?.etag ?? null });
  if (answer.status === 304) return 'unchanged';
  const parsed = bundleResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'bundle answer does not match the contract');
  return acceptBundle(db, device, parsed.data.bundle, parsed.data.etag);
}
