/**
 * The bundle worker (a worker_thread started by off-thread.ts): reads, hashes,
 * checks and signs a city's trust bundle on its own read-only connection to
 * the server's database file, so the event loop that answers requests is never
 * held by it. It writes nothing: the service bumps the issue counter and the
 * key's last expiry before it asks for a signature.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { sqliteStore } from '../../db/sqlite-store.js';
import { contentBuilder, contentRows, signContent, type BundleContent } from './content.js';
import type { WorkerReply, WorkerRequest, WorkerResult } from './off-thread.js';
import { trustRepo } from './repository.js';

const port = parentPort;
if (!port) throw new Error('bundle-worker.ts runs as a worker thread (off-thread.ts starts it)');

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The same reads as the main thread's, over this thread's own connection: it never opens a transaction.
const builder = contentBuilder(trustRepo(sqliteStore(db)));
// The last few contents by hash: a signature request names the content it was built for.
const recent = new Map<string, BundleContent>();
const yieldNow = () => new Promise<boolean>((resolve) => setImmediate(() => resolve(true)));

async function handle(m: WorkerRequest): Promise<WorkerResult> {
  switch (m.op) {
    case 'warm':
      await builder.warmUp(m.cutoffSec, m.rows, yieldNow);
      return null;
    case 'build': {
      const built = await builder.build(m.inputs);
      recent.delete(built.hash);
      recent.set(built.hash, built.content);
      while (recent.size > 4) recent.delete(recent.keys().next().value!);
      return { hash: built.hash, skipped: built.skipped, rows: contentRows(built.content) };
    }
    case 'sign': {
      const content = recent.get(m.hash);
      if (!content) throw new Error(`no content built for ${m.hash}`);
      return signContent(content, m.claims, m.signer);
    }
  }
}

// One request at a time, in order: a build never runs in the middle of a warm-up.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: m.id, ok: true, result: await handle(m) };
    } catch (error) {
      reply = { id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
