import { base64url } from 'jose';
import * as z from 'zod';
import { canonicalize } from '../events/canonical.js';
import { id4Schema, regionCodeSchema, usccSchema } from '../pass/claims.js';
import { CHARTER_MAX_PASSENGERS } from './claims.js';

/**
 * The manifest as checkpoint devices get it (docs/charter-pass.md, section 4):
 * per passenger no more personal data than a freight pass carries per person
 * (name and the last four ID characters) plus what the rules need: where the
 * passenger comes from, the stays the enterprise declared, and which
 * enterprise receives them. No full ID number, no phone.
 */

/**
 * Names are not in the QR here, so they may be longer than the pass's 10
 * code points (some minority names in full). The same character rules as the
 * pass: shown to staff and compared with an ID card by eye.
 */
export const MANIFEST_NAME_MAX = 20;
/** Declared stays per passenger; the look-back is 14 days, so more than this is a data error, not a journey. */
export const MANIFEST_MAX_STAYS = 14;

const nameSchema = z
  .string()
  .min(1)
  .refine((s) => [...s].length <= MANIFEST_NAME_MAX, `at most ${MANIFEST_NAME_MAX} characters`)
  .refine((s) => s.trim() === s, 'no leading or trailing spaces')
  .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(s), 'no control or format characters');

export const manifestStaySchema = z.strictObject({
  region: regionCodeSchema,
  /** China date of the last day there */
  lastDay: z.iso.date(),
});

export const manifestPassengerSchema = z.strictObject({
  name: nameSchema,
  id4: id4Schema,
  /** GB/T 2260 code of where the passenger travels from */
  org: regionCodeSchema,
  /** declared stays (申报的行程), in canonical order: lastDay, then region */
  stays: z.array(manifestStaySchema).max(MANIFEST_MAX_STAYS),
  /** unified social credit code of the receiving enterprise (shape only, as in the pass) */
  ent: usccSchema,
});

export type ManifestStay = z.infer<typeof manifestStaySchema>;
export type ManifestPassenger = z.infer<typeof manifestPassengerSchema>;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const stayKey = (s: ManifestStay): string => `${s.lastDay} ${s.region}`;

/**
 * The canonical order, so one set of passengers has one digest whoever typed
 * it in which order: passengers by their RFC 8785 canonical JSON, compared
 * as UTF-16 code units (JCS's own key order, and plain `<` in JavaScript).
 * Because JCS sorts members as `ent, id4, name, org, stays`, that groups the
 * passengers by enterprise, which is how a checklist shows them. Stays by
 * last day, then region.
 */
export function canonicalManifest(passengers: readonly ManifestPassenger[]): ManifestPassenger[] {
  const normalised = passengers.map((p) => ({ ...p, stays: [...p.stays].sort((a, b) => byString(stayKey(a), stayKey(b))) }));
  return normalised
    .map((p) => ({ p, key: canonicalize(p) }))
    .sort((a, b) => byString(a.key, b.key))
    .map(({ p }) => p);
}

/** True when the list is already in canonical order (and so hashes to what the issuer hashed). */
export function isCanonicalManifest(passengers: readonly ManifestPassenger[]): boolean {
  const canonical = canonicalManifest(passengers);
  return canonicalize(canonical) === canonicalize(passengers);
}

export const manifestSchema = z
  .array(manifestPassengerSchema)
  .min(1)
  .max(CHARTER_MAX_PASSENGERS)
  .refine(isCanonicalManifest, 'passengers (or their stays) are not in canonical order');

/**
 * `md`: base64url (no padding) of SHA-256 over the UTF-8 bytes of the RFC
 * 8785 canonical JSON of the passenger array, in canonical order. Throws
 * TypeError for a list not in canonical order: hashing it as given would
 * produce a digest no verifier reproduces. Web Crypto, so it runs in the
 * scanner's browser too.
 */
export async function manifestDigest(passengers: readonly ManifestPassenger[]): Promise<string> {
  if (!isCanonicalManifest(passengers)) throw new TypeError('manifest is not in canonical order; use canonicalManifest first');
  const bytes = new TextEncoder().encode(canonicalize(passengers));
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
