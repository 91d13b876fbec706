import { RETENTION_EVERY_MS } from './service.js';

/** What the schedule needs of the timers: the real ones in the server, a hand-driven pair in tests. */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: unknown): void;
}

export interface RetentionScheduleDeps {
  /** one retention run at this instant (retentionService.run) */
  run: (now: Date) => unknown;
  clock?: () => Date;
  everyMs?: number;
  timers?: IntervalTimers;
  onError?: (error: unknown) => void;
}

/**
 * Runs the retention erasure once now and then every `everyMs` (an hour), like
 * the audit checkpoint signer: unref'd so it never keeps the process alive,
 * stopped on close. A run that throws is reported and the next one tries again.
 */
export function retentionSchedule({ run, clock = () => new Date(), everyMs = RETENTION_EVERY_MS, timers = globalThis, onError }: RetentionScheduleDeps) {
  const tick = (): void => {
    try {
      run(clock());
    } catch (error) {
      onError?.(error);
    }
  };
  tick();
  const handle = timers.setInterval(tick, everyMs);
  handle.unref?.();
  return { tick, stop: (): void => timers.clearInterval(handle) };
}
