// npm run mutate:area -- [area ...] [--stryker-option ...]
// Runs Stryker once per area (all areas when none is named), one after the
// other, each recording its own results. Options that start with "--" go to
// every Stryker run (e.g. --concurrency 4, --force). `npm run mutate` is this
// for every area, then the floor check (check-floors.mjs).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areas } from './areas.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const named = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const unknown = named.filter((n) => !(n in areas));
if (unknown.length > 0) {
  console.error(`unknown area ${unknown.join(', ')}; areas: ${Object.keys(areas).join(', ')}`);
  process.exit(2);
}

const stryker = resolve(root, 'node_modules/.bin/stryker');
for (const area of named.length > 0 ? named : Object.keys(areas)) {
  console.log(`\n=== mutation area ${area} ===`);
  const run = spawnSync(stryker, ['run', 'stryker/area.config.mjs', ...options], {
    cwd: root,
    stdio: 'inherit',
    // A mutant that loops forever is stopped by Stryker's timeout; tap's own
    // per-file timeout stays above it.
    env: { ...process.env, STRYKER_AREA: area, TAP_TIMEOUT: '120' },
  });
  if (run.status !== 0) {
    console.error(`area ${area}: stryker exited with ${run.status ?? run.signal}`);
    process.exit(run.status ?? 1);
  }
}
