/**
 * Item 5: device events per second through the real upload endpoint
 * (POST /api/v1/devices/events) over loopback HTTP, against raw better-sqlite3
 * inserts of the same rows, in one transaction, into the same schema, in the
 * same run.
 *
 * The server is buildApp over a fresh data folder (openDb: WAL,
 * synchronous=FULL), listening on 127.0.0.1:0. Devices are enrolled through
 * the API with a non-extractable P-256 key, as the scanner does; their events
 * are signed and hash-chained with src/core/events before the clock starts
 * (that is the devices' work), and each upload of 500 is a signed device
 * request. The devices upload concurrently, each its own chain in order.
 *
 *   npx tsx bench/ingest.ts        (KAKOU_BENCH_INGEST_EVENTS=20000, 4 devices)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateDeviceKeyPair, signDeviceRequest, type DeviceKeyPair } from '../src/core/device/index.js';
import { canonicalEvent, canonicalize, formatDeviceTime, nextChainPosition, sha256Base64url, signEvent, type SignedEvent, type UnsignedEvent } from '../src/core/events/index.js';
import { migrate } from '../src/server/db/migrate.js';
import { openDb } from '../src/server/db/open.js';
import { newPassNumber } from '../src/server/features/passes/service.js';
import { shiftBodies } from '../test/helpers/event-bodies.js';
import { figure, formatSection, type Section } from './report.js';
import pg from 'pg';
import { BENCH_ENGINE, benchServer } from './server-world.js';
import { freshPostgresDatabase } from '../test/helpers/postgres.js';

const BATCH = 500;
const URL_PATH = '/api/v1/devices/events';

interface Device {
  id: string;
  keys: DeviceKeyPair;
  events: SignedEvent[];
}

async function chain(deviceId: string, keys: DeviceKeyPair, n: number, t0: number): Promise<SignedEvent[]> {
  const bodies = shiftBodies(crypto.randomUUID());
  const events: SignedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const { seq, prevHash } = await nextChainPosition(events.at(-1) ?? null);
    const body = bodies[i % bodies.length]!;
    // Each check is of another pass, as at a real checkpoint (one pass seen over and over would measure the impossible-travel scan instead).
    const payload = 'passNo' in body.payload && typeof body.payload.passNo === 'string' ? { ...body.payload, passNo: newPassNumber() } : body.payload;
    const unsigned = { id: crypto.randomUUID(), deviceId, seq, deviceTime: formatDeviceTime(new Date(t0 + i * 1000), 480), prevHash, type: body.type, payload } as UnsignedEvent;
    events.push(await signEvent(unsigned, keys.privateKey));
  }
  return events;
}

export interface IngestBenchResult {
  events: number;
  devices: number;
  endpointPerSec: number;
  rawPerSec: number;
  batchP50Ms: number;
  /** CPU time (user + system, every thread of the process: event loop and crypto pool) per event while uploading; less noisy than wall time on a shared machine */
  cpuUsPerEvent: number;
}

export async function measureIngest(total = Number(process.env.KAKOU_BENCH_INGEST_EVENTS ?? 20_000), deviceCount = 4): Promise<IngestBenchResult> {
  const server = await benchServer();
  const rawDir = mkdtempSync(join(tmpdir(), 'kakou-bench-raw-'));
  try {
    const { app, store } = server;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const { id: checkpointId } = await store.q().insertInto('checkpoints')
      .values({ name: '花桥卡口', location: '昆山 G312 花桥', region_code: '320583', direction: 'inbound' }).returning('id').executeTakeFirstOrThrow();
    await store.q().insertInto('staff').values({ checkpoint_id: checkpointId, badge: 'KS0427', name: '周明', pin_hash: 'x' }).execute();

    const perDevice = Math.ceil(total / deviceCount);
    const t0 = Date.now() - 3_600_000;
    const devices: Device[] = [];
    for (let d = 0; d < deviceCount; d++) {
      const keys = await generateDeviceKeyPair();
      const code = await app.services.devices.createEnrollmentCode(null, checkpointId, null);
      const res = await app.inject({
        method: 'POST', url: '/api/v1/devices/enroll', headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: code.code, publicJwk: keys.publicJwk, appVersion: '1.0.0-bench' }),
        // Enrollment is limited per address: each device from its own, as in the field.
        remoteAddress: `10.66.0.${d + 1}`,
      });
      if (res.statusCode !== 201) throw new Error(`enroll: ${res.statusCode} ${res.body}`);
      const id = (res.json() as { deviceId: string }).deviceId;
      devices.push({ id, keys, events: await chain(id, keys, perDevice, t0) });
    }

    // The devices' part of each upload (body, request signature) is done before the clock starts, as the
    // events' signatures are: the server runs in this process, and the figure is the server's.
    const uploads = new Map<Device, Array<{ body: string; headers: Record<string, string>; expected: number }>>();
    for (const device of devices) {
      const list = [];
      for (let i = 0; i < device.events.length; i += BATCH) {
        const body = JSON.stringify({ events: device.events.slice(i, i + BATCH) });
        const headers = await signDeviceRequest({ method: 'POST', path: URL_PATH, body, deviceId: device.id, privateKey: device.keys.privateKey });
        list.push({ body, headers, expected: Math.min(BATCH, device.events.length - i) });
      }
      uploads.set(device, list);
    }
    const batchMs: number[] = [];
    async function upload(device: Device): Promise<void> {
      for (const { body, headers, expected } of uploads.get(device)!) {
        const started = performance.now();
        const res = await fetch(`${base}${URL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        const answer = (await res.json()) as { results?: Array<{ status: string }> };
        batchMs.push(performance.now() - started);
        const accepted = answer.results?.filter((r) => r.status === 'accepted').length ?? 0;
        if (res.status !== 200 || accepted !== expected) throw new Error(`upload: ${res.status}, ${accepted} accepted: ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(devices.map(upload));
    const cpu = process.cpuUsage(cpuBefore);
    const endpointMs = performance.now() - started;
    const events = devices.reduce((n, d) => n + d.events.length, 0);
    const stored = Number((await store.q().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (stored !== events) throw new Error(`${stored} events stored of ${events}`);
    await server.close();

    // Baseline: the same rows (as the server stored them) into a fresh database of the same schema, one transaction.
    const rawDb = openDb(join(rawDir, 'kakou.sqlite'));
    try {
      migrate(rawDb);
      const cp = Number(rawDb.prepare("INSERT INTO checkpoints (name, location, region_code, direction) VALUES ('花桥卡口', '昆山 G312 花桥', '320583', 'inbound')").run().lastInsertRowid);
      const addDevice = rawDb.prepare('INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES (?, ?, ?, ?)');
      for (const d of devices) addDevice.run(d.id, cp, JSON.stringify(d.keys.publicJwk), `${d.keys.publicJwk.x}.${d.keys.publicJwk.y}`);
      const receivedAt = new Date().toISOString();
      const rows: Array<Record<string, string | number>> = [];
      for (const d of devices) {
        for (const e of d.events) {
          const canonical = canonicalEvent(e);
          rows.push({
            id: e.id, deviceId: e.deviceId, seq: e.seq, deviceTime: e.deviceTime, receivedAt, clockOffsetMs: 0, prevHash: e.prevHash,
            hash: await sha256Base64url(canonical), type: e.type, payload: canonicalize(e.payload), canonical, sig: e.sig,
          });
        }
      }
      const rawMs = BENCH_ENGINE === 'postgres' ? await rawPostgresMs(devices, rows) : rawSqliteMs(rawDb, rows);
      batchMs.sort((a, b) => a - b);
      return { events, devices: deviceCount, endpointPerSec: (events / endpointMs) * 1000, rawPerSec: (rows.length / rawMs) * 1000, batchP50Ms: batchMs[Math.floor(batchMs.length / 2)]!, cpuUsPerEvent: (cpu.user + cpu.system) / events };
    } finally {
      rawDb.close();
    }
  } finally {
    await server.close().catch(() => undefined);
    rmSync(rawDir, { recursive: true, force: true });
  }
}

const INSERT_EVENT = `INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig)`;

/** Raw better-sqlite3: one prepared INSERT per row, one transaction. */
function rawSqliteMs(rawDb: ReturnType<typeof openDb>, rows: Array<Record<string, string | number>>): number {
  const insert = rawDb.prepare(`${INSERT_EVENT}
    VALUES (@id, @deviceId, @seq, @deviceTime, @receivedAt, @clockOffsetMs, @prevHash, @hash, @type, @payload, @canonical, @sig)`);
  const started = performance.now();
  rawDb.transaction(() => {
    for (const r of rows) insert.run(r);
  })();
  return performance.now() - started;
}

/**
 * Raw pg on one connection: the same rows as multi-row INSERTs of one upload's size (500 rows, 6,000
 * parameters), one transaction, into a fresh database of the same schema. Not one INSERT per row as on
 * SQLite: over a socket each statement is a round trip (node-postgres sends the next after the answer),
 * and the server stores a batch in a few statements too.
 */
async function rawPostgresMs(devices: Device[], rows: Array<Record<string, string | number>>): Promise<number> {
  const database = (await freshPostgresDatabase({ migrated: true }))!;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const cp = (await client.query<{ id: number }>("INSERT INTO checkpoints (name, location, region_code, direction) VALUES ('花桥卡口', '昆山 G312 花桥', '320583', 'inbound') RETURNING id")).rows[0]!.id;
    for (const d of devices) {
      await client.query('INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES ($1, $2, $3, $4)', [d.id, cp, JSON.stringify(d.keys.publicJwk), `${d.keys.publicJwk.x}.${d.keys.publicJwk.y}`]);
    }
    const started = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += BATCH) {
      const slice = rows.slice(i, i + BATCH);
      const values: unknown[] = [];
      const tuples = slice.map((r, j) => {
        values.push(r.id, r.deviceId, r.seq, r.deviceTime, r.receivedAt, r.clockOffsetMs, r.prevHash, r.hash, r.type, r.payload, r.canonical, r.sig);
        return `(${Array.from({ length: 12 }, (_, k) => `$${j * 12 + k + 1}`).join(', ')})`;
      });
      await client.query(`${INSERT_EVENT} VALUES ${tuples.join(', ')}`, values);
    }
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    await client.end();
    await database.drop();
  }
}

export async function runIngestBench(total?: number): Promise<Section> {
  const r = await measureIngest(total);
  const pg = BENCH_ENGINE === 'postgres';
  return {
    id: pg ? '5-ingest-postgres' : '5-ingest',
    title: `Ingest: signed, chained device events through POST /api/v1/devices/events (batches of 500, ${pg ? 'server on PostgreSQL' : 'synchronous=FULL'})`,
    figures: [
      figure(
        pg ? 'ingest.postgres.events_per_sec' : 'ingest.events_per_sec',
        { label: `events through the endpoint (${r.devices} devices uploading at once, loopback HTTP${pg ? ', PostgreSQL' : ''})`, value: r.endpointPerSec, unit: 'events/s' },
        pg
          ? { label: 'raw pg multi-row inserts of the same rows (500 a statement), one transaction, same schema, on the same throwaway cluster', value: r.rawPerSec, unit: 'events/s' }
          : { label: 'raw better-sqlite3 inserts of the same rows, one transaction, same schema', value: r.rawPerSec, unit: 'events/s' },
        { ratioMeans: 'of raw (higher is better)', goal: (ratio, v) => ({ text: 'at least 5,000 events/s and at least 0.2 of raw', met: v >= 5000 && ratio >= 0.2 }) },
      ),
    ],
    notes: [`${r.events} events in batches of ${BATCH}; requests signed before the clock starts; median upload (send, verify, store, answer) ${r.batchP50Ms.toFixed(0)} ms; CPU ${r.cpuUsPerEvent.toFixed(0)} µs per event (all threads, server and loopback client)`],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatSection(await runIngestBench()));
}
