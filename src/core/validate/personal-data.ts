import { computeCitizenIdCheckChar } from './id-number.js';

/**
 * Personal data that has no place in free text (reasons, notes, names of
 * things): a citizen ID number (GB 11643, check character valid; whole or
 * in the groups people copy it in) or a
 * mainland mobile number. Free text is shown to other people, printed and
 * kept in the audit log for years; full ID numbers and phones are stored
 * encrypted in their own fields, or not at all.
 */
export type PersonalDataKind = 'id_number' | 'mobile';

// Not part of a longer run of digits (an order or waybill number is not an ID). Whole, or as people
// group it when they copy it from a card: region, birth date and sequence (6 8 4), or the date split
// in two (6 4 4 4), with the same one space or hyphen between all groups (the capture may be empty).
// The check character still has to hold, so a grouped date-and-amount line is not taken for one.
const ID_CANDIDATE = /(?<![0-9])[0-9]{6}([ -]?)(?:[0-9]{8}|[0-9]{4}\1[0-9]{4})\1[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
// 1[3-9]x xxxx xxxx, optionally +86 / 86, with spaces or hyphens between the groups as people write them.
const MOBILE = /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/;

export function personalDataIn(input: string): PersonalDataKind | null {
  // Full-width digits are what a Chinese input method types in full-width mode; the ID
  // and plate parsers fold them the same way, so the filter must not be blind to them.
  const text = input.normalize('NFKC');
  for (const m of text.matchAll(ID_CANDIDATE)) {
    const id = m[0].replace(/[ -]/g, '').toUpperCase();
    if (computeCitizenIdCheckChar(id.slice(0, 17)) === id[17]) return 'id_number';
  }
  return MOBILE.test(text) ? 'mobile' : null;
}
