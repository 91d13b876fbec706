import { z } from 'zod';
import { retentionDaysSchema } from '../../../core/audit/retention.js';

/** The period form of /bureau/audit/retention. */
export const retentionForm = z.object({ days: retentionDaysSchema });
export type RetentionForm = z.output<typeof retentionForm>;

export const retentionDone = z.object({ done: z.enum(['saved', 'run']), n: z.coerce.number().int().min(0).optional() });
