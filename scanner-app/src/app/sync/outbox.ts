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
  for (;;) {
    const batch = await pendingEvents(db, batchSize);
    if (batch.length === 0) return report;
    const r = await uploadBatch(db, device, batch);
    report.sent += r.sent;
    report.refused += r.refused;
  }
}

async function uploadBatch(db: Db, device: DeviceRecord, batch: EventRecord[]): Promise<UploadReport> {
  let answer;
  try {
    answer = await deviceFetch(device, { method: 'POST', path: '/api/v1/devices/events', body: { events: batch.map((r) => r.event) } });
  } catch (error) {
    if (error instanceof SyncError && classifyBatchFailure(error.status, error.code) === 'split') {
      if (batch.length === 1) {
        await settle(db, batch[0]!, { status: 'refused', reason: 'invalid_event', detail: error.message });
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
  const report: UploadReport = { sent: 0, refused: 0 };
  for (const result of parsed.data.results) {
    const record = batch[result.index];
    if (!record || (result.id !== null && result.id !== record.id)) {
      throw new SyncError('bad_answer', 'bad_answer', answer.status, 'upload answer names events that were not sent');
    }
    if (result.status === 'refused') {
      await settle(db, record, { status: 'refused', reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) });
      report.refused++;
    } else {
      await settle(db, record, { status: 'sent' });
      report.sent++;
    }
  }
  return report;
}

type Outcome = { status: 'sent' } | { status: 'refused'; reason: string; detail?: string };

async function settle(db: Db, record: EventRecord, outcome: Outcome): Promise<void> {
  const tx = db.transaction('events', 'readwrite');
  // Re-read: a handover may have stamped the check meanwhile.
  const current = (await tx.store.get(record.id)) ?? record;
  if (outcome.status === 'sent') await tx.store.put({ ...current, sync: 'sent', sentAt: Date.now() });
  else {
    const refusal = outcome.detail === undefined ? { reason: outcome.reason } : { reason: outcome.reason, detail: outcome.detail };
    await tx.store.put({ ...current, sync: 'refused', refusal });
  }
  await tx.done;
}
