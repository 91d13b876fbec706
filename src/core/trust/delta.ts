import * as z from 'zod';
import { jtiSchema } from '../pass/claims.js';
import { revocationsSchema } from './bundle.js';
import type { Revocations } from './bundle.js';

/**
 * Revocations changed between two versions, so a scanner can stay current
 * between full bundles without downloading the enterprise directory again.
 *
 * A delta is not signed by itself: take it only over an authenticated
 * channel (HTTPS from the Kakou server, answering a signed device request).
 * Whoever can forge one can un-revoke a pass through `expired`.
 */
export const revocationDeltaSchema = z
  .strictObject({
    fromVersion: z.int().min(0),
    toVersion: z.int().min(0),
    added: z.array(jtiSchema),
    /** pass ids whose pass has expired since fromVersion; dropped because their own exp now refuses them */
    expired: z.array(jtiSchema).optional(),
  })
  .refine((d) => d.toVersion > d.fromVersion, { message: 'toVersion must be after fromVersion', path: ['toVersion'] });

export type RevocationDelta = z.input<typeof revocationDeltaSchema>;

export type ApplyRevocationDeltaResult =
  | { ok: true; revocations: Revocations }
  /** version_mismatch: the device's list is not the delta's base; fetch the full bundle instead */
  | { ok: false; reason: 'version_mismatch' | 'invalid_delta'; detail: string };

/**
 * The revocation list after `delta`, or an error. Never throws and never
 * changes `current`. Order is kept (existing ids first, then added ones) so
 * applying a delta gives the same list on every device.
 */
export function applyRevocationDelta(current: Revocations, delta: RevocationDelta): ApplyRevocationDeltaResult {
  const base = revocationsSchema.safeParse(current);
  if (!base.success) return { ok: false, reason: 'invalid_delta', detail: `current list: ${z.prettifyError(base.error)}` };
  const parsed = revocationDeltaSchema.safeParse(delta);
  if (!parsed.success) return { ok: false, reason: 'invalid_delta', detail: z.prettifyError(parsed.error) };
  const d = parsed.data;
  if (d.fromVersion !== base.data.version) {
    return { ok: false, reason: 'version_mismatch', detail: `delta from ${d.fromVersion}, device has ${base.data.version}` };
  }
  const dropped = new Set(d.expired ?? []);
  const seen = new Set<string>();
  const passNos: string[] = [];
  for (const passNo of [...base.data.passNos, ...d.added]) {
    // A pass both added and expired in one delta no longer needs listing.
    if (dropped.has(passNo) || seen.has(passNo)) continue;
    seen.add(passNo);
    passNos.push(passNo);
  }
  return { ok: true, revocations: { version: d.toVersion, passNos } };
}
