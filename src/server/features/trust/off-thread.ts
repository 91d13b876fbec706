/**
 * Starts and talks to the bundle worker (bundle-worker.ts): building and
 * signing a city's bundle (10,000 enterprises, 100,000 revocations: a few
 * hundred milliseconds of parsing, hashing and checking) on a thread of its
 * own, so a cold start or a change never holds the event loop that answers
 * requests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BundleSummary } from '../../../core/sync/index.js';
import type { BundleClaims, BundleSigner, ContentInputs } from './content.js';

type Request =
  | { op: 'warm'; cutoffSec: number; rows: number }
  | { op: 'build'; inputs: ContentInputs }
  | { op: 'sign'; hash: string; claims: BundleClaims; signer: BundleSigner };
export type WorkerRequest = Request & { id: number };
export type BuildReply = { hash: string; skipped: string[]; rows: number };
export type SignReply = { jws: string; summary: BundleSummary };
export type WorkerResult = null | BuildReply | SignReply;
export type WorkerReply = { id: number } & ({ ok: true; result: WorkerResult } | { ok: false; error: string });

/**
 * The worker's entry, from dist/ (compiled .js beside this file) or from the
 * TypeScript sources (tests, tsx). Node 20 does not pass the parent's module
 * hooks on to a worker, so from sources the worker registers tsx itself first.
 */
function entry(): { script: URL | string; eval: boolean } {
  const js = new URL('./bundle-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const ts = new URL('./bundle-worker.ts', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  return { script: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`, eval: true };
}

export interface BundleWorker {
  warm(cutoffSec: number, rows: number): Promise<void>;
  build(inputs: ContentInputs): Promise<BuildReply>;
  sign(hash: string, claims: BundleClaims, signer: BundleSigner): Promise<SignReply>;
  /** Stops the thread; what was asked and not yet answered fails. */
  terminate(): Promise<void>;
}

/** A worker over the database file `file` (it opens its own read-only connection). */
export function bundleWorker(file: string): BundleWorker {
  const { script, eval: isEval } = entry();
  const worker = new Worker(script, { eval: isEval, workerData: { file } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  // Held only while something is asked: an idle worker never keeps a process (a CLI, a test) alive.
  worker.unref();

  const failAll = (error: Error) => {
    dead ??= error;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on('message', (m: WorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(`bundle worker: ${m.error}`));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`bundle worker exited (code ${code})`)));

  function ask<T>(request: Request): Promise<T> {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  }

  return {
    warm: (cutoffSec, rows) => ask<null>({ op: 'warm', cutoffSec, rows }).then(() => undefined),
    build: (inputs) => ask<BuildReply>({ op: 'build', inputs }),
    sign: (hash, claims, signer) => ask<SignReply>({ op: 'sign', hash, claims, signer }),
    async terminate() {
      failAll(new Error('bundle worker stopped'));
      await worker.terminate();
    },
  };
}
