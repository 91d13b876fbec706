import { z } from 'zod';
import { ruleSetSchema, regionCodeSchema, type RuleSet } from '../../../core/rules/index.js';
import type { MessageKey } from '../../i18n/messages.js';
import { decimalInt } from '../../ids.js';
import { freeText } from '../../free-text.js';

/** The fields an administrator edits; the rest of a RuleSet (version, times, author, reason) is set on publishing. */
export const EDITABLE_FIELDS = [
  'feverThresholdC',
  'plausibleMinC',
  'plausibleMaxC',
  'retestRequired',
  'keyAreas',
  'stayLookbackDays',
  'clockToleranceSec',
  'trustWarnAgeSec',
  'trustMaxAgeSec',
  'maxCheckpointWaitSec',
  'maxTransitSec',
  'isolationDays',
] as const satisfies ReadonlyArray<keyof RuleSet>;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** More key areas than this is a typo or a script gone wrong; a province code covers a whole province. */
export const MAX_KEY_AREAS = 300;
const DAY_SEC = 86_400;

// Bounds a bureau could sensibly want; the core schema adds the orderings (min < threshold ≤ max, warn ≤ max age).
// Messages are catalogue keys: the error plugin and the portal show them in the reader's language.
const num = (min: number, max: number, key: MessageKey) => z.number({ error: key }).min(min, key).max(max, key);
const int = (min: number, max: number, key: MessageKey) => z.int({ error: key }).min(min, key).max(max, key);

export const draftFieldsSchema = z
  .strictObject({
    feverThresholdC: num(35, 41, 'rules.err.feverThresholdC').describe('°C; a reading at or above it is a fever reading'),
    plausibleMinC: num(25, 40, 'rules.err.plausibleMinC').describe('°C; below it a reading is a misread'),
    plausibleMaxC: num(38, 45, 'rules.err.plausibleMaxC').describe('°C; above it a reading is a misread'),
    retestRequired: z.boolean({ error: 'rules.err.retestRequired' }).describe('A fever reading must be confirmed by a re-test before HOLD'),
    keyAreas: z
      .array(z.string().refine((s) => regionCodeSchema.safeParse(s).success, 'rules.err.keyAreas'), { error: 'rules.err.keyAreas' })
      .max(MAX_KEY_AREAS, 'rules.err.keyAreas_too_many')
      .refine((a) => new Set(a).size === a.length, 'rules.err.keyAreas_duplicate')
      .describe('GB/T 2260 codes at province, city or county level; a code covers every code under it'),
    stayLookbackDays: int(0, 60, 'rules.err.stayLookbackDays').describe('A declared stay counts when its last day is at most this many days ago'),
    clockToleranceSec: int(0, 3600, 'rules.err.clockToleranceSec').describe('Clock tolerance for pass validity, seconds'),
    trustWarnAgeSec: int(0, 30 * DAY_SEC, 'rules.err.trustWarnAgeSec').describe('Trust data older than this: a warning (seconds)'),
    trustMaxAgeSec: int(0, 30 * DAY_SEC, 'rules.err.trustMaxAgeSec').describe('Trust data older than this: no automatic release (seconds)'),
    // The escort limits came later: defaults keep drafts saved before them (and clients that omit them) valid.
    maxCheckpointWaitSec: int(60, DAY_SEC, 'rules.err.maxCheckpointWaitSec').default(7_200).describe('Longest wait at a checkpoint for the enterprise\'s escort (seconds)'),
    maxTransitSec: int(60, 2 * DAY_SEC, 'rules.err.maxTransitSec').default(14_400).describe('Longest transit from the handover to the arrival at the premises (seconds)'),
    isolationDays: int(1, 60, 'rules.err.isolationDays').default(14).describe('Isolation period for people arriving from a key area (days)'),
  })
  .meta({ id: 'RuleSetDraftFields' });
export type DraftFields = z.infer<typeof draftFieldsSchema>;

export const ruleSetOutSchema = ruleSetSchema.meta({ id: 'RuleSet', description: 'A published checkpoint rule set, as scanners receive it' });

export const versionStatusSchema = z.enum(['active', 'scheduled', 'superseded']);
export type VersionStatus = z.infer<typeof versionStatusSchema>;

export const ruleSetVersionSchema = z
  .object({
    version: z.int(),
    status: versionStatusSchema.describe('active: in force now; scheduled: takes effect later; superseded: replaced'),
    authorId: z.int().nullable().describe('null for the system (version 1)'),
    authorName: z.string(),
    createdAt: z.string(),
    ruleSet: ruleSetOutSchema,
  })
  .meta({ id: 'RuleSetVersion' });
export type RuleSetVersion = z.infer<typeof ruleSetVersionSchema>;

export const regionRefSchema = z.object({
  code: z.string(),
  /** null when the code is not in this server's region table (a code newer than the table still matches by prefix) */
  name: z.string().nullable(),
  level: z.enum(['province', 'city', 'county']),
  fullName: z.string().nullable().describe('Province, city and name, e.g. 湖北省 武汉市 江岸区'),
  counties: z.int().describe('County-level units in the region table that the code covers'),
});
export type RegionRef = z.infer<typeof regionRefSchema>;

export const fieldChangeSchema = z.object({
  field: z.enum(EDITABLE_FIELDS),
  from: z.union([z.number(), z.boolean(), z.array(z.string())]),
  to: z.union([z.number(), z.boolean(), z.array(z.string())]),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const comparisonSchema = z
  .object({
    changes: z.array(fieldChangeSchema).describe('Fields that differ, key areas excluded'),
    keyAreasAdded: z.array(regionRefSchema),
    keyAreasRemoved: z.array(regionRefSchema),
    countiesFrom: z.int(),
    countiesTo: z.int(),
  })
  .meta({ id: 'RuleSetComparison' });
export type Comparison = z.infer<typeof comparisonSchema>;

export const draftSchema = z
  .object({
    fields: draftFieldsSchema,
    basedOn: z.int().nullable().describe('The published version the draft started from'),
    updatedAt: z.string().nullable().describe('null while the draft is an unchanged copy'),
    updatedBy: z.string().nullable(),
    nextVersion: z.int().describe('The version number publishing would create'),
    keyAreas: z.array(regionRefSchema),
    coveredCounties: z.int(),
    activeVersion: z.int(),
    comparedWithActive: comparisonSchema,
  })
  .meta({ id: 'RuleSetDraft' });
export type Draft = z.infer<typeof draftSchema>;

export const REASON_MAX = 500;

export const publishBodySchema = z.object({
  reason: freeText(z.string({ error: 'rules.err.reason' }).trim().min(1, 'rules.err.reason').max(REASON_MAX, 'rules.err.reason_long')),
  effectiveFrom: z.iso
    .datetime({ offset: true, error: 'rules.err.effectiveFrom' })
    .optional()
    .describe('ISO 8601 with offset; default now; not in the past, nor before a version already scheduled'),
});
export type PublishInput = z.infer<typeof publishBodySchema>;

export const versionParamsSchema = z.object({ version: decimalInt({ min: 1, max: 2_147_483_647 }) });

export const regionQuerySchema = z.object({
  q: z.string().max(40).default(''),
  limit: decimalInt({ min: 1, max: 50 }).default(20),
});
