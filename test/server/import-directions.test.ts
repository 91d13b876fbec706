import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server's layers, checked on the source: data flows routes → services →
 * repositories, and the shared layers below the features never reach up.
 * - db/, plugins/, views/, i18n/, security/ import nothing from features/,
 *   except the message catalogue (i18n/messages.ts), which gathers each
 *   feature's message table; those tables are leaves (text only).
 * - A feature never imports another feature's views or pages (.tsx files);
 *   shared pieces go to views/. KNOWN_BORROWINGS lists what is left to move:
 *   it may only shrink (an entry that no longer occurs fails too).
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = join(ROOT, 'src/server');
const LOWER = ['db', 'plugins', 'views', 'i18n', 'security'];

const KNOWN_BORROWINGS = new Set([
  'users/pages.tsx -> enterprises/pages.tsx',
  'checkpoints/views.tsx -> devices/views.tsx',
  'enterprises/views.tsx -> users/views.tsx',
  'people/views.tsx -> vehicles/views.tsx',
  'people/pages.tsx -> vehicles/pages.tsx',
  'people/pages.tsx -> vehicles/views.tsx',
]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of a file (static, dynamic and type-only), resolved to source files. */
export function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '');
    out.push(target);
  }
  return out;
}

const files = walk(SERVER);
const rel = (f: string) => relative(SERVER, f);
const stem = (f: string) => f.replace(/\.tsx?$/, '');
const tsxFiles = new Set(files.filter((f) => f.endsWith('.tsx')).map(stem));

t.test('lower layers never import from features/', async (t) => {
  const offences: string[] = [];
  for (const f of files) {
    const layer = rel(f).split('/')[0]!;
    if (!LOWER.includes(layer)) continue;
    for (const target of importsOf(f)) {
      const r = relative(SERVER, target);
      if (!r.startsWith('features/')) continue;
      if (rel(f) === 'i18n/messages.ts' && /^features\/[a-z-]+\/messages$/.test(r)) continue;
      offences.push(`${rel(f)} -> ${r}`);
    }
  }
  t.same(offences, [], 'no import from a lower layer into features/');
});

t.test('feature message tables are leaves', async (t) => {
  for (const f of files.filter((f) => /features\/[a-z-]+\/messages\.ts$/.test(rel(f)))) {
    for (const target of importsOf(f)) {
      const r = relative(SERVER, target);
      t.ok(r === 'i18n/locale' || /^features\/[a-z-]+\/messages$/.test(r) || r.startsWith('../core/'), `${rel(f)} imports ${r}`);
    }
  }
});

t.test("features never import another feature's views or pages", async (t) => {
  const found = new Set<string>();
  for (const f of files) {
    const [top, feature] = rel(f).split('/');
    if (top !== 'features') continue;
    for (const target of importsOf(f)) {
      const r = relative(SERVER, target).split('/');
      if (r[0] !== 'features' || r[1] === feature || !tsxFiles.has(target)) continue;
      found.add(`${rel(f).slice('features/'.length)} -> ${r.slice(1).join('/')}.tsx`);
    }
  }
  const unexpected = [...found].filter((x) => !KNOWN_BORROWINGS.has(x));
  const gone = [...KNOWN_BORROWINGS].filter((x) => !found.has(x));
  t.same(unexpected, [], 'no new borrowing between features (move the shared piece to views/)');
  t.same(gone, [], 'KNOWN_BORROWINGS lists only what still occurs');
});

t.test('the checker sees imports', async (t) => {
  // Guards the regex above: a file known to import a feature must show it.
  const app = importsOf(join(SERVER, 'app.ts')).map((x) => relative(SERVER, x));
  t.ok(app.includes('features/passes/routes'), 'app.ts imports features/passes/routes');
  t.ok(app.includes('plugins/access'), 'app.ts imports plugins/access');
});
