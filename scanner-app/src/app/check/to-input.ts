/**
 * From the draft to what the core reads (`CheckInput` for `decide`) and what
 * the log keeps (the check event's payload, the waiting-list entry).
 *
 * The event's `observations` hold exactly what the decision used and nothing
 * else: per person the pass index, whether the ID suffix matched, readings and
 * declared stays; the staff flag; the receiving enterprise's credit code.
 * Deliberately left out:
 * - the ID characters staff typed: the event records whether they matched;
 *   the digits themselves are personal data the pass already minimises to
 *   four characters, and repeating them would add nothing an auditor needs;
 * - names of people not on the pass: the rules never read a name (passIndex
 *   null already says "not on the pass", and that refuses fast passage), and
 *   the event travels to the server and an audit log kept for years. Such a
 *   vehicle goes to ordinary inspection, which records identities under its
 *   own rules. The names stay on this device's waiting list, where staff need
 *   them, and are not uploaded;
 * - names of pass people: the pass (by `passNo`) already carries them.
 * With `passNo`, the device time, the rule-set version and these
 * observations, the server can re-run `decide` and get the same decision.
 */
import * as z from 'zod';
import type { CheckInput } from '../../../../src/core/rules/input.js';
import type { ObservedPerson } from '../../../../src/core/rules/input.js';
import type { Decision } from '../../../../src/core/rules/decision.js';
import type { RuleSet } from '../../../../src/core/rules/rule-set.js';
import { passEnterpriseId } from '../../../../src/core/rules/pass-check.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import { checkPayloadSchema } from '../../../../src/core/events/event.js';
import type { CheckPayload } from '../../../../src/core/events/event.js';
import { normalizePlate } from '../../../../src/core/validate/plate.js';
import { authenticClaims, onBoard } from './draft.js';
import type { CheckDraft, DraftPerson } from './draft.js';
import type { CheckHost, WaitingVehicle } from './host.js';

/** What the decision needs besides the draft; taken from the host once per decision. */
export interface CheckContext {
  /** epoch ms */
  now: number;
  ruleSet: RuleSet;
  trustAgeSec: number | null;
  directory: ReadonlyMap<string, EnterpriseInfo>;
}

export function checkContext(host: Pick<CheckHost, 'now' | 'trust'>): CheckContext {
  const trust = host.trust();
  return { now: host.now(), ruleSet: trust.ruleSet, trustAgeSec: trust.ageSec, directory: trust.directory };
}

/**
 * Whether the typed last four match the pass's; null when not typed (or not
 * complete). The check character X is compared case-insensitively: staff type
 * x as often as X.
 */
export function id4Matches(typed: string, onPass: string | undefined): boolean | null {
  const t = typed.trim().toUpperCase();
  if (t.length !== 4) return null;
  if (onPass === undefined) return false;
  return t === onPass.trim().toUpperCase();
}

/**
 * With a pass whose signature held: the enterprise it names, as found in the
 * directory. Without a pass: the one staff picked. null when there is none
 * (an unreadable pass names no one; an enterprise missing from the directory
 * cannot be called).
 */
export function receivingEnterprise(draft: CheckDraft, directory: ReadonlyMap<string, EnterpriseInfo>): EnterpriseInfo | null {
  if (draft.pass.kind === 'scanned') {
    const claims = authenticClaims(draft.pass);
    const uscc = claims ? passEnterpriseId(claims) : null;
    return (uscc && directory.get(uscc)) || null;
  }
  return (draft.receiverUscc && directory.get(draft.receiverUscc)) || null;
}

function observedPerson(draft: CheckDraft, p: DraftPerson): ObservedPerson {
  const claims = authenticClaims(draft.pass);
  const onPass = p.passIndex === null ? undefined : claims?.ppl[p.passIndex]?.[1];
  return {
    passIndex: p.passIndex,
    id4Matches: p.passIndex === null ? null : id4Matches(p.id4, onPass),
    readings: [...p.readings],
    stays: p.stays.map((s) => ({ region: s.region, lastDay: s.lastDay })),
  };
}

export function toCheckInput(draft: CheckDraft, ctx: CheckContext): CheckInput {
  const receiver = receivingEnterprise(draft, ctx.directory);
  return {
    pass: draft.pass.kind === 'none' ? { kind: 'none' } : { kind: 'scanned', result: draft.pass.result },
    observed: {
      plate: normalizePlate(draft.plate),
      people: onBoard(draft).map((p) => observedPerson(draft, p)),
      staffKeyAreaFlag: draft.staffKeyAreaFlag,
    },
    receivingEnterprise: receiver ? { uscc: receiver.uscc, name: receiver.name, dutyPhone: receiver.dutyPhone } : null,
    now: ctx.now,
    ruleSet: ctx.ruleSet,
    trustAgeSec: ctx.trustAgeSec,
  };
}

/** The observations of a check event (see the module comment for what is left out and why). */
export type CheckObservations = {
  /** Shape version of this record, for readers of old events. */
  v: 1;
  people: ObservedPerson[];
  staffKeyAreaFlag: boolean;
  /** Credit code of the receiving enterprise the decision used; null when none. */
  receivingEnterprise: string | null;
};

export type CheckRecord = Omit<CheckPayload, 'staffBadge' | 'bundleAgeSec'>;
const checkRecordSchema = checkPayloadSchema.omit({ staffBadge: true, bundleAgeSec: true });

export class CheckRecordError extends Error {
  override readonly name = 'CheckRecordError';
}

/**
 * The payload `host.recordCheck` takes, built from the same input `decide`
 * read. Validated with the event schema here, so a bad record fails before
 * the decision screen rather than in the event log.
 */
export function toCheckPayload(input: CheckInput, decision: Decision): CheckRecord {
  const pass = input.pass;
  // A pass id is recorded only once the signature held: before that, the "jti" is whatever the QR said.
  const passNo = pass.kind === 'scanned' ? (pass.result.ok ? pass.result.claims.jti : pass.result.claims?.jti ?? null) : null;
  const observations: CheckObservations = {
    v: 1,
    people: input.observed.people.map((p) => ({
      passIndex: p.passIndex,
      id4Matches: p.id4Matches,
      readings: [...p.readings],
      stays: p.stays.map((s) => ({ region: s.region, lastDay: s.lastDay })),
    })),
    staffKeyAreaFlag: input.observed.staffKeyAreaFlag,
    receivingEnterprise: input.receivingEnterprise?.uscc ?? null,
  };
  const parsed = checkRecordSchema.safeParse({
    passNo,
    plate: input.observed.plate,
    observations,
    decision: decision.decision,
    reasons: decision.reasons.map((r) => r.code),
    ruleSetVersion: decision.ruleSetVersion ?? 0,
  });
  if (!parsed.success) throw new CheckRecordError(z.prettifyError(parsed.error));
  return parsed.data;
}

export type WaitingEntry = Omit<WaitingVehicle, 'checkEventId' | 'since'>;

/**
 * For an ESCORT decision: what the waiting list shows. Pass people with their
 * pass names and the pass's last four; added people with the name staff typed
 * (this device only) and no ID characters at all.
 */
export function toWaitingEntry(draft: CheckDraft, ctx: Pick<CheckContext, 'directory'>): WaitingEntry {
  const claims = authenticClaims(draft.pass);
  return {
    plate: normalizePlate(draft.plate),
    enterprise: receivingEnterprise(draft, ctx.directory),
    people: onBoard(draft).map((p) => {
      if (p.passIndex === null) return { name: p.name, id4: null, role: 'other' as const };
      const [name, id4] = claims?.ppl[p.passIndex] ?? ['', ''];
      return { name, id4: id4 || null, role: p.passIndex === 0 ? ('driver' as const) : ('escort' as const) };
    }),
  };
}
