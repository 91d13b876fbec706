/**
 * Item 3 of `npm run bench`: median microseconds from QR text to decision,
 * by the pipeline the scanner runs (bench/verify-decide-scan.ts: the
 * scanner's verifyWithTrust and trustView, then core/rules decide; the
 * server's checks service calls the same verifyPass and decide), against a
 * raw Ed25519 verify of the same token in the same run:
 * - in Node, node:crypto `verify` with a KeyObject (synchronous, the cheapest
 *   verify Node has) and jose `compactVerify` with an imported key (what the
 *   pipeline itself used to call), alternating with the pipeline;
 * - in Chromium, WebCrypto Ed25519 `verify` with an imported key, in the
 *   same page as the pipeline, built by vite like the scanner app.
 * Goal (issue 15): at most 2× raw.
 *
 * Alone: `npx tsx bench/verify-decide.ts` (or `node dist/bench/verify-decide.js` after `npm run build`).
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compactVerify, importJWK } from 'jose';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { PROJECT_ROOT } from '../src/server/paths.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/browser.js';
import { serveStatic } from '../test/helpers/scanner-harness.js';
import { figure, formatSection, median, type Section } from './report.js';
import { loadScanTrust, makeScanData, scanOnce, type ScanData, type ScanSamples } from './verify-decide-scan.js';

const PAGE_ROOT = join(PROJECT_ROOT, 'bench/scanner/verify-page');
const GOAL = 2;

export interface NodeScanSamples {
  pipeline: number[];
  nodeCrypto: number[];
  jose: number[];
}

/** Pipeline, node:crypto verify and jose compactVerify, one after the other in each round. */
export async function measureNode(data: ScanData, runs: number, warmup = 300): Promise<NodeScanSamples> {
  const trust = loadScanTrust(data);
  const jwk = data.bundle.jwks.keys[0]!;
  const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string }, format: 'jwk' });
  const joseKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x as string }, 'EdDSA');
  const [h = '', p = '', s = ''] = data.jws.split('.');
  const round = async (out?: NodeScanSamples) => {
    const t0 = performance.now();
    const d = await scanOnce(trust, data.qrText, data.nowMs);
    const t1 = performance.now();
    // The signing input and signature are decoded inside the timed part: the pipeline starts from text too.
    const ok = nodeVerify(null, Buffer.from(`${h}.${p}`), keyObject, Buffer.from(s, 'base64url'));
    const t2 = performance.now();
    await compactVerify(data.jws, joseKey, { algorithms: ['EdDSA'] });
    const t3 = performance.now();
    if (d.decision !== 'RELEASE' || !ok) throw new Error(`bench scan decided ${d.decision}, raw verify ${ok}`);
    out?.pipeline.push((t1 - t0) * 1000);
    out?.nodeCrypto.push((t2 - t1) * 1000);
    out?.jose.push((t3 - t2) * 1000);
  };
  for (let i = 0; i < warmup; i++) await round();
  const out: NodeScanSamples = { pipeline: [], nodeCrypto: [], jose: [] };
  for (let i = 0; i < runs; i++) await round(out);
  return out;
}

export async function measureChromium(data: ScanData, runs: number): Promise<ScanSamples & { chromium: string }> {
  const out = mkdtempSync(join(tmpdir(), 'kakou-bench-verify-'));
  try {
    await build({ root: PAGE_ROOT, logLevel: 'error', build: { outDir: out, emptyOutDir: true, target: 'es2022' }, configFile: false });
    const site = await serveStatic(out);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    try {
      const page = await browser.newPage();
      await page.goto(`${site.baseUrl}/`);
      await page.waitForFunction(() => 'kakouBench' in window);
      const r = await page.evaluate(
        ([d, n]) => (window as unknown as { kakouBench: { verifyDecide(d: unknown, n: number): Promise<ScanSamples> } }).kakouBench.verifyDecide(d, n),
        [data, runs] as const,
      );
      return { ...r, chromium: browser.version() };
    } finally {
      await browser.close().catch(() => {});
      await site.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const goal = (ratio: number) => ({ text: `at most ${GOAL}× raw`, met: ratio <= GOAL });

export async function runVerifyDecideBench(o: { nodeRuns?: number; browserRuns?: number; chromium?: boolean } = {}): Promise<Section> {
  const nodeRuns = o.nodeRuns ?? 3000;
  const browserRuns = o.browserRuns ?? 60;
  const data = await makeScanData();
  const n = await measureNode(data, nodeRuns);
  const pipeline = { label: 'QR text → decision, Node (median)', value: median(n.pipeline), unit: 'µs' };
  const figures = [
    figure('verify_decide.node_vs_node_crypto', pipeline, { label: 'raw node:crypto Ed25519 verify, KeyObject (median)', value: median(n.nodeCrypto), unit: 'µs' }, { ratioMeans: '× raw (lower is better)', goal }),
    figure('verify_decide.node_vs_jose', pipeline, { label: 'raw jose compactVerify, imported key (median)', value: median(n.jose), unit: 'µs' }, { ratioMeans: '× raw (lower is better)', goal }),
  ];
  const notes = [
    `Node ${process.version}, ${nodeRuns} alternating rounds after 300 warm-up; a typical pass (driver + one escort), bundle with 200 revocations and 50 enterprises; decision RELEASE`,
  ];
  if (o.chromium !== false) {
    const c = await measureChromium(data, browserRuns);
    figures.push(
      figure('verify_decide.chromium_vs_webcrypto', { label: 'QR text → decision, Chromium (median)', value: median(c.pipeline), unit: 'µs' }, { label: 'raw WebCrypto Ed25519 verify, imported key (median)', value: median(c.webcrypto), unit: 'µs' }, { ratioMeans: '× raw (lower is better)', goal }),
    );
    notes.push(`Chromium ${c.chromium}, ${browserRuns} alternating batches of 20 after 200 warm-up; each sample is a batch mean, as a page's clock is coarsened to 100 µs`);
  }
  return { id: '3-verify-decide', title: 'Verify and decide per scan (QR text → decision)', figures, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatSection(await runVerifyDecideBench()));
}
