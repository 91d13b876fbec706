/**
 * From stored charter_check events to custody tasks (item 7). Runs inside the
 * upload's transaction (and once at start for anything stored before): for a
 * check of an approved run whose manifest digest is the server's own, every
 * passenger with outcome CUSTODY becomes a task for the passenger's enterprise
 * as the server records it. A check the server cannot back up (unknown run,
 * another manifest) projects nothing and is flagged for the bureau. Tasks are
 * keyed by (run, passenger) and flags by (event, kind, place), so a replayed
 * upload or a second check of the same coach adds nothing.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { canonicalize } from '../../../core/events/index.js';
import { deviceActor } from '../../security/actor.js';
import type { Repos } from '../../repositories.js';
import type { StoredEvent } from '../ingest/repository.js';
import type { ApprovedManifest } from '../charter/service.js';
import type { CharterCheckFlagKind, CustodyOverdueKind } from './schema.js';

/** What the projector reads of a charter check's payload (the full contract is charterCheckPayloadSchema; read loosely, as stored). */
const payloadSchema = z.looseObject({
  runId: z.string().nullable(),
  md: z.string().nullable(),
  plate: z.string(),
  decision: z.string(),
  passengers: z.array(z.looseObject({ outcome: z.string(), ent: z.string() })),
});

/** A new task, announced after the upload committed (the enterprise's webhook); no name, no ID digits. */
export interface CustodyNotice {
  type: 'custody.handed_over';
  enterpriseId: number;
  taskId: number;
  runId: number;
  checkpointId: number;
  at: string;
}

/** A limit a task newly passed (the overdue sweep), announced after it committed. */
export interface CustodyOverdueNotice {
  type: 'custody.overdue';
  enterpriseId: number;
  taskId: number;
  kind: CustodyOverdueKind;
  since: string;
}

export interface CustodyProjectorDeps {
  repos: Repos;
  /** the approved run's manifest places (charter service); null unless approved */
  approvedPlaces(runId: number): Promise<Omit<ApprovedManifest, 'md'> | null>;
}

/** The manifest digest (docs/charter-pass.md section 4), synchronously: the same bytes as core's manifestDigest. */
export const manifestDigestSync = (manifest: unknown): string => createHash('sha256').update(canonicalize(manifest), 'utf8').digest('base64url');

const utc = (deviceTime: string) => new Date(Date.parse(deviceTime)).toISOString();

export function custodyProjector({ repos, approvedPlaces }: CustodyProjectorDeps) {
  async function flag(event: StoredEvent, kind: CharterCheckFlagKind, at: string, detail: Record<string, unknown>, place?: number): Promise<void> {
    if (!(await repos.custody.flag({ eventId: event.id, kind, ...(place === undefined ? {} : { place }), detail, at }))) return;
    await repos.audit.record({
      actor: deviceActor(event.deviceId), action: 'custody.flag', subjectId: event.id,
      detail: { kind, place: place ?? null, runId: typeof event.payload.runId === 'string' ? event.payload.runId : null },
    });
  }

  async function projectOne(event: StoredEvent, at: string, out: CustodyNotice[]): Promise<void> {
    const parsed = payloadSchema.safeParse(event.payload);
    if (!parsed.success) return;
    const check = parsed.data;
    // A coach not expected here: no manifest, no passengers, nothing to hand over.
    if (check.runId === null) return;
    const runId = /^[1-9][0-9]{0,15}$/.test(check.runId) ? Number(check.runId) : null;
    const places = runId !== null && Number.isSafeInteger(runId) ? await approvedPlaces(runId) : null;
    if (!places) return flag(event, 'unknown_run', at, { runId: check.runId });
    const md = manifestDigestSync(places.manifest);
    if (check.md !== md) return flag(event, 'md_mismatch', at, { runId: check.runId, md: check.md, expected: md });
    if (check.passengers.length !== places.manifest.length) {
      return flag(event, 'count_mismatch', at, { runId: check.runId, passengers: check.passengers.length, expected: places.manifest.length });
    }
    const device = await repos.devices.get(event.deviceId);
    if (!device) return;
    const enterprises = await repos.custody.passengerEnterprises(places.runId);
    const handedOverAt = utc(event.deviceTime);
    // In manifest order, one place after the other: the flags, tasks and audit entries are written in that order.
    for (const [place, p] of check.passengers.entries()) {
      const ent = places.manifest[place]!.ent;
      // The server's record decides; the device's copy disagreeing is for the bureau to look at.
      if (p.ent !== ent) await flag(event, 'ent_mismatch', at, { deviceEnt: p.ent, ent }, place);
      if (p.outcome !== 'CUSTODY') continue;
      const passengerId = places.passengerIds[place]!;
      const enterpriseId = enterprises.get(passengerId);
      if (enterpriseId === undefined) continue;
      const { id, change } = await repos.custody.insert({
        runId: places.runId, passengerId, place, enterpriseId, eventId: event.id, deviceId: event.deviceId, checkpointId: device.checkpointId, handedOverAt, at,
      });
      if (change === 'none') continue;
      await repos.audit.record({
        actor: deviceActor(event.deviceId), action: 'custody.handover', subjectId: id, enterpriseId,
        detail: { eventId: event.id, runId: places.runId, place, checkpointId: device.checkpointId, moved: change === 'moved' },
      });
      if (change === 'created') out.push({ type: 'custody.handed_over', enterpriseId, taskId: id, runId: places.runId, checkpointId: device.checkpointId, at: handedOverAt });
    }
  }

  /** Projects newly stored events; call inside the transaction that stored them. Returns the new tasks. */
  async function project(events: readonly StoredEvent[], at: string): Promise<CustodyNotice[]> {
    const out: CustodyNotice[] = [];
    for (const e of events) if (e.type === 'charter_check') await projectOne(e, at, out);
    return out;
  }

  return {
    project,
    /** Charter checks stored but not yet projected (before this feature, or by a path without it). */
    async catchUp(at: string): Promise<CustodyNotice[]> {
      const events: StoredEvent[] = [];
      for (const id of await repos.custody.unprojected()) {
        const e = await repos.events.get(id);
        if (e) events.push(e);
      }
      return project(events, at);
    },
  };
}
export type CustodyProjector = ReturnType<typeof custodyProjector>;
