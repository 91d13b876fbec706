/**
 * `npm run bench`: builds, then runs every benchmark and prints its report.
 * Each benchmark reports ratios against a baseline measured in the same run,
 * so figures from different machines compare by their ratios.
 */
import { formatBundleBench, runBundleSizeBench } from './bundle-size.js';
import { formatScannerTrustBench, runScannerTrustBench } from './scanner/trust-bundle.js';
import { formatScannerBench, runScannerDecodeBench } from './scanner-decode.js';
import { formatScannerLatencyBench, runScannerLatencyBench } from './scanner/latency.js';
import { formatAuditConsoleBench, runAuditConsoleBench } from './audit-console.js';

const started = Date.now();
console.log(formatBundleBench(await runBundleSizeBench()));
console.log('\n' + formatScannerTrustBench(await runScannerTrustBench()));
console.log('\n' + formatScannerBench(await runScannerDecodeBench()));
console.log('\n' + formatScannerLatencyBench(await runScannerLatencyBench()));
// Builds a 1,000,000-event database (several minutes); KAKOU_BENCH_EVENTS sets another size.
console.log('\n' + formatAuditConsoleBench(await runAuditConsoleBench(Number(process.env.KAKOU_BENCH_EVENTS ?? 1_000_000))));
console.log(`\n(bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
