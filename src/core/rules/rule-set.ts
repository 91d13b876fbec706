/**
 * The checkpoint rule set: data published and versioned by the transport
 * bureau, never code. Key areas changed week by week in 2020; a scanner that
 * decides offline must be able to take a new list from its trust bundle
 * without a software update, and every decision names the version it used.
 *
 * Strict on purpose: a field this version does not know is a newer format,
 * and silently dropping it could drop a tightening. A scanner that cannot
 * read the new rules keeps its old bundle, whose age then pushes it to MANUAL.
 */
import * as z from 'zod';

/**
 * Six digits not starting with 00, which is what `regionCovers` accepts; the
 * code need not be in the region table, so a list naming a code newer than a
 * scanner's table still matches by prefix.
 */
export const regionCodeSchema = z.string().regex(/^(?!00)\d{6}$/, 'not a 6-digit GB/T 2260 code');

const isoTime = z.iso.datetime({ offset: true });

export const ruleSetSchema = z
  .strictObject({
    version: z.int().min(1),
    /** °C; a reading at or above this is a fever reading (2020 screening threshold) */
    feverThresholdC: z.number().default(37.3),
    /** Below or above these a reading is a misread (infrared forehead readings), never a result. */
    plausibleMinC: z.number().default(35.0),
    plausibleMaxC: z.number().default(42.0),
    /** A fever reading must be confirmed by a re-test (复测) before HOLD. */
    retestRequired: z.boolean().default(true),
    /** A code covers every code below it (province 420000 covers 420100 and 429004). */
    keyAreas: z.array(regionCodeSchema),
    /** A declared stay counts when its last day is at most this many days before today (China time). */
    stayLookbackDays: z.int().min(0).default(14),
    /** For pass validity; the caller hands it to verifyPass. */
    clockToleranceSec: z.int().min(0).default(300),
    /**
     * An escort named on the pass but not on board: `note` it (a reason staff and the audit see,
     * the decision unchanged), ask for `manual` handling, or `refuse`. A missing driver is always
     * a mismatch (REFUSE).
     */
    absentEscort: z.enum(['note', 'manual', 'refuse']).default('note'),
    /** Trust data (keys, revocations, rules) older than this: warn. */
    trustWarnAgeSec: z.int().min(0).default(86_400),
    /** Older than this: no automatic release or escort; a supervisor decides. */
    trustMaxAgeSec: z.int().min(0).default(259_200),
    /**
     * The escort loop (measures item 6 and 7). A vehicle waiting for its enterprise's escort longer
     * than this without a handover is overdue (the people on board may not get out meanwhile).
     */
    maxCheckpointWaitSec: z.int().min(60).default(7_200),
    /** From the handover at the checkpoint to the enterprise confirming arrival at its premises. */
    maxTransitSec: z.int().min(60).default(14_400),
    /** Isolation period for people arriving from a key area; an arrangement may not plan less. */
    isolationDays: z.int().min(1).default(14),
    /**
     * Charter coaches (measures item 7). A passenger on the manifest who is not on board: `note` it
     * (no-shows happen; the manifest still bounds who may ride), ask for `manual` handling, or `refuse`.
     */
    charterAbsentPassenger: z.enum(['note', 'manual', 'refuse']).default('note'),
    /**
     * Someone on board who is not on the manifest (or whose ID card does not match the manifest
     * entry they claim): the coach loses its priority lane (`refuse`, the default, as a freight
     * vehicle does when people and pass do not match), or a supervisor decides (`manual`).
     */
    charterUnlistedPerson: z.enum(['refuse', 'manual']).default('refuse'),
    effectiveFrom: isoTime,
    publishedAt: isoTime,
    author: z.string().min(1),
    /** Why this version exists (e.g. which notice changed the key areas). */
    reason: z.string().min(1),
  })
  // Inconsistent thresholds would make some readings both normal and misread, or hide fever entirely.
  .refine((r) => r.plausibleMinC < r.feverThresholdC && r.feverThresholdC <= r.plausibleMaxC, {
    message: 'need plausibleMinC < feverThresholdC <= plausibleMaxC',
    path: ['feverThresholdC'],
  })
  .refine((r) => r.trustWarnAgeSec <= r.trustMaxAgeSec, {
    message: 'trustWarnAgeSec must not exceed trustMaxAgeSec',
    path: ['trustWarnAgeSec'],
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;
/** What a publisher writes: defaulted fields may be left out. */
export type RuleSetInput = z.input<typeof ruleSetSchema>;

/**
 * ruleSetSchema.safeParse, remembered per input object. A scanner decides
 * every scan with the same rule set object from its bundle, and parsing it
 * (about twenty fields, two refinements, two ISO times) was a fixed cost of
 * every decision. A hit needs the very same object with the same own keys
 * holding the same values (keyAreas: the same array with the same codes), so
 * a rule set changed in place is parsed again; a new version is a new object.
 * Only successes are kept, and the parsed rule set handed out is frozen so
 * no caller can change what the next caller gets.
 */
export function parseRuleSetCached(raw: unknown): RuleSet | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const held = parsedRuleSets.get(raw);
  if (held && unchanged(raw as Record<string, unknown>, held)) return held.ruleSet;
  const parsed = ruleSetSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const ruleSet = Object.freeze({ ...parsed.data, keyAreas: Object.freeze([...parsed.data.keyAreas]) as string[] });
  const snapshot = snapshotOf(raw as Record<string, unknown>);
  parsedRuleSets.set(raw, { ...snapshot, ruleSet });
  // The parsed object is itself a valid input: decide() is often handed back what this returned.
  if (!parsedRuleSets.has(ruleSet)) parsedRuleSets.set(ruleSet, { ...snapshotOf(ruleSet), ruleSet });
  return ruleSet;
}

interface Snapshot {
  keys: string[];
  values: unknown[];
  keyAreas: unknown[] | undefined;
}
const parsedRuleSets = new WeakMap<object, Snapshot & { ruleSet: RuleSet }>();

function snapshotOf(raw: Record<string, unknown>): Snapshot {
  const keys = Object.keys(raw);
  const areas = raw.keyAreas;
  return { keys, values: keys.map((k) => raw[k]), keyAreas: Array.isArray(areas) ? [...areas] : undefined };
}

function unchanged(raw: Record<string, unknown>, s: Snapshot): boolean {
  const keys = Object.keys(raw);
  if (keys.length !== s.keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    // Object.is: anything not exactly the value parsed (-0 for 0 included) is parsed again.
    if (keys[i] !== s.keys[i] || !Object.is(raw[keys[i]!], s.values[i])) return false;
  }
  const areas = raw.keyAreas;
  if (!Array.isArray(areas) || !s.keyAreas || areas.length !== s.keyAreas.length) return false;
  for (let i = 0; i < areas.length; i++) if (areas[i] !== s.keyAreas[i]) return false;
  return true;
}

/**
 * February 2020, the time of the Kunshan measures of 25 February: Hubei
 * province is the key area. A real deployment replaces this with the bureau's
 * published rules; it exists for tests, demos and a first start.
 */
export const DEFAULT_RULE_SET: Readonly<RuleSet> = Object.freeze({
  version: 1,
  feverThresholdC: 37.3,
  plausibleMinC: 35.0,
  plausibleMaxC: 42.0,
  retestRequired: true,
  keyAreas: Object.freeze(['420000']) as string[],
  stayLookbackDays: 14,
  absentEscort: 'note',
  clockToleranceSec: 300,
  trustWarnAgeSec: 86_400,
  trustMaxAgeSec: 259_200,
  maxCheckpointWaitSec: 7_200,
  maxTransitSec: 14_400,
  isolationDays: 14,
  charterAbsentPassenger: 'note',
  charterUnlistedPerson: 'refuse',
  effectiveFrom: '2020-02-25T00:00:00+08:00',
  publishedAt: '2020-02-25T00:00:00+08:00',
  author: '昆山市交通运输局',
  reason: '昆山市 2020-02-25 复工企业服务措施第 6、7 条；重点疫区：湖北省',
});
