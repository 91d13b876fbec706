import t from 'tap';
import { bundleForBrowser } from '../device/browser-bundle-check.js';

// The scanner runs this module in a browser, offline: no Node built-ins, Web Crypto and jose only.
const report = await bundleForBrowser(new URL('../../../src/core/device/index.ts', import.meta.url));

t.same(report.errors, [], 'bundles for platform browser without errors');
t.same(report.builtins, [], 'imports no Node built-ins');
t.notMatch(report.code, /\brequire\(|\bprocess\.|\bBuffer\./, 'no CommonJS require or Node globals in the output');
t.ok(report.bytes > 0, `${Math.round(report.bytes / 1024)} KiB`);

t.test('the check catches Node built-ins (negative control)', async (t) => {
  const control = await bundleForBrowser(new URL('./node-import-control.ts', import.meta.url));
  t.equal(control.builtins.length, 2, control.builtins.join('; '));
  t.match(control.builtins.join(' '), /node:crypto/);
  t.match(control.builtins.join(' '), /\bfs\b/);
});
