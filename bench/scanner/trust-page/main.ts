/**
 * Runs in Chromium: the scanner's own code path for a downloaded bundle
 * (acceptBundle: verify with the pinned keys, then store in IndexedDB; then
 * loadTrust: the in-memory revocation set and directory), against a baseline
 * of the same bytes parsed and stored without verification.
 */
import { openScannerDb } from '../../../scanner-app/src/app/storage/db.js';
import { acceptBundle } from '../../../scanner-app/src/app/sync/trust-bundle.js';
import { loadTrust } from '../../../scanner-app/src/app/session/trust-view.js';
import type { DeviceRecord, PublicBundleJwk } from '../../../scanner-app/src/app/storage/schema.js';

async function freshDb(name: string) {
  await new Promise<void>((res) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => res();
  });
  return openScannerDb(name);
}

async function trust(jws: string, keys: PublicBundleJwk[], runs: number) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const device: DeviceRecord = {
    deviceId: 'bench', baseUrl: location.origin, checkpointId: 1, checkpointName: 'bench', label: null,
    privateKey: pair.privateKey, publicJwk: {}, bundleKeys: keys, enrolledAt: Date.now(),
  };
  const full: number[] = [];
  const baseline: number[] = [];
  let revoked = 0;
  for (let i = 0; i < runs; i++) {
    const db = await freshDb(`bench-${i}`);
    const t0 = performance.now();
    const result = await acceptBundle(db, { ...device, bundleKeys: [...keys] }, jws, `"e${i}"`);
    const stored = (await db.get('trust', 'current'))!;
    revoked = loadTrust(stored).revoked.size;
    full.push(performance.now() - t0);
    if (result !== 'updated') throw new Error(`bundle not accepted: ${result}`);
    db.close();

    const db2 = await freshDb(`bench-base-${i}`);
    const b0 = performance.now();
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(jws.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    await db2.put('trust', { jws, etag: 'x', bundle: payload, revocations: payload.revocations, storedAt: Date.now() }, 'current');
    baseline.push(performance.now() - b0);
    db2.close();
  }
  return { full, baseline, revoked };
}

(window as unknown as { kakouBench: unknown }).kakouBench = { trust };
