/**
 * The scanner's side of a city-scale trust bundle (10,000 enterprises,
 * 100,000 revocations), in Chromium: verified with the pinned key, stored in
 * IndexedDB and loaded into the in-memory revocation set, by the app's own
 * code (sync/trust-bundle.ts, session/trust-view.ts). Baseline in the same
 * run: the same bytes base64url-decoded, parsed and stored without any check.
 * Target (issue 11): under 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { bundleAtScale } from '../bundle-size.js';
import { serveStatic } from '../../test/helpers/scanner-harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/helpers/browser.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';

// Source pages are not compiled by tsc: found from the project root whether this runs from bench/ or dist/bench/.
const PAGE_ROOT = join(PROJECT_ROOT, 'bench/scanner/trust-page');

export interface TrustBenchResult {
  enterprises: number;
  revocations: number;
  jwsBytes: number;
  medianMs: number;
  maxMs: number;
  baselineMedianMs: number;
  runs: number;
  chromium: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runScannerTrustBench(runs = 5): Promise<TrustBenchResult> {
  const scale = { enterprises: 10_000, revocations: 100_000 };
  const { jws, trustedKeys } = await bundleAtScale(scale);
  const out = mkdtempSync(join(tmpdir(), 'kakou-bench-page-'));
  try {
    await build({ root: PAGE_ROOT, logLevel: 'error', build: { outDir: out, emptyOutDir: true, target: 'es2022' }, configFile: false });
    const site = await serveStatic(out);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${site.baseUrl}/`);
      await page.waitForFunction(() => 'kakouBench' in window);
      const r = await page.evaluate(
        ([j, k, n]) => (window as unknown as { kakouBench: { trust(j: string, k: unknown, n: number): Promise<{ full: number[]; baseline: number[]; revoked: number }> } }).kakouBench.trust(j, k, n),
        [jws, trustedKeys.keys, runs] as const,
      );
      if (r.revoked < scale.revocations) throw new Error(`only ${r.revoked} revocations loaded`);
      return {
        ...scale,
        jwsBytes: jws.length,
        medianMs: median(r.full),
        maxMs: Math.max(...r.full),
        baselineMedianMs: median(r.baseline),
        runs,
        chromium: browser.version(),
      };
    } finally {
      await browser.close();
      await site.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function formatScannerTrustBench(r: TrustBenchResult): string {
  return [
    `Scanner: trust bundle verified, stored and loaded in Chromium ${r.chromium} (${r.enterprises} enterprises, ${r.revocations} revocations, ${(r.jwsBytes / 1024 / 1024).toFixed(2)} MiB JWS, ${r.runs} runs)`,
    `  verify + store + load: median ${r.medianMs.toFixed(0)} ms, worst ${r.maxMs.toFixed(0)} ms (target < 1000 ms: ${r.maxMs < 1000 ? 'met' : 'NOT met'})`,
    `  baseline (decode + parse + store, no checks): median ${r.baselineMedianMs.toFixed(0)} ms`,
    `  ratio: ${(r.medianMs / r.baselineMedianMs).toFixed(2)}× the baseline`,
  ].join('\n');
}
