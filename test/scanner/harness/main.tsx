/**
 * Test and benchmark page for the scanner's scanning pipeline, built with
 * Vite like the app. `?repeatMs=` sets the camera's repeat window;
 * `?mode=bench` mounts nothing and only exposes `window.__bench`.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../../../scanner-app/src/app/styles.css';
import { createDecoder, type Decoder } from '../../../scanner-app/src/app/scan/decoder-client.js';
import { ScanPanel } from '../../../scanner-app/src/app/scan/scan-panel.js';
import type { BenchRun } from './types.js';

const params = new URLSearchParams(location.search);
window.__codes = [];

function Harness() {
  const [active, setActive] = useState(true);
  const repeatMs = params.has('repeatMs') ? Number(params.get('repeatMs')) : undefined;
  return (
    <>
      <button type="button" id="toggle-active" onClick={() => setActive((a) => !a)}>
        {active ? 'deactivate' : 'activate'}
      </button>
      <ScanPanel
        active={active}
        {...(repeatMs === undefined ? {} : { repeatMs })}
        onCode={(text, source) => window.__codes.push({ text, source, at: performance.now() })}
      />
    </>
  );
}

function lumaToImageData(lumaBase64: string, width: number, height: number): ImageData {
  const luma = Uint8Array.from(atob(lumaBase64), (c) => c.charCodeAt(0));
  const image = new ImageData(width, height);
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!;
    image.data[4 * i] = v;
    image.data[4 * i + 1] = v;
    image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  return image;
}

let benchDecoder: Decoder | undefined;

window.__bench = {
  async run(lumaBase64, width, height, runs) {
    benchDecoder ??= createDecoder();
    await benchDecoder.ready;
    const frame = lumaToImageData(lumaBase64, width, height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.putImageData(frame, 0, 0);
    const result: BenchRun = { decodeMs: [], workerMs: [], grabMs: [], texts: [] };
    const seen = new Set<string | null>();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const grabbed = ctx.getImageData(0, 0, width, height);
      result.grabMs.push(performance.now() - t0);
      // A fresh copy each run, outside the timing: decode() transfers the buffer away.
      const copy = new ImageData(new Uint8ClampedArray(grabbed.data), width, height);
      const t1 = performance.now();
      const text = await benchDecoder.decode(copy);
      result.decodeMs.push(performance.now() - t1);
      result.workerMs.push(benchDecoder.lastWorkerMs);
      seen.add(text);
    }
    result.texts = [...seen];
    return result;
  },
};

if (params.get('mode') !== 'bench') render(<Harness />, document.getElementById('app')!);
