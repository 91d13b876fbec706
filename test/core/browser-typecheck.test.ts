import t from 'tap';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * src/core type-checks on its own as the scanner sees it — once with the DOM
 * libraries (the page), once with WebWorker (the worker and service worker) —
 * and without Node types, so a node:* import or a Node global fails here, at
 * type-check time, not only when a bundle is built.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

for (const config of ['tsconfig.core.json', 'tsconfig.core-worker.json']) {
  t.test(`src/core type-checks with ${config}`, async (t) => {
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', config], { cwd: ROOT }).then(
      () => ({ ok: true, out: '' }),
      (err: { stdout?: string }) => ({ ok: false, out: err.stdout ?? String(err) }),
    );
    t.ok(result.ok, 'no type errors', result.ok ? {} : { diagnostics: result.out });
  });
}
