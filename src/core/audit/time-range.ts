import * as z from 'zod';

const DAY_MS = 86_400_000;

/**
 * A bound of an audit search: a China day (`YYYY-MM-DD`) or an ISO instant with
 * an offset. The console's forms send days; scripts may send instants.
 */
export const instantOrDaySchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const isDay = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);
/** A China day's first instant, in the stored form of timestamps (ISO UTC with milliseconds). */
const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();

/**
 * A search's time range as stored ISO UTC values, `from` inclusive and `to`
 * exclusive: a day given as `to` is inclusive, so the range ends where the next
 * China day starts; an instant is taken as it is.
 */
export function utcRange(q: { from?: string | undefined; to?: string | undefined }): { from: string | undefined; to: string | undefined } {
  return {
    from: q.from === undefined ? undefined : isDay(q.from) ? dayStart(q.from) : new Date(q.from).toISOString(),
    to: q.to === undefined ? undefined : isDay(q.to) ? new Date(Date.parse(dayStart(q.to)) + DAY_MS).toISOString() : new Date(q.to).toISOString(),
  };
}
