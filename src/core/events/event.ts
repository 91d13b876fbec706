import * as z from 'zod';
import { jtiSchema, usccSchema } from '../pass/claims.js';
import { DEVICE_SIGNATURE_PATTERN, deviceIdSchema } from '../device/keys.js';
import { jsonLimitBreach } from './bounded-json.js';

export const EVENT_TYPES = ['check', 'escort_handover', 'staff_sign_in', 'staff_sign_out', 'charter_check'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const DECISIONS = ['RELEASE', 'ESCORT', 'HOLD', 'REFUSE', 'MANUAL'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A charter coach's decision (docs/charter-pass.md, section 8); the same list as COACH_DECISIONS in the rules. */
export const CHARTER_DECISIONS = ['RELEASE', 'CUSTODY', 'MANUAL', 'REFUSE', 'HOLD'] as const;
export type CharterDecisionKind = (typeof CHARTER_DECISIONS)[number];
/** One person's outcome on a charter coach; ABSENT = on the manifest, not on board. */
export const CHARTER_OUTCOMES = [...CHARTER_DECISIONS, 'ABSENT'] as const;
export type CharterOutcome = (typeof CHARTER_OUTCOMES)[number];

/**
 * Lower-case only: crypto.randomUUID() writes lower case, and the server
 * deduplicates uploads by id, so one event must have one spelling.
 */
export const eventIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'lower-case UUID v4');
/** SHA-256 in canonical base64url: 43 characters, the 2 spare bits of the last one zero. */
export const hashSchema = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'base64url SHA-256');
export const eventSigSchema = z.string().regex(DEVICE_SIGNATURE_PATTERN, 'base64url ECDSA P-256 signature (64 bytes)');
/**
 * Device clocks lie (the server also stores receipt time and seq), but the
 * offset is required so the local wall time the staff saw stays readable
 * and unambiguous in an audit.
 */
export const deviceTimeSchema = z.iso.datetime({ offset: true });
export const staffBadgeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'staff badge: 1–32 of A–Z a–z 0–9 _ -');
/** Codes, not text: texts are looked up by the code in the language of whoever reads the log. */
export const reasonCodeSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'reason code');

// Shown to people and stored for audit: no control or format characters that could hide or reorder text.
const shownText = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => [...s].length <= max, `at most ${max} characters`)
    .refine((s) => s.trim() === s, 'no leading or trailing spaces')
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'no control or format characters');

export const checkPayloadSchema = z.strictObject({
  /** the pass id (jti) when a pass was scanned; null for a vehicle checked without one */
  passNo: jtiSchema.nullable(),
  /** the plate as staff read it off the vehicle, which may differ from the pass: that is what a mismatch looks like */
  plate: shownText(16),
  /** temperatures, stays, matches…; their shape belongs to the rules module, their size and depth are bounded here */
  observations: z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const breach = jsonLimitBreach(value);
    if (breach) ctx.addIssue({ code: 'custom', message: `observations: ${breach}` });
  }),
  decision: z.enum(DECISIONS),
  reasons: z.array(reasonCodeSchema),
  /** version of the rule set that decided; 0 when the device had none (the decision is then MANUAL) */
  ruleSetVersion: z.int().min(0),
  /** age of the trust bundle at decision time; null when the device had none */
  bundleAgeSec: z.number().min(0).nullable(),
  staffBadge: staffBadgeSchema,
});

export const escortHandoverPayloadSchema = z.strictObject({
  /** the check event (decision ESCORT) this handover completes */
  checkEventId: eventIdSchema,
  escortName: shownText(20),
  /** enough to call back through the enterprise; the full number is not recorded */
  escortPhoneLast4: z.string().regex(/^[0-9]{4}$/).optional(),
  enterpriseUscc: usccSchema,
  staffBadge: staffBadgeSchema,
});

/**
 * A charter coach checked at the priority lane (item 7). Personal data stays
 * as on the manifest the device holds: passengers are referred to by their
 * place in the manifest (canonical order, docs/charter-pass.md section 4),
 * bound by `md`, so the server finds each CUSTODY passenger in its own
 * records without the event carrying a name or ID digits.
 */
export const charterCheckPayloadSchema = z.strictObject({
  /** the charter pass id (jti) as scanned; null when the QR could not be read as a charter pass */
  passNo: jtiSchema.nullable(),
  /** the run from the expected-runs document matched by jti; null = not expected here */
  runId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'run id').nullable(),
  /** digest of the manifest the checklist was built from; null with no run */
  md: hashSchema.nullable(),
  /** the plate as staff read it off the coach */
  plate: shownText(16),
  /** readings, ID checks, stays, unlisted people…; bounded like a check's */
  observations: z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const breach = jsonLimitBreach(value);
    if (breach) ctx.addIssue({ code: 'custom', message: `observations: ${breach}` });
  }),
  decision: z.enum(CHARTER_DECISIONS),
  reasons: z.array(reasonCodeSchema),
  /** one per manifest passenger, in manifest order (index 0 = 乘客 1); empty with no run */
  passengers: z.array(z.strictObject({ outcome: z.enum(CHARTER_OUTCOMES), ent: usccSchema })).max(99),
  /** people on board not on the manifest */
  unlisted: z.int().min(0).max(99),
  ruleSetVersion: z.int().min(0),
  bundleAgeSec: z.number().min(0).nullable(),
  staffBadge: staffBadgeSchema,
});

export const staffPayloadSchema = z.strictObject({ staffBadge: staffBadgeSchema });

const baseShape = {
  id: eventIdSchema,
  deviceId: deviceIdSchema,
  /** per device, from 1, no gaps: a missing number is a missing (or withheld) event */
  seq: z.int().min(1),
  deviceTime: deviceTimeSchema,
  /** eventHash of the previous event of this device, or GENESIS_HASH for seq 1 */
  prevHash: hashSchema,
};

const checkShape = { ...baseShape, type: z.literal('check'), payload: checkPayloadSchema };
const handoverShape = { ...baseShape, type: z.literal('escort_handover'), payload: escortHandoverPayloadSchema };
const signInShape = { ...baseShape, type: z.literal('staff_sign_in'), payload: staffPayloadSchema };
const signOutShape = { ...baseShape, type: z.literal('staff_sign_out'), payload: staffPayloadSchema };
const charterCheckShape = { ...baseShape, type: z.literal('charter_check'), payload: charterCheckPayloadSchema };

/**
 * Strict throughout (except `observations`): a member this version does not
 * know would be signed and chained yet invisible to every reader, so it is
 * refused instead.
 */
export const unsignedEventSchema = z.discriminatedUnion('type', [
  z.strictObject(checkShape),
  z.strictObject(handoverShape),
  z.strictObject(signInShape),
  z.strictObject(signOutShape),
  z.strictObject(charterCheckShape),
]);

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...checkShape, sig: eventSigSchema }),
  z.strictObject({ ...handoverShape, sig: eventSigSchema }),
  z.strictObject({ ...signInShape, sig: eventSigSchema }),
  z.strictObject({ ...signOutShape, sig: eventSigSchema }),
  z.strictObject({ ...charterCheckShape, sig: eventSigSchema }),
]);

export type UnsignedEvent = z.infer<typeof unsignedEventSchema>;
export type SignedEvent = z.infer<typeof eventSchema>;
export type CheckPayload = z.infer<typeof checkPayloadSchema>;
export type EscortHandoverPayload = z.infer<typeof escortHandoverPayloadSchema>;
export type StaffPayload = z.infer<typeof staffPayloadSchema>;
export type CharterCheckPayload = z.infer<typeof charterCheckPayloadSchema>;

/** A new event id. crypto.randomUUID exists in Node 20 and in browsers (secure contexts, which a scanner with a camera is anyway). */
export function newEventId(): string {
  return crypto.randomUUID();
}

/**
 * ISO 8601 local time with its offset, e.g. `2020-02-25T14:03:07.120+08:00`.
 * The offset defaults to the device's own zone.
 */
export function formatDeviceTime(date: Date, offsetMinutes: number = -date.getTimezoneOffset()): string {
  if (!Number.isFinite(date.getTime())) throw new TypeError('invalid date');
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 18 * 60) throw new TypeError('offset must be whole minutes within ±18 h');
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
