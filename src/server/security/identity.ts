import { z } from 'zod';
import { localeSchema } from '../i18n/locale.js';

/** Who may sign in to the portal and the API; the access policies and the session need it below the features. */
export const roleSchema = z.enum(['bureau_admin', 'bureau_officer', 'enterprise_user', 'carrier_user']);
export type Role = z.infer<typeof roleSchema>;
export const BUREAU_ROLES = ['bureau_admin', 'bureau_officer'] as const satisfies readonly Role[];
/**
 * The roles of the freight-pass portal (passes, fleet, checks, escorts). A carrier user (item 7's
 * transport operator) works only the charter board and never reaches these: its own policies say so.
 */
export const FREIGHT_ROLES = ['bureau_admin', 'bureau_officer', 'enterprise_user'] as const satisfies readonly Role[];

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  enterpriseId: z.number().int().nullable(),
  /** A carrier user's carrier (item 7); null for everyone else. */
  carrierId: z.number().int().nullable(),
  mustChangePassword: z.boolean(),
  locale: localeSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
