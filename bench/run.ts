/**
 * `npm run bench`: builds, then runs every benchmark, prints each section and
 * one summary table, and writes bench/results.json (figures, machine, date,
 * commit). Each figure is reported against a baseline measured in the same
 * run, so figures from different machines compare by their ratios.
 *
 *   npm run bench                      everything (about 10 minutes on 2 cores)
 *   npm run bench -- --only 2,3        items 2 and 3 of issue 15
 *   KAKOU_BENCH_EVENTS=10000000 npm run bench -- --only 6
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSection, machine, type Section } from './report.js';
import { auditConsoleSection, formatAuditConsoleBench, runAuditConsoleBench } from './audit-console.js';
import { runQrSizeBench } from './qr-size.js';
import { runIssuanceBench } from './issuance.js';
import { runVerifyDecideBench } from './verify-decide.js';
import { formatScannerBench, runScannerDecodeBench, scannerDecodeSection } from './scanner-decode.js';
import { runIngestBench } from './ingest.js';
import { runHttpEvaluateBench } from './http-evaluate.js';
import { runTrustBench } from './trust.js';

interface Bench {
  /** the item number of issue 15 (extras after 8) */
  item: number;
  name: string;
  run: () => Promise<Section[]>;
}

const BENCHES: Bench[] = [
  { item: 1, name: 'QR size', run: async () => [await runQrSizeBench()] },
  { item: 2, name: 'issuance', run: async () => [await runIssuanceBench(Number(process.env.KAKOU_BENCH_PASSES ?? 400))] },
  { item: 3, name: 'verify and decide per scan (Node, Chromium)', run: async () => [await runVerifyDecideBench()] },
  {
    item: 4,
    name: 'camera decoding in Chromium',
    run: async () => {
      const r = await runScannerDecodeBench();
      console.log(formatScannerBench(r));
      return [scannerDecodeSection(r)];
    },
  },
  { item: 5, name: 'ingest', run: async () => [await runIngestBench(Number(process.env.KAKOU_BENCH_INGEST_EVENTS ?? 5_000))] },
  {
    item: 6,
    name: 'audit console',
    run: async () => {
      // Builds a 1,000,000-event database first (not measured); KAKOU_BENCH_EVENTS sets another size.
      const b = await runAuditConsoleBench(Number(process.env.KAKOU_BENCH_EVENTS ?? 1_000_000));
      console.log(formatAuditConsoleBench(b));
      return [auditConsoleSection(b)];
    },
  },
  { item: 7, name: 'HTTP evaluate under load', run: async () => [await runHttpEvaluateBench()] },
  { item: 8, name: 'trust bundle', run: () => runTrustBench() },
];

function onlyItems(argv: string[]): Set<number> | null {
  const i = argv.indexOf('--only');
  if (i < 0) return null;
  return new Set((argv[i + 1] ?? '').split(',').map(Number).filter((n) => Number.isInteger(n)));
}

function summary(sections: Section[]): string {
  const rows = sections.flatMap((s) =>
    s.figures.map((f) => [
      f.id,
      `${Number(f.measured.value.toPrecision(4)).toLocaleString('en')} ${f.measured.unit}`,
      f.baseline ? `${Number(f.baseline.value.toPrecision(4)).toLocaleString('en')} ${f.baseline.unit}` : '—',
      f.ratio !== undefined ? f.ratio.toFixed(2) : '—',
      f.goal ? (f.goal.met ? 'met' : 'NOT MET') : '',
    ]),
  );
  const head = ['figure', 'measured', 'baseline', 'ratio', 'goal'];
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

const only = onlyItems(process.argv.slice(2));
const started = Date.now();
const sections: Section[] = [];
const failures: Array<{ item: number; name: string; error: string }> = [];
for (const b of BENCHES) {
  if (only && !only.has(b.item)) continue;
  console.log(`\n== ${b.item}. ${b.name}`);
  try {
    for (const s of await b.run()) {
      sections.push(s);
      console.log('\n' + formatSection(s));
    }
  } catch (error) {
    // One broken bench must not lose the others' figures; it is reported and the run exits non-zero.
    failures.push({ item: b.item, name: b.name, error: String((error as Error)?.stack ?? error) });
    console.error(`bench ${b.item} (${b.name}) failed:`, error);
  }
}
const seconds = (Date.now() - started) / 1000;
console.log(`\n== Summary (ratios against the same run's baselines)\n${summary(sections)}`);
console.log(`\n(bench finished in ${seconds.toFixed(1)} s)`);

// npm run sets the working directory to the package root, from dist/ or from a tsx run alike.
const out = join(process.cwd(), 'bench', 'results.json');
writeFileSync(out, JSON.stringify({ ...machine(), seconds, sections, failures }, null, 2) + '\n');
console.log(`wrote ${out}`);
if (failures.length > 0) process.exitCode = 1;
