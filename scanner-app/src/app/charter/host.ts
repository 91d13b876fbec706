/**
 * What the charter checklist needs from the rest of the app, beside the
 * freight CheckHost's clock and trust view. The session layer implements it
 * (session/host.ts); the charter screens use only this.
 */
import type { VerifyCharterResult } from '../../../../src/core/charter/verify.js';
import type { CharterRun } from '../../../../src/core/charter/runs.js';
import type { CheckHost } from '../check/host.js';
import type { CharterRecord } from './to-input.js';

export interface CharterHost extends Pick<CheckHost, 'now' | 'trust' | 'staff'> {
  /** Verifies scanned text (KC1/… or a bare JWS) with the pinned pass keys and the current revocations. Never throws. */
  verifyCharter(text: string): Promise<VerifyCharterResult>;
  /** The run of this pass id in the stored, verified expected-runs document; null when not expected here (or the document expired). */
  charterRun(jti: string): CharterRun | null;
  /** Builds, signs, chains and stores the charter_check event (and marks the run checked) in one transaction. */
  recordCharterCheck(payload: CharterRecord): Promise<{ eventId: string }>;
}
