/**
 * Item 7, at scale: the published pass key set that every evaluate request
 * (and every bundle poll) reads, with many stored passes. The bench world of
 * bench/http-evaluate.ts holds one pass, which hides this cost.
 *
 * Measured: keys service `publishedKeys(now, 'pass')` with
 * KAKOU_BENCH_PASSES (default 100,000) stored passes, median of 200 calls,
 * with the active key only and again after a rotation (one retired key).
 * Baseline: the signing-key list with every key's signed_until (the
 * correlated scan of passes that publishedKeys ran per request before).
 *
 *   npx tsx bench/published-keys.ts
 */
import { fileURLToPath } from 'node:url';
import { benchServer, passWorld } from './server-world.js';
import { figure, formatSection, median, type Section } from './report.js';

async function micros(f: () => Promise<unknown>, n = 200): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    xs.push((performance.now() - t0) * 1000);
  }
  return median(xs);
}

export async function runPublishedKeysBench(passes = Number(process.env.KAKOU_BENCH_PASSES ?? 100_000)): Promise<Section> {
  const server = await benchServer();
  try {
    await passWorld(server.app);
    // The copies are made with SQLite's own SQL: this item runs on the default engine only.
    const db = server.app.repos.db;
    // Copies of the issued pass under new numbers: the scan reads every row, whatever its content.
    const cols = (db.prepare('PRAGMA table_info(passes)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id' && c !== 'pass_no');
    const copy = db.prepare(`INSERT INTO passes (pass_no, ${cols.join(', ')}) SELECT ?, ${cols.join(', ')} FROM passes WHERE id = 1`);
    db.transaction(() => {
      for (let i = 1; i < passes; i++) copy.run(`BENCH${i}`);
    })();
    const now = new Date();
    const keys = server.app.services.keys;
    const scanAll = await micros(() => server.app.repos.signingKeys.list('pass'), 20);
    const active = await micros(() => keys.publishedKeys(now, 'pass'));
    await keys.addNextKey('pass');
    await keys.promoteNext('pass');
    const rotated = await micros(() => keys.publishedKeys(now, 'pass'));
    const scanRotated = await micros(() => server.app.repos.signingKeys.list('pass'), 20);
    return {
      id: '7-published-keys',
      title: `Published pass keys per evaluate request, ${passes.toLocaleString('en')} stored passes`,
      figures: [
        figure('http.evaluate.published_keys_us', { label: 'publishedKeys, active key only', value: active, unit: 'µs' }, { label: 'key list with the scan of passes', value: scanAll, unit: 'µs' }, { ratioMeans: '× the scan (lower is better)' }),
        figure('http.evaluate.published_keys_rotated_us', { label: 'publishedKeys, after a rotation', value: rotated, unit: 'µs' }, { label: 'key list with the scan of passes', value: scanRotated, unit: 'µs' }, { ratioMeans: '× the scan (lower is better)' }),
      ],
      notes: ['medians; the baseline is what publishedKeys read on every request before (keys/repository.ts listForPublishing)'],
    };
  } finally {
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatSection(await runPublishedKeysBench()));
}
