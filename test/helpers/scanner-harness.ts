/**
 * The scanner's scanning pipeline in a real browser without the whole app:
 * the harness page (test/scanner/harness) built by Vite's JS API like the
 * app, served by a small static server (wasm as application/wasm, which
 * WebAssembly.instantiateStreaming insists on), and Debian's Chromium with a
 * fake camera that plays a y4m file. Used by test/scanner/*.test.ts and by
 * bench/scanner-decode.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

/** The repository root, also from the compiled copy under dist/ that the benchmark runs. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'scanner-app', 'vite.config.ts'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root (with scanner-app/) not found');
    dir = up;
  }
  return dir;
}

/**
 * Builds a harness page (by default the scanning pipeline's, test/scanner/harness; the check and
 * charter screens have their own) into a fresh temporary folder; the caller removes it.
 */
export async function buildHarness(harnessDir = join(repoRoot(), 'test', 'scanner', 'harness')): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'kakou-scan-harness-'));
  await build({
    configFile: false,
    root: harnessDir,
    base: '/',
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, sourcemap: false, reportCompressedSize: false },
  });
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  baseUrl: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` on a loopback port (127.0.0.1 is a secure context, so the camera is allowed). */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

/** Chromium whose only camera plays `y4mFile` in a loop; camera permission granted without a prompt. */
export function launchWithFakeCamera(y4mFile: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`],
    timeout: 30_000,
  });
}

/** Removes a temporary folder; never throws (teardowns must all run). */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // already gone
  }
}
