/**
 * What the check flow needs from the rest of the app. The session layer
 * (storage, trust data, event log) implements it; the check screens use only
 * this, so they can be driven by any implementation that keeps the contract.
 */
import type { VerifyPassResult } from '../../../../src/core/pass/verify.js';
import type { RuleSet } from '../../../../src/core/rules/rule-set.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import type { CheckPayload, EscortHandoverPayload } from '../../../../src/core/events/event.js';
import type { CheckpointInfo } from '../../../../src/core/device/checkpoint-data.js';
import type { DeviceEscort, EscortRequestStatus } from '../../../../src/core/sync/escorts.js';

export interface StaffOnDuty {
  badge: string;
  name: string;
}

/** The trust data in use: what the decision needs, with its age. */
export interface TrustView {
  /** The rule set in force now (active or a scheduled one that has taken effect). */
  ruleSet: RuleSet;
  /** Seconds since the bundle was issued; null when the device has none (the engine then says MANUAL). */
  ageSec: number | null;
  /** Credit code → name and duty phone, from the bundle. */
  directory: ReadonlyMap<string, EnterpriseInfo>;
}

/** A vehicle sent to wait for its enterprise's escort (decision ESCORT). */
export interface WaitingVehicle {
  /** The check event that decided ESCORT; the handover names it. */
  checkEventId: string;
  plate: string;
  /** epoch ms of the decision */
  since: number;
  enterprise: EnterpriseInfo | null;
  /** Who is on board, as shown on the pass card (names only; no ID digits beyond the pass's last four). */
  people: Array<{ name: string; id4: string | null; role: 'driver' | 'escort' | 'other' }>;
  /** The enterprise's escort request as the server last said (sync/escorts.ts); absent until the device has synced. */
  request?: { status: EscortRequestStatus; escort: DeviceEscort | null };
}

/** One of this device's checks, for the history screen. */
export interface HistoryEntry {
  eventId: string;
  /** epoch ms */
  at: number;
  plate: string;
  passNo: string | null;
  decision: CheckPayload['decision'] | 'CUSTODY';
  reasons: string[];
  /** a charter coach (priority lane): its passenger count on the manifest */
  coach?: { passengers: number };
  staffBadge: string;
  /** upload state of its event */
  sync: 'pending' | 'sent' | 'refused';
  /** set for ESCORT checks once the handover is recorded */
  handedOverAt?: number;
}

export interface CheckHost {
  /** epoch ms; the device clock */
  now(): number;
  staff(): StaffOnDuty;
  checkpoint(): CheckpointInfo;
  trust(): TrustView;
  /** Verifies scanned text (KK1/… or a bare JWS) with the pinned pass keys and the current revocations. Never throws. */
  verifyPass(text: string): Promise<VerifyPassResult>;
  /** Builds, signs, chains and stores the check event in one transaction; resolves once it is durable. */
  recordCheck(payload: Omit<CheckPayload, 'staffBadge' | 'bundleAgeSec'>, waiting?: Omit<WaitingVehicle, 'checkEventId' | 'since'>): Promise<{ eventId: string }>;
  /** Records the handover event and takes the vehicle off the waiting list, in one transaction. */
  recordHandover(payload: Omit<EscortHandoverPayload, 'staffBadge'>): Promise<{ eventId: string }>;
  waitingList(): Promise<WaitingVehicle[]>;
  history(plateQuery?: string): Promise<HistoryEntry[]>;
}
