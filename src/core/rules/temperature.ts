/**
 * Body temperature, per person (seed item 6: "驾押人员体温正常"; "测温正常后").
 *
 * Infrared forehead readings are low and noisy, so:
 * - a reading outside [plausibleMinC, plausibleMaxC] is a misread: it is
 *   neither normal nor fever, and when it is the latest reading the person
 *   has to be measured again;
 * - a reading at or above the threshold is a fever only once confirmed: the
 *   plausible reading before it was also at or above the threshold (or the
 *   rule set does not require a re-test). A confirmed fever stands;
 * - otherwise the last plausible reading decides: a single high reading asks
 *   for a re-test, and a high reading followed by a normal re-test is normal.
 */
import type { Part, PendingMeasurement } from './decision.js';
import type { ObservedPerson } from './input.js';
import { reason, step } from './reasons.js';
import type { Reason } from './reasons.js';
import type { RuleSet } from './rule-set.js';

export type TemperatureStatus = 'normal' | 'fever' | 'retest' | 'implausible' | 'missing';

export interface PersonTemperature extends Part {
  status: TemperatureStatus;
  pending: PendingMeasurement | null;
}

type Rules = Pick<RuleSet, 'feverThresholdC' | 'plausibleMinC' | 'plausibleMaxC' | 'retestRequired'>;

export function assessTemperature(person: number, p: Pick<ObservedPerson, 'readings'>, rules: Rules): PersonTemperature {
  const { readings } = p;
  const threshold = rules.feverThresholdC;
  const min = rules.plausibleMinC;
  const max = rules.plausibleMaxC;
  const isPlausible = (r: number) => r >= min && r <= max;

  const last = readings.at(-1);
  if (last === undefined) {
    return {
      status: 'missing',
      outcome: 'MANUAL',
      reasons: [reason('temp.missing', { person })],
      followUps: [step('step.retest', { person, why: 'missing' })],
      pending: { person, why: 'missing' },
    };
  }

  const plausible = readings.filter(isPlausible);
  const misreads = readings.length - plausible.length;
  const counts = { person, readings: readings.length, misreads };

  // Once confirmed, a fever stands: neither a later misread nor a later low
  // reading undoes it, or measuring again until a reading comes out low (and
  // infrared readings run low) would defeat the screening.
  const confirmedAt = plausible.findLastIndex(
    (r, i) => r >= threshold && (!rules.retestRequired || (plausible[i - 1] ?? -Infinity) >= threshold),
  );
  if (confirmedAt >= 0) {
    const facts = {
      ...counts,
      reading: plausible[confirmedAt] ?? null,
      threshold,
      confirmedBy: rules.retestRequired ? plausible[confirmedAt - 1] ?? null : null,
    };
    return { status: 'fever', outcome: 'HOLD', reasons: [reason('temp.fever_confirmed', facts)], followUps: [], pending: null };
  }

  const latest = plausible.at(-1);
  const reasons: Reason[] = [];
  if (!isPlausible(last)) reasons.push(reason('temp.implausible', { ...counts, reading: last, min, max }));

  if (latest !== undefined && latest >= threshold) {
    // The next measurement is the re-test, whether or not a misread came in between.
    reasons.push(reason('temp.retest_required', { ...counts, reading: latest, threshold }));
    return {
      status: 'retest',
      outcome: 'MANUAL',
      reasons,
      followUps: [step('step.retest', { person, why: 'retest' })],
      pending: { person, why: 'retest' },
    };
  }
  if (!isPlausible(last)) {
    return {
      status: 'implausible',
      outcome: 'MANUAL',
      reasons,
      followUps: [step('step.retest', { person, why: 'implausible' })],
      pending: { person, why: 'implausible' },
    };
  }
  // Here `last` is plausible, so it is `latest`, and below the threshold.
  return {
    status: 'normal',
    outcome: 'RELEASE',
    reasons: [reason('temp.normal', { ...counts, reading: last, threshold })],
    followUps: [],
    pending: null,
  };
}
