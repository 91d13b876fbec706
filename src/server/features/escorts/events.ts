/**
 * What the escort service tells its listeners (the portal's server-sent
 * events, and the enterprise webhooks): one notice per change of a request,
 * delivered after the change committed. A plain typed listener list owned by
 * the service instance; no global bus.
 */
import type { EscortRequestStatus, OverdueKind } from './schema.js';

interface Common {
  /** the request's enterprise; null when the check named none known here (the bureau's to sort out) */
  enterpriseId: number | null;
  requestId: number;
  /** ISO 8601 UTC: when the step happened (device time for the decision and the handover, the time the enterprise gave for dispatch and arrival) */
  at: string;
}

/** Each notice's data; never a phone number or an ID number. */
export interface EscortEventData {
  'escort.requested': { status: 'open'; checkEventId: string; checkpointId: number; plate: string };
  'escort.dispatched': { status: EscortRequestStatus; escortName: string; dispatchedAt: string };
  'escort.handed_over': { status: EscortRequestStatus; handoverEventId: string; escortName: string; differentEscort: boolean | null };
  'escort.arrived': { status: EscortRequestStatus; arrivedAt: string };
  'escort.isolation_recorded': { status: EscortRequestStatus; personIndex: number; phase: 'started' | 'ended'; startDate: string; plannedEnd: string; endedOn: string | null };
  'escort.closed': { status: 'closed' };
  'escort.overdue': { status: EscortRequestStatus; kind: OverdueKind; personIndex: number | null; since: string };
}
export type EscortEventType = keyof EscortEventData;
export const ESCORT_EVENT_TYPES = [
  'escort.requested',
  'escort.dispatched',
  'escort.handed_over',
  'escort.arrived',
  'escort.isolation_recorded',
  'escort.closed',
  'escort.overdue',
] as const satisfies readonly EscortEventType[];

export type EscortEvent = { [T in EscortEventType]: Common & { type: T; data: EscortEventData[T] } }[EscortEventType];
/** A listener may be async (the webhook enqueue): emit() waits for it and reports its failure the same way. */
export type EscortListener = (event: EscortEvent) => unknown;

/** The listener list: `on` returns the function that removes the listener again. */
export function escortEmitter(onError: (error: unknown, event: EscortEvent) => void = () => {}) {
  const listeners = new Set<EscortListener>();
  return {
    on(listener: EscortListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Each listener on its own: one that throws (or rejects) neither stops the others nor the request that
     * caused the change. Listeners are called at once, in order; the promise settles when the async ones
     * have, and never rejects.
     */
    emit(events: readonly EscortEvent[]): Promise<void> {
      const pending: Promise<void>[] = [];
      for (const event of events) {
        for (const listener of [...listeners]) {
          try {
            const result = listener(event);
            if (result instanceof Promise) pending.push(result.then(() => undefined, (error: unknown) => onError(error, event)));
          } catch (error) {
            onError(error, event);
          }
        }
      }
      return Promise.all(pending).then(() => undefined);
    },
    get size() {
      return listeners.size;
    },
  };
}
