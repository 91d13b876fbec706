import { z } from 'zod';

// Who a user is lives below the features (the session and access plugins need it); re-exported for the feature's own code.
export { BUREAU_ROLES, roleSchema, userSchema, type Role, type User } from '../../security/identity.js';
export { localeSchema, type Locale } from '../../i18n/locale.js';
import { userSchema } from '../../security/identity.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'user.username_rule');

// NIST 800-63B: length over composition rules; the upper bound keeps hashing cheap to abuse.
export const passwordSchema = z.string().min(10, 'password.too_short').max(200);


export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(60),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const createdUserSchema = z.object({
  user: userSchema,
  oneTimePassword: z.string().describe('Shown once; the user must change it at first sign-in'),
});
