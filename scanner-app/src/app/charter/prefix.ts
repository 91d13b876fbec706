/**
 * Which flow a scanned text opens. `KC<n>/` (letters in any case, as a
 * keyboard wedge may send them) is a charter pass (docs/charter-pass.md,
 * section 1): the charter checklist, which reports a version other than 1 as
 * `unsupported_version`. Everything else (`KK1/`, a bare JWS) goes to the
 * freight check as before.
 */
export function isCharterQr(text: string): boolean {
  return /^KC\d+\//i.test(text.trim());
}
