import { z } from 'zod';
import { chinaDayNumber } from '../rules/key-area.js';

/**
 * Retention of personal data (docs/audit-log.md "Personal fields and retention").
 *
 * An erased name (or masked ID) is replaced by this marker, not emptied: the
 * columns that held them have NOT NULL and length CHECKs, the pages then show
 * a neutral text in either language without a special case, and migration 017's
 * triggers admit a change of a personal column to exactly this value.
 */
export const ERASED = '已删除/erased';
/** An erased escort name at a handover that did not match the dispatched one: keeps escort_mismatch = 1. */
export const ERASED_OTHER = '已删除/erased ≠';

export const isErased = (value: unknown): boolean => value === ERASED || value === ERASED_OTHER;

/**
 * Longer than the 14-day isolation of the measures (an isolation started on
 * the last day of the period still needs its responsible person's name), and
 * at most ten years.
 */
export const MIN_RETENTION_DAYS = 15;
export const MAX_RETENTION_DAYS = 3650;
/**
 * Half a year: an escort or isolation is disputed, and the bureau reviews a
 * period's checks, within weeks to a quarter; after that the counts, decisions
 * and hashes answer what an audit asks, and the names only add risk.
 */
export const DEFAULT_RETENTION_DAYS = 180;

export const retentionDaysSchema = z.coerce.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS);

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The cut-off of a retention run: the start (China midnight) of the China day
 * `days` days before `now`'s China day. Records of that day and later are kept.
 * `day` is that China date, for the date columns (isolation ends).
 */
export function retentionCutoff(now: Date, days: number): { at: Date; day: string } {
  const dayNumber = chinaDayNumber(now.getTime()) - days;
  return { at: new Date(dayNumber * DAY_MS - CHINA_OFFSET_MS), day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10) };
}
