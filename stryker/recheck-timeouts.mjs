// Re-tests the timed-out mutants of an area's report, one at a time, with a
// generous time limit: `npm run mutate:recheck -- <area> [--limit-ms N]`.
//
// Stryker counts a timed-out mutant as detected. Two different things end up
// there: a mutant that makes a loop run forever (Stryker's hit counter stops it:
// statusReason "Hit limit reached", deterministic), and a mutant whose test files
// were merely slow because other work shared the machine. The second kind raises
// the score for the wrong reason. This script applies each timed-out mutant that
// the hit counter did not stop to a scratch copy of its file, runs the test files
// that cover it (as the report records them) with `--limit-ms` each (default
// 60 s), and sets its status to what happened: Killed (a test failed), Survived
// (every test passed) or Timeout (still over the limit). It rewrites the report
// JSON after each mutant, so a stopped recheck resumes where it was (and the HTML twin's embedded copy is left as it was: the JSON is what
// check-floors reads) and prints what changed. The incremental file is not
// touched: the next run re-tests those mutants with Stryker anyway.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const area = args.find((a) => !a.startsWith('--'));
const limitArg = args.indexOf('--limit-ms');
const limitMs = limitArg >= 0 ? Number(args[limitArg + 1]) : 60_000;
if (!area) {
  console.error('usage: node stryker/recheck-timeouts.mjs <area> [--limit-ms N]');
  process.exit(2);
}
const reportPath = join('reports', 'mutation', `${area}.json`);
if (!existsSync(reportPath)) {
  console.error(`no report at ${reportPath}: run npm run mutate:area -- ${area} first`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

// Test ids → test file names, as the report records them.
const fileOfTest = new Map();
for (const [file, tf] of Object.entries(report.testFiles ?? {})) for (const t of tf.tests) fileOfTest.set(t.id, file);

/** The source with the mutant's range replaced (lines and columns are 1-based, end exclusive). */
function applyMutant(source, m) {
  const lines = source.split('\n');
  const offset = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return source.slice(0, offset(m.location.start)) + m.replacement + source.slice(offset(m.location.end));
}

let rechecked = 0;
const changed = [];
for (const [file, f] of Object.entries(report.files)) {
  for (const m of f.mutants) {
    if (m.status !== 'Timeout' || /hit limit|rechecked/i.test(m.statusReason ?? '')) continue;
    const tests = [...new Set((m.coveredBy ?? []).map((id) => fileOfTest.get(id)).filter(Boolean))];
    if (tests.length === 0) continue;
    rechecked++;
    const backup = `${file}.recheck-backup`;
    copyFileSync(file, backup);
    let status = 'Survived';
    try {
      writeFileSync(file, applyMutant(f.source, m));
      for (const test of tests) {
        // SIGKILL: tap installs a SIGTERM handler, which a process stuck in a loop never gets to run.
        const r = spawnSync(process.execPath, ['--import=tsx', test], { timeout: limitMs, killSignal: 'SIGKILL', stdio: 'ignore', env: { ...process.env, TAP: '1' } });
        if (r.error?.code === 'ETIMEDOUT' || r.signal) {
          status = 'Timeout';
          break;
        }
        if (r.status !== 0) {
          status = 'Killed';
          break;
        }
      }
    } finally {
      copyFileSync(backup, file);
      spawnSync('rm', ['-f', backup]);
    }
    const line = m.location.start.line;
    console.log(`${file}:${line} ${m.mutatorName} → ${status}${status === m.status ? '' : ' (was Timeout)'}`);
    if (status !== m.status) changed.push({ file, line, mutator: m.mutatorName, status });
    m.status = status;
    m.statusReason = `rechecked by stryker/recheck-timeouts.mjs with ${limitMs} ms per test file`;
    // After each mutant: a stopped recheck resumes where it was (rechecked ones are skipped).
    writeFileSync(reportPath, JSON.stringify(report));
  }
}
console.log(`\n${rechecked} timed-out mutant(s) rechecked (the ones the hit counter did not stop); ${changed.length} changed status.`);
