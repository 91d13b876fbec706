import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type ScannerDb } from './schema.js';

export type Db = IDBPDatabase<ScannerDb>;

/**
 * Opens (and creates or upgrades) the database. Each version's step runs once,
 * in order, so a device that skipped versions still ends on the same schema.
 */
export function openScannerDb(name = DB_NAME): Promise<Db> {
  return openDB<ScannerDb>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('device');
        db.createObjectStore('trust');
        db.createObjectStore('checkpoint');
        const events = db.createObjectStore('events', { keyPath: 'id' });
        events.createIndex('bySeq', 'seq', { unique: true });
        events.createIndex('bySync', 'sync');
        db.createObjectStore('waiting', { keyPath: 'checkEventId' });
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        // Charter coaches (issue 13): nothing to migrate, the document arrives with the next sync.
        db.createObjectStore('charters');
        db.createObjectStore('charterChecks', { keyPath: 'runId' });
      }
    },
    blocked() {
      // Another tab holds an older version open; it closes its connection on versionchange (below).
    },
    blocking() {
      location.reload();
    },
  });
}

let shared: Promise<Db> | undefined;
export function db(): Promise<Db> {
  shared ??= openScannerDb();
  return shared;
}
