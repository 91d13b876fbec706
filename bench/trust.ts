/**
 * Item 8 as report Sections: the trust bundle's size and build times
 * (bench/bundle-size.ts), the scanner's verify-and-store (bench/scanner/trust-bundle.ts),
 * and the longest event-loop block of the first build after a start, at
 * 10,000 enterprises and 100,000 revocations: the old way (everything in one
 * go on the first poll) as the same-run baseline, against the server's way: the
 * start-up warm-up and the first poll built and signed on the bundle worker
 * thread (trustService with offThread). The in-process warm-up in steps is
 * measured too and reported in the notes.
 *
 *   npx tsx bench/trust.ts           (the cold-build figure; KAKOU_BENCH_TRUST_ALL=1 adds size and scanner)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { trustService } from '../src/server/features/trust/service.js';
import { fill, runBundleSizeBench, withBenchDb } from './bundle-size.js';
import { runScannerTrustBench } from './scanner/trust-bundle.js';
import { figure, formatSection, type Section } from './report.js';

const SCALE = { enterprises: 10_000, revocations: 100_000 };

// A full collection before each window, so one measurement's garbage (a few hundred MB of rows and
// strings from an in-process build) is not collected, and counted, in the next one's.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Longest event-loop block (ms) while `work` runs, with a timer ticking to be delayed. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  collect();
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const tick = setInterval(() => undefined, 1);
  // Let the histogram's own timer start first, or a block in this very tick goes unseen.
  await new Promise((r) => setTimeout(r, 20));
  try {
    await work();
    await new Promise((r) => setTimeout(r, 5));
  } finally {
    clearInterval(tick);
    h.disable();
  }
  return h.max / 1e6;
}

export async function runTrustColdBench(): Promise<Section> {
  return withBenchDb(async ({ db, repos, keys, rules }) => {
    fill(db, SCALE, Math.floor(Date.now() / 1000));
    await trustService({ repos, keys, rules }).current(); // JIT and page cache, as after any earlier run
    const before = await longestBlock(() => trustService({ repos, keys, rules }).current());
    // In the same run: the start-up warm-up in steps, in-process (what item 8 first did), for the notes.
    const steps = await longestBlock(async () => {
      const svc = trustService({ repos, keys, rules });
      await svc.warm();
      await svc.current();
    });
    // As the server runs it: warm-up and first poll on the bundle worker.
    let offThread = false;
    const after = await longestBlock(async () => {
      const svc = trustService({ repos, keys, rules, offThread: true });
      try {
        await svc.warm();
        await svc.current();
        offThread = svc.offThread();
      } finally {
        await svc.close();
      }
    });
    if (!offThread) throw new Error('trust bench: the bundle was not built on the worker thread');
    return {
      id: '8-trust-cold',
      title: `Trust bundle: longest event-loop block of the first build after a start (${SCALE.enterprises} enterprises, ${SCALE.revocations} revocations)`,
      figures: [
        figure(
          'trust.cold_build.max_block_ms',
          { label: 'warm-up and first poll built and signed on the bundle worker thread', value: after, unit: 'ms' },
          { label: 'first poll building everything in one go (before)', value: before, unit: 'ms' },
          { ratioMeans: '× before (lower is better)', goal: (_r, ms) => ({ text: 'no half-second block', met: ms < 500 }) },
        ),
      ],
      notes: [
        `in-process warm-up in steps, then the first poll (serialising, checking and signing the ~2.5 MiB bundle on the event loop): ${steps.toFixed(0)} ms`,
        'what is left on the event loop: gathering rule sets and keys, two small writes (issue counter, key expiry), receiving the signed JWS from the worker',
      ],
    };
  });
}

export async function runBundleSizeSection(): Promise<Section> {
  const r = await runBundleSizeBench();
  const empty = r.scales.find((m) => m.enterprises === 0 && m.revocations === 0)!;
  const big = r.scales.at(-1)!;
  const scale = `${big.enterprises} enterprises, ${big.revocations} revocations`;
  return {
    id: '8-trust-bundle',
    title: 'Trust bundle: bytes and build time',
    figures: [
      figure('trust.bundle.jws_bytes', { label: `JWS at ${scale}`, value: big.jwsBytes, unit: 'bytes' }, { label: 'empty bundle', value: empty.jwsBytes, unit: 'bytes' }),
      figure('trust.bundle.jws_gzip_bytes', { label: `gzip JWS at ${scale}`, value: big.jwsGzipBytes, unit: 'bytes' }, { label: 'raw JWS', value: big.jwsBytes, unit: 'bytes' }, { ratioMeans: 'of raw' }),
      figure('trust.bundle.cold_ms', { label: `first build, fresh service, at ${scale}`, value: big.coldMs, unit: 'ms' }, { label: 'empty bundle', value: empty.coldMs, unit: 'ms' }, { ratioMeans: '× empty' }),
      figure('trust.bundle.change_ms', { label: 'build after one more revocation', value: big.signMs, unit: 'ms' }, { label: 'empty bundle', value: empty.signMs, unit: 'ms' }, { ratioMeans: '× empty' }),
      figure('trust.bundle.poll_ms', { label: 'poll, nothing changed', value: big.cachedMs, unit: 'ms' }, { label: 'empty bundle', value: empty.cachedMs, unit: 'ms' }, { ratioMeans: '× empty' }),
    ],
  };
}

export async function runScannerTrustSection(): Promise<Section> {
  const r = await runScannerTrustBench();
  return {
    id: '8-trust-scanner',
    title: `Scanner: trust bundle verified, stored and loaded in Chromium ${r.chromium}`,
    figures: [
      figure(
        'trust.scanner.verify_store_ms',
        { label: `verify + store + load (${r.enterprises} enterprises, ${r.revocations} revocations), median`, value: r.medianMs, unit: 'ms' },
        { label: 'decode + parse + store, no checks', value: r.baselineMedianMs, unit: 'ms' },
        { ratioMeans: '× baseline (lower is better)', goal: () => ({ text: 'worst run under 1 s', met: r.maxMs < 1000 }) },
      ),
    ],
    notes: [`${r.runs} runs, worst ${r.maxMs.toFixed(0)} ms`],
  };
}

export async function runTrustBench(): Promise<Section[]> {
  return [await runBundleSizeSection(), await runScannerTrustSection(), await runTrustColdBench()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sections = process.env.KAKOU_BENCH_TRUST_ALL === '1' ? await runTrustBench() : [await runTrustColdBench()];
  for (const s of sections) console.log(formatSection(s));
}
