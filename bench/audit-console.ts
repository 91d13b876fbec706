/**
 * The audit console on a generated database of 1,000,000 events (issue 14):
 * p50/p95 of the check search's common filters, a deep keyset page, the CSV
 * export's rows per second and the peak RSS, each against a baseline measured
 * in the same run (a full-table COUNT(*)). Goal: p95 < 50 ms.
 *
 * Alone: `npx tsx bench/audit-console.ts [events]` (default 1,000,000; the
 * database is built in a temp folder and removed at the end). With
 * KAKOU_BENCH_ENGINE=postgres the same events go to a fresh PostgreSQL database
 * (bench/bench-store.ts; seeded by test/helpers/audit-seed.ts, then ANALYZE),
 * dropped at the end; every query goes through the same repositories, and the
 * plans are PostgreSQL's EXPLAIN lines instead of SQLite's EXPLAIN QUERY PLAN.
 */
import { figure, type Section } from './report.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { auditConsoleRepo, type CheckFilter } from '../src/server/features/audit-console/repository.js';
import { csvChunks } from '../src/server/features/audit-console/csv.js';
import { seedAuditEventsIn } from '../test/helpers/audit-seed.js';
import { benchStore } from './bench-store.js';
import { repositories } from '../src/server/repositories.js';
import { DataKey } from '../src/server/security/data-key.js';
import { anomaliesService } from '../src/server/features/anomalies/service.js';
import type { AnomalyFilter } from '../src/server/features/anomalies/repository.js';
import { dashboardRepo, type DashboardQueryName } from '../src/server/features/dashboard/repository.js';
import type { SqliteStore } from '../src/server/db/sqlite-store.js';
import type { Store } from '../src/server/db/store.js';
import { sql } from 'kysely';

export interface AuditConsoleBench {
  engine: Store['engine'];
  events: number;
  buildSec: number;
  baselineCountMs: number;
  queries: Array<{ name: string; p50: number; p95: number; rows: number; plan: string[] }>;
  /** the anomalies found in the generated events by the server's own sweep (backfill), and its page's queries */
  anomalies: { examinedPerSec: number; sweepSec: number; found: number; queries: Array<{ name: string; p50: number; p95: number; rows: number }> };
  /** the dashboard's grouped queries over one day (or week) of the same table: the whole page's event part */
  dashboard: Array<{ name: string; p50: number; p95: number; rows: number; plan: string[] }>;
  export: { rows: number; sec: number; rowsPerSec: number; bytes: number };
  /** the same rows read and counted without CSV formatting: what the export costs over reading */
  readRowsPerSec: number;
  /** RSS before the export, and the highest RSS during it */
  exportRssMb: { before: number; peak: number };
  peakRssMb: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export async function runAuditConsoleBench(events = 1_000_000, runs = 40): Promise<AuditConsoleBench> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-ac-'));
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  let close: (() => Promise<void>) | undefined;
  try {
    const opened = await benchStore(dir, 'bench.sqlite');
    close = opened.close;
    const store = opened.store;
    // SQLite: the bench's fast inserter (indexes rebuilt after, ANALYZE); PostgreSQL: the same rows through Kysely, then ANALYZE.
    const t0 = performance.now();
    const seed = await seedAuditEventsIn(store, { events });
    const buildSec = (performance.now() - t0) / 1000;
    const repo = auditConsoleRepo(store);

    // The baseline: a full-table COUNT(*), on SQLite straight on the connection as before, on PostgreSQL over the store's pool.
    const countAll =
      store.engine === 'sqlite'
        ? ((db) => async () => void db.prepare('SELECT count(*) FROM events').get())((store as SqliteStore).db)
        : async () => void (await sql`SELECT count(*) FROM events`.execute(store.q()));
    const base: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await countAll();
      base.push(performance.now() - s);
    }

    const endMs = Date.parse(seed.end);
    const dayOf = (k: number) => ({ from: new Date(endMs - (k + 1) * 86_400_000).toISOString(), to: new Date(endMs - k * 86_400_000).toISOString() });
    let i = 0;
    const next = <T>(xs: readonly T[]) => xs[(i++ * 7919) % xs.length]!;
    // A deep page: the cursor 500 pages (25,000 rows) into the unfiltered list.
    let deep = null as Awaited<ReturnType<typeof repo.page>>['next'];
    for (let p = 0; p < 500; p++) deep = (await repo.page({}, deep, 50)).next;
    const deepCursor = deep;

    const cases: Array<[string, () => CheckFilter, (typeof deepCursor)?]> = [
      ['first page (no filter)', () => ({})],
      ['deep keyset page (25,000 rows in)', () => ({}), deepCursor],
      ['checkpoint + day', () => ({ checkpointId: next(seed.checkpointIds), ...dayOf(i % 30) })],
      ['plate', () => ({ plate: next(seed.plates) })],
      ['pass id', () => ({ passNo: next(seed.passNos) })],
      ['decision + day', () => ({ decision: next(['ESCORT', 'HOLD', 'REFUSE', 'MANUAL']), ...dayOf(i % 30) })],
      ['staff badge', () => ({ staff: next(seed.badges) })],
      ['enterprise', () => ({ enterprise: next(seed.credits) })],
      ['fever', () => ({ fever: true })],
      ['key area + day', () => ({ keyarea: true, ...dayOf(i % 30) })],
      ['anomalies', () => ({ anomalies: true })],
      ['device + day + ESCORT', () => ({ deviceId: next(seed.deviceIds), decision: 'ESCORT', ...dayOf(i % 30) })],
    ];
    const queries: AuditConsoleBench['queries'] = [];
    for (const [name, make, cursor] of cases) {
      const times: number[] = [];
      let rows = 0;
      for (let k = 0; k < runs; k++) {
        const f = make();
        const s = performance.now();
        rows = (await repo.page(f, cursor ?? null, 50)).items.length;
        times.push(performance.now() - s);
      }
      queries.push({ name, p50: pct(times, 50), p95: pct(times, 95), rows, plan: await repo.plan(make(), cursor ?? null) });
      sample();
    }

    // The dashboard: its four grouped event queries, over a day (by hour), a week (by day) and a day at one checkpoint.
    const dash = dashboardRepo(store);
    const dashboard: AuditConsoleBench['dashboard'] = [];
    const week = (k: number) => ({ from: new Date(endMs - (k + 7) * 86_400_000).toISOString(), to: new Date(endMs - k * 86_400_000).toISOString() });
    const dashCases: Array<[string, () => { from: string; to: string; checkpointId?: number }, 'hour' | 'day']> = [
      ['day, all checkpoints', () => dayOf(i % 30), 'hour'],
      ['week, all checkpoints', () => week(i % 20), 'day'],
      ['day, one checkpoint', () => ({ ...dayOf(i % 30), checkpointId: next(seed.checkpointIds) }), 'hour'],
    ];
    for (const [name, make, bucket] of dashCases) {
      for (const q of ['decisions', 'checkpoints', 'fever', 'handovers'] as DashboardQueryName[]) {
        const times: number[] = [];
        let rows = 0;
        for (let k = 0; k < Math.min(runs, 20); k++) {
          const r = { day: '', period: 'day' as const, firstDay: '', checkpointId: undefined as number | undefined, ...make() };
          const s = performance.now();
          rows = (await (q === 'fever' ? dash.fever(r) : q === 'handovers' ? dash.handovers(r) : dash[q](r, bucket))).length;
          times.push(performance.now() - s);
        }
        dashboard.push({ name: `${name}: ${q}`, p50: pct(times, 50), p95: pct(times, 95), rows, plan: (await dash.plans(make(), bucket))[q] });
        sample();
      }
    }

    // Anomalies: the sweep a server runs at start examines every event not examined yet (all of them here:
    // the seed writes rows directly), then the anomalies page's queries on what it found.
    const repos = repositories(store, { dataKey: DataKey.load(dir) });
    const finder = anomaliesService({ repos, anomalies: repos.anomalies, maxBundleAgeSec: () => null });
    const sweepStart = performance.now();
    await finder.sweep(new Date(seed.end));
    const sweepSec = (performance.now() - sweepStart) / 1000;
    sample();
    const found = Number((await store.q().selectFrom('anomalies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const kinds = (await store.q().selectFrom('anomalies').select('kind').distinct().execute()).map((r) => r.kind);
    const anomalyCases: Array<[string, () => AnomalyFilter]> = [
      ['anomalies: first page', () => ({})],
      ['anomalies: one kind', () => ({ kind: next(kinds) as AnomalyFilter['kind'] })],
      ['anomalies: checkpoint + day', () => ({ checkpointId: next(seed.checkpointIds), ...dayOf(i % 30) })],
      ['anomalies: counts by kind, one day', () => dayOf(i % 30)],
    ];
    const anomalyQueries: AuditConsoleBench['anomalies']['queries'] = [];
    for (const [name, make] of anomalyCases) {
      const times: number[] = [];
      let rows = 0;
      for (let k = 0; k < runs; k++) {
        const f = make();
        const s = performance.now();
        rows = name.includes('counts') ? Object.keys(await repos.anomalies.countsByKind(f)).length : (await repos.anomalies.page(f, null, 50)).items.length;
        times.push(performance.now() - s);
      }
      anomalyQueries.push({ name, p50: pct(times, 50), p95: pct(times, 95), rows });
      sample();
    }
    const anomalies = { examinedPerSec: events / sweepSec, sweepSec, found, queries: anomalyQueries };

    // Export: every ESCORT of the whole month (~15 % of the table), through the same stream the route sends.
    const filter: CheckFilter = { decision: 'ESCORT' };
    const r0 = performance.now();
    let read = 0;
    for await (const _ of repo.iterate(filter)) read++;
    const readRowsPerSec = read / ((performance.now() - r0) / 1000);
    const rssBefore = process.memoryUsage().rss;
    let exportPeak = rssBefore;
    let bytes = 0;
    let rows = 0;
    const s = performance.now();
    await pipeline(
      Readable.from(csvChunks(repo.iterate(filter), 'zh', (n) => (rows = n))),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          sample();
          exportPeak = Math.max(exportPeak, process.memoryUsage().rss);
          cb();
        },
      }),
    );
    const sec = (performance.now() - s) / 1000;
    close = undefined;
    await opened.close();
    sample();
    return {
      engine: store.engine,
      events,
      buildSec,
      baselineCountMs: pct(base, 50),
      queries,
      dashboard,
      anomalies,
      export: { rows, sec, rowsPerSec: rows / sec, bytes },
      readRowsPerSec,
      exportRssMb: { before: rssBefore / 2 ** 20, peak: exportPeak / 2 ** 20 },
      peakRssMb: peak / 1024 / 1024,
    };
  } finally {
    clearInterval(timer);
    await close?.().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatAuditConsoleBench(b: AuditConsoleBench): string {
  const lines = [
    `Audit console on ${b.events.toLocaleString('en')} generated events${b.engine === 'postgres' ? ', PostgreSQL' : ''} (built in ${b.buildSec.toFixed(1)} s)`,
    `  baseline: full-table COUNT(*) ${b.baselineCountMs.toFixed(1)} ms`,
    '  query                                   p50 ms   p95 ms   rows  × baseline (p95)',
    ...b.queries.map((q) => `  ${q.name.padEnd(38)} ${q.p50.toFixed(2).padStart(7)} ${q.p95.toFixed(2).padStart(8)} ${String(q.rows).padStart(6)}  ${(q.p95 / b.baselineCountMs).toFixed(3)}`),
    '  dashboard (grouped, whole period)       p50 ms   p95 ms   rows',
    ...b.dashboard.map((q) => `  ${q.name.padEnd(38)} ${q.p50.toFixed(2).padStart(7)} ${q.p95.toFixed(2).padStart(8)} ${String(q.rows).padStart(6)}`),
    `  anomalies: the sweep examined ${b.events.toLocaleString('en')} events in ${b.anomalies.sweepSec.toFixed(1)} s (${Math.round(b.anomalies.examinedPerSec).toLocaleString('en')} events/s), found ${b.anomalies.found.toLocaleString('en')}`,
    ...b.anomalies.queries.map((q) => `  ${q.name.padEnd(38)} ${q.p50.toFixed(2).padStart(7)} ${q.p95.toFixed(2).padStart(8)} ${String(q.rows).padStart(6)}  ${(q.p95 / b.baselineCountMs).toFixed(3)}`),
    `  CSV export: ${b.export.rows.toLocaleString('en')} rows, ${(b.export.bytes / 1e6).toFixed(1)} MB in ${b.export.sec.toFixed(1)} s = ${Math.round(b.export.rowsPerSec).toLocaleString('en')} rows/s`,
    `  reading the same rows without CSV: ${Math.round(b.readRowsPerSec).toLocaleString('en')} rows/s`,
    `  RSS before the export ${b.exportRssMb.before.toFixed(0)} MB, peak during it ${b.exportRssMb.peak.toFixed(0)} MB`,
    `  peak RSS: ${b.peakRssMb.toFixed(0)} MB`,
    `  p95 goal < 50 ms: ${b.queries.every((q) => q.p95 < 50) ? 'met' : 'NOT met: ' + b.queries.filter((q) => q.p95 >= 50).map((q) => q.name).join(', ')}`,
  ];
  return lines.join('\n');
}

/** Item 6 of `npm run bench`: each query's p95 against the full-table COUNT(*), the export against reading the same rows. */
export function auditConsoleSection(b: AuditConsoleBench): Section {
  const pg = b.engine === 'postgres';
  const id = (rest: string) => (pg ? `audit.postgres.${rest}` : `audit.${rest}`);
  const base = { label: `full-table COUNT(*), median${pg ? ' (PostgreSQL)' : ''}`, value: b.baselineCountMs, unit: 'ms' };
  const p95 = (group: string, q: { name: string; p50: number; p95: number }, goal: boolean) =>
    figure(id(`${group}.${q.name.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toLowerCase()}.p95`), { label: `${q.name}: p95 (p50 ${q.p50.toFixed(2)} ms)`, value: q.p95, unit: 'ms' }, base, {
      ratioMeans: '× COUNT(*) (lower is better)',
      ...(goal ? { goal: (_r: number, v: number) => ({ text: 'p95 under 50 ms', met: v < 50 }) } : {}),
    });
  return {
    id: pg ? '6-audit-postgres' : '6-audit',
    title: `Audit console on ${b.events.toLocaleString('en')} generated events${pg ? ' (PostgreSQL)' : ''}`,
    figures: [
      ...b.queries.map((q) => p95('search', q, true)),
      ...b.dashboard.map((q) => p95('dashboard', q, false)),
      ...b.anomalies.queries.map((q) => p95('anomalies', q, true)),
      figure(id('export.rows_per_sec'), { label: `CSV export of ${b.export.rows.toLocaleString('en')} rows`, value: b.export.rowsPerSec, unit: 'rows/s' }, { label: 'the same rows read without CSV', value: b.readRowsPerSec, unit: 'rows/s' }, { ratioMeans: 'of reading (higher is better)' }),
      figure(id('export.peak_rss'), { label: 'peak RSS during the export', value: b.exportRssMb.peak, unit: 'MB' }, { label: 'RSS before the export', value: b.exportRssMb.before, unit: 'MB' }, {
        ratioMeans: '× before (1 = constant memory)',
        goal: (r) => ({ text: 'constant memory: within 1.25× of before', met: r <= 1.25 }),
      }),
      figure(id('anomalies.sweep'), { label: 'anomaly sweep over every event', value: b.anomalies.examinedPerSec, unit: 'events/s' }, undefined),
    ],
    notes: [`database built in ${b.buildSec.toFixed(0)} s (not measured); peak RSS of the whole bench process ${b.peakRssMb.toFixed(0)} MB; ${b.anomalies.found.toLocaleString('en')} anomalies found`],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const b = await runAuditConsoleBench(n);
  console.log(formatAuditConsoleBench(b));
  if (process.env.BENCH_PLANS) for (const q of [...b.queries, ...b.dashboard]) console.log(`\n${q.name}\n  ${q.plan.join('\n  ')}`);
}
