// Prints the test files `npm run test:postgres` runs (scripts/test-postgres.sh): every test file that
// builds the server or its repositories, directly or through a fixture module of its own, less those
// already on both engines in `npm test` (onEachEngine) and those test/postgres-pending.txt leaves out.
// Imports are followed transitively, so a test reaching the app through ./fixtures.js is found too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const walk = (dir) =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') || e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
const files = [...walk('test'), ...walk('bench')];
const source = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));

// What builds the server or a repository over the engine under test.
const BUILDS = /\b(buildApp|repositories|testStore|openTestStore|prepareTestDatabase)\(/;
const imports = (file) =>
  [...source.get(file).matchAll(/(?:from |import\()'(\.[^']+)'/g)]
    .map((m) => relative(root, resolve(root, dirname(file), m[1])).replace(/\.js$/, '.ts'))
    .filter((f) => source.has(f) || source.has(f + 'x'))
    .map((f) => (source.has(f) ? f : f + 'x'));

const reaches = new Map();
function buildsServer(file, seen = new Set()) {
  if (reaches.has(file)) return reaches.get(file);
  if (seen.has(file)) return false;
  seen.add(file);
  const yes = BUILDS.test(source.get(file)) || imports(file).some((f) => buildsServer(f, seen));
  reaches.set(file, yes);
  return yes;
}

const pending = new Set(
  readFileSync(join(root, 'test/postgres-pending.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((l) => l.trim().split(/\s+/)[0]),
);
const selected = files
  .filter((f) => f.endsWith('.test.ts') && !/^test\/(core|scripts)\//.test(f))
  .filter((f) => !source.get(f).includes('onEachEngine') && !pending.has(f))
  .filter((f) => buildsServer(f))
  .sort();
process.stdout.write(selected.join('\n') + '\n');
