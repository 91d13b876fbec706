/**
 * Item 7: POST /api/v1/checks/evaluate under load over loopback, with
 * autocannon (50 connections), against its floor measured in the same run:
 * a bare Fastify 5 route that parses the same body and does one raw Ed25519
 * verify (node:crypto) of the same pass per request. Each server runs in its
 * own child process (bench/http-evaluate-server.ts), so autocannon's CPU is
 * not in the server's event loop (on two cores they still share the machine).
 *
 * The caller is real: an officer-role API token with the checks:evaluate
 * scope, made by the administrator through the API; the pass is issued
 * through the API. Every check the route makes runs on every request.
 *
 *   npx tsx bench/http-evaluate.ts            (KAKOU_BENCH_SECONDS=10 per server)
 *   KAKOU_BENCH_CPU_PROF=/tmp/prof npx tsx bench/http-evaluate.ts   (--cpu-prof the servers)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { figure, formatSection, type Section } from './report.js';

const CONNECTIONS = 50;
const SELF = fileURLToPath(import.meta.url);
const SERVER = fileURLToPath(new URL(`./http-evaluate-server${extname(SELF)}`, import.meta.url));

interface Started<T> {
  child: ChildProcess;
  info: T & { url: string };
}

function start<T>(args: string[]): Promise<Started<T>> {
  const prof = process.env.KAKOU_BENCH_CPU_PROF;
  const child = fork(SERVER, args, {
    execArgv: [...process.execArgv, ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, info: m as T & { url: string } }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before it was ready`)));
  });
}

function stop(s: Started<unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

export interface LoadResult {
  reqPerSec: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
}

async function load(url: string, headers: Record<string, string>, body: string, seconds: number): Promise<LoadResult> {
  const opts = { url: `${url}/api/v1/checks/evaluate`, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body, connections: CONNECTIONS };
  // Warm-up: JIT, statement caches, connection set-up; not counted.
  await autocannon({ ...opts, duration: 2 });
  const r = await autocannon({ ...opts, duration: seconds });
  return {
    reqPerSec: r.requests.average,
    p99Ms: r.latency.p99,
    p50Ms: r.latency.p50,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

interface KakouInfo {
  token: string;
  qrText: string;
  observed: unknown;
  jwks: { keys: Array<Record<string, unknown>> };
}

export interface HttpEvaluateResult {
  kakou: LoadResult;
  floor: LoadResult;
  /** the evaluate answer's decision, to show the load was real work */
  decision: string;
}

export async function measureHttpEvaluate(seconds = Number(process.env.KAKOU_BENCH_SECONDS ?? 10)): Promise<HttpEvaluateResult> {
  const kakouServer = await start<KakouInfo>(['kakou']);
  let kakou: LoadResult;
  let floor: LoadResult;
  let decision: string;
  const { token, qrText, observed, jwks } = kakouServer.info;
  const body = JSON.stringify({ qrText, observed });
  const headers = { authorization: `Bearer ${token}` };
  try {
    // One request first: the bench must measure a real RELEASE, not a fast refusal.
    const res = await fetch(`${kakouServer.info.url}/api/v1/checks/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const answer = (await res.json()) as { decision?: { decision: string }; pass?: { ok: boolean } };
    if (res.status !== 200 || answer.decision?.decision !== 'RELEASE' || answer.pass?.ok !== true) throw new Error(`evaluate answered ${res.status}: ${JSON.stringify(answer)}`);
    decision = answer.decision.decision;
    kakou = await load(kakouServer.info.url, headers, body, seconds);
  } finally {
    await stop(kakouServer);
  }
  const floorServer = await start<object>(['floor', JSON.stringify(jwks)]);
  try {
    const res = await fetch(`${floorServer.info.url}/api/v1/checks/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (((await res.json()) as { ok: boolean }).ok !== true) throw new Error('the floor route does not verify the pass');
    floor = await load(floorServer.info.url, {}, body, seconds);
  } finally {
    await stop(floorServer);
  }
  return { kakou, floor, decision };
}

export async function runHttpEvaluateBench(seconds?: number): Promise<Section> {
  const r = await measureHttpEvaluate(seconds);
  const errors = r.kakou.errors + r.kakou.non2xx;
  return {
    id: '7-http-evaluate',
    title: `HTTP: POST /api/v1/checks/evaluate, autocannon ${CONNECTIONS} connections on loopback`,
    figures: [
      figure(
        'http.evaluate.req_per_sec',
        { label: 'evaluate, API token caller, real pass (RELEASE)', value: r.kakou.reqPerSec, unit: 'req/s' },
        { label: 'bare Fastify route + one raw Ed25519 verify', value: r.floor.reqPerSec, unit: 'req/s' },
        { ratioMeans: 'of the floor (higher is better)', goal: (ratio) => ({ text: 'at least 0.6 of the floor', met: ratio >= 0.6 }) },
      ),
      figure(
        'http.evaluate.p99_ms',
        { label: 'evaluate p99 latency', value: r.kakou.p99Ms, unit: 'ms' },
        { label: 'floor p99 latency', value: r.floor.p99Ms, unit: 'ms' },
        { ratioMeans: '× the floor (lower is better)', goal: (_ratio, p99) => ({ text: 'p99 under 20 ms', met: p99 < 20 }) },
      ),
      figure(
        'http.evaluate.errors',
        { label: 'errors, timeouts and non-2xx answers', value: errors, unit: 'requests' },
        undefined,
        { goal: (_ratio, n) => ({ text: 'zero errors', met: n === 0 }) },
      ),
    ],
    notes: [
      `${r.kakou.requests} evaluate requests (p50 ${r.kakou.p50Ms} ms), ${r.floor.requests} floor requests (p50 ${r.floor.p50Ms} ms); each after a 2 s warm-up`,
      'servers in child processes; autocannon in the bench process: on a 2-core machine they still compete for the CPU',
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatSection(await runHttpEvaluateBench()));
}
