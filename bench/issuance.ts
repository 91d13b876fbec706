/**
 * Item 2 of `npm run bench`: passes signed and stored per second through the
 * real issuance service (passesService.approve: sign with the active pass
 * key, store the token, the status change and the audit record in one
 * transaction) into SQLite in a temp folder, opened and migrated by the
 * server's own openDb/migrate (its pragmas: WAL, synchronous=FULL). The
 * world (enterprise, users, vehicle, crew) is the demo's (seedDemo).
 * Applications are created and submitted before the clock starts: an
 * enterprise files them, the bureau issues them.
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
import { DataKey } from '../src/server/security/data-key.js';
import type { UserActor } from '../src/server/types.js';
import { figure, formatSection, type Section } from './report.js';

function chinaDate(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export async function runIssuanceBench(count = 600): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-issue-'));
  const db = openDb(join(dir, 'kakou.sqlite'));
  try {
    migrate(db);
    const repos = repositories(db, { dataDir: dir });
    await seedDemo(repos, dir);
    const keys = keysService(repos, DataKey.load(dir));
    await keys.ensureActiveKey('pass');
    const passes = passesService(repos, keys.passSigner({ issuer: () => repos.passes.setting('pass.issuer') ?? 'KSJT' }));
    const userActor = (username: string): UserActor => ({ kind: 'user', user: repos.users.get(repos.users.getWithHash(username)!.id)! });
    const ent = userActor('jincheng');
    const officer = userActor('officer');
    const enterpriseId = ent.user.enterpriseId!;
    const truck = repos.vehicles.list({ enterpriseId, status: 'all', limit: 10, offset: 0 }).items.find((v) => v.plate === '苏E12345')!;
    const crew = repos.people.list({ enterpriseId, limit: 10, offset: 0 } as never).items;
    const driver = crew.find((p) => p.role === 'driver')!;
    const escort = crew.find((p) => p.role === 'escort')!;
    const ip = '127.0.0.1';
    const file = () => {
      const p = passes.create(ent, { vehicleId: truck.id, driverId: driver.id, escortIds: [escort.id], validFrom: chinaDate(0), validTo: chinaDate(13), originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts', routeNote: 'G2' }, ip);
      passes.submit(ent, p.id, ip);
      return p.id;
    };
    // Warm-up: key decryption and import, statement preparation, JIT.
    for (let i = 0; i < 20; i++) await passes.approve(officer, file(), ip);
    const ids = Array.from({ length: count }, file);

    const t0 = performance.now();
    const tokens: string[] = [];
    for (const id of ids) await passes.approve(officer, id, ip);
    const issueMs = performance.now() - t0;
    for (const id of ids) tokens.push(repos.passes.token(id) ?? '');
    if (new Set(tokens).size !== count) throw new Error('issuance bench: tokens missing or repeated');

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
    return {
      id: '2-issuance',
      title: 'Issuance: passes signed and stored per second',
      figures: [
        figure(
          'issuance.per_sec',
          { label: 'passesService.approve (sign + store + audit, one transaction each)', value: perSec(issueMs), unit: 'passes/s' },
          { label: 'raw jose CompactSign, Ed25519, same payloads', value: perSec(rawMs), unit: 'signs/s' },
          { ratioMeans: 'of raw (higher is better)', goal: (ratio) => ({ text: 'at least 0.5 of raw', met: ratio >= 0.5 }) },
        ),
      ],
      notes: [`${count} passes (driver + 1 escort) after 20 warm-up, SQLite in a temp folder with the server's pragmas; each approve is its own transaction, as a bureau officer issues them`],
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatSection(await runIssuanceBench()));
}
