// The rules must run in the scanner's browser bundle: no Node built-ins may creep in, and the bundle must work.
import t from 'tap';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { checkInput, validPass } from './fixtures.js';

const entry = fileURLToPath(new URL('../../../src/core/rules/index.ts', import.meta.url));

const result = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'esm',
  metafile: true,
  logLevel: 'silent',
});
const code = result.outputFiles[0]?.text ?? '';

t.test('bundles for the browser without errors', async (t) => {
  t.same(result.errors, []);
  t.ok(code.length > 0);
  t.comment(`bundle: ${Math.round(code.length / 1024)} KiB unminified, ${Object.keys(result.metafile.inputs).length} inputs`);
});

t.test('references no Node built-in', async (t) => {
  t.notOk(/["'`]node:/.test(code), 'no node: specifier');
  const escape = (s: string) => s.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&');
  const names = builtinModules.filter((m) => !m.startsWith('_')).map(escape).join('|');
  // require("fs"), from "fs", import("fs/promises") and the like, in one pass over the bundle.
  const builtinImport = new RegExp(`(?:require\\(\\s*|\\bfrom\\s*|import\\(\\s*)["'\`](?:node:)?(?:${names})(?:/[^"'\`]*)?["'\`]`, 'g');
  t.same(code.match(builtinImport) ?? [], [], 'no import of a Node built-in');
  // The detector itself must see what it is there to see.
  for (const sample of ['require("fs")', "require( 'crypto' )", 'from "node:path"', 'import("fs/promises")', 'from"os"']) {
    t.equal(sample.match(builtinImport)?.length, 1, `detects ${sample}`);
  }
  t.notOk(Object.keys(result.metafile.inputs).some((p) => p.startsWith('node:')), 'no node: input');
  const [output] = Object.values(result.metafile.outputs);
  t.same(output?.imports ?? [], [], 'nothing left to import at run time');
});

t.test('the bundle decides like the source', async (t) => {
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof import('../../../src/core/rules/index.js');
  const { decide } = await import('../../../src/core/rules/index.js');
  for (const input of [checkInput(), checkInput({ pass: validPass({ pl: '鄂A12345' }), observed: { plate: '鄂A12345' } })]) {
    t.same(mod.decide(input), decide(input));
  }
});
