/**
 * GET /enterprise/escorts/stream: server-sent events for the signed-in
 * enterprise user's own enterprise, so its home page refreshes the escort
 * list without a reload. Each message says only that a request of this
 * enterprise changed (type, id, status, time); the page then fetches itself.
 * The changes come from every node sharing the database (feed.ts).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { policy } from '../../plugins/access.js';
import { notFound } from '../../problem.js';
import type { EscortFeed } from './feed.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
export const STREAM_HEARTBEAT_MS = 25_000;
/**
 * A stream outlives no session for long: it ends after this and the browser's
 * EventSource reconnects, passing the session check again (or failing it,
 * when the page falls back to polling, which then gets 401s).
 */
export const STREAM_MAX_MS = 10 * 60_000;

export const escortStream =
  (feed: EscortFeed, opts: { heartbeatMs?: number; maxMs?: number } = {}): FastifyPluginAsync =>
  async (app) => {
    const open = new Set<() => void>();
    // Fastify's close waits for busy connections; a stream never finishes on its own.
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });

    app.get('/enterprise/escorts/stream', { config: { access: policy.enterprise }, schema: { hide: true } }, async (request: FastifyRequest, reply) => {
      const enterpriseId = request.actor!.user.enterpriseId;
      if (enterpriseId === null) throw notFound();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 5000\n\n');
      res.write('event: ready\ndata: {}\n\n');

      const unsubscribe = feed.subscribe({
        onNotice: (n) => {
          if (n.enterpriseId !== enterpriseId) return;
          res.write(`event: escort\ndata: ${JSON.stringify({ type: n.type, requestId: n.requestId, status: n.status, at: n.at })}\n\n`);
        },
        // Another node's notices may have been lost: ending the stream makes the browser connect again and,
        // on that 'ready', fetch the list afresh (public/escorts.js).
        onGap: () => end(),
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), opts.heartbeatMs ?? STREAM_HEARTBEAT_MS);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(limit);
        open.delete(end);
        res.end();
      };
      const limit = setTimeout(end, opts.maxMs ?? STREAM_MAX_MS);
      open.add(end);
      res.on('close', end);
    });
  };
