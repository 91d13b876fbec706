/**
 * The check draft: what staff have seen and typed for one vehicle, before the
 * decision. Pure (no DOM, no clock): the screens dispatch actions, the
 * reducer returns a new draft, and `to-input.ts` turns it into the core's
 * CheckInput. Everything the rules read has its type from the core's schemas,
 * so the draft cannot drift from what `decide` parses.
 */
import type * as z from 'zod';
import type { VerifyPassResult } from '../../../../src/core/pass/verify.js';
import type { PassClaims } from '../../../../src/core/pass/claims.js';
import type { staySchema, ObservedPerson } from '../../../../src/core/rules/input.js';
import { staysAfter } from '../../../../src/core/rules/input.js';
import { normalizePlate } from '../../../../src/core/validate/plate.js';

export type Stay = z.output<typeof staySchema>;

export type DraftPass = { kind: 'none' } | { kind: 'scanned'; result: VerifyPassResult };

export interface DraftPerson {
  /** Stable list key for the screens; never leaves the device. */
  key: number;
  /** Index in the pass's `ppl`; null = added by staff (not on the pass). */
  passIndex: number | null;
  /** Pass people can be unticked; added people are removed instead. */
  onBoard: boolean;
  /** Typed name of an added person, for this device's screens only (see to-input.ts on why it is not recorded). */
  name: string;
  /** ID card's last four as typed, normalised; '' = not compared. Only for pass people. */
  id4: string;
  /** °C in measurement order; a re-test is appended, never replaces (the rules read the sequence). */
  readings: ObservedPerson['readings'];
  stays: Stay[];
}

export interface CheckDraft {
  pass: DraftPass;
  /** As staff confirmed or typed it. */
  plate: string;
  /** Staff looked at the vehicle: either confirmed the pass plate or typed one. */
  plateConfirmed: boolean;
  people: DraftPerson[];
  staffKeyAreaFlag: boolean;
  /** For a vehicle with no pass: the receiving enterprise picked from the directory. */
  receiverUscc: string | null;
  nextKey: number;
}

/** Longest plate the event accepts (checkPayloadSchema.plate). */
export const PLATE_MAX = 16;
/** Length cap for an added person's name (same as the pass's names allow, plus room for a note). */
export const ADDED_NAME_MAX = 20;

/** Claims whose signature held (valid, or refused after the signature check: expired, revoked…). */
export function authenticClaims(pass: DraftPass): PassClaims | null {
  if (pass.kind !== 'scanned') return null;
  return pass.result.ok ? pass.result.claims : pass.result.claims ?? null;
}

export function newDraft(pass: DraftPass): CheckDraft {
  const claims = authenticClaims(pass);
  const people: DraftPerson[] = (claims?.ppl ?? []).map((_, i) => ({
    key: i,
    passIndex: i,
    // Usually everyone named is on board; staff untick whoever is not, which costs fewer taps with gloves.
    onBoard: true,
    name: '',
    id4: '',
    readings: [],
    stays: [],
  }));
  return {
    pass,
    plate: claims?.pl ?? '',
    plateConfirmed: false,
    people,
    staffKeyAreaFlag: false,
    receiverUscc: null,
    nextKey: people.length,
  };
}

export type DraftAction =
  | { type: 'plate'; value: string }
  | { type: 'confirmPlate' }
  | { type: 'onBoard'; key: number; onBoard: boolean }
  | { type: 'addPerson'; name: string }
  | { type: 'removePerson'; key: number }
  | { type: 'rename'; key: number; name: string }
  | { type: 'id4'; key: number; value: string }
  | { type: 'reading'; key: number; celsius: number }
  | { type: 'addStay'; key: number; stay: Stay }
  | { type: 'removeStay'; key: number; index: number }
  | { type: 'staffFlag'; value: boolean }
  | { type: 'receiver'; uscc: string | null };

/** Upper case, only 0-9 and X, at most four: what an ID number's last four can be. */
export function normalizeId4(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^0-9X]/g, '').slice(0, 4);
}

function cleanName(name: string): string {
  // Control and format characters could hide or reorder text on screen.
  return name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim().slice(0, ADDED_NAME_MAX);
}

function updatePerson(draft: CheckDraft, key: number, f: (p: DraftPerson) => DraftPerson): CheckDraft {
  return { ...draft, people: draft.people.map((p) => (p.key === key ? f(p) : p)) };
}

export function reduceDraft(draft: CheckDraft, action: DraftAction): CheckDraft {
  switch (action.type) {
    case 'plate':
      // Typing a plate is looking at the vehicle: it counts as confirmed once non-empty.
      return { ...draft, plate: action.value, plateConfirmed: action.value.trim() !== '' };
    case 'confirmPlate':
      return draft.plate.trim() === '' ? draft : { ...draft, plateConfirmed: true };
    case 'onBoard':
      return updatePerson(draft, action.key, (p) => (p.passIndex === null ? p : { ...p, onBoard: action.onBoard }));
    case 'addPerson':
      return {
        ...draft,
        nextKey: draft.nextKey + 1,
        people: [
          ...draft.people,
          { key: draft.nextKey, passIndex: null, onBoard: true, name: cleanName(action.name), id4: '', readings: [], stays: [] },
        ],
      };
    case 'removePerson':
      // Pass people are unticked, not removed: the pass still names them.
      return { ...draft, people: draft.people.filter((p) => p.key !== action.key || p.passIndex !== null) };
    case 'rename':
      return updatePerson(draft, action.key, (p) => (p.passIndex === null ? { ...p, name: cleanName(action.name) } : p));
    case 'id4':
      // An added person has nothing on a pass to compare with.
      return updatePerson(draft, action.key, (p) => (p.passIndex === null ? p : { ...p, id4: normalizeId4(action.value) }));
    case 'reading':
      if (!Number.isFinite(action.celsius)) return draft;
      // No "delete reading": a re-test is appended so the rules see it (a fever cannot be typed away).
      return updatePerson(draft, action.key, (p) => ({ ...p, readings: [...p.readings, action.celsius] }));
    case 'addStay':
      return updatePerson(draft, action.key, (p) =>
        p.stays.some((s) => s.region === action.stay.region && s.lastDay === action.stay.lastDay)
          ? p
          : { ...p, stays: [...p.stays, action.stay] },
      );
    case 'removeStay':
      return updatePerson(draft, action.key, (p) => ({ ...p, stays: p.stays.filter((_, i) => i !== action.index) }));
    case 'staffFlag':
      return { ...draft, staffKeyAreaFlag: action.value };
    case 'receiver':
      return { ...draft, receiverUscc: action.uscc };
  }
}

/** Everyone on board, in the order the rules number them (pass order, then added people). */
export function onBoard(draft: CheckDraft): DraftPerson[] {
  return draft.people.filter((p) => p.onBoard);
}

/** 1-based number of a person as the decision's reasons count them ("第 2 位人员"); null when not on board. */
export function personNumber(draft: CheckDraft, key: number): number | null {
  const i = onBoard(draft).findIndex((p) => p.key === key);
  return i < 0 ? null : i + 1;
}

export type DraftProblem =
  | { code: 'plate.empty' }
  | { code: 'plate.too_long' }
  | { code: 'plate.unconfirmed' }
  | { code: 'people.none' }
  | { code: 'id4.incomplete'; key: number }
  | { code: 'stay.future'; key: number; index: number };

/**
 * What must be fixed before deciding. Only what would make the input
 * meaningless: anything the rules can judge (a missing reading, an unchecked
 * ID) is left to them, so the decision says MANUAL with a reason instead of the
 * app refusing to decide.
 */
export function draftProblems(draft: CheckDraft, nowMs: number): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const plate = normalizePlate(draft.plate);
  if (plate === '') problems.push({ code: 'plate.empty' });
  else if ([...plate].length > PLATE_MAX) problems.push({ code: 'plate.too_long' });
  else if (!draft.plateConfirmed) problems.push({ code: 'plate.unconfirmed' });
  const people = onBoard(draft);
  if (people.length === 0) problems.push({ code: 'people.none' });
  for (const p of people) {
    if (p.passIndex !== null && p.id4.length > 0 && p.id4.length < 4) problems.push({ code: 'id4.incomplete', key: p.key });
  }
  // The core's own test, so the app blocks exactly the stays the schema would turn into input.invalid.
  for (const [i, j] of staysAfter({ people }, nowMs)) {
    const p = people[i];
    if (p) problems.push({ code: 'stay.future', key: p.key, index: j });
  }
  return problems;
}
