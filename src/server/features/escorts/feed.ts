/**
 * The escort notices the enterprise portal's live list needs, from every node (issue 16). A change is
 * made on one node, while the enterprise's browser may hold its stream open on another: each node tells
 * its own streams at once and, on PostgreSQL, the other nodes through NOTIFY on one channel. On SQLite
 * there is one node and the feed stays in the process.
 *
 * Only the streams read this feed. The webhook notices are queued by the node that made the change, once
 * (services.ts), and are not repeated by the others.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isPostgresStore } from '../../db/postgres-store.js';
import type { Store } from '../../db/store.js';
import type { PostgresListener } from '../../db/postgres-listener.js';
import { ESCORT_EVENT_TYPES, type EscortEvent } from './events.js';
import { escortStatusSchema } from './schema.js';

export const ESCORT_FEED_CHANNEL = 'kakou_escort_feed';

/** What a stream is told of a change: which request, what happened, its status; never a name or a phone. */
export const escortNoticeSchema = z.object({
  enterpriseId: z.number().int().nullable(),
  type: z.enum(ESCORT_EVENT_TYPES),
  requestId: z.number().int().positive(),
  status: escortStatusSchema,
  at: z.iso.datetime({ offset: true }),
});
export type EscortNotice = z.infer<typeof escortNoticeSchema>;

/** On the wire between nodes: the notice and the node that sent it (which skips its own). */
const wireSchema = escortNoticeSchema.extend({ node: z.string().min(1).max(64) });

export interface EscortFeedSubscriber {
  onNotice(notice: EscortNotice): void;
  /** Notices from other nodes may have been missed (the LISTEN connection was lost and is back). */
  onGap(): void;
}

export function escortNotice(e: EscortEvent): EscortNotice {
  return { enterpriseId: e.enterpriseId, type: e.type, requestId: e.requestId, status: e.data.status, at: e.at };
}

export function escortFeed(store: Store, opts: { onError?: (error: unknown, what: string) => void } = {}) {
  const node = randomUUID();
  const subscribers = new Set<EscortFeedSubscriber>();
  const report = opts.onError ?? ((error: unknown) => process.emitWarning(`escort feed: ${error instanceof Error ? error.message : String(error)}`, 'KakouFeedWarning'));
  const pg = isPostgresStore(store) ? store : null;
  let listener: PostgresListener | null = null;

  const deliver = (n: EscortNotice) => {
    for (const s of [...subscribers]) {
      try {
        s.onNotice(n);
      } catch (error) {
        report(error, 'subscriber');
      }
    }
  };

  function received(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return report(new Error('a notice that is not JSON'), 'receive');
    }
    const wire = wireSchema.safeParse(parsed);
    if (!wire.success) return report(new Error(`a notice of the wrong shape: ${wire.error.issues[0]?.message ?? ''}`), 'receive');
    const { node: from, ...notice } = wire.data;
    if (from !== node) deliver(notice);
  }

  return {
    /**
     * A change this node made, after it committed: this node's streams hear it now, the others' when the
     * NOTIFY arrives. Never rejects; a NOTIFY that fails is reported (the other nodes' browsers still see
     * the change on their next fetch or reconnect).
     */
    async publish(e: EscortEvent): Promise<void> {
      const notice = escortNotice(e);
      deliver(notice);
      if (!pg) return;
      try {
        await pg.notify(ESCORT_FEED_CHANNEL, JSON.stringify({ ...notice, node }));
      } catch (error) {
        report(error, 'publish');
      }
    },

    /** Returns the function that unsubscribes. */
    subscribe(subscriber: EscortFeedSubscriber): () => void {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },

    /** On PostgreSQL, starts listening to the other nodes; resolves once the LISTEN is in place. */
    async start(): Promise<void> {
      if (!pg || listener) return;
      listener = pg.listen(ESCORT_FEED_CHANNEL, {
        onMessage: received,
        onGap: () => {
          for (const s of [...subscribers]) s.onGap();
        },
        onError: (error) => report(error, 'listen'),
      });
      await listener.ready;
    },

    async close(): Promise<void> {
      await listener?.close();
      listener = null;
    },

    get subscribers(): number {
      return subscribers.size;
    },
  };
}
export type EscortFeed = ReturnType<typeof escortFeed>;
