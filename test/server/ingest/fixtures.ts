// Shared test data for the ingest tests (no tests here; tap only runs *.test.ts).
import type { Test } from 'tap';
import { generateDeviceKeyPair, type DeviceKeyPair } from '../../../src/core/device/index.js';
import { formatDeviceTime, nextChainPosition, signEvent } from '../../../src/core/events/index.js';
import type { SignedEvent, UnsignedEvent } from '../../../src/core/events/index.js';
import { shiftBodies } from '../../helpers/event-bodies.js';
import { migrate } from '../../../src/server/db/migrate.js';
import { openDb, type Db } from '../../../src/server/db/open.js';
import { repositories, type Repos } from '../../../src/server/repositories.js';
import { ingestService, type IngestDevice, type IngestResult, type IngestService } from '../../../src/server/features/ingest/service.js';

export const BODIES = shiftBodies('0b7e5c4d-1f2a-4b3c-9d4e-5f6a7b8c9d0e');

/** Device clock start: 2020-02-25 14:00 China time; one event a minute. */
export const T0 = Date.parse('2020-02-25T06:00:00.000Z');

/**
 * A scanner as far as events go: its key, its id, and the chain it has
 * recorded. `next()` signs the next event of the chain; `at()` makes an event
 * at any position (for forks and broken links).
 */
export class SimDevice {
  readonly events: SignedEvent[] = [];
  constructor(
    readonly id: string,
    readonly keys: Pick<DeviceKeyPair, 'privateKey' | 'publicJwk'>,
  ) {}

  static async create(id: string): Promise<SimDevice> {
    return new SimDevice(id, await generateDeviceKeyPair());
  }

  get ingestDevice(): IngestDevice {
    return { id: this.id, publicJwk: this.keys.publicJwk };
  }

  /** Signs an event with this device's key; `over` replaces any member (id, seq, prevHash, payload…). */
  async sign(seq: number, prevHash: string, over: Partial<Record<keyof UnsignedEvent, unknown>> = {}, key = this.keys.privateKey): Promise<SignedEvent> {
    const body = BODIES[(seq - 1) % BODIES.length]!;
    const unsigned = {
      id: crypto.randomUUID(),
      deviceId: this.id,
      seq,
      deviceTime: formatDeviceTime(new Date(T0 + seq * 60_000), 480),
      prevHash,
      ...body,
      ...over,
    } as UnsignedEvent;
    return signEvent(unsigned, key);
  }

  /** Records the next event of the chain. */
  async next(over: Partial<Record<keyof UnsignedEvent, unknown>> = {}): Promise<SignedEvent> {
    const { seq, prevHash } = await nextChainPosition(this.events.at(-1) ?? null);
    const event = await this.sign(seq, prevHash, over);
    this.events.push(event);
    return event;
  }

  async chain(n: number): Promise<SignedEvent[]> {
    for (let i = 0; i < n; i++) await this.next();
    return this.events.slice(-n);
  }

  /** 1-based, like seq. */
  seq(n: number): SignedEvent {
    const e = this.events[n - 1];
    if (!e) throw new Error(`no event ${n}`);
    return e;
  }
}

let checkpointCount = 0;

/** A checkpoint row and an enrolled device row for `device`, straight into the database. */
export function enroll(db: Db, device: SimDevice, checkpointId?: number): number {
  const cp =
    checkpointId ??
    Number(
      db
        .prepare("INSERT INTO checkpoints (name, location, region_code, direction) VALUES (?, '昆山 G312 花桥', '320583', 'inbound')")
        .run(`测试卡口 ${++checkpointCount} ${device.id}`).lastInsertRowid,
    );
  db.prepare('INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES (?, ?, ?, ?)').run(
    device.id,
    cp,
    JSON.stringify(device.keys.publicJwk),
    `${device.keys.publicJwk.x}.${device.keys.publicJwk.y}`,
  );
  return cp;
}

export interface IngestDb {
  db: Db;
  repos: Repos;
  service: IngestService;
}

/** A fresh migrated in-memory database with the ingest service over it; no app (fast enough for property runs). */
export function memoryIngest(): IngestDb {
  const db = openDb(':memory:');
  migrate(db);
  const repos = repositories(db);
  return { db, repos, service: ingestService(repos) };
}

export function withMemoryIngest(t: Test): IngestDb {
  const x = memoryIngest();
  t.teardown(() => x.db.close());
  return x;
}

/** Every stored event column that does not depend on when it arrived. */
export const STABLE_COLUMNS = 'id, device_id, seq, device_time, prev_hash, hash, type, payload, canonical, sig, gap, broken_link, fork';

export function stableRows(db: Db): unknown[] {
  return db.prepare(`SELECT ${STABLE_COLUMNS} FROM events ORDER BY id`).all();
}

export const count = (db: Db, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Flags by seq (then id), e.g. { 1: [], 3: ['gap'] }; a fork shows as `3`, `3'`. */
export function flagsBySeq(db: Db, deviceId: string): Record<string, string[]> {
  const rows = db
    .prepare('SELECT seq, gap, broken_link, fork FROM events WHERE device_id = ? ORDER BY seq, received_at, id')
    .all(deviceId) as { seq: number; gap: number; broken_link: number; fork: number }[];
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    let key = String(r.seq);
    while (key in out) key += "'";
    out[key] = (['gap', 'broken_link', 'fork'] as const).filter((f) => r[f] === 1);
  }
  return out;
}

export const statuses = (results: IngestResult[]) => results.map((r) => (r.status === 'refused' ? `refused:${r.reason}` : r.status));
