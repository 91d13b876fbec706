// Stored instants are UTC; the bureau, the enterprises and the checkpoints read Beijing time.
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `YYYY-MM-DD HH:mm` in Beijing time, for use inside a sentence; an unparsable value is shown as it is. */
export function shanghai(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : SHANGHAI.format(d);
}

/** A `<time>` element showing a stored UTC timestamp in Beijing time. */
export function DateTime({ value }: { value: string }) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return <>{value}</>;
  return <time dateTime={d.toISOString()}>{SHANGHAI.format(d)}</time>;
}
