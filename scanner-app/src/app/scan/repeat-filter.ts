/**
 * A camera sees the same pass on many consecutive frames; staff want one
 * check, not one per frame. A text is let through, then ignored until
 * `windowMs` has passed since it was let through.
 */
export const DEFAULT_REPEAT_MS = 3_000;

export type RepeatFilter = (text: string) => boolean;

export function createRepeatFilter(windowMs = DEFAULT_REPEAT_MS, now: () => number = () => performance.now()): RepeatFilter {
  const reportedAt = new Map<string, number>();
  return (text) => {
    const at = now();
    // Forget what has expired, so a long shift does not grow the map.
    for (const [seen, when] of reportedAt) if (at - when >= windowMs) reportedAt.delete(seen);
    if (reportedAt.has(text)) return false;
    reportedAt.set(text, at);
    return true;
  };
}
