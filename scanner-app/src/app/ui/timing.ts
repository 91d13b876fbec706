/**
 * User Timing marks at the moments staff wait on: a code read → its pass card
 * on screen, the decide tap → the decision on screen. Cheap enough to keep in
 * production; the benchmark (bench/scanner/latency.ts) reads them from the real app.
 */
export const MARK = {
  code: 'kakou:code',
  card: 'kakou:card',
  decide: 'kakou:decide',
  decision: 'kakou:decision',
} as const;

export function mark(name: (typeof MARK)[keyof typeof MARK]): void {
  performance.mark(name);
}

/** Marks once the frame that shows the current render has been painted (the task after the next animation frame). */
export function markPainted(name: (typeof MARK)[keyof typeof MARK]): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}
