/**
 * The app's state outside the screens: what is stored (device, trust,
 * checkpoint, staff session) and what the status bar shows (online, outbox
 * length, last sync). A tiny observable: screens subscribe with useStore.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceRecord, CheckpointRecord, StaffSession, SyncStatus, CharterRunsRecord, CharterCheckedRecord } from '../storage/schema.js';
import type { LoadedTrust } from './trust-view.js';

export interface AppState {
  ready: boolean;
  device: DeviceRecord | null;
  trust: LoadedTrust | null;
  checkpoint: CheckpointRecord | null;
  staff: StaffSession | null;
  /** the verified expected-runs document, if the server sent one */
  charters: CharterRunsRecord | null;
  /** charter runs checked on this device, by run id */
  charterChecks: ReadonlyMap<string, CharterCheckedRecord>;
  online: boolean;
  syncing: boolean;
  outbox: number;
  refused: number;
  lastSync: SyncStatus | null;
  /** a storage or start-up failure the user must see */
  fatal: string | null;
}

let state: AppState = {
  ready: false,
  device: null,
  trust: null,
  checkpoint: null,
  staff: null,
  charters: null,
  charterChecks: new Map(),
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  outbox: 0,
  refused: 0,
  lastSync: null,
  fatal: null,
};
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useStore(): AppState {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return state;
}
