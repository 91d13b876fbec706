/**
 * Crash-safety harness (issue 15). The real server runs as a child process on
 * a temp data folder; simulated scanners upload signed, chained event batches
 * through the real ingest endpoint while an officer approves applications and
 * scanners fetch the trust bundle, and the process is killed with SIGKILL at
 * moments drawn from a seeded generator. While it is down the harness checks
 * the SQLite file as the crash left it; after each restart the scanners retry
 * whatever was not acknowledged, with the same event ids.
 *
 * Run alone: `npm run crash -- --kills 200 [--seed N] [--devices 4]`
 * (scripts/crash.ts); the short form is test/reliability/crash.test.ts.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from '../../bench/prng.js';
import { freePort, LiveDevice, LiveSession, seedLiveWorld, StartAborted, startLiveServer, stopLiveServer, type LiveServer } from '../../bench/live-server.js';
import { openDb } from '../../src/server/db/open.js';
import { repositories } from '../../src/server/repositories.js';
import { sqliteStore } from '../../src/server/db/sqlite-store.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../src/server/features/audit/integrity.js';
import { systemActor } from '../../src/server/security/actor.js';

export interface CrashOptions {
  kills: number;
  seed: number;
  devices?: number;
  /**
   * When a kill lands: after the server answered a drawn number of writes in this round (0 to `maxAnswers`), then
   * after a drawn delay of 0 to `maxDelayMs`. Counting answers rather than only waiting keeps the kills among
   * the writes however slow the machine is (a cold server on a loaded box can take seconds over its first upload).
   */
  maxAnswers?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  seed: number;
  kills: number;
  devices: number;
  /** events recorded by the scanners; at the end all must be stored, once */
  eventsRecorded: number;
  /** events whose upload answered 200 with accepted/duplicate for them, before the final flush */
  eventsAckedUnderFire: number;
  /** uploads that failed because the server died under them (their events were retried) */
  uploadsCut: number;
  approvalsAcked: number;
  approvalsCut: number;
  bundleFetches: number;
  /** kills that landed while the server was starting (before /healthz answered) */
  killsDuringStart: number;
  /** kills that landed while an upload was in flight */
  killsDuringUpload: number;
  /** kills that landed while an approval was in flight */
  killsDuringApproval: number;
  durationMs: number;
  /** every broken invariant, in words; empty when the run passed */
  failures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DownCheck {
  integrity: string;
  auditOk: boolean;
  auditDetail: string;
  /** acked ids not stored exactly once */
  missing: string[];
  /** rows whose id occurs more than once (cannot, with the primary key: a check of the check) */
  duplicates: number;
  approvalsNotIssued: number[];
  /** approvals recorded more than once in the audit log */
  doubleIssued: number[];
}

/** The database as the crash left it, opened as the operator's tools open it (WAL recovery included). */
export async function checkDown(dataDir: string, devices: LiveDevice[], approved: Set<number>): Promise<DownCheck> {
  const file = join(dataDir, 'kakou.sqlite');
  const raw = new Database(file);
  let integrity: string;
  let missing: string[] = [];
  let duplicates = 0;
  let approvalsNotIssued: number[] = [];
  let doubleIssued: number[] = [];
  try {
    integrity = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const count = raw.prepare('SELECT count(*) AS n FROM events WHERE id = ?').pluck();
    for (const d of devices) for (const id of d.acked) if ((count.get(id) as number) !== 1) missing.push(id);
    duplicates = raw.prepare('SELECT count(*) FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1)').pluck().get() as number;
    const status = raw.prepare('SELECT status FROM passes WHERE id = ?').pluck();
    approvalsNotIssued = [...approved].filter((id) => status.get(id) !== 'issued');
    const issues = raw.prepare("SELECT subject_id AS id, count(*) AS n FROM audit_log WHERE action = 'pass.issue' GROUP BY subject_id HAVING n > 1").all() as Array<{ id: string }>;
    doubleIssued = issues.map((r) => Number(r.id));
  } finally {
    raw.close();
  }
  // `kakou audit verify`'s own code path (src/cli/main.ts), on the crashed file.
  const db = openDb(file);
  try {
    const repos = repositories(sqliteStore(db), { dataDir });
    const r = await auditIntegrity(repos, keysService(repos, DataKey.load(dataDir))).verify({ by: { actor: systemActor('crash-harness') } });
    return {
      integrity, missing, duplicates, approvalsNotIssued, doubleIssued,
      auditOk: r.ok,
      auditDetail: r.ok ? `${r.entries} entries, ${r.checkpoints} checkpoints` : `${r.failure!.kind} at ${r.failure!.seq}: ${r.failure!.detail}`,
    };
  } finally {
    db.close();
  }
}

export async function runCrashHarness(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  // Two streams: the kill schedule depends on the seed alone, whatever order the concurrent loops draw theirs in.
  const killRandom = prng(opts.seed);
  const random = prng((opts.seed ^ 0x9e3779b9) >>> 0);
  const between = (lo: number, hi: number, r = random) => lo + Math.floor(r() * (hi - lo + 1));
  const nDevices = opts.devices ?? 4;
  const maxAnswers = opts.maxAnswers ?? 4;
  const maxDelay = opts.maxDelayMs ?? 400;
  const started = Date.now();
  const failures: string[] = [];
  const report: CrashReport = {
    seed: opts.seed, kills: 0, devices: nDevices, eventsRecorded: 0, eventsAckedUnderFire: 0, uploadsCut: 0,
    approvalsAcked: 0, approvalsCut: 0, bundleFetches: 0, killsDuringStart: 0, killsDuringUpload: 0, killsDuringApproval: 0, durationMs: 0, failures,
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-crash-'));
  let server: LiveServer | undefined;
  try {
    // Enough applications that the officer never runs out: one approval every few hundred ms at most.
    const world = await seedLiveWorld(dataDir, { devices: nDevices, submitted: Math.max(20, opts.kills * 3) });
    const devices = world.devices.map((d) => new LiveDevice(d));
    const port = await freePort();
    const pending = [...world.submitted];
    const approved = new Set<number>();
    let officer: LiveSession | undefined;

    const downChecks = async (what: string) => {
      const c = await checkDown(dataDir, devices, approved);
      if (c.integrity !== 'ok') failures.push(`${what}: integrity_check: ${c.integrity}`);
      if (!c.auditOk) failures.push(`${what}: audit verify failed: ${c.auditDetail}`);
      if (c.missing.length) failures.push(`${what}: ${c.missing.length} acknowledged event(s) not stored exactly once, e.g. ${c.missing[0]}`);
      if (c.duplicates) failures.push(`${what}: ${c.duplicates} event id(s) stored twice`);
      if (c.approvalsNotIssued.length) failures.push(`${what}: acknowledged approvals not issued: ${c.approvalsNotIssued.join(', ')}`);
      if (c.doubleIssued.length) failures.push(`${what}: passes issued twice: ${c.doubleIssued.join(', ')}`);
      const queued = devices.reduce((n, d) => n + d.outbox.length, 0);
      log(`${what}/${opts.kills}: acked ${report.eventsAckedUnderFire}, queued ${queued}, approvals ${report.approvalsAcked}, integrity ${c.integrity}, audit ${c.auditOk ? 'ok' : 'FAILED'} (${c.auditDetail})`);
    };

    let lastStartMs = 2_000;
    for (let round = 0; round <= opts.kills; round++) {
      // One round in ten the kill lands while the server starts (opening the file, migrations, key loading).
      const killAtStart = round > 0 && round < opts.kills && killRandom() < 0.1 ? between(0, lastStartMs, killRandom) : null;
      const spawnedAt = Date.now();
      let startTimer: NodeJS.Timeout | undefined;
      try {
        server = await startLiveServer(dataDir, port, undefined, (child) => {
          if (killAtStart !== null) startTimer = setTimeout(() => child.kill('SIGKILL'), killAtStart);
        });
      } catch (err) {
        clearTimeout(startTimer);
        if (!(err instanceof StartAborted) || err.signal !== 'SIGKILL') throw err;
        report.kills += 1;
        report.killsDuringStart += 1;
        await downChecks(`kill ${report.kills} (at start, ${killAtStart} ms)`);
        continue;
      }
      clearTimeout(startTimer);
      lastStartMs = Date.now() - spawnedAt;
      const base = server.baseUrl;
      if (!officer) {
        officer = new LiveSession(base);
        await officer.login('officer', world.accounts.officer!);
      }
      // After a restart every scanner first retries its queue, as the app does on reconnect.
      const last = round === opts.kills;
      let alive = true;
      let uploadsInFlight = 0;
      let approvalInFlight = false;
      let answers = 0;

      const deviceLoop = async (d: LiveDevice) => {
        while (alive) {
          if (random() < 0.1) {
            // The trust bundle: the server may build and sign it on this request.
            const req = await d.signedRequest('GET', '/api/v1/trust/bundle');
            try {
              const res = await fetch(base + '/api/v1/trust/bundle', { headers: req.headers, signal: AbortSignal.timeout(30_000) });
              await res.arrayBuffer();
              if (res.status !== 200) failures.push(`round ${round}: trust bundle answered ${res.status}`);
              else report.bundleFetches += 1;
            } catch {
              if (alive) failures.push(`round ${round}: trust bundle fetch failed while the server was up`);
              return;
            }
            continue;
          }
          if (d.outbox.length < 500) await d.record(between(1, 40));
          uploadsInFlight += 1;
          try {
            report.eventsAckedUnderFire += await d.upload(base);
            answers += 1;
          } catch (err) {
            if (!alive) {
              report.uploadsCut += 1;
              return;
            }
            failures.push(`round ${round}: upload failed while the server was up: ${err instanceof Error ? err.message : String(err)}`);
            return;
          } finally {
            uploadsInFlight -= 1;
          }
        }
      };

      const officerLoop = async () => {
        while (alive && pending.length > 0) {
          const id = pending[0]!;
          approvalInFlight = true;
          try {
            const r = await officer!.request('POST', `/api/v1/passes/${id}/approve`);
            if (r.status === 200) {
              approved.add(id);
              report.approvalsAcked += 1;
              answers += 1;
              pending.shift();
            } else if (r.status === 409) {
              // Approved before the crash but never answered: the retry finds it issued, which is fine.
              pending.shift();
            } else {
              failures.push(`round ${round}: approve ${id} answered ${r.status} ${r.text.slice(0, 300)}`);
              return;
            }
          } catch {
            if (!alive) report.approvalsCut += 1;
            else failures.push(`round ${round}: approve ${id} failed while the server was up`);
            return;
          } finally {
            approvalInFlight = false;
          }
          await sleep(between(0, 150));
        }
      };

      if (last) {
        // The end: no kill; flush every queue, then stop cleanly and check once more.
        for (const d of devices) {
          while (d.outbox.length > 0) await d.upload(base);
        }
        break;
      }

      const loops = [...devices.map(deviceLoop), officerLoop()];
      const wantAnswers = between(0, maxAnswers, killRandom);
      const delay = between(0, maxDelay, killRandom);
      // A server that stops answering altogether is a failure of its own, not a reason to wait forever.
      const patience = Date.now() + 120_000;
      while (answers < wantAnswers && Date.now() < patience && failures.length === 0) await sleep(5);
      if (answers < wantAnswers && failures.length === 0) failures.push(`round ${round}: only ${answers} of ${wantAnswers} writes answered in 120 s`);
      await sleep(delay);
      if (uploadsInFlight > 0) report.killsDuringUpload += 1;
      if (approvalInFlight) report.killsDuringApproval += 1;
      alive = false;
      server.child.kill('SIGKILL');
      const exit = await server.exited;
      await Promise.all(loops);
      report.kills += 1;
      if (exit.signal !== 'SIGKILL') failures.push(`round ${round}: server ended with ${exit.code ?? exit.signal} before the kill\n${server.output()}`);

      await downChecks(`kill ${report.kills}`);
      if (failures.length > 20) break;
    }

    if (server) await stopLiveServer(server);
    report.eventsRecorded = devices.reduce((n, d) => n + d.recorded, 0);
    const final = await checkDown(dataDir, devices, approved);
    if (final.integrity !== 'ok') failures.push(`final: integrity_check: ${final.integrity}`);
    if (!final.auditOk) failures.push(`final: audit verify failed: ${final.auditDetail}`);
    if (final.missing.length) failures.push(`final: ${final.missing.length} event(s) not stored exactly once`);
    const raw = new Database(join(dataDir, 'kakou.sqlite'), { readonly: true });
    try {
      for (const d of devices) {
        if (d.outbox.length) failures.push(`final: device ${d.identity.id} still has ${d.outbox.length} queued`);
        if (d.acked.size !== d.recorded) failures.push(`final: device ${d.identity.id} recorded ${d.recorded}, acknowledged ${d.acked.size}`);
        const stored = raw.prepare('SELECT count(*) FROM events WHERE device_id = ?').pluck().get(d.identity.id) as number;
        if (stored !== d.recorded) failures.push(`final: device ${d.identity.id} recorded ${d.recorded}, server stores ${stored}`);
        // Sequential uploads of one queue leave no gap, fork or broken link: a flag here means a lost or reordered write.
        const flagged = raw.prepare('SELECT count(*) FROM events WHERE device_id = ? AND (gap = 1 OR broken_link = 1 OR fork = 1)').pluck().get(d.identity.id) as number;
        if (flagged) failures.push(`final: device ${d.identity.id} has ${flagged} flagged event(s)`);
      }
    } finally {
      raw.close();
    }
    log(`final: recorded ${report.eventsRecorded}, integrity ${final.integrity}, audit ${final.auditOk ? 'ok' : 'FAILED'} (${final.auditDetail})`);
  } catch (err) {
    failures.push(`harness stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}${server ? `\nserver output:\n${server.output()}` : ''}`);
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    report.durationMs = Date.now() - started;
  }
  return report;
}
