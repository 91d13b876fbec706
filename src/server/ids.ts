import { z } from 'zod';

/**
 * Numbers in URLs, queries and forms are written one way only: plain decimal,
 * no sign, no leading zero, no spaces, at most 15 digits (a safe integer).
 * `Number()` and z.coerce would also take `0x1`, ` 1`, `1e3` and `1\n`, which
 * makes one record answer to many spellings and lets junk through filters.
 */
const DECIMAL = /^(0|[1-9][0-9]{0,14})$/;

export const isDecimal = (raw: unknown): raw is string => typeof raw === 'string' && DECIMAL.test(raw);

/** A positive record id from a path, query or form field; numbers pass as they are (JSON bodies). */
export function decimalInt(opts: { min?: number; max?: number } = {}) {
  const min = opts.min ?? 0;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  return z
    .union([z.int(), z.string().regex(DECIMAL).transform(Number)], { error: 'number.decimal' })
    .pipe(z.int().min(min).max(max));
}

/** A record id: a positive decimal integer. */
export const idSchema = decimalInt({ min: 1 });

/** The id of a page URL, or undefined when it is not one (the page then answers 404). */
export function parsePageId(raw: unknown): number | undefined {
  if (!isDecimal(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}
