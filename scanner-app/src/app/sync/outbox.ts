/**
 * Upload adapter for the device's events (the outbox is the `pending` events
 * in the events store). See ./retry.ts for what is retried and what is dropped.
 */
import { ingestResponseSchema, MAX_BATCH_EVENTS } from '../../../../src/core/sync/ingest.js';
import { deviceFetch, SyncError } from './http.js';
import { classifyBatchFailure } from './retry.js';
import { pendingEvents } from '../session/event-log.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord, EventRecord } from '../storage/schema.js';

export interface UploadReport {
  sent: number;
  refused: number;
}

/** Uploads every pending event, batch by batch. Throws a SyncError when the upload as a whole fails. */
export async function uploadOutbox(db: Db, device: DeviceRecord, batchSize = MAX_BATCH_EVENTS): Promise<UploadReport> {
  const report: UploadReport = { sent: 0, refused: 0 };
  // The pending list is read once per pass and uploaded slice by slice: reading it again for every
  // batch read the whole outbox 20 times for 10,000 events. Events recorded meanwhile go in the next pass.
  for (;;) {
    const pending = await pendingEvents(db, Infinity);
    if (pending.length === 0) return report;
    for (let i = 0; i < pending.length; i += batchSize) {
      const r = await uploadBatch(db, device, pending.slice(i, i + batchSize));
      report.sent += r.sent;
      report.refused += r.refused;
    }
  }
}

async function uploadBatch(db: Db, device: DeviceRecord, batch: EventRecord[]): Promise<UploadReport> {
  let answer;
  try {
    answer = await deviceFetch(device, { method: 'POST', path: '/api/v1/devices/events', body: { events: batch.map((r) => r.event) } });
  } catch (error) {
    if (error instanceof SyncError && classifyBatchFailure(error.status, error.code) === 'split') {
      if (batch.length === 1) {
        await settle(db, [[batch[0]!, { status: 'refused', reason: 'invalid_event', detail: error.message }]]);
        return { sent: 0, refused: 1 };
      }
      const half = Math.ceil(batch.length / 2);
      const a = await uploadBatch(db, device, batch.slice(0, half));
      const b = await uploadBatch(db, device, batch.slice(half));
      return { sent: a.sent + b.sent, refused: a.refused + b.refused };
    }
    throw error;
  }
  const parsed = ingestResponseSchema.safeParse(answer.body);
  if (!parsed.success || parsed.data.results.length !== batch.length) {
    throw new SyncError('bad_answer', 'bad_answer', answer.status, 'upload answer does not match the contract');
  }
  const outcomes: Array<[EventRecord, Outcome]> = [];
  for (const result of parsed.data.results) {
    const record = batch[result.index];
    if (!record || (result.id !== null && result.id !== record.id)) {
      throw new SyncError('bad_answer', 'bad_answer', answer.status, 'upload answer names events that were not sent');
    }
    outcomes.push([
      record,
      result.status === 'refused' ? { status: 'refused', reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) } : { status: 'sent' },
    ]);
  }
  await settle(db, outcomes);
  const refused = outcomes.filter(([, o]) => o.status === 'refused').length;
  return { sent: outcomes.length - refused, refused };
}

type Outcome = { status: 'sent' } | { status: 'refused'; reason: string; detail?: string };

/**
 * The server's answers for a whole batch in ONE transaction: one transaction
 * per event made a sync after days offline crawl (2,000 events took minutes
 * in the soak, docs/reliability/soak.md), and the answer is all-or-nothing
 * anyway — if the write fails, the events stay pending and the server answers
 * `duplicate` next time.
 */
async function settle(db: Db, outcomes: Array<[EventRecord, Outcome]>): Promise<void> {
  const tx = db.transaction('events', 'readwrite');
  const sentAt = Date.now();
  await Promise.all([
    ...outcomes.map(async ([record, outcome]) => {
      // Re-read: a handover may have stamped the check meanwhile.
      const current = (await tx.store.get(record.id)) ?? record;
      if (outcome.status === 'sent') await tx.store.put({ ...current, sync: 'sent', sentAt });
      else {
        const refusal = outcome.detail === undefined ? { reason: outcome.reason } : { reason: outcome.reason, detail: outcome.detail };
        await tx.store.put({ ...current, sync: 'refused', refusal });
      }
    }),
    tx.done,
  ]);
}
