/**
 * When sync runs: at start, when the browser says it is back online, every
 * minute while online, and when staff ask; after a failure it waits with
 * backoff (./retry.ts). One run at a time. Order: checkpoint data (staff may
 * need it to sign in), trust bundle, revocation deltas, the outbox, escort
 * requests, a heartbeat, then the expected charter runs (last: a half-ready
 * charter route must hold back neither uploads nor the heartbeat).
 */
import { heartbeatBodySchema } from '../../../../src/core/sync/heartbeat.js';
import { bundleAgeSec } from '../../../../src/core/trust/bundle.js';
import { syncCheckpointData } from './checkpoint-data.js';
import { syncTrustBundle } from './trust-bundle.js';
import { syncRevocations } from './revocations.js';
import { uploadOutbox } from './outbox.js';
import { syncEscortRequests } from './escorts.js';
import { syncCharterRuns } from './charter-runs.js';
import { backoffMs, classifyBatchFailure } from './retry.js';
import { deviceFetch, serverNow, SyncError } from './http.js';
import { countPending, RECORDED_EVENT } from '../session/event-log.js';
import { APP_VERSION } from '../session/enroll.js';
import { getState, setState } from '../session/store.js';
import { loadTrust } from '../session/trust-view.js';
import type { Db } from '../storage/db.js';
import type { SyncStatus } from '../storage/schema.js';

const INTERVAL_MS = 60_000;

/** Dispatched on the window when sync changed the waiting list (the screen reloads it). */
export const WAITING_CHANGED_EVENT = 'kakou:waiting-changed';

export class SyncScheduler {
  private running: Promise<void> | null = null;
  /** runNow was called during a run */
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly db: Db) {}

  start(): void {
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    addEventListener(RECORDED_EVENT, this.onRecorded);
    void this.runNow();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    removeEventListener(RECORDED_EVENT, this.onRecorded);
    clearTimeout(this.timer);
  }

  private readonly onOnline = () => {
    setState({ online: true });
    this.failures = 0;
    void this.runNow();
  };

  private readonly onOffline = () => setState({ online: false });

  private readonly onRecorded = () => {
    void countPending(this.db).then((outbox) => setState({ outbox }));
    this.nudge();
  };

  /**
   * Runs sync now. During a run, one more run follows it: the run in
   * progress may be past the outbox already, and an event recorded now
   * would otherwise wait for the next minute's run.
   */
  runNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.runNow();
      } else this.schedule();
    });
    return this.running;
  }

  /** After recording an event: upload soon, but let the decision screen render first. */
  nudge(): void {
    if (getState().online && this.failures === 0) setTimeout(() => void this.runNow(), 200);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.runNow(), this.failures ? backoffMs(this.failures) : INTERVAL_MS);
  }

  private async run(): Promise<void> {
    const device = await this.db.get('device', 'self');
    if (!device) return;
    // The browser knows it has no network: wait for its `online` event instead of failing and backing off.
    if (!navigator.onLine) {
      setState({ online: false });
      return;
    }
    setState({ syncing: true });
    let status: SyncStatus;
    try {
      await syncCheckpointData(this.db, device);
      await syncTrustBundle(this.db, device);
      await syncRevocations(this.db, device);
      await this.reload();
      const upload = await uploadOutbox(this.db, device);
      if (await syncEscortRequests(this.db, device)) dispatchEvent(new Event(WAITING_CHANGED_EVENT));
      await this.heartbeat();
      // Last: a half-ready charter route (issue 13) must hold back neither the uploads nor the heartbeat. Its failure still shows.
      await syncCharterRuns(this.db, device);
      this.failures = 0;
      status = { at: Date.now(), ok: true, message: upload.refused ? 'sync.some_refused' : 'sync.ok' };
      setState({ online: true });
    } catch (error) {
      const e = error instanceof SyncError ? error : new SyncError('bad_answer', 'internal', null, String(error));
      this.failures++;
      if (e.kind === 'network') setState({ online: false });
      if (classifyBatchFailure(e.status, e.code) === 'stop') this.stop();
      status = { at: Date.now(), ok: false, message: e.code };
    }
    await this.db.put('meta', status, 'lastSync');
    await this.reload();
    setState({ syncing: false, lastSync: status });
  }

  /** Reads what sync may have changed back into the app state. */
  async reload(): Promise<void> {
    const [device, trust, checkpoint, outbox, refused, charters, charterChecks] = await Promise.all([
      this.db.get('device', 'self'),
      this.db.get('trust', 'current'),
      this.db.get('checkpoint', 'current'),
      countPending(this.db),
      this.db.countFromIndex('events', 'bySync', 'refused'),
      this.db.get('charters', 'current'),
      this.db.getAll('charterChecks'),
    ]);
    const current = getState().trust;
    setState({
      device: device ?? null,
      // Rebuilding the revocation set is the costly part: only when the stored record changed.
      trust: trust ? (current && current.record.etag === trust.etag && current.record.revocations.version === trust.revocations.version ? current : loadTrust(trust)) : null,
      checkpoint: checkpoint ?? null,
      charters: charters ?? null,
      charterChecks: new Map(charterChecks.map((c) => [c.runId, c])),
      outbox,
      refused,
    });
  }

  private async heartbeat(): Promise<void> {
    const { device, trust, outbox } = getState();
    if (!device) return;
    const body = heartbeatBodySchema.parse({
      appVersion: APP_VERSION,
      queueLength: outbox,
      bundleAgeSec: trust ? bundleAgeSec(trust.record.bundle, Math.floor(serverNow() / 1000)) : null,
    });
    await deviceFetch(device, { method: 'POST', path: '/api/v1/devices/heartbeat', body });
  }
}
