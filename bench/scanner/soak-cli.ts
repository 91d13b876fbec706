/**
 * The offline soak's long form: `npm run soak -- --checks 10000 [--reloads 5] [--json file]`.
 * The same soak as test/e2e/scanner/soak.test.ts (test/helpers/scanner-soak.ts),
 * outside tap so it may run for as long as it takes. Prints the result; exits 1
 * when an event is lost, doubled or refused, the chain is broken, or a check at
 * the end takes more than 1.2× one at the start. docs/reliability/soak.md keeps
 * the last result.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Test } from 'tap';
import { scannerE2E } from '../../test/helpers/scanner-e2e.js';
import { formatSoak, runScannerSoak, soakFailures } from '../../test/helpers/scanner-soak.js';

const { values } = parseArgs({
  options: { checks: { type: 'string', default: '10000' }, reloads: { type: 'string', default: '5' }, json: { type: 'string' } },
});
const checks = Number(values.checks);
const reloads = Number(values.reloads);
if (!Number.isInteger(checks) || checks < 20 || !Number.isInteger(reloads) || reloads < 0) {
  console.error('usage: npm run soak -- --checks N (≥ 20) [--reloads R] [--json file]');
  process.exit(2);
}

// The e2e helpers register their clean-ups with tap's t.teardown; here they run in reverse order at the end.
const teardowns: Array<() => unknown> = [];
const host = { teardown: (f: () => unknown) => void teardowns.push(f) } as unknown as Test;

let failed = true;
const started = Date.now();
try {
  const env = await scannerE2E(host);
  const r = await runScannerSoak(env, { checks, reloads, syncTimeoutMs: 15 * 60_000, log: (l) => console.log(`  ${l}`) });
  const minutes = (Date.now() - started) / 60_000;
  console.log(`\nScanner offline soak, ${new Date().toISOString()}, ${minutes.toFixed(1)} min in all\n${formatSoak(r)}`);
  const problems = [...soakFailures(r), ...env.problems];
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ ...r, timings: undefined, minutes, problems }, null, 2)}\n`);
  for (const p of problems) console.log(`FAIL ${p}`);
  failed = problems.length > 0;
} catch (e) {
  console.error(e);
} finally {
  for (const f of teardowns.reverse()) await f();
}
process.exit(failed ? 1 : 0);
