/// <reference lib="webworker" />
/**
 * QR decoding off the main thread with zxing-wasm. The wasm is bundled by
 * Vite (`?url` → /scanner/assets/zxing_reader-<hash>.wasm) and precached by
 * the service worker: the library's default would fetch it from jsDelivr,
 * which a checkpoint without network cannot reach.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { FromWorker, ToWorker } from './protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Measured on 640×480 frames of an 804-character pass text (QR version 14),
 * clean, blurred (σ ≈ 2.5 px) and skewed (see bench/scanner-decode.ts):
 * - QR only and no inverted codes: this is where the time goes; zxing's
 *   defaults (every format, inverted retries) take 5–8× longer per frame.
 * - tryRotate / tryDownscale made no measurable difference either way on
 *   these frames (finder patterns are found in any orientation; at 640×480 a
 *   module is only a few pixels, so downscaling cannot help much): off.
 * - tryHarder costs nothing measurable and scans more lines for the finder
 *   patterns, which real, noisy camera frames need more than synthetic ones.
 * - one symbol: a frame shows one pass; zxing stops after the first.
 */
const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: false,
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
};

const ready = prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  fireImmediately: true,
});

const post = (msg: FromWorker, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

ready.then(
  () => post({ type: 'ready', ok: true }),
  (e: unknown) => post({ type: 'ready', ok: false, error: String(e) }),
);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const req = event.data;
  if (req.type !== 'decode') return;
  const t0 = performance.now();
  try {
    await ready;
    const image = new ImageData(new Uint8ClampedArray(req.buffer), req.width, req.height);
    const [first] = await readBarcodes(image, READER_OPTIONS);
    post({ type: 'result', id: req.id, text: first?.isValid ? first.text : null, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: 'result', id: req.id, text: null, ms: performance.now() - t0, error: String(e) });
  }
};
