// Lists an area's surviving and uncovered mutants, by file and line, with what each changed: the tests to
// write next. `npm run mutate:survivors -- <area> [file filter]` (reads reports/mutation/<area>.json).
import { existsSync, readFileSync } from 'node:fs';

const [area, filter] = process.argv.slice(2);
if (!area) {
  console.error('usage: npm run mutate:survivors -- <area> [part of a file name]');
  process.exit(2);
}
const path = area.endsWith('.json') ? area : `reports/mutation/${area}.json`;
if (!existsSync(path)) {
  console.error(`no report ${path}: run npm run mutate:area -- ${area} first`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
for (const [name, file] of Object.entries(report.files)) {
  if (filter && !name.includes(filter)) continue;
  const lines = file.source.split('\n');
  const open = file.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  if (open.length === 0) continue;
  console.log(`\n## ${name} (${open.length})`);
  for (const m of open.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)) {
    const line = m.location.start.line;
    const kind = m.status === 'NoCoverage' ? 'no coverage' : 'survived';
    console.log(`${line}:${m.location.start.column} [${kind}] ${m.mutatorName}: ${lines[line - 1].trim().slice(0, 110)}`);
    console.log(`      => ${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 140)}`);
  }
}
