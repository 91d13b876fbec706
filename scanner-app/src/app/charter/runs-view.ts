/**
 * The stored expected-runs document as the screens read it: the runs for the
 * priority list (today's, open ones first) and the run a scanned pass belongs
 * to. Pure; the document was verified before it was stored, and its own
 * validity (exp, with the verifier's tolerance) is checked again here, because
 * a scanner may stay offline past it.
 */
import { findCharterRun } from '../../../../src/core/charter/match.js';
import { DEFAULT_CHARTER_RUNS_CLOCK_TOLERANCE_SEC } from '../../../../src/core/charter/runs-verify.js';
import type { CharterRun, CharterRuns } from '../../../../src/core/charter/runs.js';

const CHINA_OFFSET_SEC = 8 * 3600;
const DAY_SEC = 86_400;

/** The document, or null when there is none or it is no longer valid at `nowMs`. */
export function currentRuns(record: { data: CharterRuns } | null | undefined, nowMs: number): CharterRuns | null {
  if (!record) return null;
  const now = Math.floor(nowMs / 1000);
  const tol = DEFAULT_CHARTER_RUNS_CLOCK_TOLERANCE_SEC;
  if (now >= record.data.exp + tol || now < record.data.iat - tol) return null;
  return record.data;
}

export function expectedRun(record: { data: CharterRuns } | null | undefined, jti: string, nowMs: number): CharterRun | null {
  const data = currentRuns(record, nowMs);
  return (data && findCharterRun(data, jti)) ?? null;
}

export interface PriorityRun {
  run: CharterRun;
  /** the window contains now */
  open: boolean;
}

/**
 * Runs expected here today (China time): every run whose window is open now
 * or overlaps the rest of today; open ones first, then by window start.
 */
export function priorityRuns(record: { data: CharterRuns } | null | undefined, nowMs: number): PriorityRun[] {
  const data = currentRuns(record, nowMs);
  if (!data) return [];
  const now = Math.floor(nowMs / 1000);
  const endOfDay = Math.floor((now + CHINA_OFFSET_SEC) / DAY_SEC) * DAY_SEC + DAY_SEC - CHINA_OFFSET_SEC;
  return data.runs
    .filter((r) => r.until > now && r.from < endOfDay)
    .map((run) => ({ run, open: run.from <= now }))
    .sort((a, b) => Number(b.open) - Number(a.open) || a.run.from - b.run.from || (a.run.run < b.run.run ? -1 : 1));
}
