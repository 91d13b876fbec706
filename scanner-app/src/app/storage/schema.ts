/**
 * The scanner's IndexedDB: one typed schema, upgraded version by version.
 * Records hold what the app needs offline; nothing here is sent anywhere but
 * the events, which the outbox uploads.
 */
import type { DBSchema } from 'idb';
import type { SignedEvent } from '../../../../src/core/events/event.js';
import type { TrustBundle, Revocations } from '../../../../src/core/trust/bundle.js';
import type { CheckpointData } from '../../../../src/core/device/checkpoint-data.js';
import type { CharterRuns } from '../../../../src/core/charter/runs.js';
import type { CharterDecisionKind } from '../../../../src/core/events/event.js';
import type { WaitingVehicle } from '../check/host.js';

export const DB_NAME = 'kakou-scanner';
/** 1: device, trust, checkpoint, events, waiting, meta. 2: + charters (expected-runs document), charterChecks (runs checked here). */
export const DB_VERSION = 2;

export interface PublicBundleJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: string;
  purpose?: string;
}

/** This device, after enrollment. The private key is a non-extractable CryptoKey: IndexedDB keeps it, nobody can read it out. */
export interface DeviceRecord {
  deviceId: string;
  baseUrl: string;
  checkpointId: number;
  checkpointName: string;
  label: string | null;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
  /** bundle keys pinned at enrollment, extended by verified bundles' `bundleKeys` */
  bundleKeys: PublicBundleJwk[];
  enrolledAt: number;
}

export interface TrustRecord {
  jws: string;
  etag: string;
  /** the verified payload, its revocation list left empty: the list in force is `revocations` */
  bundle: TrustBundle;
  /** the bundle's revocations with the feed's deltas applied since */
  revocations: Revocations;
  storedAt: number;
}

export interface CheckpointRecord {
  jws: string;
  etag: string;
  data: CheckpointData;
  storedAt: number;
}

/** The expected-runs document (docs/charter-pass.md, section 7), verified with the pinned bundle keys before it is stored. */
export interface CharterRunsRecord {
  jws: string;
  etag: string;
  data: CharterRuns;
  storedAt: number;
}

/** A charter run checked on this device: the priority list shows it as done. Written with its charter_check event. */
export interface CharterCheckedRecord {
  runId: string;
  eventId: string;
  decision: CharterDecisionKind;
  /** epoch ms */
  at: number;
}

export type SyncState = 'pending' | 'sent' | 'refused';

export interface EventRecord {
  id: string;
  seq: number;
  type: SignedEvent['type'];
  event: SignedEvent;
  /** its eventHash: the next event's prevHash */
  hash: string;
  sync: SyncState;
  /** when sync is refused: the server's reason and detail, shown on the status screen */
  refusal?: { reason: string; detail?: string };
  /** epoch ms of the server's acknowledgement */
  sentAt?: number;
  /** check events: for the history search */
  plate?: string;
  /** ESCORT checks: when the handover was recorded */
  handedOverAt?: number;
}

/** The end of this device's chain: what the next event links to. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface SyncStatus {
  at: number;
  ok: boolean;
  /** a message key or problem code for the status screen */
  message?: string;
}

export interface StaffSession {
  badge: string;
  name: string;
  since: number;
  locked: boolean;
}

export interface MetaValues {
  chainHead: ChainHead;
  lastSync: SyncStatus;
  staffSession: StaffSession;
}

export interface ScannerDb extends DBSchema {
  device: { key: 'self'; value: DeviceRecord };
  trust: { key: 'current'; value: TrustRecord };
  checkpoint: { key: 'current'; value: CheckpointRecord };
  events: { key: string; value: EventRecord; indexes: { bySeq: number; bySync: SyncState } };
  waiting: { key: string; value: WaitingVehicle };
  charters: { key: 'current'; value: CharterRunsRecord };
  charterChecks: { key: string; value: CharterCheckedRecord };
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
}
