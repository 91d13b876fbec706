/**
 * The outbox's retry rule, in one place (pure; tested in Node):
 *
 * - An event is removed from the outbox only when the server acknowledged it
 *   (`accepted` or `duplicate`): it stays in the device's history as sent.
 * - A per-event refusal (`invalid_event`, `wrong_device`, `bad_signature`,
 *   `conflict`) is final: the same bytes would be refused again. The event
 *   leaves the outbox, stays on the device marked refused with the server's
 *   reason, and the status screen shows it for the bureau to follow up.
 * - The whole upload failing is never a reason to drop anything:
 *   no network, 5xx, 408, 429 and a clock-skew refusal are retried with
 *   exponential backoff; a revoked device stops syncing (and says so) but
 *   keeps every event; any other refusal of the whole batch is retried at the
 *   slowest pace, since it may be a server fault fixed later.
 * - A batch the server cannot take as a whole (400, 413) is split in halves
 *   until the one event at fault is found; that single event is then refused
 *   as `invalid_event`.
 */
export type BatchFailure = 'retry' | 'split' | 'stop';

export function classifyBatchFailure(status: number | null, code: string): BatchFailure {
  if (code === 'device_revoked') return 'stop';
  if (status === 400 || status === 413) return 'split';
  return 'retry';
}

export const BACKOFF_MIN_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Delay before attempt `failures + 1`: 2 s, 4 s, 8 s … up to 5 minutes, with ±20 % jitter so a fleet coming back online does not arrive at once. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(failures - 1, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}
