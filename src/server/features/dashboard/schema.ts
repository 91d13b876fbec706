import { z } from 'zod';

/** A GET form sends every field, empty ones as ''; an empty field takes the default. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const PERIODS = ['day', 'week'] as const;

/**
 * The dashboard's query string: a China day (default today), whether to show
 * that day alone or the seven days ending with it, and optionally one checkpoint.
 */
export const dashboardQuerySchema = z.object({
  day: opt(z.iso.date()).describe('A China day, YYYY-MM-DD; default today'),
  period: opt(z.enum(PERIODS)).describe('day: that day by hour; week: the seven days ending with it, by day'),
  checkpoint: opt(z.coerce.number().int().min(1)).describe('Only this checkpoint (its devices)'),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** The query after defaults: the instants the event queries take. */
export interface DashboardRange {
  day: string;
  period: (typeof PERIODS)[number];
  /** the first China day of the period */
  firstDay: string;
  /** ISO UTC, inclusive / exclusive, in the stored form of received_at */
  from: string;
  to: string;
  checkpointId: number | undefined;
}
