/**
 * Messages between the page (app/scan/decoder-client.ts) and the decoder
 * worker (worker/decode.worker.ts). Kept free of DOM and WebWorker types so
 * both tsconfigs can import it.
 */

/** Page → worker: one greyscale-convertible RGBA frame; `buffer` is transferred, not copied. */
export interface DecodeRequest {
  type: 'decode';
  id: number;
  width: number;
  height: number;
  buffer: ArrayBuffer;
}

export type ToWorker = DecodeRequest;

/** Worker → page: the wasm is loaded (or could not be), sent once at start. */
export interface ReadyMessage {
  type: 'ready';
  ok: boolean;
  error?: string;
}

/** Worker → page: the answer to one DecodeRequest. `ms` is the time spent inside the worker. */
export interface DecodeResult {
  type: 'result';
  id: number;
  text: string | null;
  ms: number;
  /** Set when decoding threw; `text` is then null. */
  error?: string;
}

export type FromWorker = ReadyMessage | DecodeResult;
