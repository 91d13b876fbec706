// The setting of the custody tests (no tests here): the charter world with one approved run serving
// enterprises A (3 passengers) and B (2), a checkpoint with an enrolled scanner whose events are signed for real.
import type { Test } from 'tap';
import type { SignedEvent } from '../../../src/core/events/index.js';
import type { ManifestPassenger } from '../../../src/core/charter/manifest.js';
import type { IngestResult } from '../../../src/server/features/ingest/service.js';
import { simulateDevice, type SimulatedDevice } from '../../helpers/device.js';
import { chinaDate } from '../../helpers/fleet.js';
import type { Client } from '../../helpers/client.js';
import { SimDevice } from '../ingest/fixtures.js';
import { charterWorld, needBody, passengerId, runBody } from '../charter/fixtures.js';

/** The body of POST /api/v1/charter/runs/:id/approve: the one place that builds it. */
export const approveBody = (checkpointIds: number[]) => ({ reason: '核验无误', checkpointIds });

const passenger = (n: number, name: string, stays: { code: string; lastDay: string }[] = []) => ({
  name, idNumber: passengerId(n), phone: `1390000${String(n).padStart(4, '0')}`, originRegion: '510100', stays,
});

async function ok(res: Promise<{ statusCode: number; body: string }>, status: number, what: string) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${r.body.slice(0, 400)}`);
  return r;
}

/** Plans, fills, confirms and approves a run through the charter API, as test/server/charter/workflow.test.ts does. */
export async function approvedRun(c: { a: Client; b: Client; carrier: Client; officer: Client }, checkpointIds: number[], plate = '苏E88888'): Promise<number> {
  const needA = (await ok(c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 5 })), 201, 'need A')).body;
  const needB = (await ok(c.b.request('POST', '/api/v1/charter/needs', needBody({ workers: 5 })), 201, 'need B')).body;
  const needAId = (JSON.parse(needA) as { id: number }).id;
  const needBId = (JSON.parse(needB) as { id: number }).id;
  const run = await ok(c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: needAId, seats: 3 }, { needId: needBId, seats: 2 }], { plate })), 201, 'run');
  const runId = (JSON.parse(run.body) as { id: number }).id;
  const keyArea = [{ code: '420100', lastDay: chinaDate(-3) }];
  await ok(c.a.request('PUT', `/api/v1/charter/runs/${runId}/needs/${needAId}/passengers`, {
    passengers: [passenger(201, '张三', keyArea), passenger(202, '李四'), passenger(203, '王五')],
  }), 200, 'passengers A');
  await ok(c.b.request('PUT', `/api/v1/charter/runs/${runId}/needs/${needBId}/passengers`, {
    passengers: [passenger(204, '赵六', keyArea), passenger(205, '钱七')],
  }), 200, 'passengers B');
  await ok(c.a.request('POST', `/api/v1/charter/runs/${runId}/confirm`), 200, 'confirm A');
  await ok(c.b.request('POST', `/api/v1/charter/runs/${runId}/confirm`), 200, 'confirm B');
  await ok(c.officer.request('POST', `/api/v1/charter/runs/${runId}/approve`, approveBody(checkpointIds)), 200, 'approve');
  return runId;
}

export async function custodyWorld(t: Test) {
  const world = await charterWorld(t);
  const { ctx } = world;
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '花桥收费站入城', location: '昆山 G312 花桥', regionCode: '320583', direction: 'inbound' });
  const runId = await approvedRun(world.c, [checkpoint.id]);
  const approved = (await ctx.app.services.charter.approvedManifest(runId))!;
  const scanner = await simulateDevice(ctx, checkpoint.id);
  const dev = new SimDevice(scanner.id, { privateKey: scanner.privateKey, publicJwk: scanner.publicJwk });
  /** The manifest place (0-based) of the passenger with this name. */
  const placeOf = (name: string) => approved.manifest.findIndex((m) => m.name === name);
  return { ...world, runId, approved, checkpointId: checkpoint.id, scanner, dev, placeOf };
}

/** A charter_check event's type and payload: every place RELEASE unless `outcomes` says otherwise; `ents` overrides a place's ent. */
export function charterCheck(
  run: { runId: number | string | null; md: string | null; manifest: readonly ManifestPassenger[] },
  opts: { outcomes?: Record<number, 'CUSTODY' | 'HOLD' | 'ABSENT' | 'MANUAL'>; ents?: Record<number, string>; plate?: string; count?: number } = {},
) {
  const manifest = opts.count === undefined ? run.manifest : run.manifest.slice(0, opts.count);
  const passengers = manifest.map((m, i) => ({ outcome: opts.outcomes?.[i] ?? 'RELEASE', ent: opts.ents?.[i] ?? m.ent }));
  const custody = passengers.some((p) => p.outcome === 'CUSTODY');
  return {
    type: 'charter_check',
    payload: {
      passNo: 'CH0000000001',
      runId: run.runId === null ? null : String(run.runId),
      md: run.md,
      plate: opts.plate ?? '苏E88888',
      observations: { v: 1 },
      decision: custody ? 'CUSTODY' : 'RELEASE',
      reasons: custody ? ['charter.custody'] : ['charter.release'],
      passengers,
      unlisted: 0,
      ruleSetVersion: 1,
      bundleAgeSec: 600,
      staffBadge: 'KS0427',
    },
  } as const;
}

export async function upload(device: SimulatedDevice, events: SignedEvent[]): Promise<IngestResult[]> {
  const res = await device.request('POST', '/api/v1/devices/events', { events });
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return (res.json() as { results: IngestResult[] }).results;
}
