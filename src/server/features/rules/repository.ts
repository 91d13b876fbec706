import type { Store } from '../../db/store.js';

/** A published rule-set row. `rules` is the stored JSON of the core RuleSet, parsed by the service. */
export interface RuleSetRow {
  version: number;
  rules: string;
  authorId: number | null;
  authorName: string;
  reason: string;
  createdAt: string;
  publishedAt: string;
  effectiveFrom: string;
}

export interface RuleSetDraftRow {
  /** JSON of the editable fields */
  rules: string;
  basedOn: number | null;
  updatedById: number | null;
  updatedByName: string;
  updatedAt: string;
}

/** The version is the key: two publishes of the same number (for isUniqueViolation). */
export const RULE_SET_VERSION_UNIQUE = { postgres: 'rule_sets_pkey', sqlite: 'rule_sets.version' };

/**
 * Published rule sets (immutable: triggers refuse UPDATE and DELETE) and the single draft, on either
 * engine. Times are ISO-8601 UTC strings in one format, so comparing them as text compares them as times.
 */
export function ruleSetsRepo(store: Store) {
  const published = () =>
    store
      .q()
      .selectFrom('rule_sets')
      .select([
        'version',
        'rules',
        'author_id as authorId',
        'author_name as authorName',
        'reason',
        'created_at as createdAt',
        'published_at as publishedAt',
        'effective_from as effectiveFrom',
      ]);
  const toRow = (r: RuleSetRow): RuleSetRow => ({ ...r, version: Number(r.version), authorId: r.authorId === null ? null : Number(r.authorId) });

  return {
    async get(version: number): Promise<RuleSetRow | undefined> {
      const r = await published().where('version', '=', version).executeTakeFirst();
      return r && toRow(r);
    },
    async latest(): Promise<RuleSetRow | undefined> {
      const r = await published().orderBy('version', 'desc').limit(1).executeTakeFirst();
      return r && toRow(r);
    },
    /** The versions after `version`, oldest first: how the service's snapshot learns of new ones (the table only grows). */
    async after(version: number): Promise<RuleSetRow[]> {
      return (await published().where('version', '>', version).orderBy('version').execute()).map(toRow);
    },
    /** false when the version exists already (ignoreExisting: start-up seeding stays idempotent across processes and nodes). */
    async insert(r: Omit<RuleSetRow, 'createdAt'>, opts: { ignoreExisting?: boolean } = {}): Promise<boolean> {
      let q = store.q().insertInto('rule_sets').values({
        version: r.version,
        rules: r.rules,
        author_id: r.authorId,
        author_name: r.authorName,
        reason: r.reason,
        published_at: r.publishedAt,
        effective_from: r.effectiveFrom,
        created_at: r.publishedAt,
      });
      if (opts.ignoreExisting) q = q.onConflict((oc) => oc.column('version').doNothing());
      const result = await q.executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async draft(): Promise<RuleSetDraftRow | undefined> {
      const r = await store
        .q()
        .selectFrom('rule_set_draft')
        .select(['rules', 'based_on as basedOn', 'updated_by_id as updatedById', 'updated_by_name as updatedByName', 'updated_at as updatedAt'])
        .where('id', '=', 1)
        .executeTakeFirst();
      return r && { ...r, basedOn: r.basedOn === null ? null : Number(r.basedOn), updatedById: r.updatedById === null ? null : Number(r.updatedById) };
    },
    async putDraft(d: RuleSetDraftRow): Promise<void> {
      const values = { rules: d.rules, based_on: d.basedOn, updated_by_id: d.updatedById, updated_by_name: d.updatedByName, updated_at: d.updatedAt };
      await store
        .q()
        .insertInto('rule_set_draft')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },
    async deleteDraft(): Promise<boolean> {
      const result = await store.q().deleteFrom('rule_set_draft').where('id', '=', 1).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
export type RuleSetsRepo = ReturnType<typeof ruleSetsRepo>;
