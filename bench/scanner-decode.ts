/**
 * The scanner's QR decoding in Chromium: time per 640×480 camera frame for a
 * real signed pass (driver and three escorts, the larger kind), clean,
 * blurred and skewed, decoded by the app's worker through the app's decoder
 * client (test/scanner/harness). Baselines from the same run and page: the
 * getImageData of the same frame (which the camera loop pays per frame
 * anyway), a tiny QR, and a frame with no QR (what most camera frames are).
 * Also the app's JavaScript size, gzip'd, against its 150 KB budget.
 *
 * `npm run bench` (builds, then runs dist/bench/run.js).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { encodePassQrText, generatePassKeyPair, signPass, type PassInput } from '../src/core/pass/index.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/browser.js';
import { qrFrame, qrModules, SKEWED, type QrFrameOptions } from '../test/helpers/qr-frame.js';
import { buildHarness, removeDir, repoRoot, serveStatic } from '../test/helpers/scanner-harness.js';
import { figure, formatSection, type Figure, type Section } from './report.js';
import type { BenchRun } from '../test/scanner/harness/types.js';

export const JS_BUDGET_BYTES = 150 * 1024;
export const DECODE_TARGET_MS = 5;

export interface Stats {
  median: number;
  p95: number;
}

export interface FrameMeasurement {
  name: string;
  textChars: number;
  qrModules: number;
  /** Round trip page → worker → page. */
  decode: Stats;
  /** Inside the worker only. */
  worker: Stats;
  grab: Stats;
  /** Every run returned the frame's text (or nothing, for the empty frame). */
  decodedEveryRun: boolean;
}

export interface JsSize {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

export interface ScannerBenchResult {
  runs: number;
  chromium: string;
  frames: FrameMeasurement[];
  appJs: JsSize | null;
  pipelineJs: JsSize;
  /** Runtime URLs to CDNs found in the built JS, with the file. */
  cdnMentions: string[];
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !/(^|\/)(sw|workbox-[\w-]+)\.js$/.test(f))
    .map((f) => join(dir, f));
}

/** All .js except the service worker (which is not on the page's critical path), gzip'd one by one as served. */
function jsSize(dir: string): JsSize {
  const files = jsFiles(dir);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const b = readFileSync(f);
    rawBytes += b.length;
    gzipBytes += gzipSync(b, { level: 9 }).length;
  }
  return { files: files.length, rawBytes, gzipBytes };
}

function cdnMentions(dir: string): string[] {
  const found: string[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => join(dir, p))) {
    if (!statSync(f).isFile() || !/\.(js|html|webmanifest)$/.test(f)) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/https?:\/\/[\w.-]*(jsdelivr|unpkg|cdnjs|googleapis|gstatic)[^\s"'`)]*/g)) found.push(`${relative(dir, f)}: ${m[0]}`);
  }
  return found;
}

/** A real pass, signed with a throwaway key: what the scanner meets at the checkpoint. */
async function realPassText(): Promise<string> {
  const keys = await generatePassKeyPair();
  const now = Math.floor(Date.now() / 1000);
  const input: PassInput = {
    jti: 'Z9yX8wV7uT',
    plate: '苏E1234挂',
    driver: { name: '欧阳建国', id4: '002X' },
    escorts: [
      { name: '阿卜杜热合曼·买买提', id4: '1234' },
      { name: '诸葛明亮', id4: '5678' },
      { name: '上官婉儿', id4: '901X' },
    ],
    enterprise: { uscc: '91350100M000100Y43' },
    origin: '420100',
    nbf: now,
    exp: now + 14 * 86_400,
  };
  return encodePassQrText(await signPass(input, { privateKey: keys.privateKey, kid: keys.kid, issuer: 'KSJT', now }));
}

export async function runScannerDecodeBench(runs = 200): Promise<ScannerBenchResult> {
  const root = repoRoot();
  const appDist = join(root, 'scanner-app', 'dist');
  const harness = await buildHarness();
  const server = await serveStatic(harness);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/?mode=bench`);
    const pass = await realPassText();
    const cases: Array<[string, string, QrFrameOptions | null]> = [
      ['tiny QR (baseline)', 'KAKOU-0001', {}],
      ['no QR (baseline)', '', null],
      ['pass, clean', pass, {}],
      ['pass, blurred', pass, { blur: 2 }],
      ['pass, skewed', pass, { quad: SKEWED }],
    ];
    const frames: FrameMeasurement[] = [];
    for (const [name, text, options] of cases) {
      const frame = options ? qrFrame(text, options) : { width: 640, height: 480, luma: new Uint8Array(640 * 480).fill(235) };
      const base64 = Buffer.from(frame.luma).toString('base64');
      // Warm-up: wasm compilation, JIT, first allocation of the wasm heap.
      await page.evaluate(([b, w, h]) => window.__bench.run(b, w, h, 10), [base64, frame.width, frame.height] as const);
      const r: BenchRun = await page.evaluate(([b, w, h, n]) => window.__bench.run(b, w, h, n), [base64, frame.width, frame.height, runs] as const);
      frames.push({
        name,
        textChars: text.length,
        qrModules: text ? qrModules(text).size : 0,
        decode: stats(r.decodeMs),
        worker: stats(r.workerMs),
        grab: stats(r.grabMs),
        decodedEveryRun: r.texts.length === 1 && r.texts[0] === (text || null),
      });
    }
    return {
      runs,
      chromium: browser.version(),
      frames,
      appJs: existsSync(appDist) ? jsSize(appDist) : null,
      pipelineJs: jsSize(harness),
      cdnMentions: [...(existsSync(appDist) ? cdnMentions(appDist).map((m) => `scanner-app/dist/${m}`) : []), ...cdnMentions(harness).map((m) => `harness/${m}`)],
    };
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    removeDir(harness);
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function formatScannerBench(r: ScannerBenchResult): string {
  const lines: string[] = [];
  lines.push(`Scanner QR decoding, 640×480 frames, ${r.runs} runs each (Chromium ${r.chromium})`);
  lines.push('');
  lines.push('frame                  text  QR    | decode median   p95      | in worker median | getImageData | decoded');
  for (const f of r.frames) {
    lines.push(
      [
        f.name.padEnd(20),
        String(f.textChars).padStart(5),
        (f.qrModules ? `${f.qrModules}²` : '-').padStart(5),
        '  |',
        ms(f.decode.median).padStart(9),
        ms(f.decode.p95).padStart(10),
        '  |',
        ms(f.worker.median).padStart(10),
        '      |',
        ms(f.grab.median).padStart(9),
        '   |',
        f.decodedEveryRun ? 'every run' : 'NOT EVERY RUN',
      ].join(' '),
    );
  }
  const tiny = r.frames[0]!;
  const clean = r.frames.find((f) => f.name === 'pass, clean')!;
  lines.push('decode: round trip page → worker → page (frame buffer transferred); in worker: zxing alone');
  lines.push('');
  lines.push('Ratios (same run):');
  for (const f of r.frames.slice(1)) {
    lines.push(`  ${f.name.padEnd(20)} decode / tiny-QR decode ${(f.decode.median / tiny.decode.median).toFixed(2)}   decode / getImageData ${(f.decode.median / f.grab.median).toFixed(1)}`);
  }
  lines.push(`  target: clean pass decode median ≤ ${DECODE_TARGET_MS} ms → ${ms(clean.decode.median)} ${clean.decode.median <= DECODE_TARGET_MS ? 'OK' : 'OVER'}`);
  lines.push('');
  const size = (label: string, s: JsSize) =>
    `  ${label}: ${s.files} files, ${kib(s.rawBytes)} raw, ${kib(s.gzipBytes)} gzip = ${((s.gzipBytes / JS_BUDGET_BYTES) * 100).toFixed(0)}% of the 150 KiB budget ${s.gzipBytes <= JS_BUDGET_BYTES ? 'OK' : 'OVER'}`;
  lines.push('JavaScript, gzip -9 per file, without the wasm and the service worker:');
  lines.push(r.appJs ? size('scanner-app/dist', r.appJs) : '  scanner-app/dist: not built');
  lines.push(size('scan pipeline (harness: preact, ScanPanel, decoder client, worker glue)', r.pipelineJs));
  lines.push(
    r.cdnMentions.length
      ? `CDN URLs in built files (zxing-wasm's default locateFile, replaced by the worker's override, never fetched):\n${r.cdnMentions.map((m) => `  ${m.slice(0, 160)}`).join('\n')}`
      : 'CDN URLs in built files: none',
  );
  return lines.join('\n');
}

/**
 * The same run as a report section (bench/report.ts), for results.json: each
 * pass frame against the tiny QR decoded in the same page (the existing
 * baseline), the empty frame likewise, and the app's gzip'd JavaScript
 * against its budget.
 */
export function scannerDecodeSection(r: ScannerBenchResult): Section {
  const tiny = r.frames[0]!;
  const base = { label: `tiny QR (${tiny.textChars} characters), same page, median`, value: tiny.decode.median, unit: 'ms' };
  const figures: Figure[] = r.frames.slice(1).map((f) =>
    figure(
      `scanner_decode.${f.name.toLowerCase().replace(/ \(baseline\)$/, '').replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '')}`,
      { label: `${f.name}: 640×480 frame → text, median${f.decodedEveryRun ? '' : ' (NOT decoded every run)'}`, value: f.decode.median, unit: 'ms' },
      base,
      {
        ratioMeans: '× the tiny QR (lower is better)',
        ...(f.name === 'pass, clean' ? { goal: (_ratio: number, ms: number) => ({ text: `clean pass ≤ ${DECODE_TARGET_MS} ms per frame`, met: ms <= DECODE_TARGET_MS && f.decodedEveryRun }) } : {}),
      },
    ),
  );
  const js = r.appJs ?? r.pipelineJs;
  figures.push(
    figure(
      'scanner_decode.app_js_gzip',
      { label: r.appJs ? 'scanner-app/dist JavaScript, gzip -9 per file' : 'scan pipeline JavaScript (app not built), gzip -9', value: js.gzipBytes, unit: 'bytes' },
      { label: 'budget', value: JS_BUDGET_BYTES, unit: 'bytes' },
      { ratioMeans: 'of the budget (lower is better)', goal: (ratio) => ({ text: 'within 150 KiB', met: ratio <= 1 }) },
    ),
  );
  return {
    id: '4-camera-decoding',
    title: `Camera decoding in Chromium ${r.chromium}: ms per 640×480 frame`,
    figures,
    notes: [`${r.runs} runs per frame after 10 warm-up; decode is the round trip page → worker → page with the frame transferred (zxing-wasm in the app's worker)`],
  };
}

/** Runs the benchmark and returns its section; `formatScannerBench` still prints the full table. */
export async function runScannerDecodeSection(runs = 200): Promise<Section> {
  return scannerDecodeSection(await runScannerDecodeBench(runs));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runScannerDecodeBench();
  console.log(formatScannerBench(r));
  console.log('\n' + formatSection(scannerDecodeSection(r)));
}
