// Shared test data for the ingest tests (no tests here; tap only runs *.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { generateDeviceKeyPair, type DeviceKeyPair } from '../../../src/core/device/index.js';
import { formatDeviceTime, nextChainPosition, signEvent } from '../../../src/core/events/index.js';
import type { SignedEvent, UnsignedEvent } from '../../../src/core/events/index.js';
import { shiftBodies } from '../../helpers/event-bodies.js';
import { migrate } from '../../../src/server/db/migrate.js';
import { openDb, type Db } from '../../../src/server/db/open.js';
import type { Store } from '../../../src/server/db/store.js';
import type { DB } from '../../../src/server/db/tables.js';
import { repositories, type Repos } from '../../../src/server/repositories.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
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

const isStore = (x: Db | Store): x is Store => typeof (x as Store).q === 'function';

/**
 * A checkpoint row and an enrolled device row for `device`, straight into the database: a better-sqlite3
 * connection (synchronous), or a Store of either engine (a promise).
 */
export function enroll(db: Db, device: SimDevice, checkpointId?: number): number;
export function enroll(store: Store, device: SimDevice, checkpointId?: number): Promise<number>;
export function enroll(db: Db | Store, device: SimDevice, checkpointId?: number): number | Promise<number> {
  const name = () => `测试卡口 ${++checkpointCount} ${device.id}`;
  const row = { public_jwk: JSON.stringify(device.keys.publicJwk), key_thumbprint: `${device.keys.publicJwk.x}.${device.keys.publicJwk.y}` };
  if (isStore(db)) {
    return (async () => {
      const cp =
        checkpointId ??
        (
          await db
            .q()
            .insertInto('checkpoints')
            .values({ name: name(), location: '昆山 G312 花桥', region_code: '320583', direction: 'inbound' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      await db.q().insertInto('devices').values({ id: device.id, checkpoint_id: cp, ...row }).execute();
      return cp;
    })();
  }
  const cp =
    checkpointId ??
    Number(db.prepare("INSERT INTO checkpoints (name, location, region_code, direction) VALUES (?, '昆山 G312 花桥', '320583', 'inbound')").run(name()).lastInsertRowid);
  db.prepare('INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES (?, ?, ?, ?)').run(device.id, cp, row.public_jwk, row.key_thumbprint);
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
  const repos = repositories(sqliteStore(db));
  return { db, repos, service: ingestService(repos) };
}

export function withMemoryIngest(t: Test): IngestDb {
  const x = memoryIngest();
  t.teardown(() => x.db.close());
  return x;
}

export interface IngestWorld {
  store: Store;
  repos: Repos;
  service: IngestService;
}

/**
 * A fresh migrated database of the engine under test (TEST_ENGINE: SQLite in a temp folder, or PostgreSQL)
 * with the ingest service over it; no app. Closed when the test ends.
 */
export async function ingestWorld(t: Test): Promise<IngestWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-ingest-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  // Imported here, not at the top: helpers/app.js turns on strict audit and transactions for the whole
  // process, which the other users of these fixtures (memoryIngest) never asked for.
  const { testStore } = await import('../../helpers/app.js');
  const store = await testStore(t, dataDir);
  const repos = repositories(store);
  return { store, repos, service: ingestService(repos) };
}

/** Every stored event column that does not depend on when it arrived. */
export const STABLE_COLUMNS = 'id, device_id, seq, device_time, prev_hash, hash, type, payload, canonical, sig, gap, broken_link, fork';

export function stableRows(db: Db): unknown[];
export function stableRows(store: Store): Promise<unknown[]>;
export function stableRows(db: Db | Store): unknown[] | Promise<unknown[]> {
  if (isStore(db)) {
    const columns = STABLE_COLUMNS.split(', ') as Array<keyof DB['events']>;
    return db.q().selectFrom('events').select(columns).orderBy('id').execute();
  }
  return db.prepare(`SELECT ${STABLE_COLUMNS} FROM events ORDER BY id`).all();
}

/** The number of rows in `table`. */
export function count(db: Db, table: string): number;
export function count(store: Store, table: keyof DB): Promise<number>;
export function count(db: Db | Store, table: string): number | Promise<number> {
  if (isStore(db)) {
    return db
      .q()
      .selectFrom(table as keyof DB)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

type FlagRow = { seq: number; gap: number; broken_link: number; fork: number };

/** Flags by seq (then id), e.g. { 1: [], 3: ['gap'] }; a fork shows as `3`, `3'`. */
export function flagsBySeq(db: Db, deviceId: string): Record<string, string[]>;
export function flagsBySeq(store: Store, deviceId: string): Promise<Record<string, string[]>>;
export function flagsBySeq(db: Db | Store, deviceId: string): Record<string, string[]> | Promise<Record<string, string[]>> {
  const byKey = (rows: FlagRow[]) => {
    const out: Record<string, string[]> = {};
    for (const r of rows) {
      let key = String(r.seq);
      while (key in out) key += "'";
      out[key] = (['gap', 'broken_link', 'fork'] as const).filter((f) => r[f] === 1);
    }
    return out;
  };
  if (isStore(db)) {
    return db
      .q()
      .selectFrom('events')
      .select(['seq', 'gap', 'broken_link', 'fork'])
      .where('device_id', '=', deviceId)
      .orderBy('seq')
      .orderBy('received_at')
      .orderBy('id')
      .execute()
      .then(byKey);
  }
  return byKey(db.prepare('SELECT seq, gap, broken_link, fork FROM events WHERE device_id = ? ORDER BY seq, received_at, id').all(deviceId) as FlagRow[]);
}

/** Each answer's status (and refusal reason). An index with no answer shows as one: `map` would skip the hole, and `t.same` let it pass. */
export const statuses = (results: IngestResult[]) =>
  Array.from(results, (r: IngestResult | undefined) => (r === undefined ? 'no answer' : r.status === 'refused' ? `refused:${r.reason}` : r.status));
