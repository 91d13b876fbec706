/**
 * The device's event log: every check, handover, sign-in and sign-out is an
 * event built and signed with the core, chained to the one before and stored
 * in one IndexedDB transaction (with its side effects on the waiting list)
 * before the app shows anything that depends on it.
 */
import { signEvent } from '../../../../src/core/events/sign.js';
import { eventHash } from '../../../../src/core/events/canonical.js';
import { GENESIS_HASH } from '../../../../src/core/events/chain.js';
import { formatDeviceTime, newEventId, type SignedEvent, type UnsignedEvent } from '../../../../src/core/events/event.js';
import type { Db } from '../storage/db.js';
import type { ChainHead, CharterCheckedRecord, DeviceRecord, EventRecord } from '../storage/schema.js';
import type { WaitingVehicle } from '../check/host.js';

/** Dispatched on the window once an event is durable. */
export const RECORDED_EVENT = 'kakou:recorded';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the app asks for it; the log fills in id, device, seq, time and the chain link. */
export type EventDraft = DistributiveOmit<UnsignedEvent, 'id' | 'deviceId' | 'seq' | 'deviceTime' | 'prevHash'>;

export interface SideEffects {
  /** put on the waiting list (an ESCORT check) */
  waiting?: Omit<WaitingVehicle, 'checkEventId'>;
  /** taken off the waiting list (a handover) */
  handedOver?: string;
  /** a charter run checked (a charter_check event with a run): the priority list marks it done */
  charterChecked?: Omit<CharterCheckedRecord, 'eventId'>;
}

/**
 * Signing is asynchronous and an IndexedDB transaction closes when it waits
 * on anything else, so reading the chain head, signing and writing are
 * serialised by a lock instead: Web Locks hold across tabs of the same app,
 * and two tabs must never give two events the same seq.
 */
function withLogLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('kakou-event-log', work) as Promise<T>;
  const run = fallbackQueue.then(work, work);
  fallbackQueue = run.then(() => undefined, () => undefined);
  return run;
}
let fallbackQueue: Promise<unknown> = Promise.resolve();

export async function appendEvent(db: Db, device: DeviceRecord, draft: EventDraft, effects: SideEffects = {}): Promise<EventRecord> {
  return withLogLock(async () => {
    const head = ((await db.get('meta', 'chainHead')) as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    const unsigned = {
      ...draft,
      id: newEventId(),
      deviceId: device.deviceId,
      seq: head.seq + 1,
      deviceTime: formatDeviceTime(new Date()),
      prevHash: head.hash,
    } as UnsignedEvent;
    const event: SignedEvent = await signEvent(unsigned, device.privateKey);
    const hash = await eventHash(event);
    const record: EventRecord = {
      id: event.id,
      seq: event.seq,
      type: event.type,
      event,
      hash,
      sync: 'pending',
      ...(event.type === 'check' || event.type === 'charter_check' ? { plate: event.payload.plate } : {}),
    };
    const tx = db.transaction(['events', 'meta', 'waiting', 'charterChecks'], 'readwrite');
    const writes: Promise<unknown>[] = [
      tx.objectStore('events').add(record),
      tx.objectStore('meta').put({ seq: event.seq, hash } satisfies ChainHead, 'chainHead'),
    ];
    if (effects.waiting) writes.push(tx.objectStore('waiting').put({ ...effects.waiting, checkEventId: event.id }));
    if (effects.charterChecked) writes.push(tx.objectStore('charterChecks').put({ ...effects.charterChecked, eventId: event.id }));
    if (effects.handedOver) {
      const checkId = effects.handedOver;
      writes.push(tx.objectStore('waiting').delete(checkId));
      writes.push(
        tx.objectStore('events').get(checkId).then((check) => {
          if (check) return tx.objectStore('events').put({ ...check, handedOverAt: Date.now() });
        }),
      );
    }
    await Promise.all([...writes, tx.done]);
    // Sync listens: a new event is uploaded soon after it is durable.
    dispatchEvent(new Event(RECORDED_EVENT));
    return record;
  });
}

/** Pending events in chain order, for the outbox. */
export async function pendingEvents(db: Db, limit: number): Promise<EventRecord[]> {
  const pending = await db.getAllFromIndex('events', 'bySync', 'pending');
  return pending.sort((a, b) => a.seq - b.seq).slice(0, limit);
}

export async function countPending(db: Db): Promise<number> {
  return db.countFromIndex('events', 'bySync', 'pending');
}
