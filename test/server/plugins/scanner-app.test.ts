import t, { type Test } from 'tap';
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import scannerAppPlugin from '../../../src/server/plugins/scanner-app.js';
import errorsPlugin from '../../../src/server/plugins/errors.js';
import { setup } from '../../helpers/app.js';

/** A built app as Vite lays it out: entry page, service worker, manifest, hashed assets. */
function fakeBuild(t: Test): string {
  const root = mkdtempSync(join(tmpdir(), 'kakou-scanner-dist-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>卡口查验</title>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(root, 'manifest.webmanifest'), '{}');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'zxing_reader-abc.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  return root;
}

async function bare(t: Test, root: string) {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(errorsPlugin);
  await app.register(scannerAppPlugin, { root });
  t.teardown(() => app.close());
  return app;
}

t.test('the built app: entry and service worker revalidated, hashed assets immutable, wasm typed', async (t) => {
  const app = await bare(t, fakeBuild(t));
  const redirect = await app.inject('/scanner?x=1');
  t.equal(redirect.statusCode, 301);
  t.equal(redirect.headers.location, '/scanner/?x=1', 'the service worker scope needs the trailing slash');
  const index = await app.inject('/scanner/');
  t.equal(index.statusCode, 200);
  t.match(index.body, /卡口查验/);
  t.equal(index.headers['cache-control'], 'no-cache');
  const sw = await app.inject('/scanner/sw.js');
  t.equal(sw.headers['cache-control'], 'no-cache');
  t.equal(sw.headers['service-worker-allowed'], '/scanner/');
  const js = await app.inject('/scanner/assets/index-abc123.js');
  t.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  const wasm = await app.inject('/scanner/assets/zxing_reader-abc.wasm');
  t.equal(wasm.headers['content-type'], 'application/wasm', 'streaming compilation needs the wasm type');
  t.equal((await app.inject('/scanner/assets/nope.js')).statusCode, 404);
  t.equal((await app.inject('/scanner/../package.json')).statusCode, 404, 'nothing outside the build');
});

t.test('not built: a problem that says so, not a bare 404', async (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'kakou-scanner-empty-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const app = await bare(t, empty);
  const res = await app.inject({ url: '/scanner/', headers: { accept: 'application/json' } });
  t.equal(res.statusCode, 503);
  t.equal(res.json().code, 'scanner_not_built');
});

t.test('in the full app the scanner is public and under the strict CSP', async (t) => {
  const ctx = await setup(t);
  const res = await ctx.app.inject('/scanner/sw.js');
  t.ok(res.statusCode === 200 || res.statusCode === 503, 'no sign-in needed');
  t.match(String(res.headers['content-security-policy']), /script-src 'self' 'wasm-unsafe-eval'/, 'wasm allowed, nothing else');
});
