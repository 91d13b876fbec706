import type { RuleSet } from '../../../core/rules/index.js';
import { DEVICE_ESCORT_WINDOW_SEC, type DeviceEscortRequest } from '../../../core/sync/index.js';
import type { Repos } from '../../repositories.js';
import type { UserActor } from '../../types.js';
import { actorColumns, SYSTEM, type Actor } from '../../security/actor.js';
import { invalid, notFound, Problem } from '../../problem.js';
import { assertEnterpriseAccess, enterpriseFilter, isBureau } from '../enterprises/scope.js';
import type { StoredEvent } from '../ingest/repository.js';
import { escortEmitter, type EscortEvent, type EscortListener } from './events.js';
import { chinaToday, dayOf, isolationComplete, overdueOf, type EscortLimits } from './overdue.js';
import { escortProjector } from './projector.js';
import { arrangementIssue, endIssue } from '../isolation/schema.js';
import type { EscortRecord } from './repository.js';
import type {
  ArrivalInput,
  DispatchInput,
  EnterpriseAttention,
  EscortListQuery,
  EscortRequest,
  IsolationEndInput,
  IsolationInput,
  PassCheck,
  TimelineEntry,
} from './schema.js';

export interface EscortsDeps {
  repos: Repos;
  /** the rule set in force at a moment (its limits apply) */
  ruleSetAt(now: Date): RuleSet;
  /** the rule set a check was decided with; null when not known here */
  ruleSetByVersion(version: number): RuleSet | null;
  /** where a listener's failure is reported */
  onListenerError?: (error: unknown, event: EscortEvent) => void;
}

/** The start of a China calendar day, as an instant. */
const chinaMidnight = (isoDate: string) => new Date(dayOf(isoDate) * 86_400_000 - 8 * 3_600_000).toISOString();
/** Isolation steps are dated by day; on the timeline they never come before the arrival they follow. */
const laterOf = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/** A clock skew the enterprise's times may have; a time further ahead is a typo. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const wrongStep = (detail: 'escort.err.handed_over' | 'escort.err.arrived' | 'escort.err.not_arrived' | 'escort.err.closed') =>
  new Problem('escort_wrong_step', { detail });

/**
 * The escort loop: requests made from ESCORT checks (projector.ts), what the
 * enterprise records (dispatch, arrival, isolation), the limits (overdue.ts)
 * and the notices every change emits after it committed (events.ts).
 * Enterprise users reach their own enterprise's requests only; another
 * enterprise's request answers 404 like a missing one.
 */
export function escortsService(deps: EscortsDeps) {
  const { repos } = deps;
  const emitter = escortEmitter(deps.onListenerError);
  const projector = escortProjector({ repos, ruleSetByVersion: deps.ruleSetByVersion });

  const limits = (now: Date): EscortLimits => {
    const r = deps.ruleSetAt(now);
    return { maxCheckpointWaitSec: r.maxCheckpointWaitSec, maxTransitSec: r.maxTransitSec, isolationDays: r.isolationDays };
  };

  const view = (r: EscortRecord, now: Date, l = limits(now)): EscortRequest => ({
    id: r.id,
    checkEventId: r.checkEventId,
    checkpoint: r.checkpoint,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    passNo: r.passNo,
    plate: r.plate,
    people: r.people,
    reasons: r.reasons,
    ruleSetVersion: r.ruleSetVersion,
    waitingSince: r.waitingSince,
    status: r.status,
    dispatch: r.dispatch && { escortName: r.dispatch.escortName, phoneMasked: r.dispatch.phoneMasked, dispatchedAt: r.dispatch.dispatchedAt },
    handover: r.handover,
    arrivedAt: r.arrivedAt,
    closedAt: r.closedAt,
    isolations: r.isolations,
    overdue: overdueOf(r, l, now.getTime()),
    updatedAt: r.updatedAt,
  });

  /** The request after the access check: the bureau any, an enterprise user its own (else 404). */
  async function load(actor: UserActor, id: number): Promise<EscortRecord> {
    const r = await repos.escorts.get(id);
    if (!r) throw notFound();
    assertEnterpriseAccess(actor, r.enterpriseId ?? -1);
    return r;
  }

  /** Only the enterprise itself records its steps; the bureau reads. */
  async function loadOwn(actor: UserActor, id: number): Promise<EscortRecord> {
    if (isBureau(actor)) throw new Problem('forbidden');
    return load(actor, id);
  }

  const timelineActor = (actor: Actor) => {
    const c = actorColumns(actor);
    return { actorType: c.actorType, actorName: actor.kind === 'user' ? actor.user.displayName : c.actorName };
  };

  function notPast(path: string, iso: string, now: Date): void {
    if (Date.parse(iso) > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid({ path, message: 'escort.err.future' });
  }

  /** Closes a request once it arrived and its isolation is complete; returns the notice. */
  async function closeIfDone(id: number, at: string, out: EscortEvent[]): Promise<void> {
    const r = (await repos.escorts.get(id))!;
    if (r.status !== 'arrived' || !isolationComplete(r)) return;
    if (!(await repos.escorts.close(id, at))) return;
    await repos.escorts.appendTimeline({ requestId: id, kind: 'closed', at, recordedAt: at, actorType: 'system', actorName: SYSTEM.name, ref: 'closed' });
    await repos.audit.record({ actor: SYSTEM, action: 'escort.close', subjectId: id, enterpriseId: r.enterpriseId, detail: { isolations: r.isolations.length } });
    out.push({ type: 'escort.closed', enterpriseId: r.enterpriseId, requestId: id, at, data: { status: 'closed' } });
  }

  /** Runs a change in one transaction and tells the listeners once it committed. */
  async function change<T>(fn: (out: EscortEvent[]) => Promise<T>): Promise<T> {
    const out: EscortEvent[] = [];
    const result = await repos.store.transaction(() => fn(out));
    // After the commit, and before the answer: the enterprise's webhook notice is queued (and its timeline step
    // recorded) by the time the caller hears the change happened. emit() never rejects; it reports failures.
    await emitter.emit(out);
    return result;
  }

  return {
    /**
     * Subscribes to every change of every request (the caller filters by
     * enterprise). Notices come after the change committed, in order. Returns
     * the function that unsubscribes.
     */
    onEscortEvent(listener: EscortListener): () => void {
      return emitter.on(listener);
    },

    /** For the ingest service: projects the events an upload stored, inside its transaction; emits after the commit. */
    ingestObserver: {
      async stored(events: readonly StoredEvent[], receivedAt: string): Promise<() => void> {
        const out = await projector.project(events, receivedAt);
        return () => emitter.emit(out);
      },
    },

    /** Projects events stored before this feature existed (or without it); idempotent, run at start. */
    async catchUp(now: Date = new Date()): Promise<number> {
      const out = await repos.store.transaction(() => projector.catchUp(now.toISOString()));
      await emitter.emit(out);
      return out.length;
    },

    limits,

    async list(actor: UserActor, q: EscortListQuery, now: Date = new Date()): Promise<{ items: EscortRequest[]; total: number }> {
      const own = enterpriseFilter(actor);
      const enterpriseId = own ?? q.enterpriseId;
      if (own !== undefined && q.enterpriseId !== undefined && q.enterpriseId !== own) throw new Problem('forbidden');
      const l = limits(now);
      const ids = q.overdue === 'yes'
        ? (await repos.escorts.active()).filter((r) => overdueOf(r, l, now.getTime()).length > 0).map((r) => r.id)
        : undefined;
      const { items, total } = await repos.escorts.list({
        enterpriseId, checkpointId: q.checkpointId, status: q.status, ids, limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
      });
      return { items: items.map((r) => view(r, now, l)), total };
    },

    async get(actor: UserActor, id: number, now: Date = new Date()): Promise<EscortRequest> {
      return view(await load(actor, id), now);
    },

    async timeline(actor: UserActor, id: number): Promise<TimelineEntry[]> {
      await load(actor, id);
      return repos.escorts.timeline(id);
    },

    async dispatch(actor: UserActor, id: number, input: DispatchInput, ip: string | null, now: Date = new Date()): Promise<EscortRequest> {
      const at = now.toISOString();
      const dispatchedAt = input.dispatchedAt ? new Date(Date.parse(input.dispatchedAt)).toISOString() : at;
      notPast('dispatchedAt', dispatchedAt, now);
      await change(async (out) => {
        const r = await loadOwn(actor, id);
        if (r.status === 'closed') throw wrongStep('escort.err.closed');
        if (r.arrivedAt) throw wrongStep('escort.err.arrived');
        if (r.handover) throw wrongStep('escort.err.handed_over');
        // A handover projected (or an arrival recorded) since the read above, maybe on another node: the same answer.
        if (!(await repos.escorts.setDispatch(id, { escortName: input.escortName, phone: input.escortPhone, dispatchedAt, by: actor.user.id, at }))) {
          throw wrongStep('escort.err.handed_over');
        }
        await repos.escorts.appendTimeline({ requestId: id, kind: 'dispatched', at: dispatchedAt, recordedAt: at, ...timelineActor(actor), detail: { escortName: input.escortName, redispatch: r.dispatch !== null } });
        await repos.audit.record({
          actor, action: 'escort.dispatch', subjectId: id, enterpriseId: r.enterpriseId, ip,
          detail: { escortName: input.escortName, phoneLast4: input.escortPhone.slice(-4), dispatchedAt, previous: r.dispatch?.escortName ?? null },
        });
        out.push({ type: 'escort.dispatched', enterpriseId: r.enterpriseId, requestId: id, at: dispatchedAt, data: { status: 'dispatched', escortName: input.escortName, dispatchedAt } });
      });
      return view((await repos.escorts.get(id))!, now);
    },

    async arrive(actor: UserActor, id: number, input: ArrivalInput, ip: string | null, now: Date = new Date()): Promise<EscortRequest> {
      const at = now.toISOString();
      const arrivedAt = input.arrivedAt ? new Date(Date.parse(input.arrivedAt)).toISOString() : at;
      notPast('arrivedAt', arrivedAt, now);
      await change(async (out) => {
        const r = await loadOwn(actor, id);
        if (r.status === 'closed') throw wrongStep('escort.err.closed');
        if (r.arrivedAt) throw wrongStep('escort.err.arrived');
        if (Date.parse(arrivedAt) < Date.parse(r.waitingSince)) throw invalid({ path: 'arrivedAt', message: 'escort.err.before_check' });
        // Recorded by another request since the read above, maybe on another node: the same answer.
        if (!(await repos.escorts.setArrival(id, { arrivedAt, by: actor.user.id, at }))) throw wrongStep('escort.err.arrived');
        await repos.escorts.appendTimeline({ requestId: id, kind: 'arrived', at: arrivedAt, recordedAt: at, ...timelineActor(actor), ref: 'arrived', detail: { handedOver: r.handover !== null } });
        await repos.audit.record({ actor, action: 'escort.arrive', subjectId: id, enterpriseId: r.enterpriseId, ip, detail: { arrivedAt, handedOver: r.handover !== null } });
        out.push({ type: 'escort.arrived', enterpriseId: r.enterpriseId, requestId: id, at: arrivedAt, data: { status: 'arrived', arrivedAt } });
        await closeIfDone(id, at, out);
      });
      return view((await repos.escorts.get(id))!, now);
    },

    async recordIsolation(actor: UserActor, id: number, input: IsolationInput, ip: string | null, now: Date = new Date()): Promise<EscortRequest> {
      const at = now.toISOString();
      const l = limits(now);
      await change(async (out) => {
        const r = await loadOwn(actor, id);
        if (r.status === 'closed') throw wrongStep('escort.err.closed');
        if (!r.arrivedAt) throw wrongStep('escort.err.not_arrived');
        if (!r.people.some((p) => p.index === input.personIndex)) throw invalid({ path: 'personIndex', message: 'escort.err.person' });
        const exists = () => new Problem('conflict', { errors: [{ path: 'personIndex', message: 'escort.err.isolation_exists' }] });
        if (r.isolations.some((i) => i.personIndex === input.personIndex)) throw exists();
        const issue = arrangementIssue(input, {
          notBefore: chinaToday(Date.parse(r.arrivedAt)), notBeforeMessage: 'escort.err.start_before_arrival', isolationDays: l.isolationDays, nowMs: now.getTime(),
        });
        if (issue) throw invalid(issue);
        // Recorded by another request since the read above, maybe on another node: the same answer.
        const isolation = { personIndex: input.personIndex, place: input.place, startDate: input.startDate, plannedEnd: input.plannedEnd, responsible: input.responsible };
        if (!(await repos.escorts.insertIsolation(id, isolation, actor.user.id, at))) throw exists();
        await repos.escorts.touch(id, at);
        await repos.escorts.appendTimeline({
          requestId: id, kind: 'isolation_started', at: laterOf(chinaMidnight(input.startDate), r.arrivedAt), recordedAt: at, ...timelineActor(actor),
          ref: `person:${input.personIndex}`, detail: { personIndex: input.personIndex, place: input.place, startDate: input.startDate, plannedEnd: input.plannedEnd, responsible: input.responsible },
        });
        await repos.audit.record({
          actor, action: 'escort.isolation_start', subjectId: id, enterpriseId: r.enterpriseId, ip,
          detail: { personIndex: input.personIndex, place: input.place, startDate: input.startDate, plannedEnd: input.plannedEnd, responsible: input.responsible },
        });
        out.push({
          type: 'escort.isolation_recorded', enterpriseId: r.enterpriseId, requestId: id, at,
          data: { status: r.status, personIndex: input.personIndex, phase: 'started', startDate: input.startDate, plannedEnd: input.plannedEnd, endedOn: null },
        });
        await closeIfDone(id, at, out);
      });
      return view((await repos.escorts.get(id))!, now);
    },

    async endIsolation(actor: UserActor, id: number, personIndex: number, input: IsolationEndInput, ip: string | null, now: Date = new Date()): Promise<EscortRequest> {
      const at = now.toISOString();
      await change(async (out) => {
        const r = await loadOwn(actor, id);
        const iso = r.isolations.find((i) => i.personIndex === personIndex);
        if (!iso) throw notFound();
        const ended = () => new Problem('conflict', { errors: [{ path: 'endedOn', message: 'escort.err.isolation_ended' }] });
        if (iso.endedOn !== null) throw ended();
        const issue = endIssue(input.endedOn, iso, now.getTime());
        if (issue) throw invalid(issue);
        // Recorded by another request since the read above, maybe on another node: the same answer.
        if (!(await repos.escorts.endIsolation(id, personIndex, input.endedOn, actor.user.id, at))) throw ended();
        await repos.escorts.touch(id, at);
        const early = input.endedOn < iso.plannedEnd;
        await repos.escorts.appendTimeline({
          requestId: id, kind: 'isolation_ended', at: laterOf(chinaMidnight(input.endedOn), r.arrivedAt ?? at), recordedAt: at, ...timelineActor(actor),
          ref: `person:${personIndex}`, detail: { personIndex, endedOn: input.endedOn, early },
        });
        await repos.audit.record({ actor, action: 'escort.isolation_end', subjectId: id, enterpriseId: r.enterpriseId, ip, detail: { personIndex, endedOn: input.endedOn, plannedEnd: iso.plannedEnd } });
        out.push({
          type: 'escort.isolation_recorded', enterpriseId: r.enterpriseId, requestId: id, at,
          data: { status: r.status, personIndex, phase: 'ended', startDate: iso.startDate, plannedEnd: iso.plannedEnd, endedOn: input.endedOn },
        });
        await closeIfDone(id, at, out);
      });
      return view((await repos.escorts.get(id))!, now);
    },

    /**
     * A notification that went out about a request (the webhook delivery, a
     * printed duty sheet): one timeline step, audited. For the notification
     * features; `ref` (e.g. the delivery id) keeps a retry from adding it twice.
     */
    async recordNotification(requestId: number, n: { channel: 'webhook' | 'duty_sheet' | 'portal'; at?: Date; ref?: string; detail?: Record<string, string | number | boolean | null> }): Promise<boolean> {
      const at = (n.at ?? new Date()).toISOString();
      // In a transaction of its own, so that it queues behind (never runs inside) another request's: it is
      // called from the webhook listener, after an await.
      return repos.store.transaction(async () => {
        const r = await repos.escorts.get(requestId);
        if (!r) return false;
        const added = await repos.escorts.appendTimeline({ requestId, kind: 'notified', at, recordedAt: new Date().toISOString(), actorType: 'system', actorName: SYSTEM.name, ref: n.ref ?? null, detail: { channel: n.channel, ...(n.detail ?? {}) } });
        if (added) await repos.audit.record({ actor: SYSTEM, action: 'escort.notify', subjectId: requestId, enterpriseId: r.enterpriseId, detail: { channel: n.channel } });
        return added;
      });
    },

    /**
     * Records and announces each limit a request passed, once (timeline ref =
     * the overdue kind and person). Run every minute by the feature and from
     * tests at fixed times; returns the notices it emitted.
     */
    async sweepOverdue(now: Date = new Date()): Promise<EscortEvent[]> {
      const l = limits(now);
      const at = now.toISOString();
      const out: EscortEvent[] = [];
      await repos.store.transaction(async () => {
        for (const r of await repos.escorts.active()) {
          for (const o of overdueOf(r, l, now.getTime())) {
            const ref = o.personIndex === null ? o.kind : `${o.kind}:${o.personIndex}`;
            // Once across the nodes: the sweep runs under a job lease, and the step is ON CONFLICT DO NOTHING on its ref besides.
            const added = await repos.escorts.appendTimeline({ requestId: r.id, kind: 'overdue', at: o.since, recordedAt: at, actorType: 'system', actorName: SYSTEM.name, ref, detail: { ...o } });
            if (!added) continue;
            await repos.audit.record({ actor: SYSTEM, action: 'escort.overdue', subjectId: r.id, enterpriseId: r.enterpriseId, detail: { kind: o.kind, personIndex: o.personIndex, since: o.since } });
            out.push({ type: 'escort.overdue', enterpriseId: r.enterpriseId, requestId: r.id, at: o.since, data: { status: r.status, kind: o.kind, personIndex: o.personIndex, since: o.since } });
          }
        }
      });
      void emitter.emit(out);
      return out;
    },

    /** Per enterprise with something open: overdue requests, and arrived key-area people without isolation. */
    async attentionByEnterprise(now: Date = new Date()): Promise<Map<number, EnterpriseAttention>> {
      const l = limits(now);
      const out = new Map<number, EnterpriseAttention>();
      for (const r of await repos.escorts.active()) {
        if (r.enterpriseId === null) continue;
        const o = overdueOf(r, l, now.getTime());
        if (o.length === 0) continue;
        const a = out.get(r.enterpriseId) ?? { overdue: 0, unconfirmedIsolation: 0 };
        if (o.some((x) => x.kind !== 'isolation_unrecorded')) a.overdue += 1;
        a.unconfirmedIsolation += o.filter((x) => x.kind === 'isolation_unrecorded').length;
        out.set(r.enterpriseId, a);
      }
      return out;
    },

    /** The calling device's checkpoint, the last 48 hours: what the scanner's waiting list shows. */
    async forDevice(checkpointId: number, now: Date = new Date()): Promise<DeviceEscortRequest[]> {
      const since = new Date(now.getTime() - DEVICE_ESCORT_WINDOW_SEC * 1000).toISOString();
      return (await repos.escorts.forCheckpoint(checkpointId, since)).map((r) => ({
        checkEventId: r.checkEventId,
        status: r.status,
        escort: r.dispatch ? { name: r.dispatch.escortName, phoneLast4: r.dispatch.phoneLast4, dispatchedAt: r.dispatch.dispatchedAt } : null,
      }));
    },

    /** The checks of an enterprise's own passes; the bureau may ask for any enterprise's. */
    async passChecks(actor: UserActor, q: { enterpriseId?: number | undefined; page: number; pageSize: number }): Promise<{ items: PassCheck[]; total: number }> {
      const own = enterpriseFilter(actor);
      if (own !== undefined && q.enterpriseId !== undefined && q.enterpriseId !== own) throw new Problem('forbidden');
      return repos.escorts.passChecks(own ?? q.enterpriseId, q.pageSize, (q.page - 1) * q.pageSize);
    },
  };
}
export type EscortsService = ReturnType<typeof escortsService>;
