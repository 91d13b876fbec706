/**
 * Device enrollment codes and the QR that carries them, shared by the server
 * (which issues and checks codes) and the scanner (which reads them).
 *
 * A code is 16 characters of Crockford base32 (0–9 and A–Z without I, L, O,
 * U: 80 bits), shown in four groups: `K7QM-3XBD-9F2H-TWCN`. The first group is
 * the code's public id (20 bits, picks the stored record), the other three the
 * secret (60 bits, stored only as a SHA-256 hash). A code is single-use,
 * expires after 15 minutes, and a few wrong secrets for its id burn it, so
 * guessing is bounded by attempts, not by the size of the secret alone.
 *
 * QR text: `KKENROLL:<base url>:<code>`, e.g.
 * `KKENROLL:https://kakou.example.cn:K7QM-3XBD-9F2H-TWCN`. The base URL is the
 * server to enroll with (scheme, host, optional port and path, no trailing
 * slash); the code follows the last colon. The scanner posts
 * `{ code, publicJwk, appVersion?, label? }` to `<base url>/api/v1/devices/enroll`.
 */
export const ENROLLMENT_QR_PREFIX = 'KKENROLL:';
export const ENROLLMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROLLMENT_CODE_LENGTH = 16;
export const ENROLLMENT_CODE_ID_LENGTH = 4;

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/**
 * The 16 canonical characters, or undefined. Forgiving the way Crockford base32
 * is meant to be read aloud and typed: case, spaces and hyphens do not matter,
 * O is read as 0 and I or L as 1.
 */
export function normalizeEnrollmentCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 64) return undefined;
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CANONICAL.test(compact) ? compact : undefined;
}

/** `ABCD-EFGH-JKMN-PQRS` for a canonical code. */
export function formatEnrollmentCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The id and secret halves of a canonical code. */
export function splitEnrollmentCode(code: string): { id: string; secret: string } {
  return { id: code.slice(0, ENROLLMENT_CODE_ID_LENGTH), secret: code.slice(ENROLLMENT_CODE_ID_LENGTH) };
}

export function enrollmentQrText(baseUrl: string, code: string): string {
  return `${ENROLLMENT_QR_PREFIX}${baseUrl.replace(/\/+$/, '')}:${formatEnrollmentCode(code)}`;
}

/** undefined unless the text is an enrollment QR with an http(s) base URL and a well-formed code. */
export function parseEnrollmentQr(text: unknown): { baseUrl: string; code: string } | undefined {
  if (typeof text !== 'string' || !text.startsWith(ENROLLMENT_QR_PREFIX) || text.length > 512) return undefined;
  const rest = text.slice(ENROLLMENT_QR_PREFIX.length);
  const cut = rest.lastIndexOf(':');
  if (cut <= 0) return undefined;
  const baseUrl = rest.slice(0, cut);
  const code = normalizeEnrollmentCode(rest.slice(cut + 1));
  if (!code || !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(baseUrl) || baseUrl.endsWith('/')) return undefined;
  try {
    new URL(baseUrl);
  } catch {
    return undefined;
  }
  return { baseUrl, code };
}
