/**
 * Start-up: open the database, read what is stored into the app state, ask
 * for persistent storage (events must survive the browser's clean-ups), then
 * start sync and the idle lock.
 */
import { db as openDb, type Db } from './storage/db.js';
import { SyncScheduler } from './sync/scheduler.js';
import { setState } from './session/store.js';
import { startIdleLock } from './session/staff.js';
import { registerServiceWorker } from './sw-register.js';
import type { StaffSession, SyncStatus } from './storage/schema.js';

export interface Booted {
  db: Db;
  sync: SyncScheduler;
}

export async function boot(): Promise<Booted> {
  const db = await openDb();
  const sync = new SyncScheduler(db);
  await sync.reload();
  const [staff, lastSync] = await Promise.all([db.get('meta', 'staffSession'), db.get('meta', 'lastSync')]);
  setState({ staff: (staff as StaffSession | undefined) ?? null, lastSync: (lastSync as SyncStatus | undefined) ?? null, ready: true });
  void navigator.storage?.persist?.();
  void registerServiceWorker();
  sync.start();
  startIdleLock(db);
  return { db, sync };
}
