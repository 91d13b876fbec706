import type { Db } from '../../db/open.js';

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

const SELECT = `SELECT version, rules, author_id AS authorId, author_name AS authorName, reason,
  created_at AS createdAt, published_at AS publishedAt, effective_from AS effectiveFrom FROM rule_sets`;

/**
 * Published rule sets (immutable: triggers refuse UPDATE and DELETE) and the
 * single draft. Times are ISO-8601 UTC strings in one format, so comparing
 * them as text compares them as times.
 */
export function ruleSetsRepo(db: Db) {
  // Read on every online check and bundle poll: prepared once, on first use (the table may not exist yet).
  let byVersion: ReturnType<typeof db.prepare<[number], RuleSetRow>> | undefined;
  let inForce: ReturnType<typeof db.prepare<[string], RuleSetRow>> | undefined;
  let after: ReturnType<typeof db.prepare<[string], RuleSetRow>> | undefined;
  return {
    get(version: number): RuleSetRow | undefined {
      return (byVersion ??= db.prepare<[number], RuleSetRow>(`${SELECT} WHERE version = ?`)).get(version);
    },
    /** Newest version first. */
    list(): RuleSetRow[] {
      return db.prepare<[], RuleSetRow>(`${SELECT} ORDER BY version DESC`).all();
    },
    latest(): RuleSetRow | undefined {
      return db.prepare<[], RuleSetRow>(`${SELECT} ORDER BY version DESC LIMIT 1`).get();
    },
    /** In force at `at`: the greatest effective_from ≤ at; on a tie the higher version. */
    activeAt(at: string): RuleSetRow | undefined {
      return (inForce ??= db.prepare<[string], RuleSetRow>(`${SELECT} WHERE effective_from <= ? ORDER BY effective_from DESC, version DESC LIMIT 1`)).get(at);
    },
    /** Taking effect after `at`, soonest first. */
    scheduledAfter(at: string): RuleSetRow[] {
      return (after ??= db.prepare<[string], RuleSetRow>(`${SELECT} WHERE effective_from > ? ORDER BY effective_from, version`)).all(at);
    },
    /** false when the version exists already (INSERT OR IGNORE: start-up seeding stays idempotent across processes). */
    insert(r: Omit<RuleSetRow, 'createdAt'>, opts: { ignoreExisting?: boolean } = {}): boolean {
      return (
        db
          .prepare(
            `INSERT ${opts.ignoreExisting ? 'OR IGNORE ' : ''}INTO rule_sets
               (version, rules, author_id, author_name, reason, published_at, effective_from, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(r.version, r.rules, r.authorId, r.authorName, r.reason, r.publishedAt, r.effectiveFrom, r.publishedAt).changes === 1
      );
    },

    draft(): RuleSetDraftRow | undefined {
      return db
        .prepare<[], RuleSetDraftRow>(
          `SELECT rules, based_on AS basedOn, updated_by_id AS updatedById, updated_by_name AS updatedByName, updated_at AS updatedAt
           FROM rule_set_draft WHERE id = 1`,
        )
        .get();
    },
    putDraft(d: RuleSetDraftRow): void {
      db.prepare(
        `INSERT INTO rule_set_draft (id, rules, based_on, updated_by_id, updated_by_name, updated_at) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, based_on = excluded.based_on,
           updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at`,
      ).run(d.rules, d.basedOn, d.updatedById, d.updatedByName, d.updatedAt);
    },
    deleteDraft(): boolean {
      return db.prepare('DELETE FROM rule_set_draft WHERE id = 1').run().changes === 1;
    },
  };
}
export type RuleSetsRepo = ReturnType<typeof ruleSetsRepo>;
