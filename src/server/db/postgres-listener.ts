import pg from 'pg';

export interface ListenerHandlers {
  /** a notification's payload, in the order the database delivered them */
  onMessage(payload: string): void;
  /**
   * The connection was lost and is back: notifications sent in between were not received and never will
   * be. The caller makes up for them (the escort stream tells its browsers to fetch again).
   */
  onGap(): void;
  /** the connection's failures, for the log; the listener keeps retrying by itself */
  onError(error: Error): void;
}

export interface ListenerOptions {
  /** the first wait before connecting again, doubled on each failure up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTEN on one PostgreSQL channel over a connection of its own (issue 16): a pooled connection cannot
 * hold a LISTEN, since the pool hands it to other queries and may close it when idle. The connection is
 * opened again whenever it is lost (a failover, a restart, pg_terminate_backend), with backoff, for as
 * long as the listener is open.
 *
 * `ready` resolves once the first LISTEN is in place; it rejects if that first attempt fails, so a node
 * whose database cannot be reached at start says so, as the store does.
 */
export function postgresListener(config: pg.ClientConfig, channel: string, handlers: ListenerHandlers, opts: ListenerOptions = {}) {
  const retryMs = opts.retryMs ?? 500;
  const maxRetryMs = opts.maxRetryMs ?? 15_000;
  let client: pg.Client | null = null;
  let closed = false;
  let wait = retryMs;
  let timer: NodeJS.Timeout | null = null;
  // Set when a connection was lost or an attempt failed: the next LISTEN in place follows a gap.
  let lost = false;

  async function connect(): Promise<void> {
    const c = new pg.Client(config);
    // Until 'error' has a listener a lost connection would throw out of the event loop.
    c.on('error', (error) => handlers.onError(error));
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) handlers.onMessage(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    wait = retryMs;
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      lost = true;
      if (!closed) later();
    });
    if (lost) handlers.onGap();
    lost = false;
  }

  function later(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((error: Error) => {
        lost = true;
        handlers.onError(error);
        wait = Math.min(wait * 2, maxRetryMs);
        later();
      });
    }, wait);
    timer.unref();
  }

  const ready = connect();
  // The first failure is the caller's (through ready); the retries begin anyway, so a node started while its
  // database was restarting catches up when it is back.
  ready.catch(() => {
    lost = true;
    later();
  });

  return {
    ready,
    /** whether the LISTEN is in place now */
    get connected(): boolean {
      return client !== null;
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
export type PostgresListener = ReturnType<typeof postgresListener>;
