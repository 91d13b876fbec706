import { normalizeCitizenId } from './id-number.js';

/**
 * The one masking rule for personal numbers, used by the API, the portal,
 * printed sheets and exports alike, so the same person never shows two ways.
 *
 * Citizen ID: only the last four characters, which the pass QR carries anyway
 * and staff compare with the card; the first six (household registration
 * region) and the birth date stay hidden: `**************002X`.
 * Phones: the first three and the last four, enough to recognise a number
 * when calling back through the enterprise: `138****5678`.
 */
export const MASKED_ID_STARS = 14;

/** A masked ID from its last four characters (what is stored in clear). */
export function maskIdLast4(last4: string): string {
  return `${'*'.repeat(MASKED_ID_STARS)}${last4.toUpperCase()}`;
}

export function maskCitizenId(id: string): string {
  const value = normalizeCitizenId(id);
  if (value.length !== 18) return '*'.repeat(value.length);
  return maskIdLast4(value.slice(14));
}

/** Mobiles as 138****5678; landlines keep the first 3 and last 4 the same way; short values show nothing. */
export function maskPhone(phone: string): string {
  if (phone.length < 9) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
