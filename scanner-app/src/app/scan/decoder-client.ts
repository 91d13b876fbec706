/**
 * The page's side of the decoder worker. One worker for the page's lifetime
 * of a scanner; at most one frame in flight, because a camera produces frames
 * faster than a slow phone decodes them and a queue would only add latency.
 */
import type { DecodeRequest, FromWorker } from '../../worker/protocol.js';

export interface Decoder {
  /**
   * Decodes one frame; resolves to the QR text, or null when the frame holds
   * no readable QR or was dropped because another frame is still in the
   * worker. The frame's pixel buffer is transferred to the worker: `image`
   * is unusable afterwards.
   */
  decode(image: ImageData): Promise<string | null>;
  /** True while a frame is in the worker: the caller can skip grabbing the next one. */
  readonly busy: boolean;
  /** Time the last frame spent inside the worker (ms), for measurements. */
  readonly lastWorkerMs: number;
  /** Resolves when the wasm is loaded; rejects when it cannot be. */
  readonly ready: Promise<void>;
  /** Ends the worker; pending and later decodes resolve to null. */
  close(): void;
}

export function createDecoder(): Decoder {
  const worker = new Worker(new URL('../../worker/decode.worker.ts', import.meta.url), { type: 'module', name: 'qr-decoder' });
  let nextId = 1;
  let inFlight: { id: number; resolve: (text: string | null) => void; reject: (e: Error) => void } | undefined;
  let closed = false;
  let lastWorkerMs = 0;
  let settleReady: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  // Nobody may await `ready`; a load failure also surfaces through decode().
  ready.catch(() => {});
  let failure: Error | undefined;

  const fail = (e: Error) => {
    failure = e;
    settleReady.reject(e);
    inFlight?.reject(e);
    inFlight = undefined;
  };

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const msg = event.data;
    if (msg.type === 'ready') {
      if (msg.ok) settleReady.resolve();
      else fail(new Error(`QR decoder failed to load: ${msg.error ?? 'unknown'}`));
      return;
    }
    if (!inFlight || msg.id !== inFlight.id) return;
    const { resolve, reject } = inFlight;
    inFlight = undefined;
    lastWorkerMs = msg.ms;
    if (msg.error) reject(new Error(`QR decoder error: ${msg.error}`));
    else resolve(msg.text);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`QR decoder worker error: ${event.message || 'failed to start'}`));
  };

  return {
    decode(image) {
      if (closed) return Promise.resolve(null);
      if (failure) return Promise.reject(failure);
      if (inFlight) return Promise.resolve(null);
      const id = nextId++;
      const buffer = image.data.buffer as ArrayBuffer;
      const req: DecodeRequest = { type: 'decode', id, width: image.width, height: image.height, buffer };
      return new Promise<string | null>((resolve, reject) => {
        inFlight = { id, resolve, reject };
        worker.postMessage(req, [buffer]);
      });
    },
    get busy() {
      return inFlight !== undefined;
    },
    get lastWorkerMs() {
      return lastWorkerMs;
    },
    ready,
    close() {
      if (closed) return;
      closed = true;
      worker.terminate();
      inFlight?.resolve(null);
      inFlight = undefined;
    },
  };
}
