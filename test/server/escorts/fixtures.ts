// The setting of the escort tests (no tests here; tap only runs *.test.ts): two enterprises,
// an issued pass of A, a checkpoint with an enrolled scanner whose events are signed for real.
import type { Test } from 'tap';
import { formatDeviceTime } from '../../../src/core/events/index.js';
import type { SignedEvent } from '../../../src/core/events/index.js';
import type { IngestResult } from '../../../src/server/features/ingest/service.js';
import { twoEnterprises, actorOf, type TwoEnterprises } from '../../helpers/registry.js';
import { simulateDevice, type SimulatedDevice } from '../../helpers/device.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';
import type { Client } from '../../helpers/client.js';
import { SimDevice } from '../ingest/fixtures.js';

export interface EscortWorld extends TwoEnterprises {
  checkpointId: number;
  scanner: SimulatedDevice;
  dev: SimDevice;
  passNo: string;
  creditA: string;
  creditB: string;
  actorA: Awaited<ReturnType<typeof actorOf>>;
  actorB: Awaited<ReturnType<typeof actorOf>>;
  actorOfficer: Awaited<ReturnType<typeof actorOf>>;
}

async function issuePass(c: Client, officer: Client, plate: string, tag: string): Promise<string> {
  const crew = await fleet(c, plate, tag);
  const p = await c.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId], validFrom: chinaDate(0), validTo: chinaDate(6),
    originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  if (p.statusCode !== 201) throw new Error(`pass: ${p.statusCode} ${p.body}`);
  const id = (p.json() as { id: number }).id;
  await c.request('POST', `/api/v1/passes/${id}/submit`);
  const a = await officer.request('POST', `/api/v1/passes/${id}/approve`);
  if (a.statusCode !== 200) throw new Error(`approve: ${a.statusCode} ${a.body}`);
  return (a.json() as { passNo: string }).passNo;
}

export async function escortWorld(t: Test): Promise<EscortWorld> {
  const two = await twoEnterprises(t);
  const { ctx } = two;
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '花桥收费站入城', location: '昆山 G312 花桥', regionCode: '320583', direction: 'inbound' });
  const scanner = await simulateDevice(ctx, checkpoint.id);
  const dev = new SimDevice(scanner.id, { privateKey: scanner.privateKey, publicJwk: scanner.publicJwk });
  const passNo = await issuePass(two.a, two.officer, '苏E12345', '1');
  const officerId = (await ctx.repos.users.getWithHash('officer'))!.id;
  const userB = (await ctx.repos.users.getWithHash('ent-b'))!.id;
  return {
    ...two,
    checkpointId: checkpoint.id,
    scanner,
    dev,
    passNo,
    creditA: (await ctx.repos.enterprises.get(two.entA))!.creditCode,
    creditB: (await ctx.repos.enterprises.get(two.entB))!.creditCode,
    actorA: await actorOf(ctx, two.userA),
    actorB: await actorOf(ctx, userB),
    actorOfficer: await actorOf(ctx, officerId),
  };
}

/** An ESCORT check as the scanner records it: driver back from Wuhan, escort local. */
export function escortCheck(w: Pick<EscortWorld, 'passNo' | 'creditA'>, over: { passNo?: string | null; receiver?: string | null; plate?: string } = {}) {
  const passNo = over.passNo === undefined ? w.passNo : over.passNo;
  return {
    type: 'check',
    payload: {
      passNo,
      plate: over.plate ?? '苏E12345',
      observations: {
        v: 1,
        people: passNo
          ? [
              { passIndex: 0, id4Matches: true, readings: [36.5], stays: [{ region: '420106', lastDay: '2020-02-20' }] },
              { passIndex: 1, id4Matches: true, readings: [36.6], stays: [] },
            ]
          : [{ passIndex: null, id4Matches: null, readings: [36.5], stays: [{ region: '420106', lastDay: '2020-02-20' }] }],
        staffKeyAreaFlag: false,
        receivingEnterprise: over.receiver === undefined ? w.creditA : over.receiver,
      },
      decision: 'ESCORT',
      reasons: ['pass.valid', 'keyarea.stay'],
      ruleSetVersion: 1,
      bundleAgeSec: 600,
      staffBadge: 'KS0427',
    },
  } as const;
}

export function handover(checkEventId: string, escortName = '王强', escortPhoneLast4 = '5678', uscc = '91350100M000100Y43') {
  return { type: 'escort_handover', payload: { checkEventId, escortName, escortPhoneLast4, enterpriseUscc: uscc, staffBadge: 'KS0427' } } as const;
}

/** Device time `minutes` after 2020-02-25 14:00 China time (the SimDevice clock), or at a given instant. */
export const deviceTime = (at: number) => formatDeviceTime(new Date(at), 480);
export const T0 = Date.parse('2020-02-25T06:00:00.000Z');

export async function upload(device: SimulatedDevice, events: SignedEvent[]): Promise<IngestResult[]> {
  const res = await device.request('POST', '/api/v1/devices/events', { events });
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return (res.json() as { results: IngestResult[] }).results;
}
