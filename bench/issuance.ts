/**
 * Item 2 of `npm run bench`: passes signed and stored per second through the
 * real issuance service (passesService.approve: sign with the active pass
 * key, store the token, the status change and the audit record in one
 * transaction) into SQLite in a temp folder, opened and migrated by the
 * server's own openDb/migrate (its pragmas: WAL, synchronous=FULL). The
 * world (enterprise, users, vehicle, crew) is the demo's (seedDemo).
 * Applications are created and submitted before the clock starts: an
 * enterprise files them, the bureau issues them.
 * The same is measured through the bulk approval (passesService.approveMany:
 * each pass signed and audited, one transaction for the batch).
 * Baseline, same run: raw jose CompactSign (Ed25519) of the same payloads
 * and headers, nothing stored. Goal (issue 15): at least 0.5 of raw.
 *
 * Alone: `npx tsx bench/issuance.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { base64url, CompactSign, generateKeyPair } from 'jose';
import { seedDemo } from '../src/cli/demo-data.js';
import { migrate } from '../src/server/db/migrate.js';
import { openDb } from '../src/server/db/open.js';
import { keysService } from '../src/server/features/keys/service.js';
import { passesService } from '../src/server/features/passes/service.js';
import { repositories } from '../src/server/repositories.js';
import { sqliteStore } from '../src/server/db/sqlite-store.js';
import { DataKey } from '../src/server/security/data-key.js';
import type { UserActor } from '../src/server/types.js';
import { figure, formatSection, type Section } from './report.js';

/** Applications per bulk approval: the portal's queue page and a typical API batch (the API takes up to 200). */
const BULK = 100;

function chinaDate(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export async function runIssuanceBench(count = 600): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-issue-'));
  const db = openDb(join(dir, 'kakou.sqlite'));
  try {
    migrate(db);
    const repos = repositories(sqliteStore(db), { dataDir: dir });
    await seedDemo(repos, dir);
    const keys = keysService(repos, DataKey.load(dir));
    await keys.ensureActiveKey('pass');
    const passes = passesService(repos, keys.passSigner({ issuer: async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT' }));
    const userActor = async (username: string): Promise<UserActor> => ({ kind: 'user', user: (await repos.users.get((await repos.users.getWithHash(username))!.id))! });
    const ent = await userActor('jincheng');
    const officer = await userActor('officer');
    const enterpriseId = ent.user.enterpriseId!;
    const truck = (await repos.vehicles.list({ enterpriseId, status: 'all', limit: 10, offset: 0 })).items.find((v) => v.plate === '苏E12345')!;
    const crew = (await repos.people.list({ enterpriseId, limit: 10, offset: 0 } as never)).items;
    const driver = crew.find((p) => p.role === 'driver')!;
    const escort = crew.find((p) => p.role === 'escort')!;
    const ip = '127.0.0.1';
    const file = async () => {
      const p = await passes.create(ent, { vehicleId: truck.id, driverId: driver.id, escortIds: [escort.id], validFrom: chinaDate(0), validTo: chinaDate(13), originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2' }, ip);
      await passes.submit(ent, p.id, ip);
      return p.id;
    };
    const files = async (n: number) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) ids.push(await file());
      return ids;
    };
    // Warm-up: key decryption and import, statement preparation, JIT.
    for (let i = 0; i < 20; i++) await passes.approve(officer, await file(), ip);
    await passes.approveMany(officer, await files(20), ip);
    const ids = await files(count);
    const bulkIds = await files(count);

    const t0 = performance.now();
    for (const id of ids) await passes.approve(officer, id, ip);
    const issueMs = performance.now() - t0;
    // The bureau's bulk approval, in the batches the API takes (at most 200 ids a request).
    const b0 = performance.now();
    for (let i = 0; i < bulkIds.length; i += BULK) {
      const results = await passes.approveMany(officer, bulkIds.slice(i, i + BULK), ip);
      if (!results.every((r) => r.ok)) throw new Error(`issuance bench: bulk approval refused ${JSON.stringify(results.find((r) => !r.ok))}`);
    }
    const bulkMs = performance.now() - b0;
    const tokenOf = async (id: number): Promise<string> => (await repos.passes.token(id)) ?? '';
    const tokens = await Promise.all(ids.map(tokenOf));
    const bulkTokens = await Promise.all(bulkIds.map(tokenOf));
    if (new Set([...tokens, ...bulkTokens]).size !== 2 * count) throw new Error('issuance bench: tokens missing or repeated');

    const { privateKey } = await generateKeyPair('Ed25519');
    const inputs = tokens.map((t) => {
      const [h = '', p = ''] = t.split('.');
      return { header: JSON.parse(new TextDecoder().decode(base64url.decode(h))) as { alg: string; kid: string; typ: string }, payload: base64url.decode(p) };
    });
    for (let i = 0; i < 50; i++) await new CompactSign(inputs[i % count]!.payload).setProtectedHeader(inputs[i % count]!.header).sign(privateKey);
    const r0 = performance.now();
    for (const { header, payload } of inputs) await new CompactSign(payload).setProtectedHeader(header).sign(privateKey);
    const rawMs = performance.now() - r0;

    const perSec = (ms: number) => (count / ms) * 1000;
    const raw = { label: 'raw jose CompactSign, Ed25519, same payloads', value: perSec(rawMs), unit: 'signs/s' };
    const goal = { ratioMeans: 'of raw (higher is better)', goal: (ratio: number) => ({ text: 'at least 0.5 of raw', met: ratio >= 0.5 }) };
    return {
      id: '2-issuance',
      title: 'Issuance: passes signed and stored per second',
      figures: [
        figure('issuance.per_sec', { label: 'passesService.approve, one at a time (sign + store + audit, one transaction and fsync each)', value: perSec(issueMs), unit: 'passes/s' }, raw, goal),
        figure('issuance.bulk_per_sec', { label: `passesService.approveMany, ${BULK} a request (each signed and audited, one transaction and fsync a request)`, value: perSec(bulkMs), unit: 'passes/s' }, raw, goal),
      ],
      notes: [
        `${count} passes (driver + 1 escort) each way after 20 warm-up each, SQLite in a temp folder with the server's pragmas (WAL, synchronous=FULL); signatures one after another in both, as in the raw baseline`,
        'one at a time, each approval waits for its own commit to reach the disk (synchronous=FULL: an issued pass survives a power cut), which costs far more than its signature; the bulk approval shares that commit',
      ],
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatSection(await runIssuanceBench()));
}
