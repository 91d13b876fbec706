/**
 * Anomalies the server finds in what devices upload and what enterprises
 * record (issue 14). This module is the catalogue (kind → severity) and the
 * detectors that need nothing but their inputs; the server stores what they
 * find (features/anomalies, docs/anomalies.md).
 *
 * Detectors take codes and numbers only: the same event always gives the same
 * findings, whatever the clock or the database.
 */

export const ANOMALY_KINDS = [
  'pass_revoked',
  'pass_expired',
  'pass_not_yet_valid',
  'pass_unknown_key',
  'pass_bad_signature',
  'plate_mismatch',
  'person_mismatch',
  'clock_skew',
  'bundle_over_age_auto',
  'impossible_travel',
  'chain_gap',
  'chain_broken_link',
  'chain_fork',
  'unknown_staff',
  'cross_checkpoint',
  'charter_mismatch',
  'escort_overdue',
  'isolation_overdue',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Where each kind comes from: `event` = one stored event (found at ingest),
 * `pair` = two events (impossible travel), `chain` = the ingest flags (which
 * may clear when a late upload fills a gap), `record` = an escort request or
 * custody task past a limit (found by the services' overdue sweeps).
 */
export type AnomalySource = 'event' | 'pair' | 'chain' | 'record';

export const ANOMALY_CATALOGUE: Readonly<Record<AnomalyKind, { severity: Severity; source: AnomalySource }>> = Object.freeze({
  // A pass the bureau withdrew, or one no key of ours signed, is the strongest sign of misuse.
  pass_revoked: { severity: 'high', source: 'event' },
  pass_expired: { severity: 'medium', source: 'event' },
  pass_not_yet_valid: { severity: 'medium', source: 'event' },
  pass_unknown_key: { severity: 'high', source: 'event' },
  pass_bad_signature: { severity: 'high', source: 'event' },
  plate_mismatch: { severity: 'medium', source: 'event' },
  person_mismatch: { severity: 'medium', source: 'event' },
  clock_skew: { severity: 'low', source: 'event' },
  // Severity per finding: high when the automatic decision let the vehicle go on (see detectEventAnomalies).
  bundle_over_age_auto: { severity: 'medium', source: 'event' },
  impossible_travel: { severity: 'high', source: 'pair' },
  chain_gap: { severity: 'medium', source: 'chain' },
  chain_broken_link: { severity: 'high', source: 'chain' },
  chain_fork: { severity: 'high', source: 'chain' },
  unknown_staff: { severity: 'medium', source: 'chain' },
  cross_checkpoint: { severity: 'medium', source: 'chain' },
  charter_mismatch: { severity: 'medium', source: 'chain' },
  escort_overdue: { severity: 'medium', source: 'record' },
  isolation_overdue: { severity: 'medium', source: 'record' },
});

export function isAnomalyKind(value: unknown): value is AnomalyKind {
  return typeof value === 'string' && (ANOMALY_KINDS as readonly string[]).includes(value);
}

/**
 * Reason codes (freight `pass.invalid.*` / `match.*`, charter `charter.*`) and
 * the kind each one is evidence of. A reason not listed is no anomaly.
 */
export const REASON_KINDS: Readonly<Record<string, AnomalyKind>> = Object.freeze({
  'pass.invalid.revoked': 'pass_revoked',
  'pass.invalid.expired': 'pass_expired',
  'pass.invalid.not_yet_valid': 'pass_not_yet_valid',
  'pass.invalid.unknown_kid': 'pass_unknown_key',
  'pass.invalid.bad_signature': 'pass_bad_signature',
  'charter.pass.invalid.revoked': 'pass_revoked',
  'charter.pass.invalid.expired': 'pass_expired',
  'charter.pass.invalid.not_yet_valid': 'pass_not_yet_valid',
  'charter.pass.invalid.unknown_kid': 'pass_unknown_key',
  'charter.pass.invalid.bad_signature': 'pass_bad_signature',
  'match.plate_mismatch': 'plate_mismatch',
  'charter.plate_mismatch': 'plate_mismatch',
  'match.id4_mismatch': 'person_mismatch',
  'match.person_not_on_pass': 'person_mismatch',
  'charter.id4_mismatch': 'person_mismatch',
  'charter.unlisted': 'person_mismatch',
});

/** Decisions that are not automatic: a person decided. */
const MANUAL_DECISIONS = new Set(['MANUAL']);
/** Automatic decisions that let the vehicle or people go on (the rules never allow these on stale trust data). */
const LETTING_THROUGH = new Set(['RELEASE', 'ESCORT', 'CUSTODY']);

export interface AnomalyThresholds {
  /** device clock ahead of the server's receipt by more than this is skew */
  clockSkewMs: number;
  /** two checkpoints closer in time than this cannot both have seen one pass */
  minTravelMs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<AnomalyThresholds> = Object.freeze({ clockSkewMs: 5 * 60_000, minTravelMs: 10 * 60_000 });

/** What one event's detector looks at: the stored columns and the decision payload's members. */
export interface EventFacts {
  type: string;
  /** received_at − device_time at first receipt */
  clockOffsetMs: number;
  decision?: string | null | undefined;
  reasons?: readonly string[] | undefined;
  bundleAgeSec?: number | null | undefined;
  /** the trust-age limit of the rule set that decided (its trustMaxAgeSec) */
  maxBundleAgeSec: number;
}

export interface Finding {
  kind: AnomalyKind;
  severity: Severity;
  details: Record<string, string | number | boolean | null | string[]>;
}

const finding = (kind: AnomalyKind, details: Finding['details'], severity: Severity = ANOMALY_CATALOGUE[kind].severity): Finding => ({ kind, severity, details });

/**
 * The anomalies one event shows on its own, in catalogue order, one finding
 * per kind (several reasons of one kind are listed in its details).
 *
 * Clock skew is only the device's clock being *ahead* of receipt: an event
 * cannot arrive before it was recorded. A clock behind looks exactly like an
 * event that waited offline in the outbox, so it is not reported.
 */
export function detectEventAnomalies(e: EventFacts, thresholds: AnomalyThresholds = DEFAULT_THRESHOLDS): Finding[] {
  const byKind = new Map<AnomalyKind, Finding>();
  const reasons = e.reasons ?? [];
  for (const code of reasons) {
    const kind = REASON_KINDS[code];
    if (!kind) continue;
    const f = byKind.get(kind);
    if (f) (f.details.reasons as string[]).push(code);
    else byKind.set(kind, finding(kind, { reasons: [code] }));
  }
  if (-e.clockOffsetMs > thresholds.clockSkewMs) {
    byKind.set('clock_skew', finding('clock_skew', { clockOffsetMs: e.clockOffsetMs, limitMs: thresholds.clockSkewMs }));
  }
  const isDecision = e.type === 'check' || e.type === 'charter_check';
  if (isDecision && typeof e.decision === 'string' && !MANUAL_DECISIONS.has(e.decision)) {
    // No bundle at all (null) is older than any limit.
    const age = e.bundleAgeSec ?? null;
    if (age === null || age > e.maxBundleAgeSec) {
      byKind.set(
        'bundle_over_age_auto',
        finding('bundle_over_age_auto', { decision: e.decision, bundleAgeSec: age, maxAgeSec: e.maxBundleAgeSec }, LETTING_THROUGH.has(e.decision) ? 'high' : 'medium'),
      );
    }
  }
  return ANOMALY_KINDS.flatMap((k) => (byKind.has(k) ? [byKind.get(k)!] : []));
}

/** One sighting of a pass: where (checkpoint) and when (device time, ms since the epoch). */
export interface Sighting {
  eventId: string;
  checkpointId: number;
  atMs: number;
}

export interface TravelFinding {
  first: Sighting;
  second: Sighting;
  intervalMs: number;
}

/**
 * Pairs of sightings of one pass at two different checkpoints closer in time
 * than `minTravelMs` (device times; each pair once, earlier first). One rule
 * for every pair of checkpoints: the nearest two in the district are further
 * apart than the default interval; a per-pair table would need distances the
 * server does not have.
 */
export function impossibleTravel(fresh: Sighting, others: readonly Sighting[], minTravelMs: number = DEFAULT_THRESHOLDS.minTravelMs): TravelFinding[] {
  const out: TravelFinding[] = [];
  for (const o of others) {
    if (o.eventId === fresh.eventId || o.checkpointId === fresh.checkpointId) continue;
    const interval = Math.abs(fresh.atMs - o.atMs);
    if (interval >= minTravelMs) continue;
    const [first, second] = o.atMs < fresh.atMs || (o.atMs === fresh.atMs && o.eventId < fresh.eventId) ? [o, fresh] : [fresh, o];
    out.push({ first, second, intervalMs: interval });
  }
  return out;
}
