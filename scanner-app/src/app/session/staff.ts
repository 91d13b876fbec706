/**
 * Staff at this scanner: sign-in with badge and PIN checked offline against
 * the signed checkpoint data, sign-out, and an idle lock. Every event names
 * the staff member on duty; sign-in and sign-out are events themselves.
 */
import { verifyPin } from '../../../../src/core/device/pin.js';
import { appendEvent } from './event-log.js';
import { getState, setState } from './store.js';
import type { Db } from '../storage/db.js';
import type { StaffSession } from '../storage/schema.js';

export type SignInResult = { ok: true } | { ok: false; error: 'no_staff_data' | 'closed' | 'wrong' | 'wait'; waitSec?: number };

/** After a few wrong PINs the next try waits: PINs are short, and the device is on a public roadside. */
const FREE_TRIES = 3;
let wrongTries = 0;
let blockedUntil = 0;

export async function signIn(db: Db, badgeInput: string, pin: string): Promise<SignInResult> {
  const { device, checkpoint } = getState();
  if (!device || !checkpoint) return { ok: false, error: 'no_staff_data' };
  if (checkpoint.data.checkpoint.status === 'closed') return { ok: false, error: 'closed' };
  const now = Date.now();
  if (now < blockedUntil) return { ok: false, error: 'wait', waitSec: Math.ceil((blockedUntil - now) / 1000) };
  const badge = badgeInput.trim().toUpperCase();
  const entry = checkpoint.data.staff.find((s) => s.badge === badge);
  // The hash check runs for unknown badges too, so the answer time does not tell which badges exist.
  const ok = await verifyPin(pin, entry?.pinHash ?? checkpoint.data.staff[0]?.pinHash ?? '');
  if (!entry || !ok) {
    wrongTries++;
    if (wrongTries > FREE_TRIES) blockedUntil = Date.now() + Math.min(300, 5 * 2 ** (wrongTries - FREE_TRIES - 1)) * 1000;
    return { ok: false, error: 'wrong' };
  }
  wrongTries = 0;
  blockedUntil = 0;
  const previous = getState().staff;
  if (previous && previous.badge !== entry.badge) {
    await appendEvent(db, device, { type: 'staff_sign_out', payload: { staffBadge: previous.badge } });
  }
  if (!previous || previous.badge !== entry.badge) {
    await appendEvent(db, device, { type: 'staff_sign_in', payload: { staffBadge: entry.badge } });
  }
  const session: StaffSession = { badge: entry.badge, name: entry.name, since: previous?.badge === entry.badge ? previous.since : Date.now(), locked: false };
  await db.put('meta', session, 'staffSession');
  setState({ staff: session });
  return { ok: true };
}

export async function signOut(db: Db): Promise<void> {
  const { device, staff } = getState();
  if (device && staff) await appendEvent(db, device, { type: 'staff_sign_out', payload: { staffBadge: staff.badge } });
  await db.delete('meta', 'staffSession');
  setState({ staff: null });
}

/** Idle lock: the same person unlocks with the PIN (no new event); someone else signs in, which signs the first out. */
export async function lock(db: Db): Promise<void> {
  const { staff } = getState();
  if (!staff || staff.locked) return;
  const session = { ...staff, locked: true };
  await db.put('meta', session, 'staffSession');
  setState({ staff: session });
}

export const IDLE_LOCK_MS = 5 * 60_000;

/** Locks after IDLE_LOCK_MS without a touch, key or scan. Returns a stop function. */
export function startIdleLock(db: Db, idleMs = IDLE_LOCK_MS): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lock(db), idleMs);
  };
  const events = ['pointerdown', 'keydown', 'touchstart'] as const;
  for (const e of events) addEventListener(e, reset, { passive: true });
  reset();
  return () => {
    clearTimeout(timer);
    for (const e of events) removeEventListener(e, reset);
  };
}
