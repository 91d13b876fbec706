import type { FastifyBaseLogger } from 'fastify';
import type { WebhookDelivery } from './delivery.js';

/** How often the queue is looked at when nothing has been enqueued meanwhile. */
export const POLL_MS = 5_000;

/**
 * The in-process webhook worker: a timer that drains due deliveries, one run
 * at a time. The queue is the database, so the worker holds no state worth
 * keeping: stopping it (app close) waits for the run in flight, and the next
 * start picks up where it left. `kick` asks for a run soon, so a fresh event
 * does not wait for the next poll.
 */
export function webhookWorker(
  delivery: Pick<WebhookDelivery, 'runDue'>,
  opts: { pollMs?: number | undefined; log?: FastifyBaseLogger | undefined; autoStart?: boolean | undefined } = {},
) {
  const pollMs = opts.pollMs ?? POLL_MS;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let running: Promise<number> | null = null;
  // A kick during a run: the run may have read the queue before the new row, so go again at once.
  let again = false;

  const schedule = (ms: number) => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };

  async function tick(): Promise<number> {
    if (running) return running;
    running = delivery
      .runDue()
      .catch((err: unknown) => {
        opts.log?.error({ err }, 'webhook worker run failed');
        return 0;
      })
      .finally(() => {
        running = null;
        schedule(again ? 0 : pollMs);
        again = false;
      });
    return running;
  }

  return {
    start(): void {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    kick(): void {
      if (running) again = true;
      else schedule(0);
    },
    /** One run now, whether started or not (tests, the CLI). */
    tick,
    get started() {
      return started;
    },
    /** Whether the app starts it when it is ready (off in tests that drive `tick` themselves). */
    autoStart: opts.autoStart ?? true,
  };
}
export type WebhookWorker = ReturnType<typeof webhookWorker>;
