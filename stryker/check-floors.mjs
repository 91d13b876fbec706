// Checks the mutation scores in Stryker's JSON reports against the floors in
// stryker/floors.json, per folder, and prints a table for docs/testing.md.
// Exit 1 when an area is below its floor or has no mutants in the reports.
// A floor's key is a path prefix: a folder (`src/core/jws/`) or one file.
//
//   node stryker/check-floors.mjs            (after npm run mutate; one report per area in areas.mjs)
//
// Score, as Stryker computes it: detected / (detected + undetected), where
// detected = killed + timeout and undetected = survived + no coverage.
// Compile and runtime errors and ignored mutants count for neither.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areas } from './areas.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { floors } = JSON.parse(readFileSync(resolve(root, 'stryker/floors.json'), 'utf8'));
const reports = Object.keys(areas).map((area) => `reports/mutation/${area}.json`);

const files = new Map();
for (const report of reports) {
  const path = resolve(root, report);
  // A missing report fails only through the floors it should have answered ("not in the reports").
  if (!existsSync(path)) {
    console.error(`no report ${report} (npm run mutate writes it)`);
    continue;
  }
  const json = JSON.parse(readFileSync(path, 'utf8'));
  for (const [name, file] of Object.entries(json.files)) {
    const rel = relative(root, resolve(root, name)).split('\\').join('/');
    files.set(rel, file.mutants);
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function tally(prefix) {
  const t = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const [name, mutants] of files) {
    if (!name.startsWith(prefix)) continue;
    for (const m of mutants) {
      t.mutants++;
      if (m.status === 'Killed') t.killed++;
      else if (m.status === 'Timeout') t.timeout++;
      else if (m.status === 'Survived') t.survived++;
      else if (m.status === 'NoCoverage') t.noCoverage++;
      else if (!DETECTED.has(m.status) && !UNDETECTED.has(m.status)) t.errors++;
    }
  }
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return { ...t, score: valid === 0 ? null : (100 * detected) / valid };
}

const rows = [];
for (const [prefix, floor] of Object.entries(floors)) {
  const t = tally(prefix);
  const ok = t.score !== null && t.score + 1e-9 >= floor;
  if (!ok) process.exitCode = 1;
  rows.push({ prefix, floor, ...t, ok });
}

console.log('| area | mutants | killed | timeout | survived | no coverage | score | floor |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const score = r.score === null ? 'not in the reports' : `${r.score.toFixed(2)}%`;
  console.log(`| \`${r.prefix}\` | ${r.mutants} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${score} | ${r.floor}%${r.ok ? '' : ' **BELOW**'} |`);
}
if (process.exitCode === 1) console.error('\nmutation score below its floor (or missing); see reports/mutation/*.html');
