/**
 * The charter checklist's draft: what staff have seen at one coach before the
 * decision (docs/charter-pass.md, section 8). Pure (no DOM, no clock): the
 * screen dispatches actions, the reducer returns a new draft, and
 * `to-input.ts` turns it into the core's CharterCheckInput.
 *
 * One observation per manifest place, in the manifest's canonical order
 * (乘客 1 … n), exactly as `decideCharter` pairs them.
 */
import type { VerifyCharterResult } from '../../../../src/core/charter/verify.js';
import type { CharterClaims } from '../../../../src/core/charter/claims.js';
import type { CharterRun } from '../../../../src/core/charter/runs.js';
import type { Stay } from '../check/draft.js';
import { normalizePlate } from '../../../../src/core/validate/plate.js';

export type { Stay };

export interface ObservedDraft {
  /** °C in measurement order; a re-test is appended, never replaces */
  readings: number[];
  /** declared at the checkpoint */
  stays: Stay[];
}

export interface DriverDraft extends ObservedDraft {
  /** the driver's ID card against the pass's `drv`; null = not yet compared */
  id4Matches: boolean | null;
}

export interface PassengerDraft extends ObservedDraft {
  /** ticked as on board */
  present: boolean;
  /** the ID card's last four against the manifest entry; null = not yet compared */
  id4Matches: boolean | null;
}

export interface UnlistedDraft extends ObservedDraft {
  /** stable list key for the screen; never leaves the device */
  key: number;
}

export interface CharterDraft {
  pass: VerifyCharterResult;
  /** the run from the verified expected-runs document, found by the pass id; null = not expected here */
  run: CharterRun | null;
  /** as staff read it off the coach; prefilled from the pass */
  plate: string;
  driver: DriverDraft;
  passengers: PassengerDraft[];
  unlisted: UnlistedDraft[];
  staffKeyAreaFlag: boolean;
  nextKey: number;
}

/** Who an action is about: the driver, a manifest place (0-based), or an unlisted person by key. */
export type Who = { role: 'driver' } | { role: 'passenger'; index: number } | { role: 'unlisted'; key: number };

export type CharterAction =
  | { type: 'plate'; value: string }
  | { type: 'present'; index: number; value: boolean }
  | { type: 'id4'; who: Who; value: boolean | null }
  | { type: 'reading'; who: Who; celsius: number }
  | { type: 'addStay'; who: Who; stay: Stay }
  | { type: 'removeStay'; who: Who; index: number }
  | { type: 'addUnlisted' }
  | { type: 'removeUnlisted'; key: number }
  | { type: 'staffFlag'; value: boolean };

/** Longest plate the event accepts (charterCheckPayloadSchema.plate). */
export const PLATE_MAX = 16;
/** People not on the manifest: the event counts up to 99, its observations hold at most 64 items per array. */
export const UNLISTED_MAX = 64;

/** Claims whose signature held (valid, or refused after the signature: expired, revoked…). */
export function charterClaims(pass: VerifyCharterResult): CharterClaims | null {
  return pass.ok ? pass.claims : pass.claims ?? null;
}

const empty = (): ObservedDraft => ({ readings: [], stays: [] });

export function newCharterDraft(pass: VerifyCharterResult, run: CharterRun | null): CharterDraft {
  const claims = charterClaims(pass);
  return {
    pass,
    run,
    plate: claims?.pl ?? '',
    driver: { id4Matches: null, ...empty() },
    passengers: (run?.passengers ?? []).map(() => ({ present: false, id4Matches: null, ...empty() })),
    unlisted: [],
    staffKeyAreaFlag: false,
    nextKey: 0,
  };
}

function update<T extends ObservedDraft>(p: T, action: CharterAction): T {
  switch (action.type) {
    case 'reading':
      return Number.isFinite(action.celsius) ? { ...p, readings: [...p.readings, action.celsius] } : p;
    case 'addStay':
      if (p.stays.some((s) => s.region === action.stay.region && s.lastDay === action.stay.lastDay)) return p;
      return { ...p, stays: [...p.stays, { region: action.stay.region, lastDay: action.stay.lastDay }] };
    case 'removeStay':
      return { ...p, stays: p.stays.filter((_, j) => j !== action.index) };
    case 'id4':
      return 'id4Matches' in p ? { ...p, id4Matches: action.value } : p;
    default:
      return p;
  }
}

function withWho(d: CharterDraft, who: Who, action: CharterAction): CharterDraft {
  switch (who.role) {
    case 'driver':
      return { ...d, driver: update(d.driver, action) };
    case 'passenger': {
      const p = d.passengers[who.index];
      if (!p) return d;
      // Comparing an ID card or measuring someone means they are on board.
      const next = update({ ...p, present: true }, action);
      return { ...d, passengers: d.passengers.map((x, i) => (i === who.index ? next : x)) };
    }
    case 'unlisted':
      return { ...d, unlisted: d.unlisted.map((u) => (u.key === who.key ? update(u, action) : u)) };
  }
}

export function reduceCharter(d: CharterDraft, action: CharterAction): CharterDraft {
  switch (action.type) {
    case 'plate':
      return { ...d, plate: action.value.slice(0, PLATE_MAX) };
    case 'present': {
      if (!d.passengers[action.index]) return d;
      // Unticking keeps what was measured: a mis-tap must not lose readings.
      return { ...d, passengers: d.passengers.map((p, i) => (i === action.index ? { ...p, present: action.value } : p)) };
    }
    case 'id4':
    case 'reading':
    case 'addStay':
    case 'removeStay':
      return withWho(d, action.who, action);
    case 'addUnlisted':
      if (d.unlisted.length >= UNLISTED_MAX) return d;
      return { ...d, unlisted: [...d.unlisted, { key: d.nextKey, ...empty() }], nextKey: d.nextKey + 1 };
    case 'removeUnlisted':
      return { ...d, unlisted: d.unlisted.filter((u) => u.key !== action.key) };
    case 'staffFlag':
      return { ...d, staffKeyAreaFlag: action.value };
  }
}

export type CharterProblem = 'plate.missing' | 'plate.too_long';

/** What stops a decision from being recorded at all (the rules decide the rest). */
export function charterProblems(d: CharterDraft): CharterProblem[] {
  const plate = normalizePlate(d.plate);
  if (plate.length === 0) return ['plate.missing'];
  if ([...plate].length > PLATE_MAX) return ['plate.too_long'];
  return [];
}

/**
 * Still to do for a manifest place: not ticked, ID not compared, or no
 * reading yet. (A re-test the rules ask for shows through the live decision.)
 */
export function passengerOpen(p: PassengerDraft): boolean {
  return !p.present || p.id4Matches === null || p.readings.length === 0;
}

/** Nobody ticked, compared or measured this place yet: deciding now would record the passenger as not on board. */
export function untouchedPlace(p: PassengerDraft): boolean {
  return !p.present && p.id4Matches === null && p.readings.length === 0 && p.stays.length === 0;
}
