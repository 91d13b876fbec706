/**
 * From stored device events to escort requests. Runs inside the upload's
 * transaction (and once at start for anything stored before): a stored ESCORT
 * check gets its request, a stored handover is linked to its check's request.
 * Every step is keyed by the event id, so a replayed upload adds nothing, and
 * a handover that arrives before its check is linked when the check comes.
 */
import * as z from 'zod';
import { chinaDayNumber, coveringKeyArea, type RuleSet } from '../../../core/rules/index.js';
import { deviceActor } from '../../security/actor.js';
import type { AuditInput } from '../audit/trail.js';
import type { Repos } from '../../repositories.js';
import type { StoredEvent } from '../ingest/repository.js';
import type { EscortPerson } from './schema.js';
import type { EscortEvent } from './events.js';

/** The observations a scanner uploads (scanner-app/src/app/check/to-input.ts); read loosely, as older events may differ. */
const observationsSchema = z.looseObject({
  people: z
    .array(z.looseObject({ passIndex: z.int().min(0).nullable(), stays: z.array(z.looseObject({ region: z.string(), lastDay: z.iso.date() })).default([]) }))
    .min(1)
    .max(64),
  staffKeyAreaFlag: z.boolean().optional(),
  receivingEnterprise: z.string().nullable().optional(),
});

const checkSchema = z.looseObject({
  passNo: z.string().nullable(),
  plate: z.string(),
  observations: z.record(z.string(), z.unknown()),
  decision: z.string(),
  reasons: z.array(z.string()),
  ruleSetVersion: z.int(),
});

const handoverSchema = z.looseObject({
  checkEventId: z.string(),
  escortName: z.string(),
  escortPhoneLast4: z.string().optional(),
});

export interface ProjectorDeps {
  repos: Repos;
  /** the rule set a check was decided with (for the key-area stays); null when unknown here */
  ruleSetByVersion(version: number): RuleSet | null;
}

const utc = (deviceTime: string) => new Date(Date.parse(deviceTime)).toISOString();

/**
 * Whether a person counts as arriving from a key area, so the enterprise owes an
 * isolation arrangement (item 7): a declared stay in a key area within the
 * look-back, or, for everyone on board, a key-area origin of the pass or the
 * staff's flag. When the observations cannot be read, everyone counts: the
 * decision was ESCORT, so a key area was involved, and asking one record too
 * many is the safe side.
 */
function keyAreaOf(stays: ReadonlyArray<{ region: string; lastDay: string }>, ruleSet: RuleSet | null, checkMs: number, everyone: boolean): boolean {
  if (everyone || !ruleSet) return true;
  const today = chinaDayNumber(checkMs);
  return stays.some((s) => {
    const [y, m, d] = s.lastDay.split('-').map(Number);
    const day = Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000);
    return today - day <= ruleSet.stayLookbackDays && coveringKeyArea(ruleSet.keyAreas, s.region) !== undefined;
  });
}

/** Audit entries a projection records, collected and written at its end. */
type AuditInputs = Array<AuditInput<'escort.request'> | AuditInput<'escort.handover'>>;

export function escortProjector({ repos, ruleSetByVersion }: ProjectorDeps) {
  /** The enterprise a check names: the pass's (as registered here), or the receiver staff picked. */
  async function enterpriseOf(passNo: string | null, receiver: string | null | undefined) {
    const pass = passNo ? await repos.passes.getByPassNo(passNo) : undefined;
    if (pass) return { enterpriseId: pass.enterpriseId, pass };
    const byCode = receiver ? await repos.enterprises.getByCreditCode(receiver) : undefined;
    return { enterpriseId: byCode?.id ?? null, pass: undefined };
  }

  function peopleOf(check: z.infer<typeof checkSchema>, pass: Awaited<ReturnType<Repos['passes']['getByPassNo']>>, checkMs: number): EscortPerson[] {
    const obs = observationsSchema.safeParse(check.observations);
    const ruleSet = ruleSetByVersion(check.ruleSetVersion);
    const originKey = pass !== undefined && ruleSet !== null && coveringKeyArea(ruleSet.keyAreas, pass.originRegion) !== undefined;
    const crew = pass?.people ?? [];
    const fromPass = (passIndex: number | null) => {
      const p = passIndex === null ? undefined : crew[passIndex];
      return p ? { name: p.name, idMasked: p.idMasked, role: p.role } : null;
    };
    if (!obs.success) {
      if (crew.length === 0) return [{ index: 0, passIndex: null, name: null, idMasked: null, role: 'driver', keyArea: true }];
      return crew.map((p, i) => ({ index: i, passIndex: i, name: p.name, idMasked: p.idMasked, role: p.role, keyArea: true }));
    }
    const everyone = originKey || obs.data.staffKeyAreaFlag === true;
    return obs.data.people.map((p, index) => {
      const known = fromPass(p.passIndex);
      return {
        index,
        passIndex: known ? p.passIndex : null,
        name: known?.name ?? null,
        idMasked: known?.idMasked ?? null,
        role: known?.role ?? (index === 0 && crew.length === 0 ? 'driver' : 'other'),
        keyArea: keyAreaOf(p.stays, ruleSet, checkMs, everyone),
      };
    });
  }

  async function createFor(event: StoredEvent, at: string, out: EscortEvent[], audit: AuditInputs): Promise<void> {
    // Most checks release: look at the decision before parsing the whole payload.
    if (event.payload.decision !== 'ESCORT') return;
    const parsed = checkSchema.safeParse(event.payload);
    if (!parsed.success || parsed.data.decision !== 'ESCORT') return;
    const check = parsed.data;
    const device = await repos.devices.get(event.deviceId);
    if (!device) return;
    const receiver = observationsSchema.safeParse(check.observations).data?.receivingEnterprise;
    const { enterpriseId, pass } = await enterpriseOf(check.passNo, receiver);
    const waitingSince = utc(event.deviceTime);
    const people = peopleOf(check, pass, Date.parse(event.deviceTime));
    const { id, created } = await repos.escorts.insert({
      checkEventId: event.id,
      deviceId: event.deviceId,
      checkpointId: device.checkpointId,
      enterpriseId,
      passNo: check.passNo,
      plate: check.plate,
      people,
      reasons: check.reasons,
      ruleSetVersion: check.ruleSetVersion,
      waitingSince,
      at,
    });
    if (!created) return;
    const actor = deviceActor(event.deviceId);
    await repos.escorts.appendTimeline({ requestId: id, kind: 'requested', at: waitingSince, recordedAt: at, actorType: 'device', actorName: event.deviceId, ref: event.id, detail: { reasons: check.reasons, checkpointId: device.checkpointId } });
    audit.push({
      actor, action: 'escort.request', subjectId: id, enterpriseId,
      detail: { checkEventId: event.id, checkpointId: device.checkpointId, plate: check.plate, people: people.length, keyAreaPeople: people.filter((p) => p.keyArea).length },
    });
    out.push({ type: 'escort.requested', enterpriseId, requestId: id, at: waitingSince, data: { status: 'open', checkEventId: event.id, checkpointId: device.checkpointId, plate: check.plate } });
    // A handover stored before its check: link it now.
    for (const handoverId of await repos.escorts.handoversOf(event.id)) {
      const h = await repos.events.get(handoverId);
      if (h) await linkHandover(h, at, out, audit);
    }
  }

  async function linkHandover(event: StoredEvent, at: string, out: EscortEvent[], audit: AuditInputs): Promise<void> {
    const parsed = handoverSchema.safeParse(event.payload);
    if (!parsed.success) return;
    const request = await repos.escorts.getByCheckEvent(parsed.data.checkEventId);
    // Not stored yet (it arrives later and links then), or a handover of another checkpoint's check: that is
    // the cross_checkpoint flag's business, and it must not move another checkpoint's request.
    if (!request) return;
    const device = await repos.devices.get(event.deviceId);
    if (!device || device.checkpointId !== request.checkpoint.id) return;
    const handoverAt = utc(event.deviceTime);
    const linked = await repos.escorts.linkHandover(request.id, {
      eventId: event.id, at: handoverAt, escortName: parsed.data.escortName, phoneLast4: parsed.data.escortPhoneLast4 ?? null, recordedAt: at,
    });
    if (!linked) return;
    const after = (await repos.escorts.get(request.id))!;
    const differentEscort = after.handover?.differentEscort ?? null;
    await repos.escorts.appendTimeline({
      requestId: request.id, kind: 'handed_over', at: handoverAt, recordedAt: at, actorType: 'device', actorName: event.deviceId, ref: event.id,
      detail: { escortName: parsed.data.escortName, differentEscort },
    });
    audit.push({
      actor: deviceActor(event.deviceId), action: 'escort.handover', subjectId: request.id, enterpriseId: request.enterpriseId,
      detail: { handoverEventId: event.id, escortName: parsed.data.escortName, differentEscort },
    });
    out.push({ type: 'escort.handed_over', enterpriseId: request.enterpriseId, requestId: request.id, at: handoverAt, data: { status: after.status, handoverEventId: event.id, escortName: parsed.data.escortName, differentEscort } });
  }

  /** Projects newly stored events; call inside the transaction that stored them. Returns what changed. */
  async function project(events: readonly StoredEvent[], at: string): Promise<EscortEvent[]> {
    const out: EscortEvent[] = [];
    // The audit entries of an upload go into the log together, in order (one statement, not one each).
    const audit: AuditInputs = [];
    // Checks first, so a handover of the same batch finds its request.
    for (const e of events) if (e.type === 'check') await createFor(e, at, out, audit);
    for (const e of events) if (e.type === 'escort_handover') await linkHandover(e, at, out, audit);
    await repos.audit.recordMany(audit);
    return out;
  }

  return {
    project,
    /** Everything stored but not yet projected (events stored before this feature, or by a path without it). */
    async catchUp(at: string): Promise<EscortEvent[]> {
      const events: StoredEvent[] = [];
      for (const id of await repos.escorts.unprojected()) {
        const e = await repos.events.get(id);
        if (e) events.push(e);
      }
      return project(events, at);
    },
  };
}
export type EscortProjector = ReturnType<typeof escortProjector>;
