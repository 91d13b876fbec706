// Stored instants are UTC; the bureau, the enterprises and the checkpoints read Beijing time.
// The one formatter of the portal: every date and time shown goes through it.
const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(d: Date): { date: string; time: string } {
  const p = Object.fromEntries(SHANGHAI.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** `YYYY-MM-DD HH:mm` in Beijing time; an unparsable value is shown as it is. */
export function chinaDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { date, time } = shanghaiParts(d);
  return `${date} ${time}`;
}

/** `YYYY-MM-DD HH:mm` in Beijing time, for use inside a sentence. */
export const shanghai = chinaDateTime;

/** The Beijing-time date of an instant, e.g. for a date input. */
export function chinaDate(iso: string | number): string {
  return shanghaiParts(new Date(iso)).date;
}

/** Whether an instant falls on a Beijing midnight (a whole-day boundary). */
export const atChinaMidnight = (iso: string) => shanghaiParts(new Date(iso)).time === '00:00';

/** An exclusive end: midnight reads as 24:00 of the day before, which is how a pass's last day is printed. */
export function validityEnd(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { date, time } = shanghaiParts(d);
  if (time === '00:00') return `${shanghaiParts(new Date(d.getTime() - 1)).date} 24:00`;
  return `${date} ${time}`;
}

/** The last day covered by an exclusive end instant, for the "to" date input. */
export const lastDay = (iso: string) => chinaDate(Date.parse(iso) - 1);

/** A `<time>` element showing a stored UTC timestamp in Beijing time. */
export function DateTime({ value }: { value: string }) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return <>{value}</>;
  return <time dateTime={d.toISOString()}>{chinaDateTime(value)}</time>;
}
