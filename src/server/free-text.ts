import type { z } from 'zod';
import { personalDataIn } from '../core/validate/index.js';

/**
 * A free-text field (a reason, a note, a destination) that refuses a citizen
 * ID number or a mobile number in it: such text is shown to others, printed
 * and audited for years, while the real numbers live encrypted in their own
 * fields. Refused rather than masked, so the writer sees why and rephrases.
 */
export function freeText<S extends z.ZodType<string, string>>(schema: S): S {
  return schema.refine((v) => personalDataIn(v) === null, { message: 'text.personal_data' }) as unknown as S;
}
