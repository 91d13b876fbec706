/**
 * The real server in a child process over a seeded data folder, and the
 * clients that talk to it over loopback HTTP as scanners and browsers do:
 * shared by the load bench (bench/load.ts) and the crash harness
 * (test/reliability/crash-harness.ts). Nothing here reaches into the server's
 * process; what it knows of the server it learns over HTTP or from the SQLite
 * file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/server/db/open-store.js';
import { repositories } from '../src/server/repositories.js';
import { DataKey } from '../src/server/security/data-key.js';
import { ensureFirstAdmin } from '../src/server/bootstrap.js';
import { seedDemo } from '../src/cli/demo-data.js';
import { keysService } from '../src/server/features/keys/service.js';
import { passesService } from '../src/server/features/passes/service.js';
import { devicesService } from '../src/server/features/devices/service.js';
import { encodePassQrText } from '../src/core/pass/qr-text.js';
import { generateDeviceKeyPair, signDeviceRequest } from '../src/core/device/index.js';
import { formatDeviceTime, nextChainPosition, signEvent, type SignedEvent, type UnsignedEvent } from '../src/core/events/index.js';
import type { UserActor } from '../src/server/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Compiled (dist/bench/…) the repository is two levels up, from source one. */
const COMPILED = HERE.split(/[\\/]/).slice(-2).join('/') === 'dist/bench';
export const REPO_ROOT = resolve(HERE, COMPILED ? '../..' : '..');

/** How the server is started: the compiled entry when this file is compiled (npm run bench), else through tsx. */
function serverArgs(): string[] {
  return COMPILED ? [join(REPO_ROOT, 'dist/src/server/main.js')] : ['--import', 'tsx', join(REPO_ROOT, 'src/server/main.ts')];
}

// The port picker the browser tests use, re-exported for the load bench and the crash harness.
export { freePort } from '../test/helpers/browser.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LiveServer {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** resolves when the process has exited (for any reason) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * Starts `main.ts` on `dataDir` and waits for /healthz; a server that dies or hangs on the way is an error with its
 * output. `onSpawn` sees the process as soon as it exists (the crash harness kills some mid-start).
 */
export async function startLiveServer(
  dataDir: string,
  port: number,
  timeoutMs = 180_000,
  onSpawn?: (child: ChildProcess) => void,
  /** more of the server's environment: KAKOU_DATABASE_URL and KAKOU_NODE_ID for a node of several */
  env: Record<string, string> = {},
): Promise<LiveServer> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT,
    env: { ...process.env, KAKOU_DATA_DIR: dataDir, KAKOU_PORT: String(port), KAKOU_HOST: '127.0.0.1', KAKOU_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn?.(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
  // A harness stopped half-way (tap's timeout, ^C) must never leave a server behind.
  const guard = () => child.kill('SIGKILL');
  process.once('exit', guard);
  void exited.then(() => process.off('exit', guard));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new StartAborted(child.exitCode, child.signalCode, `server exited while starting (${child.exitCode ?? child.signalCode})\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { child, pid: child.pid!, baseUrl, exited, output: () => out };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`server not up after ${timeoutMs} ms\n${out}`);
}

export class StartAborted extends Error {
  constructor(readonly code: number | null, readonly signal: NodeJS.Signals | null, message: string) {
    super(message);
  }
}

/** SIGTERM (the clean stop) with a SIGKILL after `graceMs`. */
export async function stopLiveServer(s: LiveServer, graceMs = 10_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  await s.exited;
  clearTimeout(timer);
}

/** The child's resident set in KiB (VmRSS of /proc/<pid>/status; Linux). */
export function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

export interface DeviceIdentity {
  id: string;
  privateKey: CryptoKey;
}

export interface LiveWorld {
  dataDir: string;
  /** demo accounts: `officer` (bureau officer), `jincheng` (the demo enterprise's user) → password */
  accounts: Record<string, string>;
  devices: DeviceIdentity[];
  /** submitted applications waiting for an officer's approval (ids) */
  submitted: number[];
  /** an issued pass: QR text and what the evaluate body needs */
  pass: { qrText: string; plate: string };
}

/**
 * Seeds a fresh data folder with the server's own code before the server
 * starts on it: the demo data (checkpoint, enterprise, accounts, an issued
 * pass), `devices` scanners enrolled at the demo checkpoint through the
 * enrollment service (each with its own P-256 key, as a scanner makes it), and
 * `submitted` applications waiting for approval.
 */
export async function seedLiveWorld(
  dataDir: string,
  /** databaseUrl: seed a PostgreSQL database instead of the data folder's SQLite file (the data key stays in dataDir) */
  opts: { devices: number; submitted: number; databaseUrl?: string },
): Promise<LiveWorld> {
  const opened = await openStore({ dataDir, databaseUrl: opts.databaseUrl ?? null });
  try {
    const dataKey = DataKey.load(dataDir);
    const repos = repositories(opened.store, { dataKey });
    await ensureFirstAdmin(repos);
    const demo = await seedDemo(repos, dataDir, { publicUrl: 'http://127.0.0.1' });
    const keys = keysService(repos, dataKey);
    const devicesSvc = devicesService({ repos, keys, publicUrl: 'http://127.0.0.1' });
    const checkpointId = demo.checkpoint.id;

    const devices: DeviceIdentity[] = [];
    for (let i = 0; i < opts.devices; i++) {
      const code = await devicesSvc.createEnrollmentCode(null, checkpointId, '127.0.0.1');
      const pair = await generateDeviceKeyPair();
      const enrolled = await devicesSvc.enroll({ code: code.code, publicJwk: pair.publicJwk, appVersion: '1.0.0-live', label: `live-${i + 1}` } as never, '127.0.0.1');
      devices.push({ id: enrolled.deviceId, privateKey: pair.privateKey });
    }

    const ent: UserActor = { kind: 'user', user: (await repos.users.get((await repos.users.getWithHash('jincheng'))!.id))! };
    const passes = passesService(repos, keys.passSigner({ issuer: async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT' }));
    const enterpriseId = ent.user.enterpriseId!;
    const truck = (await repos.vehicles.list({ enterpriseId, status: 'all', limit: 10, offset: 0 })).items.find((v) => v.plate === '苏E12345')!;
    const people = (await repos.people.list({ enterpriseId, limit: 10, offset: 0 } as never)).items as Array<{ id: number; name: string }>;
    const driverId = people.find((p) => p.name === '张建国')!.id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const in13 = new Date(Date.now() + 8 * 3600_000 + 13 * 86_400_000).toISOString().slice(0, 10);
    // The demo's issued pass, found before the new applications push it off the first page.
    const issued = (await repos.passes.list({ enterpriseId, limit: 50, offset: 0 } as never)).items.find(
      (p: { plate: string; status: string }) => p.plate === '苏E12345' && p.status === 'issued',
    ) as { id: number };
    const submitted: number[] = [];
    for (let i = 0; i < opts.submitted; i++) {
      const created = await passes.create(ent, {
        vehicleId: truck.id, driverId, escortIds: [], originRegion: '320583', destination: '昆山市开发区前进东路 88 号',
        cargoCategory: 'parts', routeNote: 'G2', validFrom: today, validTo: in13,
      } as never, '127.0.0.1');
      await passes.submit(ent, created.id, '127.0.0.1');
      submitted.push(created.id);
    }

    return {
      dataDir,
      accounts: Object.fromEntries(demo.accounts.map((a) => [a.username, a.password])),
      devices,
      submitted,
      pass: { qrText: encodePassQrText((await repos.passes.token(issued.id))!), plate: '苏E12345' },
    };
  } finally {
    await opened.close();
  }
}

/** A browser over fetch: cookies kept, the CSRF token sent on state changes. */
export class LiveSession {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(public baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        cookie: this.cookieHeader,
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: await res.text() };
  }

  /**
   * Opens a server-sent event stream with this session's cookie, as a browser's EventSource would.
   * `next(type)` waits for the next event of that type (events of other types are passed over).
   */
  async openStream(path: string): Promise<{ next(type: string, timeoutMs?: number): Promise<string>; close(): void }> {
    const abort = new AbortController();
    const res = await fetch(this.baseUrl + path, { headers: { cookie: this.cookieHeader, accept: 'text/event-stream' }, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`stream ${path}: ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    const events: Array<{ type: string; data: string }> = [];
    const take = (type: string) => {
      const i = events.findIndex((e) => e.type === type);
      return i < 0 ? undefined : events.splice(0, i + 1).at(-1)!.data;
    };
    return {
      async next(type: string, timeoutMs = 30_000): Promise<string> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = take(type);
          if (found !== undefined) return found;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no '${type}' event on ${path} within ${timeoutMs} ms`);
          let timer: NodeJS.Timeout | undefined;
          const chunk = await Promise.race([
            reader.read(),
            new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), left))),
          ]).finally(() => clearTimeout(timer));
          if (chunk === 'timeout') continue;
          if (chunk.done) throw new Error(`stream ${path} ended before a '${type}' event`);
          buffered += chunk.value;
          let end: number;
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const lines = block.split('\n');
            const ev = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (ev) events.push({ type: ev, data });
          }
        }
      },
      close: () => abort.abort(),
    };
  }

  async login(username: string, password: string): Promise<void> {
    const s = await this.request('GET', '/api/v1/session');
    this.csrf = (JSON.parse(s.text) as { csrfToken: string }).csrfToken;
    const r = await this.request('POST', '/api/v1/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.csrf = (JSON.parse(r.text) as { csrfToken: string }).csrfToken;
  }
}

/** Event bodies a checkpoint records, in turn: sign-in, checks of each decision, sign-out. */
const BODIES: Array<Pick<UnsignedEvent, 'type' | 'payload'>> = [
  { type: 'staff_sign_in', payload: { staffBadge: 'KS0427' } },
  {
    type: 'check',
    payload: {
      passNo: 'Q7mZ2xKp9A', plate: '苏E12345', observations: { temps: [36.5, 36.7], plateMatch: true },
      decision: 'RELEASE', reasons: ['pass.valid', 'temp.normal'], ruleSetVersion: 1, bundleAgeSec: 5400, staffBadge: 'KS0427',
    },
  },
  {
    type: 'check',
    payload: {
      passNo: null, plate: '沪A12345', observations: { temps: [38.4, 38.5] },
      decision: 'HOLD', reasons: ['temp.fever'], ruleSetVersion: 1, bundleAgeSec: 600, staffBadge: 'KS0427',
    },
  },
  { type: 'staff_sign_out', payload: { staffBadge: 'KS0427' } },
];

/**
 * A scanner's outbox: events are recorded (signed, chained, numbered) and stay
 * queued until an upload's answer says each is accepted or duplicate, exactly
 * as the scanner app keeps them; a failed upload is retried with the very same
 * events.
 */
export class LiveDevice {
  /** recorded, not yet acknowledged, in seq order */
  readonly outbox: SignedEvent[] = [];
  /** ids the server acknowledged (accepted or duplicate) */
  readonly acked = new Set<string>();
  private last: SignedEvent | null = null;
  recorded = 0;

  constructor(readonly identity: DeviceIdentity) {}

  /** Records n events: the usual round of bodies, or `body` each time. */
  async record(n: number, body?: Pick<UnsignedEvent, 'type' | 'payload'>): Promise<void> {
    for (let i = 0; i < n; i++) {
      const { seq, prevHash } = await nextChainPosition(this.last);
      body ??= BODIES[(seq - 1) % BODIES.length]!;
      const event = await signEvent(
        { id: crypto.randomUUID(), deviceId: this.identity.id, seq, deviceTime: formatDeviceTime(new Date(), 480), prevHash, ...body } as UnsignedEvent,
        this.identity.privateKey,
      );
      this.outbox.push(event);
      this.last = event;
      this.recorded += 1;
    }
  }

  /** The signed request a scanner sends (body bytes signed once, sent as signed). */
  async signedRequest(method: string, path: string, body?: unknown): Promise<{ headers: Record<string, string>; body: string | undefined }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = await signDeviceRequest({ method, path, body: payload, deviceId: this.identity.id, privateKey: this.identity.privateKey });
    return { headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, body: payload };
  }

  /**
   * Uploads up to `max` queued events. Answers how many were acknowledged, or
   * throws on a transport failure or a non-200 (the events stay queued).
   */
  async upload(baseUrl: string, max = 500): Promise<number> {
    const batch = this.outbox.slice(0, max);
    if (batch.length === 0) return 0;
    const req = await this.signedRequest('POST', '/api/v1/devices/events', { events: batch });
    const res = await fetch(baseUrl + '/api/v1/devices/events', { method: 'POST', headers: req.headers, body: req.body!, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (res.status !== 200) throw new UploadRefused(res.status, text);
    const { results } = JSON.parse(text) as { results: Array<{ index: number; id: string | null; status: string }> };
    let n = 0;
    for (const r of results) {
      if (r.status !== 'accepted' && r.status !== 'duplicate') throw new UploadRefused(200, `event ${r.index} ${r.status}: ${text.slice(0, 500)}`);
      this.acked.add(batch[r.index]!.id);
      n += 1;
    }
    const done = new Set(results.map((r) => batch[r.index]!.id));
    // Only what the answer named leaves the queue.
    for (let i = this.outbox.length - 1; i >= 0; i--) if (done.has(this.outbox[i]!.id)) this.outbox.splice(i, 1);
    return n;
  }
}

export class UploadRefused extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`upload answered ${status}: ${body.slice(0, 500)}`);
  }
}
