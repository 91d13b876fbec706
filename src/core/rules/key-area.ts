/**
 * Key-area involvement (seed item 6: "使用重点疫区运输车辆或人员的"; item 7:
 * "疫情防控重点地区来昆人员"). A vehicle is from a key area by its
 * registration (the plate prefix), or by the origin its pass names; a person
 * by where they have stayed recently, as declared at the checkpoint. The
 * household-registration part of an ID number is deliberately not used: it
 * says where someone is registered, not where they have been. Staff can flag
 * anything else they learn.
 */
// The specific modules, not validate/index.ts, to keep the scanner bundle to what the rules use.
import { plateRegion } from '../validate/plate-region.js';
import { regionCovers } from '../validate/region-code.js';
import type { KeyAreaSource, Part } from './decision.js';
import type { ParsedCheckInput, VerifiedClaims } from './input.js';
import { reason, step } from './reasons.js';
import type { Reason, Step } from './reasons.js';

const DAY_MS = 86_400_000;
/** China Standard Time has had no daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface KeyAreaCheck extends Part {
  sources: KeyAreaSource[];
}

/** Day number (days since 1970-01-01) of the China calendar date at `ms`. */
export function chinaDayNumber(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** Day number of a `YYYY-MM-DD` date. */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN) / DAY_MS);
}

/** The first key area that covers `region`, if any. */
export function coveringKeyArea(keyAreas: readonly string[], region: string): string | undefined {
  return keyAreas.find((area) => regionCovers(area, region));
}

export interface KeyAreaStay {
  region: string;
  /** the key area that covers `region` */
  covers: string;
  lastDay: string;
  daysAgo: number;
}

/**
 * Declared stays that put someone in a key area: within the look-back (China
 * dates) and covered by a key area. Shared by the freight rules and the
 * charter rules, so a stay counts the same on a lorry and on a coach.
 */
export function keyAreaStays(
  stays: ReadonlyArray<{ region: string; lastDay: string }>,
  keyAreas: readonly string[],
  lookbackDays: number,
  today: number,
): KeyAreaStay[] {
  const hits: KeyAreaStay[] = [];
  for (const stay of stays) {
    const daysAgo = today - dayNumber(stay.lastDay);
    // A last day in the future (a typo or a wrong device clock) still counts: the doubt goes to the safe side.
    if (daysAgo > lookbackDays) continue;
    const covers = coveringKeyArea(keyAreas, stay.region);
    if (!covers) continue;
    hits.push({ region: stay.region, covers, lastDay: stay.lastDay, daysAgo });
  }
  return hits;
}

/**
 * Sources only; whether that means ESCORT or REFUSE depends on the receiving
 * enterprise (decide.ts). An unreadable plate without a valid pass leaves the
 * vehicle's origin unknown, which is never treated as "not a key area".
 */
export function checkKeyArea(
  input: ParsedCheckInput,
  authenticClaims: VerifiedClaims | null,
  nowMs: number,
): KeyAreaCheck {
  const { keyAreas, stayLookbackDays } = input.ruleSet;
  const { observed } = input;
  const sources: KeyAreaSource[] = [];
  const reasons: Reason[] = [];
  const followUps: Step[] = [];
  let unknown = false;

  if (authenticClaims) {
    const region = authenticClaims.org;
    const covers = coveringKeyArea(keyAreas, region);
    if (covers) {
      sources.push({ kind: 'origin', region });
      reasons.push(reason('keyarea.origin', { region, covers }));
    }
  }

  // plateRegion knows city letters for Hubei and Jiangsu only; elsewhere it
  // gives the province, which a city-level key area (e.g. 330300 温州 for 浙C)
  // does not cover. Such a vehicle is caught by the pass origin, declared
  // stays or the staff flag, not by its plate.
  const registered = plateRegion(observed.plate);
  if (registered) {
    const covers = coveringKeyArea(keyAreas, registered.code);
    if (covers) {
      sources.push({ kind: 'plate', region: registered.code });
      reasons.push(reason('keyarea.plate', { plate: observed.plate, region: registered.code, level: registered.level, covers }));
    }
  } else {
    unknown = true;
    reasons.push(reason('keyarea.plate_unknown', { plate: observed.plate }));
    followUps.push(step('step.check.plate', { plate: observed.plate }));
  }

  const today = chinaDayNumber(nowMs);
  observed.people.forEach((p, person) => {
    for (const hit of keyAreaStays(p.stays, keyAreas, stayLookbackDays, today)) {
      sources.push({ kind: 'stay', region: hit.region, person });
      reasons.push(reason('keyarea.stay', { person, ...hit, lookbackDays: stayLookbackDays }));
    }
  });

  if (observed.staffKeyAreaFlag) {
    sources.push({ kind: 'staff_flag' });
    reasons.push(reason('keyarea.staff_flag'));
  }

  if (sources.length === 0 && !unknown) reasons.push(reason('keyarea.none', { keyAreas: keyAreas.join(',') || null }));
  return { outcome: unknown ? 'MANUAL' : 'RELEASE', reasons, followUps, sources };
}
