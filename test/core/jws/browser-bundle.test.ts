import t from 'tap';
import { bundleForBrowser } from '../device/browser-bundle-check.js';

// Shared by the pass, trust bundle and checkpoint-data verifiers, which the scanner runs in a browser: no Node built-ins.
const report = await bundleForBrowser(new URL('../../../src/core/jws/index.ts', import.meta.url));

t.same(report.errors, [], 'bundles for platform browser without errors');
t.same(report.builtins, [], 'imports no Node built-ins');
t.notMatch(report.code, /\brequire\(|\bprocess\.|\bBuffer\./, 'no CommonJS require or Node globals in the output');
t.ok(report.bytes > 0, `${Math.round(report.bytes / 1024)} KiB`);
