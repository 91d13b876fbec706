import type { ClusterJobs } from '../jobs/runner.js';
import { RETENTION_EVERY_MS } from './service.js';

export interface RetentionScheduleDeps {
  /** the background jobs of the app (features/jobs): the run happens on one node of the cluster */
  jobs: ClusterJobs;
  /** one retention run at this instant (retentionService.run; awaited) */
  run: (now: Date) => unknown;
  everyMs?: number;
}

/**
 * Runs the retention erasure once now (resolving when that run is over, so the app is ready only after
 * it, as before) and then every `everyMs` (an hour), as a cluster job (issue 16):
 * whichever node's tick comes first in a period runs it, at that node's clock; the others skip. A run
 * that throws is reported by the jobs' onError and the next period tries again. The app's close stops it.
 */
export async function retentionSchedule({ jobs, run, everyMs = RETENTION_EVERY_MS }: RetentionScheduleDeps) {
  const job = jobs.every('retention', everyMs, run);
  await job.tick();
  return job;
}
