/**
 * From the charter draft to what the core reads (`CharterCheckInput` for
 * `decideCharter`) and what the log keeps (the `charter_check` event's
 * payload).
 *
 * The event refers to passengers by manifest place only (`passengers[i]` is
 * 乘客 i+1, bound by `md`), so no name and no ID characters leave the device:
 * `observations` holds, as the rules read them, whether each ID card matched,
 * the readings and the stays declared here, never the digits. Manifest places
 * are written in chunks of at most OBS_CHUNK (concatenated in order they are
 * the manifest order), because a device event's free-form JSON allows at most
 * 64 items per array and a manifest may have 99.
 * With `passNo`, `runId`, `md`, the device time, the rule-set version and these
 * observations, the server can re-run `decideCharter` and get the same decision.
 */
import * as z from 'zod';
import { charterCheckPayloadSchema } from '../../../../src/core/events/event.js';
import type { CharterCheckPayload } from '../../../../src/core/events/event.js';
import type { CharterCheckInput } from '../../../../src/core/rules/charter-input.js';
import type { CharterDecision } from '../../../../src/core/rules/charter-decide.js';
import type { RuleSet } from '../../../../src/core/rules/rule-set.js';
import { normalizePlate } from '../../../../src/core/validate/plate.js';
import { charterClaims } from './draft.js';
import type { CharterDraft, ObservedDraft } from './draft.js';

/** What the decision needs besides the draft; taken from the host once per decision. */
export interface CharterContext {
  /** epoch ms */
  now: number;
  ruleSet: RuleSet;
  trustAgeSec: number | null;
}

export const OBS_CHUNK = 50;

const observed = (p: ObservedDraft) => ({ readings: [...p.readings], stays: p.stays.map((s) => ({ region: s.region, lastDay: s.lastDay })) });

export function toCharterInput(draft: CharterDraft, ctx: CharterContext): CharterCheckInput {
  return {
    pass: draft.pass,
    run: draft.run,
    observed: {
      plate: normalizePlate(draft.plate),
      driver: { id4Matches: draft.driver.id4Matches, ...observed(draft.driver) },
      passengers: draft.passengers.map((p) => ({ present: p.present, id4Matches: p.id4Matches, ...observed(p) })),
      unlisted: draft.unlisted.map(observed),
      staffKeyAreaFlag: draft.staffKeyAreaFlag,
    },
    now: ctx.now,
    ruleSet: ctx.ruleSet,
    trustAgeSec: ctx.trustAgeSec,
  };
}

/** The payload as the check flow hands it to the host; staff badge and bundle age are added there. */
export const charterRecordSchema = charterCheckPayloadSchema.omit({ staffBadge: true, bundleAgeSec: true });
export type CharterRecord = Omit<CharterCheckPayload, 'staffBadge' | 'bundleAgeSec'>;

export class CharterRecordError extends Error {
  override readonly name = 'CharterRecordError';
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The payload `host.recordCharterCheck` takes, built from the same input
 * `decideCharter` read and its decision. Validated with the event schema
 * here, so a bad record fails before the result screen, not in the log.
 */
export function toCharterPayload(input: CharterCheckInput, decision: CharterDecision): CharterRecord {
  const pass = input.pass;
  // A pass id only once the signature held: before that, the "jti" is whatever the QR said.
  const claims = pass.ok ? pass.claims : pass.claims ?? null;
  const o = input.observed;
  const observations = {
    v: 1,
    driver: { id4Matches: o.driver.id4Matches, readings: [...o.driver.readings], stays: [...o.driver.stays] },
    passengers: chunks(
      o.passengers.map((p) => ({ present: p.present, id4Matches: p.id4Matches, readings: [...p.readings], stays: [...p.stays] })),
      OBS_CHUNK,
    ),
    unlisted: o.unlisted.map((u) => ({ readings: [...u.readings], stays: [...u.stays] })),
    staffKeyAreaFlag: o.staffKeyAreaFlag,
  };
  const parsed = charterRecordSchema.safeParse({
    passNo: claims?.jti ?? null,
    runId: input.run?.run ?? null,
    md: input.run?.md ?? null,
    plate: o.plate,
    observations,
    decision: decision.decision,
    reasons: decision.reasons.map((r) => r.code),
    passengers: decision.passengers.map((p) => ({ outcome: p.outcome, ent: p.ent })),
    unlisted: o.unlisted.length,
    ruleSetVersion: decision.ruleSetVersion ?? 0,
  });
  if (!parsed.success) throw new CharterRecordError(z.prettifyError(parsed.error));
  return parsed.data;
}
