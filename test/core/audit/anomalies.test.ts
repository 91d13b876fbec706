import t from 'tap';
import {
  ANOMALY_CATALOGUE,
  ANOMALY_KINDS,
  DEFAULT_THRESHOLDS,
  REASON_KINDS,
  SEVERITIES,
  detectEventAnomalies,
  impossibleTravel,
  isAnomalyKind,
  type EventFacts,
} from '../../../src/core/audit/anomalies.js';
import { REASONS } from '../../../src/core/rules/reasons.js';
import { CHARTER_REASONS } from '../../../src/core/rules/charter-reasons.js';

const base: EventFacts = { type: 'check', clockOffsetMs: 1_200, decision: 'RELEASE', reasons: ['pass.valid', 'match.ok'], bundleAgeSec: 3_600, maxBundleAgeSec: 259_200 };

t.test('catalogue: every kind has a severity and a source; every mapped reason exists in the rules', async (t) => {
  t.same(Object.keys(ANOMALY_CATALOGUE).sort(), [...ANOMALY_KINDS].sort());
  for (const code of Object.keys(REASON_KINDS)) {
    t.ok(Object.hasOwn(REASONS, code) || Object.hasOwn(CHARTER_REASONS, code), `${code} is a reason the rules emit`);
  }
  t.ok(isAnomalyKind('chain_fork'));
  t.notOk(isAnomalyKind('chain_spoon'));
  t.same(DEFAULT_THRESHOLDS, { clockSkewMs: 300_000, minTravelMs: 600_000 });
});

t.test('a clean check: nothing', async (t) => {
  t.same(detectEventAnomalies(base), []);
});

t.test('pass reasons, one finding per kind', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['pass.invalid.revoked', 'pass_revoked', 'high'],
    ['pass.invalid.expired', 'pass_expired', 'medium'],
    ['pass.invalid.not_yet_valid', 'pass_not_yet_valid', 'medium'],
    ['pass.invalid.unknown_kid', 'pass_unknown_key', 'high'],
    ['pass.invalid.bad_signature', 'pass_bad_signature', 'high'],
    ['charter.pass.invalid.revoked', 'pass_revoked', 'high'],
    ['charter.pass.invalid.unknown_kid', 'pass_unknown_key', 'high'],
    ['match.plate_mismatch', 'plate_mismatch', 'medium'],
    ['charter.plate_mismatch', 'plate_mismatch', 'medium'],
    ['match.id4_mismatch', 'person_mismatch', 'medium'],
    ['match.person_not_on_pass', 'person_mismatch', 'medium'],
    ['charter.id4_mismatch', 'person_mismatch', 'medium'],
    ['charter.unlisted', 'person_mismatch', 'medium'],
  ];
  for (const [code, kind, severity] of cases) {
    t.same(detectEventAnomalies({ ...base, decision: 'REFUSE', reasons: [code] }), [{ kind, severity, details: { reasons: [code] } }], code);
  }
  t.same(
    detectEventAnomalies({ ...base, decision: 'MANUAL', reasons: ['match.id4_mismatch', 'match.plate_mismatch', 'match.person_not_on_pass', 'pass.invalid.malformed', 'match.id4_unchecked'] }),
    [
      { kind: 'plate_mismatch', severity: 'medium', details: { reasons: ['match.plate_mismatch'] } },
      { kind: 'person_mismatch', severity: 'medium', details: { reasons: ['match.id4_mismatch', 'match.person_not_on_pass'] } },
    ],
    'catalogue order; two person reasons in one finding; an unreadable QR and an unchecked ID are no anomaly',
  );
});

t.test('clock skew: only a device clock ahead of receipt beyond the limit', async (t) => {
  t.same(detectEventAnomalies({ ...base, clockOffsetMs: -300_001 }), [{ kind: 'clock_skew', severity: 'low', details: { clockOffsetMs: -300_001, limitMs: 300_000 } }]);
  t.same(detectEventAnomalies({ ...base, clockOffsetMs: -300_000 }), [], 'at the limit: not beyond it');
  t.same(detectEventAnomalies({ ...base, clockOffsetMs: 86_400_000 }), [], 'a day behind looks like a day offline: not reported');
  t.same(
    detectEventAnomalies({ ...base, clockOffsetMs: -90_000 }, { clockSkewMs: 60_000, minTravelMs: 1 }),
    [{ kind: 'clock_skew', severity: 'low', details: { clockOffsetMs: -90_000, limitMs: 60_000 } }],
    'the limit is configurable',
  );
});

t.test('automatic decision on an over-age bundle', async (t) => {
  t.same(detectEventAnomalies({ ...base, bundleAgeSec: 259_201 }), [
    { kind: 'bundle_over_age_auto', severity: 'high', details: { decision: 'RELEASE', bundleAgeSec: 259_201, maxAgeSec: 259_200 } },
  ]);
  t.same(detectEventAnomalies({ ...base, decision: 'ESCORT', bundleAgeSec: null }), [
    { kind: 'bundle_over_age_auto', severity: 'high', details: { decision: 'ESCORT', bundleAgeSec: null, maxAgeSec: 259_200 } },
  ], 'no bundle at all');
  t.same(detectEventAnomalies({ ...base, decision: 'REFUSE', reasons: [], bundleAgeSec: 400_000 }), [
    { kind: 'bundle_over_age_auto', severity: 'medium', details: { decision: 'REFUSE', bundleAgeSec: 400_000, maxAgeSec: 259_200 } },
  ], 'a refusal is automatic too, but lets nothing through');
  t.same(detectEventAnomalies({ ...base, type: 'charter_check', decision: 'CUSTODY', bundleAgeSec: 100, maxBundleAgeSec: 60 }), [
    { kind: 'bundle_over_age_auto', severity: 'high', details: { decision: 'CUSTODY', bundleAgeSec: 100, maxAgeSec: 60 } },
  ], "the deciding rule set's limit");
  t.same(detectEventAnomalies({ ...base, decision: 'MANUAL', bundleAgeSec: 999_999 }), [], 'MANUAL on an old bundle: a person decided');
  t.same(detectEventAnomalies({ ...base, bundleAgeSec: 259_200 }), [], 'at the limit');
  t.same(detectEventAnomalies({ type: 'staff_sign_in', clockOffsetMs: 0, maxBundleAgeSec: 1 }), [], 'no decision, no bundle anomaly');
});

t.test('impossible travel', async (t) => {
  const a = { eventId: 'a', checkpointId: 1, atMs: 1_000_000 };
  const others = [
    { eventId: 'b', checkpointId: 2, atMs: 1_000_000 + 9 * 60_000 },
    { eventId: 'c', checkpointId: 1, atMs: 1_000_000 + 60_000 },
    { eventId: 'd', checkpointId: 3, atMs: 1_000_000 - 2 * 3_600_000 },
    { eventId: 'e', checkpointId: 4, atMs: 1_000_000 - 10 * 60_000 },
    { eventId: 'f', checkpointId: 5, atMs: 1_000_000 - 60_000 },
    a,
  ];
  t.same(impossibleTravel(a, others), [
    { first: a, second: others[0], intervalMs: 540_000 },
    { first: others[4], second: a, intervalMs: 60_000 },
  ], 'another checkpoint within 10 min, either side, earlier first; the same checkpoint, 2 h and exactly 10 min are no anomaly');
  t.same(impossibleTravel(a, others, 60_001), [{ first: others[4], second: a, intervalMs: 60_000 }], 'configurable interval');
  const same = { eventId: 'z', checkpointId: 9, atMs: a.atMs };
  t.same(impossibleTravel(a, [same]), [{ first: a, second: same, intervalMs: 0 }], 'a tie is ordered by id');
});

t.test('the catalogue is the table of docs/anomalies.md', async (t) => {
  t.same(SEVERITIES, ['high', 'medium', 'low']);
  t.strictSame({ ...ANOMALY_CATALOGUE }, {
    pass_revoked: { severity: 'high', source: 'event' },
    pass_expired: { severity: 'medium', source: 'event' },
    pass_not_yet_valid: { severity: 'medium', source: 'event' },
    pass_unknown_key: { severity: 'high', source: 'event' },
    pass_bad_signature: { severity: 'high', source: 'event' },
    plate_mismatch: { severity: 'medium', source: 'event' },
    person_mismatch: { severity: 'medium', source: 'event' },
    clock_skew: { severity: 'low', source: 'event' },
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
  t.strictSame({ ...REASON_KINDS }, {
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
  // Kind names come from query strings and stored rows: only strings of the list are kinds.
  for (const v of [5, null, undefined, ['chain_fork'], { kind: 'chain_fork' }, '', 'CHAIN_FORK']) t.notOk(isAnomalyKind(v), String(v));
  for (const k of ANOMALY_KINDS) t.ok(isAnomalyKind(k), k);
});

t.test('charter pass reasons map like the freight ones', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['charter.pass.invalid.expired', 'pass_expired', 'medium'],
    ['charter.pass.invalid.not_yet_valid', 'pass_not_yet_valid', 'medium'],
    ['charter.pass.invalid.bad_signature', 'pass_bad_signature', 'high'],
  ];
  for (const [code, kind, severity] of cases) {
    t.same(detectEventAnomalies({ ...base, type: 'charter_check', decision: 'REFUSE', reasons: [code] }), [{ kind, severity, details: { reasons: [code] } }], code);
  }
});

t.test('several kinds at once: every finding, in catalogue order', async (t) => {
  t.strictSame(
    detectEventAnomalies({ type: 'check', clockOffsetMs: -400_000, decision: 'RELEASE', reasons: ['match.id4_mismatch', 'pass.invalid.expired', 'pass.invalid.revoked'], bundleAgeSec: null, maxBundleAgeSec: 259_200 }),
    [
      { kind: 'pass_revoked', severity: 'high', details: { reasons: ['pass.invalid.revoked'] } },
      { kind: 'pass_expired', severity: 'medium', details: { reasons: ['pass.invalid.expired'] } },
      { kind: 'person_mismatch', severity: 'medium', details: { reasons: ['match.id4_mismatch'] } },
      { kind: 'clock_skew', severity: 'low', details: { clockOffsetMs: -400_000, limitMs: 300_000 } },
      { kind: 'bundle_over_age_auto', severity: 'high', details: { decision: 'RELEASE', bundleAgeSec: null, maxAgeSec: 259_200 } },
    ],
  );
  t.strictSame(detectEventAnomalies({ type: 'check', clockOffsetMs: 0, decision: 'REFUSE', bundleAgeSec: 10, maxBundleAgeSec: 60 }), [], 'no reasons given');
});

t.test('only decisions of checks and charter checks are judged for bundle age', async (t) => {
  // A stored column read back for another type, or a check without a decision, is no automatic decision.
  t.same(detectEventAnomalies({ type: 'escort_handover', clockOffsetMs: 0, decision: 'RELEASE', bundleAgeSec: null, maxBundleAgeSec: 60 }), []);
  t.same(detectEventAnomalies({ type: 'check', clockOffsetMs: 0, decision: null, bundleAgeSec: null, maxBundleAgeSec: 60 }), []);
  t.same(detectEventAnomalies({ type: 'check', clockOffsetMs: 0, decision: 'HOLD', bundleAgeSec: 61, maxBundleAgeSec: 60 }), [
    { kind: 'bundle_over_age_auto', severity: 'medium', details: { decision: 'HOLD', bundleAgeSec: 61, maxAgeSec: 60 } },
  ], 'a hold lets nothing through: medium');
  t.same(detectEventAnomalies({ type: 'check', clockOffsetMs: 0, decision: 'RELEASE', bundleAgeSec: 0, maxBundleAgeSec: 0 }), [], 'a fresh bundle at a zero limit');
});

t.test('impossible travel: pairs ordered by time, then id; an event never pairs with itself', async (t) => {
  const m = { eventId: 'm', checkpointId: 1, atMs: 5_000_000 };
  const laterSmallerId = { eventId: 'b', checkpointId: 2, atMs: 5_060_000 };
  const earlierLargerId = { eventId: 'x', checkpointId: 3, atMs: 4_940_000 };
  const tieSmallerId = { eventId: 'a', checkpointId: 4, atMs: 5_000_000 };
  t.strictSame(impossibleTravel(m, [laterSmallerId, earlierLargerId, tieSmallerId]), [
    { first: m, second: laterSmallerId, intervalMs: 60_000 },
    { first: earlierLargerId, second: m, intervalMs: 60_000 },
    { first: tieSmallerId, second: m, intervalMs: 0 },
  ]);
  // The same event read back with another checkpoint (a re-upload, a moved device) is not a second sighting.
  t.strictSame(impossibleTravel(m, [{ ...m, checkpointId: 2 }]), []);
  t.strictSame(impossibleTravel(m, [{ eventId: 'n', checkpointId: 2, atMs: 5_000_000 + 599_999 }]), [
    { first: m, second: { eventId: 'n', checkpointId: 2, atMs: 5_599_999 }, intervalMs: 599_999 },
  ], 'just under the minimum');
  t.strictSame(impossibleTravel(m, []), []);
});
