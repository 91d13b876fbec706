import { createHash, type KeyObject } from 'node:crypto';
import { nodeKeyOf, verifyEventSignatureOffLoop } from './signature.js';
import * as z from 'zod';
import { resolveDeviceVerifyKey, type DeviceVerifyKey } from '../../../core/device/keys.js';
import { canonicalEvent, canonicalize, eventSchema, type SignedEvent } from '../../../core/events/index.js';
import type { Repos } from '../../repositories.js';
import { deviceActor } from '../../security/actor.js';
import type { IngestResult, RefusalReason } from '../../../core/sync/index.js';
import type { EventFlag, EventListFilter, NewEvent, StoredEvent } from './repository.js';

/** Canonical form of one event, in characters; a check event is well under 2 000. */
export const MAX_EVENT_CHARS = 16_384;

// The upload's limits, results and refusal reasons are the sync contract (src/core/sync/ingest.ts).
export { MAX_BATCH_EVENTS, REFUSAL_REASONS, type IngestResult, type RefusalReason } from '../../../core/sync/index.js';

/** The authenticated device an upload comes from. */
export interface IngestDevice {
  id: string;
  publicJwk: DeviceVerifyKey;
}


/**
 * Something that follows what uploads store (the escort loop): called inside the
 * upload's transaction with the events it newly stored, so its own rows commit
 * or roll back with them; the function it returns runs once the upload committed
 * (notices to listeners, which must never announce what did not happen).
 */
export interface IngestObserver {
  /** Returns what to run after the commit (the notices); the upload is answered once that has settled. */
  stored(events: readonly StoredEvent[], receivedAt: string): (() => void | Promise<void>) | Promise<() => void | Promise<void>>;
}

interface Verified {
  index: number;
  event: SignedEvent;
  canonical: string;
  hash: string;
}

/**
 * A CHECK on the stored row (e.g. json_valid) refused this event's content; any other failure is the database's.
 * better-sqlite3's code, or PostgreSQL's SQLSTATE 23514 (check_violation).
 */
const isContentRefusal = (error: unknown): boolean => {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_CHECK' || code === '23514';
};

const MAX_DETAIL = 500;
const clip = (s: string) => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s);

/** The id as sent, if it looks like one: an answer must say which event it is about. */
function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/**
 * Device event ingest. Each event is checked on its own (shape, device,
 * signature) and answered on its own; everything that passes is stored in one
 * transaction, committed (synchronous=FULL, so on disk) before the answer
 * leaves. Chain problems never refuse an event: a gap, a broken link or a
 * fork is stored and flagged (see migrations/005_events.sql), and the flags
 * depend only on what is stored, so any order and split of uploads ends in
 * the same rows.
 */
export function ingestService(repos: Repos, observers: readonly IngestObserver[] = []) {
  const refused = (index: number, raw: unknown, reason: RefusalReason, detail?: string): IngestResult => ({
    index,
    id: idOf(raw),
    status: 'refused',
    reason,
    ...(detail ? { detail: clip(detail) } : {}),
  });

  /** Shape, device and signature: everything that needs no database and may be asynchronous. */
  async function check(device: IngestDevice, key: KeyObject | undefined, raw: unknown, index: number): Promise<Verified | IngestResult> {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) return refused(index, raw, 'invalid_event', z.prettifyError(parsed.error));
    const event = parsed.data;
    if (event.deviceId !== device.id) return refused(index, raw, 'wrong_device', `event of device ${event.deviceId}`);
    let canonical: string;
    try {
      canonical = canonicalEvent(raw as object);
    } catch (error) {
      return refused(index, raw, 'invalid_event', error instanceof Error ? error.message : String(error));
    }
    if (canonical.length > MAX_EVENT_CHARS) return refused(index, raw, 'invalid_event', `event longer than ${MAX_EVENT_CHARS} characters`);
    if (!Number.isFinite(Date.parse(event.deviceTime))) return refused(index, raw, 'invalid_event', 'deviceTime is not a date');
    // The raw value is what the device signed; for a valid event its canonical form equals the parsed copy's.
    if (!key || !(await verifyEventSignatureOffLoop(canonical, (raw as { sig?: unknown }).sig, key))) return refused(index, raw, 'bad_signature');
    // The same SHA-256 as core's sha256Base64url (the devices' WebCrypto), synchronous: node's is several times faster per event.
    return { index, event, canonical, hash: createHash('sha256').update(canonical, 'utf8').digest('base64url') };
  }

  function ensureDurableCommits() {
    // openDb sets FULL on every connection; an acknowledged event must survive a power cut, so make sure.
    // (PostgreSQL's commit is durable unless its server says otherwise: synchronous_commit is the operator's.)
    if (repos.store.engine !== 'sqlite') return;
    if (Number(repos.db.pragma('synchronous', { simple: true })) < 2) repos.db.pragma('synchronous = FULL');
  }

  /**
   * Stores the new events of an upload, all in one go; returns those stored.
   * Should the database refuse one (a CHECK the schema has and the event
   * schema did not foresee), the lot is rolled back to its savepoint and
   * stored one by one, each in its own savepoint, so that event alone is
   * refused and the rest stored. An event that another transaction stored
   * meanwhile (another node, on PostgreSQL) is neither stored nor refused:
   * the caller judges it again against what is stored now.
   */
  async function storeFresh<T extends { item: Verified; row: NewEvent }>(fresh: readonly T[], refuse: (item: Verified) => void): Promise<T[]> {
    if (fresh.length === 0) return [];
    try {
      const ids = await repos.store.transaction(() => repos.events.insertMany(fresh[0]!.row.deviceId, fresh.map((f) => f.row)));
      return fresh.filter((f) => ids.has(f.row.id));
    } catch (error) {
      if (!isContentRefusal(error)) throw error;
    }
    const kept: T[] = [];
    for (const f of fresh) {
      try {
        if (await repos.store.transaction(() => repos.events.insert(f.row))) kept.push(f);
      } catch (error) {
        if (!isContentRefusal(error)) throw error;
        refuse(f.item);
      }
    }
    return kept;
  }

  return {
    /**
     * Checks and stores one upload from `device`. Per-event answers, in input
     * order. Throws only when the database fails, and then nothing of the
     * batch is stored.
     */
    async ingest(device: IngestDevice, events: readonly unknown[], receivedAt: Date = new Date()): Promise<IngestResult[]> {
      const imported = await resolveDeviceVerifyKey(device.publicJwk);
      const key = imported && nodeKeyOf(imported);
      const checked = await Promise.all(events.map((raw, index) => check(device, key, raw, index)));
      const at = receivedAt.toISOString();
      const received = receivedAt.getTime();
      ensureDurableCommits();

      const afterCommit: Array<() => void | Promise<void>> = [];
      const answer = await repos.store.transaction(async () => {
        const results: IngestResult[] = [];
        const valid = checked.filter((item): item is Verified => 'event' in item);
        for (const item of checked) if (!('event' in item)) results[item.index] = item;
        // Before reading what the device has stored: on PostgreSQL another node's upload of this device waits until this one commits.
        await repos.events.lockDevice(device.id);
        const stored = await repos.events.storedOf(valid.map((v) => v.event.id));
        // What this upload adds, in input order; an id twice in one upload is judged against its first copy.
        const fresh = new Map<string, { item: Verified; row: NewEvent }>();
        const answered: { index: number; id: string; status: 'accepted' | 'duplicate' }[] = [];
        /** The event stored under this id before this upload, or the copy this upload adds first. */
        const storedOrFresh = (id: string) => {
          const earlier = fresh.get(id)?.row;
          return stored.get(id) ?? (earlier && { hash: earlier.hash, deviceId: earlier.deviceId });
        };
        let twins: Verified[] = [];
        const judge = (item: Verified) => {
          const { index, event, canonical, hash } = item;
          const known = storedOrFresh(event.id);
          if (known) {
            // By hash, not text: an event erased by retention keeps its hash while its canonical lost
            // the personal members, and a replay of it is still the same event.
            if (known.hash === hash) answered.push({ index, id: event.id, status: 'duplicate' });
            else twins.push(item);
            return;
          }
          fresh.set(event.id, {
            item,
            row: {
              id: event.id,
              deviceId: event.deviceId,
              seq: event.seq,
              deviceTime: event.deviceTime,
              receivedAt: at,
              clockOffsetMs: Math.round(received - Date.parse(event.deviceTime)),
              prevHash: event.prevHash,
              hash,
              type: event.type,
              payload: canonicalize(event.payload),
              canonical,
              sig: event.sig,
            },
          });
        };
        for (const item of valid) judge(item);

        const refusedIds = new Set<string>();
        const inserted = await storeFresh([...fresh.values()], (item) => {
          refusedIds.add(item.event.id);
          results[item.index] = refused(item.index, item.event, 'invalid_event', 'the event could not be stored as sent');
        });
        // Ids that another transaction stored after storedOf read (another device's upload, on PostgreSQL: the device lock
        // does not cover it): judged again, every copy in this upload, against the event stored now.
        const insertedIds = new Set(inserted.map((f) => f.row.id));
        const lost = new Set([...fresh.keys()].filter((id) => !insertedIds.has(id) && !refusedIds.has(id)));
        if (lost.size > 0) {
          for (const [id, s] of await repos.events.storedOf([...lost])) stored.set(id, s);
          const missing = [...lost].find((id) => !stored.has(id));
          if (missing) throw new Error(`event ${missing} was neither stored by this upload nor found stored`);
          for (let i = answered.length - 1; i >= 0; i--) if (lost.has(answered[i]!.id)) answered.splice(i, 1);
          twins = twins.filter((item) => !lost.has(item.event.id));
          for (const item of valid) if (lost.has(item.event.id)) judge(item);
        }
        for (const { item } of inserted) answered.push({ index: item.index, id: item.event.id, status: 'accepted' });
        // Every event as received is an entry of the tamper-evident log (hashes and ids only; docs/audit-log.md).
        await repos.audit.recordMany(inserted.map(({ row }) => ({
          actor: deviceActor(device.id), action: 'device.event' as const, subjectId: row.id,
          detail: { eventId: row.id, deviceId: row.deviceId, seq: row.seq, type: row.type, eventHash: row.hash },
        })));

        const twinsOf = new Map<string, number>();
        for (const { index, event, canonical, hash } of twins) {
          const original = storedOrFresh(event.id)!;
          const attempts = await repos.events.recordConflict({ eventId: event.id, deviceId: device.id, hash, canonical, sig: event.sig, at });
          if (attempts === 1) {
            twinsOf.set(event.id, (twinsOf.get(event.id) ?? 0) + 1);
            await repos.audit.record({
              actor: deviceActor(device.id), action: 'event.conflict', subjectId: event.id,
              detail: { storedHash: original.hash, storedDeviceId: original.deviceId, twinHash: hash, seq: event.seq },
            });
          }
          results[index] = refused(index, event, 'conflict', `event ${event.id} is stored with other content; this version is kept for review`);
        }

        await repos.events.touchDevice(device.id, at);
        // Flags once the whole batch is in: a later event of the batch may have filled an earlier one's gap.
        const flags = await repos.events.flagsOf(answered.map((a) => a.id));
        for (const a of answered) results[a.index] = { ...a, flags: flags.get(a.id)!.flags };
        const events: StoredEvent[] = inserted.map(({ row }) => ({
          ...row,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
          flags: flags.get(row.id)!.flags,
          referenceFlags: flags.get(row.id)!.referenceFlags,
          conflicts: twinsOf.get(row.id) ?? 0,
        }));
        if (events.length > 0) for (const o of observers) afterCommit.push(await o.stored(events, at));
        return results;
      });
      for (const run of afterCommit) await run();
      return answer;
    },

    /** Where the device's stored chain ends, so a device can check or resume it. */
    async state(deviceId: string): Promise<{ lastSeq: number | null; lastHash: string | null }> {
      const last = await repos.events.last(deviceId);
      return { lastSeq: last?.seq ?? null, lastHash: last?.hash ?? null };
    },

    list(filter: EventListFilter): Promise<StoredEvent[]> {
      return repos.events.list(filter);
    },
  };
}
export type IngestService = ReturnType<typeof ingestService>;

