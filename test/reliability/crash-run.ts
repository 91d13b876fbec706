/**
 * The long crash-safety run: `npm run crash -- --kills 200 [--seed N] [--devices 4]`.
 * Prints the seed first (rerun a failure with --seed), a line per kill, and the
 * report as JSON; exits 1 if any invariant broke. See docs/reliability/crash.md.
 */
import { parseArgs } from 'node:util';
import { runCrashHarness } from './crash-harness.js';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '200' }, seed: { type: 'string' }, devices: { type: 'string', default: '4' } },
});
const num = (name: string, v: string | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) {
    console.error(`--${name} must be a whole number`);
    process.exit(2);
  }
  return Number(v);
};
const seed = num('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
const kills = num('kills', values.kills, 200);
const devices = num('devices', values.devices, 4);
console.log(`crash run: seed ${seed}, ${kills} kills, ${devices} devices`);
const report = await runCrashHarness({ kills, seed, devices, log: (l) => console.log(l) });
console.log(JSON.stringify({ ...report, failures: report.failures.length }, null, 2));
for (const f of report.failures) console.log(`FAILURE: ${f}`);
console.log(report.failures.length === 0 ? `PASSED: seed ${seed}` : `FAILED: seed ${seed}`);
process.exit(report.failures.length === 0 ? 0 : 1);
