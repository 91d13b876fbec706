/**
 * Mixed load (issue 15): the real server in a child process on loopback, under
 * autocannon for `seconds` (60 by default) with five kinds of traffic at once —
 * evaluate (a real pass, as a signed-in officer), ingest (signed, chained device
 * batches, sent by this process's scanners: each needs a fresh signature), the bureau's check search (page and API, with filters), the
 * enterprise's portal pages, and /healthz as the same-run floor. Reports
 * requests, errors, p99 per kind against the floor's p99, and the server's RSS
 * after warm-up and at the end (end/start: memory flat is near 1).
 *
 * `npx tsx bench/load.ts [seconds]` or `npm run load`; from npm run bench's
 * runner as `runLoadBench()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { figure, formatSection, quantile, type Figure, type Section } from './report.js';
import { freePort, LiveDevice, LiveSession, rssKiB, seedLiveWorld, startLiveServer, stopLiveServer } from './live-server.js';

/** What this file reads of an autocannon result (autocannon ships no types). */
interface CannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  duration: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult> & { stop?: () => void };

// A string specifier keeps the import untyped on purpose: no ambient module declaration to collide with.
const AUTOCANNON: string = 'autocannon';
async function cannon(): Promise<Cannon> {
  const mod = (await import(AUTOCANNON)) as { default: Cannon };
  return mod.default;
}

interface Kind {
  name: string;
  connections: number;
  requests: CannonRequest[];
  /** requests per second over all connections */
  overallRate?: number;
  amount?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** China's date today, as the console's date filters take it. */
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

export interface LoadOptions {
  seconds?: number;
  warmupSeconds?: number;
  /** device batches per second and events per batch */
  ingestRate?: number;
  batchEvents?: number;
}

export async function runLoadBench(opts: LoadOptions = {}): Promise<Section> {
  const seconds = opts.seconds ?? 60;
  const warmup = opts.warmupSeconds ?? 5;
  const ingestRate = opts.ingestRate ?? 8;
  const batchEvents = opts.batchEvents ?? 20;
  const autocannon = await cannon();
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-load-'));
  const world = await seedLiveWorld(dataDir, { devices: 4, submitted: 0 });
  const server = await startLiveServer(dataDir, await freePort());
  try {
    const base = server.baseUrl;
    const officer = new LiveSession(base);
    await officer.login('officer', world.accounts.officer!);
    const ent = new LiveSession(base);
    await ent.login('jincheng', world.accounts.jincheng!);

    // Ingest is driven by this process's own scanners, not autocannon: every upload needs a fresh request signature
    // (timestamp within 5 minutes, nonce never reused), which autocannon cannot make per request; a pre-signed pool
    // goes stale when a loaded machine stretches the run. Each scanner records and signs its batch just before
    // sending it, as the app does, at `ingestRate` batches a second over all of them.
    const devices = world.devices.map((d) => new LiveDevice(d));
    const ingestStats = { latencies: [] as number[], ok: 0, errors: 0, detail: [] as string[], events: 0 };
    const ingestLoop = async (durationSec: number, measure: boolean) => {
      const end = Date.now() + durationSec * 1000;
      const gapMs = 1000 / ingestRate;
      let i = 0;
      const inFlight = new Set<Promise<void>>();
      while (Date.now() < end) {
        const d = devices[i++ % devices.length]!;
        const tick = Date.now();
        const p = (async () => {
          await d.record(batchEvents);
          const t0 = performance.now();
          try {
            const n = await d.upload(base, batchEvents);
            if (measure) {
              ingestStats.latencies.push(performance.now() - t0);
              ingestStats.ok += 1;
              ingestStats.events += n;
            }
          } catch (err) {
            if (measure) {
              ingestStats.errors += 1;
              if (ingestStats.detail.length < 3) ingestStats.detail.push(err instanceof Error ? err.message.slice(0, 200) : String(err));
            }
          }
        })();
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        // One device uploads one batch at a time (its chain stays in order): wait for this one when the device comes round again.
        if (inFlight.size >= devices.length) await Promise.race(inFlight);
        await sleep(Math.max(0, gapMs - (Date.now() - tick)));
      }
      await Promise.all(inFlight);
    };

    const evaluateBody = JSON.stringify({
      qrText: world.pass.qrText,
      observed: { plate: world.pass.plate, people: [{ passIndex: 0, id4Matches: true, readings: [36.5], stays: [] }], staffKeyAreaFlag: false },
    });
    const officerHeaders = { cookie: officer.cookieHeader, 'x-csrf-token': officer.csrf };
    const entHeaders = { cookie: ent.cookieHeader };
    const get = (path: string, headers: Record<string, string>): CannonRequest => ({ method: 'GET', path, headers });
    const consoleQueries = [
      '/bureau/checks',
      `/bureau/checks?from=${chinaDay(-1)}&to=${chinaDay()}`,
      '/bureau/checks?decision=HOLD',
      `/bureau/checks?plate=${encodeURIComponent('苏E12345')}&staff=KS0427`,
      '/api/v1/audit/checks?limit=50',
      '/api/v1/audit/checks?decision=RELEASE&limit=20',
      `/api/v1/audit/checks?from=${chinaDay()}&fever=1`,
    ].map((p) => get(p, officerHeaders));
    const portalPages = ['/enterprise', '/enterprise/passes', '/enterprise/vehicles', '/enterprise/people', '/enterprise/checks'].map((p) => get(p, entHeaders));
    const evaluate: CannonRequest = {
      method: 'POST',
      path: '/api/v1/checks/evaluate',
      headers: { ...officerHeaders, 'content-type': 'application/json' },
      body: evaluateBody,
    };

    // Every request is checked once by hand first: a mix that answers 4xx would measure refusals, not work.
    for (const r of [evaluate, ...consoleQueries, ...portalPages]) {
      const res = await fetch(base + r.path!, { method: r.method!, headers: r.headers!, ...(r.body ? { body: r.body } : {}), redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${r.method} ${r.path} answered ${res.status} before the run`);
    }

    const kinds: Kind[] = [
      { name: 'evaluate', connections: 8, requests: [evaluate] },
      { name: 'console', connections: 4, requests: consoleQueries },
      { name: 'portal', connections: 4, requests: portalPages },
      { name: 'healthz', connections: 1, requests: [get('/healthz', {})] },
    ];
    const fire = (k: Kind, duration: number) =>
      autocannon({
        url: base,
        connections: k.connections,
        duration,
        requests: k.requests,
        timeout: 30,
        ...(k.overallRate ? { overallRate: k.overallRate } : {}),
        ...(k.amount ? { amount: k.amount } : {}),
      });

    // Warm-up: the same mix, so start RSS is a warmed-up server's.
    await Promise.all([...kinds.map((k) => fire(k, warmup)), ingestLoop(warmup, false)]);
    await sleep(1_000);
    const rssStart = rssKiB(server.pid);
    let rssPeak = rssStart;
    const sampler = setInterval(() => {
      try {
        rssPeak = Math.max(rssPeak, rssKiB(server.pid));
      } catch {
        // the process is gone; the run's errors will say why
      }
    }, 1_000);
    const started = Date.now();
    const run = kinds;
    const [results] = await Promise.all([Promise.all(run.map((k) => fire(k, seconds))), ingestLoop(seconds, true)]);
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const rssEnd = rssKiB(server.pid);

    const acked = devices.reduce((n, d) => n + d.acked.size, 0);
    // Everything the ingest kind sent must be stored: a 200 whose events went missing would not count as an error otherwise.
    const stored = await (async () => {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(join(dataDir, 'kakou.sqlite'), { readonly: true });
      try {
        // The demo seed's own scanner has sample checks: count the load's devices only.
        const ids = world.devices.map((d) => d.id);
        return db.prepare(`SELECT count(*) FROM events WHERE device_id IN (${ids.map(() => '?').join(', ')})`).pluck().get(...ids) as number;
      } finally {
        db.close();
      }
    })();

    const figures: Figure[] = [];
    const notes: string[] = [];
    const floor = results[run.findIndex((k) => k.name === 'healthz')]!;
    let totalErrors = 0;
    let totalRequests = 0;
    run.forEach((k, i) => {
      const r = results[i]!;
      const errors = r.errors + r.timeouts + r['4xx'] + r['5xx'];
      totalErrors += errors;
      totalRequests += r.requests.total;
      notes.push(`${k.name}: ${r.requests.total} requests (${(r.requests.total / elapsed).toFixed(1)}/s) over ${k.connections} connection(s), ${errors} errors (${r['4xx']} 4xx, ${r['5xx']} 5xx, ${r.errors} socket errors, ${r.timeouts} timeouts), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
      if (k.name !== 'healthz') {
        figures.push(figure(`load.${k.name}.p99`, { label: `${k.name} p99 under the mixed load`, value: r.latency.p99, unit: 'ms' }, { label: 'GET /healthz p99 in the same run', value: floor.latency.p99, unit: 'ms' }, { ratioMeans: '× the floor (lower is better)' }));
      }
    });
    {
      const lat = ingestStats.latencies;
      const p50 = quantile(lat, 0.5);
      const p99 = quantile(lat, 0.99);
      totalErrors += ingestStats.errors;
      totalRequests += ingestStats.ok + ingestStats.errors;
      notes.push(`ingest (the harness's own scanners, ${devices.length} of them): ${ingestStats.ok + ingestStats.errors} uploads of ${batchEvents} events (${((ingestStats.ok + ingestStats.errors) / elapsed).toFixed(1)}/s), ${ingestStats.errors} errors${ingestStats.detail.length ? ` (${ingestStats.detail.join('; ')})` : ''}, p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`);
      figures.push(figure('load.ingest.p99', { label: 'ingest p99 under the mixed load (batch of ' + batchEvents + ')', value: Math.round(p99), unit: 'ms' }, { label: 'GET /healthz p99 in the same run', value: floor.latency.p99, unit: 'ms' }, { ratioMeans: '× the floor (lower is better)' }));
    }
    figures.unshift(
      figure('load.rss', { label: 'server RSS at the end', value: rssEnd / 1024, unit: 'MB' }, { label: 'server RSS after warm-up', value: rssStart / 1024, unit: 'MB' }, {
        ratioMeans: 'end / start (near 1 is flat)',
        goal: (ratio) => ({ text: 'memory flat: end/start at most 1.2', met: ratio <= 1.2 }),
      }),
      figure('load.errors', { label: 'errors (socket errors, timeouts, 4xx, 5xx) over all kinds', value: totalErrors, unit: 'errors' }, undefined, {
        goal: (_r, m) => ({ text: 'zero errors', met: m === 0 }),
      }),
      figure('load.requests', { label: 'requests answered over all kinds', value: totalRequests, unit: 'requests' }, undefined),
    );
    notes.push(
      `${seconds} s of mixed load after a ${warmup} s warm-up; server RSS ${(rssStart / 1024).toFixed(1)} MB after warm-up, ${(rssEnd / 1024).toFixed(1)} MB at the end, peak ${(rssPeak / 1024).toFixed(1)} MB (sampled every second).`,
      `ingest: ${acked} events acknowledged over warm-up and run, ${stored} stored for the load's scanners${stored === acked ? '' : ` — EXPECTED ${acked}`} (an upload cut by a timeout may be stored without its acknowledgement: counted as an error above).`,
      'autocannon and the server share the machine: on 2 cores the load generator takes a good part of the CPU, so the p99s are of this machine under this mix, read against the floor (/healthz in the same run).',
    );
    if (stored < acked) figures[1]!.goal = { text: 'zero errors (stored events short of those sent)', met: false };
    return { id: 'load', title: 'Mixed load: evaluate, ingest, console queries, portal pages', figures, notes };
  } finally {
    await stopLiveServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv[2];
  if (arg !== undefined && !/^\d+$/.test(arg)) {
    console.error('usage: npx tsx bench/load.ts [seconds]');
    process.exit(2);
  }
  const section = await runLoadBench({ seconds: arg ? Number(arg) : 60 });
  console.log(formatSection(section));
  console.log(JSON.stringify(section, null, 2));
  process.exit(section.figures.every((f) => !f.goal || f.goal.met) ? 0 : 1);
}
