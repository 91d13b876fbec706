import { eventHash } from './canonical.js';
import type { SignedEvent, UnsignedEvent } from './event.js';

/**
 * `prevHash` of every device's first event: 32 zero bytes. A fixed value a
 * person recognises in a log; no real SHA-256 output is ever equal to it.
 */
export const GENESIS_HASH = 'A'.repeat(43);

export type ChainEvent = UnsignedEvent | SignedEvent;

export type ChainStatus = 'ok' | 'gap' | 'broken_link';

export type LinkResult =
  | { status: 'ok' }
  /** events between the two are missing; the link itself cannot be checked */
  | { status: 'gap'; expectedSeq: number; detail: string }
  /** the event does not follow from the previous one: altered, reordered, forked, or from another device */
  | { status: 'broken_link'; detail: string };

/**
 * Checks that `next` follows `prev` directly. `prev` null means `next`
 * should be the device's first event. Never throws for chain problems; an
 * event that cannot be canonicalised at all (not JSON) is a broken link.
 */
export async function linkEvents(prev: ChainEvent | null, next: ChainEvent): Promise<LinkResult> {
  if (prev === null) {
    if (next.seq === 1) {
      return next.prevHash === GENESIS_HASH ? { status: 'ok' } : { status: 'broken_link', detail: 'seq 1 must have the genesis prevHash' };
    }
    return { status: 'gap', expectedSeq: 1, detail: `seq 1 to ${next.seq - 1} missing` };
  }
  if (next.deviceId !== prev.deviceId) return { status: 'broken_link', detail: `device ${next.deviceId} after device ${prev.deviceId}` };
  if (next.seq > prev.seq + 1) {
    return { status: 'gap', expectedSeq: prev.seq + 1, detail: `seq ${prev.seq + 1} to ${next.seq - 1} missing` };
  }
  if (next.seq <= prev.seq) return { status: 'broken_link', detail: `seq ${next.seq} after seq ${prev.seq}` };
  let expected: string;
  try {
    expected = await eventHash(prev);
  } catch (error) {
    return { status: 'broken_link', detail: `previous event cannot be hashed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return next.prevHash === expected ? { status: 'ok' } : { status: 'broken_link', detail: `prevHash does not match seq ${prev.seq}` };
}

export interface ChainEntry {
  /** position in the array given to verifyChain */
  index: number;
  id: string;
  seq: number;
  status: ChainStatus;
  expectedSeq?: number;
  detail?: string;
}

export interface ChainReport {
  /** true when every event links; the entries say which do not */
  ok: boolean;
  /** one per input event, in input order */
  entries: ChainEntry[];
}

export interface VerifyChainOptions {
  /**
   * The device's last event already accepted (e.g. stored by the server),
   * when `events` continue a chain; absent means they start at seq 1.
   */
  previous?: ChainEvent | null;
}

/**
 * Verifies one device's events. Uploads arrive in any order and may repeat,
 * so the events are taken in seq order whatever order they come in; an exact
 * repeat of an event is fine, two different events with one seq (a fork)
 * are not. Signatures are checked separately (verifyEventSignature).
 */
export async function verifyChain(events: readonly ChainEvent[], options: VerifyChainOptions = {}): Promise<ChainReport> {
  const order = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.seq - b.event.seq || a.index - b.index);
  const entries: ChainEntry[] = new Array<ChainEntry>(events.length);
  let prev: ChainEvent | null = options.previous ?? null;
  for (const { event, index } of order) {
    let link: LinkResult;
    if (prev !== null && event.seq === prev.seq && event.id === prev.id && (await sameContent(event, prev))) {
      link = { status: 'ok' };
    } else {
      link = await linkEvents(prev, event);
      if (link.status === 'broken_link' && prev !== null && event.seq === prev.seq) link = { status: 'broken_link', detail: `two different events with seq ${event.seq}` };
    }
    const entry: ChainEntry = { index, id: event.id, seq: event.seq, status: link.status };
    if (link.status === 'gap') entry.expectedSeq = link.expectedSeq;
    if (link.status !== 'ok') entry.detail = link.detail;
    entries[index] = entry;
    // Later events are checked against the one before them, broken or not, so
    // one bad event is reported once, not for the rest of the chain. Of two
    // events with one seq the first stays the reference: a fork is reported
    // where it appears, not again on the event after it.
    if (prev === null || event.seq !== prev.seq) prev = event;
  }
  return { ok: entries.every((e) => e.status === 'ok'), entries };
}

/**
 * seq and prevHash for the device's next event. `prev` null for the first
 * event. The device must persist its last event (or at least its seq and
 * hash) before showing a decision, or a restart would reuse a seq.
 */
export async function nextChainPosition(prev: ChainEvent | null): Promise<{ seq: number; prevHash: string }> {
  if (prev === null) return { seq: 1, prevHash: GENESIS_HASH };
  return { seq: prev.seq + 1, prevHash: await eventHash(prev) };
}

async function sameContent(a: ChainEvent, b: ChainEvent): Promise<boolean> {
  try {
    return (await eventHash(a)) === (await eventHash(b));
  } catch {
    return false;
  }
}
