/**
 * Download adapter for revocations between full bundles: pages of the feed
 * since the version the device holds, applied as deltas with the core. The
 * feed is read over a signed device request to the device's own server
 * (docs/trust-bundle.md: a delta is only as trustworthy as its channel).
 */
import { applyRevocationDelta } from '../../../../src/core/trust/delta.js';
import { revocationPageSchema } from '../../../../src/core/sync/revocations.js';
import { deviceFetch, SyncError } from './http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';

const PAGE = 1000;
/** A backlog beyond this many pages is cheaper as a full bundle. */
const MAX_PAGES = 20;

/** Returns how many revocations were added. */
export async function syncRevocations(db: Db, device: DeviceRecord): Promise<number> {
  let added = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const trust = await db.get('trust', 'current');
    if (!trust) return added;
    const since = trust.revocations.version;
    const answer = await deviceFetch(device, { method: 'GET', path: `/api/v1/trust/revocations?since=${since}&limit=${PAGE}` });
    const parsed = revocationPageSchema.safeParse(answer.body);
    if (!parsed.success) throw new SyncError('bad_answer', 'bad_answer', answer.status, 'revocation page does not match the contract');
    const feed = parsed.data;
    if (feed.version <= since) return added;
    const applied = applyRevocationDelta(trust.revocations, {
      fromVersion: since,
      toVersion: feed.version,
      added: feed.items.map((i) => i.passNo),
    });
    if (!applied.ok) throw new SyncError('bad_answer', `revocations_${applied.reason}`, null, applied.detail);
    // Written only if the bundle was not replaced meanwhile (a new bundle carries its own list).
    const tx = db.transaction('trust', 'readwrite');
    const latest = await tx.store.get('current');
    if (latest && latest.etag === trust.etag && latest.revocations.version === since) {
      latest.revocations = applied.revocations;
      await tx.store.put(latest, 'current');
      added += applied.revocations.passNos.length - trust.revocations.passNos.length;
    }
    await tx.done;
    if (!feed.more) return added;
  }
  return added;
}
