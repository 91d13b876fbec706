/**
 * A generated, realistic-looking events table for the audit console: checks
 * spread over `checkpoints` checkpoints with `devicesPer` devices each, over
 * `days` days before `end`, inserted directly (one transaction, no signing:
 * hashes and signatures are filler of the right shape) into a migrated
 * database. Shared by bench/audit-console.ts (1,000,000 events) and the
 * plan test (test/server/audit-console/plans.test.ts, 20,000). The rows come
 * from auditSeedPlan; test/helpers/audit-seed.ts inserts the same rows on
 * PostgreSQL for the tests that run on either engine.
 *
 * Mix per check: ~70 % RELEASE, 15 % ESCORT, 6 % MANUAL, 5 % HOLD (fever in
 * most), 4 % REFUSE; 20 % involve a key area; ~0.5 % carry a chain flag; 80 %
 * present a pass; plates come from a pool of 20,000 vehicles.
 */
import type { Database } from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { EventsTable } from '../src/server/db/tables.js';
import { prng } from './prng.js';

export interface SeedOptions {
  events: number;
  checkpoints?: number;
  devicesPer?: number;
  days?: number;
  /** the last instant of the spread (default 2026-11-30T00:00:00Z) */
  end?: string;
  seed?: number;
}

export interface SeedResult {
  checkpointIds: number[];
  deviceIds: string[];
  plates: string[];
  passNos: string[];
  badges: string[];
  credits: string[];
  start: string;
  end: string;
}


const PROVINCES = ['苏', '沪', '浙', '皖', '鄂', '鲁'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const FILL43 = 'A'.repeat(42) + 'A';
const SIG = 'A'.repeat(86);

const uuid = (r: () => number): string => {
  const h = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${h(8)}-${h(4)}-4${h(3)}-${'89ab'[Math.floor(r() * 4)]}${h(3)}-${h(12)}`;
};

/** One seeded check: an events row as inserted (flags as 0/1; no generated column, never redacted), always a check with no canonical text. */
export type SeedEventRow = Omit<Required<Insertable<EventsTable>>, 'type' | 'canonical' | 'redacted_at'> & { type: 'check'; canonical: '' };

/** What to insert, in order: per checkpoint its staff and devices; then the events. Ids of checkpoints are the database's. */
export interface SeedPlan {
  checkpoints: Array<{ name: string; location: string; staff: Array<{ badge: string; name: string }>; devices: Array<{ id: string; thumbprint: string; label: string }> }>;
  events: SeedEventRow[];
  /** the result without checkpointIds (filled in as the checkpoints are inserted) */
  result: Omit<SeedResult, 'checkpointIds'>;
}

/**
 * The rows `seedAuditEvents` inserts, without a database: the same options give the same rows, so an
 * inserter for another engine (test/helpers/audit-seed.ts) seeds exactly what this file's SQLite one does.
 */
export function auditSeedPlan(o: SeedOptions): SeedPlan {
  const r = prng(o.seed ?? 14);
  const nCp = o.checkpoints ?? 30;
  const per = o.devicesPer ?? 2;
  const days = o.days ?? 30;
  const endMs = Date.parse(o.end ?? '2026-11-30T00:00:00.000Z');
  const startMs = endMs - days * 86_400_000;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

  const deviceIds: string[] = [];
  const badges: string[] = [];
  const deviceCp = new Map<string, number>();
  const plates = Array.from({ length: 20_000 }, () => `${pick(PROVINCES)}${pick([...LETTERS])}${String(Math.floor(r() * 100000)).padStart(5, '0')}`);
  const passNos = plates.map((_, i) => `P${String(i).padStart(9, '0')}`);
  const credits = Array.from({ length: 200 }, (_, i) => `91320583MA${String(i).padStart(7, '0')}G`);

  const checkpoints: SeedPlan['checkpoints'] = [];
  for (let c = 0; c < nCp; c++) {
    const cp: SeedPlan['checkpoints'][number] = { name: `基准卡口${c + 1}`, location: `基准路 ${c + 1} 号`, staff: [], devices: [] };
    for (let s = 0; s < 4; s++) {
      const badge = `B${c + 1}-${s + 1}`;
      cp.staff.push({ badge, name: `值守${c + 1}-${s + 1}` });
      badges.push(badge);
    }
    for (let d = 0; d < per; d++) {
      const dev = `dev-${c + 1}-${d + 1}`;
      cp.devices.push({ id: dev, thumbprint: `thumb-${dev}`, label: `终端 ${c + 1}-${d + 1}` });
      deviceIds.push(dev);
      deviceCp.set(dev, c);
    }
    checkpoints.push(cp);
  }
  // Events in time order per device: each device's seq grows with its time, as on a real scanner.
  const events: SeedEventRow[] = [];
  const seq = new Map<string, number>();
  const span = endMs - startMs;
  for (let i = 0; i < o.events; i++) {
    const at = startMs + Math.floor((i / o.events) * span) + Math.floor(r() * 1000);
    const dev = pick(deviceIds);
    const c = deviceCp.get(dev)!;
    const n = (seq.get(dev) ?? 0) + 1;
    seq.set(dev, n);
    const offset = Math.floor(r() * 4000) - 500;
    const x = r();
    const decision = x < 0.7 ? 'RELEASE' : x < 0.85 ? 'ESCORT' : x < 0.91 ? 'MANUAL' : x < 0.96 ? 'HOLD' : 'REFUSE';
    const keyArea = r() < 0.2;
    const reasons = ['pass.valid', 'temp.normal', keyArea ? 'keyarea.stay' : 'keyarea.none'];
    if (decision === 'HOLD' && r() < 0.8) reasons[1] = 'temp.fever_confirmed';
    const v = Math.floor(r() * plates.length);
    const hasPass = r() < 0.8;
    const payload = {
      decision,
      observations: { people: [{ id4Matches: true, passIndex: 0, readings: [36.5], stays: [] }], receivingEnterprise: credits[v % credits.length], staffKeyAreaFlag: false, v: 1 },
      passNo: hasPass ? passNos[v] : null,
      plate: plates[v],
      reasons,
      ruleSetVersion: 3,
      staffBadge: badges[c * 4 + Math.floor(r() * 4)],
      bundleAgeSec: 600,
    };
    const flag = r() < 0.005;
    events.push({
      id: uuid(r),
      device_id: dev,
      seq: n,
      device_time: new Date(at - offset).toISOString().replace('Z', '+00:00'),
      received_at: new Date(at).toISOString(),
      clock_offset_ms: offset,
      prev_hash: FILL43,
      hash: FILL43,
      type: 'check',
      payload: JSON.stringify(payload),
      canonical: '',
      sig: SIG,
      gap: flag ? 1 : 0,
      broken_link: 0,
      fork: 0,
      unknown_staff: flag && r() < 0.3 ? 1 : 0,
      cross_checkpoint: 0,
    });
  }
  return { checkpoints, events, result: { deviceIds, plates, passNos, badges, credits, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() } };
}

/** Inserts auditSeedPlan(o) into a migrated SQLite database, quickly (indexes built once at the end). */
export function seedAuditEvents(db: Database, o: SeedOptions): SeedResult {
  const plan = auditSeedPlan(o);
  const checkpointIds: number[] = [];
  const insCp = db.prepare(`INSERT INTO checkpoints (name, location, region_code, direction) VALUES (?, ?, '320583', 'both')`);
  const insDev = db.prepare(`INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint, label) VALUES (?, ?, '{}', ?, ?)`);
  const insStaff = db.prepare(`INSERT INTO staff (checkpoint_id, badge, name, pin_hash) VALUES (?, ?, ?, 'x')`);
  const insEv = db.prepare(
    `INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig, gap, broken_link, fork, unknown_staff, cross_checkpoint)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'check', ?, '', ?, ?, ?, ?, ?, 0)`,
  );
  // Filling a table that has 13 indexes row by row updates 13 b-trees in random order; building each index
  // once over the full table (a sort) is several times faster. The migration's own index statements are kept
  // and run again, so the result is the schema the server has.
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  db.transaction(() => {
    for (const cp of plan.checkpoints) {
      const id = Number(insCp.run(cp.name, cp.location).lastInsertRowid);
      checkpointIds.push(id);
      for (const s of cp.staff) insStaff.run(id, s.badge, s.name);
      for (const d of cp.devices) insDev.run(d.id, id, d.thumbprint, d.label);
    }
    for (const e of plan.events) {
      insEv.run(e.id, e.device_id, e.seq, e.device_time, e.received_at, e.clock_offset_ms, e.prev_hash, e.hash, e.payload, e.sig, e.gap, e.broken_link, e.fork, e.unknown_staff);
    }
  })();
  for (const i of indexes) db.exec(i.sql);
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('ANALYZE');
  return { checkpointIds, ...plan.result };
}
