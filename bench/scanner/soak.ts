/**
 * The offline soak as a benchmark figure: time per check at the end of an
 * offline run against the start of the same run (the baseline), and the
 * events that reached the server against those the app recorded. Runs
 * `npm run soak` in a child process from the repository root, because the
 * soak starts the server from source with tsx (test/helpers/browser.ts), which
 * the compiled copy under dist/ cannot do; the result comes back as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, type Section } from '../report.js';
import { repoRoot } from '../../test/helpers/scanner-harness.js';
import type { SoakResult } from '../../test/helpers/scanner-soak.js';

type SoakJson = Omit<SoakResult, 'timings'> & { minutes: number; problems: string[] };

/** `checks` offline checks (1,000 by default: about four minutes; the documented long form is 10,000). */
export async function runScannerSoakBench(checks = 1000, reloads = 3): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-soak-'));
  const out = join(dir, 'soak.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'soak', '--', '--checks', String(checks), '--reloads', String(reloads), '--json', out], {
        cwd: repoRoot(),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const r = JSON.parse(readFileSync(out, 'utf8')) as SoakJson;
    return {
      id: 'soak-scanner-offline',
      title: `Scanner offline soak (${r.checks} checks, ${r.reloads} reloads, Chromium)`,
      figures: [
        figure(
          'soak.check_ms_end',
          { label: "time per check (app's marks: code → card + decide → decision), median of the last 10 %", value: r.endMs, unit: 'ms' },
          { label: 'the same, first 10 % of the run', value: r.startMs, unit: 'ms' },
          { ratioMeans: '× start (lower is better)', goal: (ratio) => ({ text: 'at most 1.2× the start', met: ratio <= 1.2 }) },
        ),
        figure(
          'soak.wall_ms_end',
          { label: "wall time per check (the driver's taps included), last 10 %", value: r.wallEndMs, unit: 'ms' },
          { label: 'the same, first 10 %', value: r.wallStartMs, unit: 'ms' },
          { ratioMeans: '× start (lower is better)' },
        ),
        figure(
          'soak.events_synced',
          { label: 'distinct events on the server, unflagged', value: r.serverDistinct - r.flagged, unit: 'events' },
          { label: 'events the app recorded', value: r.appEvents, unit: 'events' },
          { ratioMeans: 'of recorded (1 is every event once)', goal: () => ({ text: 'every event exactly once, chain unbroken', met: code === 0 && r.problems.length === 0 }) },
        ),
        figure('soak.sync_s', { label: 'network back → outbox empty', value: r.syncSeconds, unit: 's' }, undefined),
      ],
      notes: [`${r.minutes.toFixed(1)} min in all; app's time per tenth of the run: ${r.deciles.map((d) => d.toFixed(0)).join(' · ')} ms`, ...r.problems],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
