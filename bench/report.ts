/**
 * The shape every benchmark reports in, so `npm run bench` can print one table
 * and write one `bench/results.json`. A figure is always paired with a baseline
 * measured in the same run, and read through their ratio: absolute times on a
 * shared 2-core machine move by tens of percent between runs, ratios much less.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';

export interface Measure {
  /** what was measured, in words ("raw jose Ed25519 sign of the same payload") */
  label: string;
  value: number;
  /** 'µs', 'ms', 'ops/s', 'events/s', 'req/s', 'bytes', 'MB', 'version', … */
  unit: string;
}

export interface Figure {
  /** stable key for results.json: 'issuance.per_sec' */
  id: string;
  measured: Measure;
  /** the same-run reference; absent only for figures that are counts by nature (a QR version, bytes) */
  baseline?: Measure;
  /** measured / baseline (both in their own units: say in `ratioMeans` what it reads as) */
  ratio?: number;
  /** how to read the ratio: 'of raw (higher is better)', '× raw (lower is better)' */
  ratioMeans?: string;
  /** the issue's goal in words, and whether this run met it */
  goal?: { text: string; met: boolean };
}

export interface Section {
  /** '1-qr-size', '2-issuance', … (the issue's numbering) */
  id: string;
  title: string;
  figures: Figure[];
  /** what a reader needs besides the numbers (scale, runs, caveats) */
  notes?: string[];
}

/** A figure with its ratio computed. */
export function figure(id: string, measured: Measure, baseline: Measure | undefined, o: { ratioMeans?: string; goal?: (ratio: number, measured: number) => { text: string; met: boolean } } = {}): Figure {
  const ratio = baseline && baseline.value !== 0 ? measured.value / baseline.value : undefined;
  return {
    id,
    measured,
    ...(baseline ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio, ratioMeans: o.ratioMeans ?? 'measured / baseline' } : {}),
    ...(o.goal ? { goal: o.goal(ratio ?? NaN, measured.value) } : {}),
  };
}

/** Median of a list of samples (not sorted in place). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile, q in [0, 1]. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function fmt(m: Measure): string {
  const v = Math.abs(m.value) >= 100 ? Math.round(m.value).toLocaleString('en') : Number(m.value.toPrecision(3)).toLocaleString('en');
  return `${v} ${m.unit}`;
}

/** A section as a plain-text table. */
export function formatSection(s: Section): string {
  const rows = s.figures.map((f) => [
    f.id,
    `${f.measured.label}: ${fmt(f.measured)}`,
    f.baseline ? `${f.baseline.label}: ${fmt(f.baseline)}` : '',
    f.ratio !== undefined ? `${f.ratio.toFixed(2)} ${f.ratioMeans ?? ''}`.trim() : '',
    f.goal ? `${f.goal.met ? 'met' : 'NOT met'}: ${f.goal.text}` : '',
  ]);
  const out = [`${s.id} ${s.title}`];
  for (const r of rows) out.push(`  ${r[0]}\n    ${r[1]}${r[2] ? `\n    baseline ${r[2]}` : ''}${r[3] ? `\n    ratio ${r[3]}` : ''}${r[4] ? `\n    goal ${r[4]}` : ''}`);
  for (const n of s.notes ?? []) out.push(`  note: ${n}`);
  return out.join('\n');
}

/** Where and when the figures were taken: results.json's header. */
export function machine(): { date: string; commit: string; node: string; cpu: string; cores: number; memoryGB: number; os: string } {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout (an unpacked tarball): the figures still stand, without their commit
  }
  return {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
  };
}
