/**
 * Mixed load (issue 15): the real server in a child process on loopback, under
 * autocannon for `seconds` (60 by default) with five kinds of traffic at once —
 * evaluate (a real pass, as a signed-in officer), ingest (signed, chained device
 * batches), the bureau's check search (page and API, with filters), the
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
import { figure, formatSection, type Figure, type Section } from './report.js';
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
  /** requests per second over all connections (ingest: the pre-signed pool must last the run) */
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

    // Ingest: every request is signed once with its own nonce (replays are refused), so the pool is signed before the
    // run, in each device's chain order; one connection sends it in order at a fixed rate.
    const devices = world.devices.map((d) => new LiveDevice(d));
    const pool: Array<{ headers: Record<string, string>; body: string }> = [];
    const poolSize = Math.ceil(ingestRate * seconds) + 5;
    for (let i = 0; i < poolSize; i++) {
      const d = devices[i % devices.length]!;
      await d.record(batchEvents);
      const batch = d.outbox.splice(0, d.outbox.length);
      const req = await d.signedRequest('POST', '/api/v1/devices/events', { events: batch });
      pool.push({ headers: req.headers, body: req.body! });
    }
    let next = 0;
    const ingest: CannonRequest = {
      method: 'POST',
      path: '/api/v1/devices/events',
      setupRequest: (req) => {
        const r = pool[Math.min(next++, pool.length - 1)]!;
        return { ...req, headers: r.headers, body: r.body };
      },
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

    const kinds = (withIngest: boolean): Kind[] => [
      { name: 'evaluate', connections: 8, requests: [evaluate] },
      ...(withIngest ? [{ name: 'ingest', connections: 1, requests: [ingest], overallRate: ingestRate, amount: poolSize - 5 }] : []),
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

    // Warm-up: the same mix without ingest (its pool is for the run), so start RSS is a warmed-up server's.
    await Promise.all(kinds(false).map((k) => fire(k, warmup)));
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
    const run = kinds(true);
    const results = await Promise.all(run.map((k) => fire(k, seconds)));
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const rssEnd = rssKiB(server.pid);

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
    const sentBatches = results[run.findIndex((k) => k.name === 'ingest')]!['2xx'];
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
      `ingest: ${sentBatches} batches of ${batchEvents} signed events answered 200 (sent at ${ingestRate}/s); ${stored} events stored${stored === sentBatches * batchEvents ? '' : ` — EXPECTED ${sentBatches * batchEvents}`}.`,
      'autocannon and the server share the machine: on 2 cores the load generator takes a good part of the CPU, so the p99s are of this machine under this mix, read against the floor (/healthz in the same run).',
    );
    if (stored !== sentBatches * batchEvents) figures[1]!.goal = { text: 'zero errors (stored events short of those sent)', met: false };
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
