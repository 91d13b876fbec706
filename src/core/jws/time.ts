/** Verification time in epoch seconds: a Date, epoch seconds, or the current time when absent. May be NaN for an invalid Date. */
export function epochSecondsOf(now: Date | number | undefined): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  if (now instanceof Date) return Math.floor(now.getTime() / 1000);
  return now;
}

/** Allowed clock skew in seconds: `fallback` when absent, 0 for anything negative or not finite. */
export function clockToleranceOf(sec: number | undefined, fallback: number): number {
  if (sec === undefined) return fallback;
  return Number.isFinite(sec) && sec > 0 ? sec : 0;
}
