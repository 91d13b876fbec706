import { z } from 'zod';

export const roleSchema = z.enum(['bureau_admin', 'bureau_officer', 'enterprise_user']);
export type Role = z.infer<typeof roleSchema>;
export const BUREAU_ROLES = ['bureau_admin', 'bureau_officer'] as const satisfies readonly Role[];

export const localeSchema = z.enum(['zh', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'user.username_rule');

// NIST 800-63B: length over composition rules; the upper bound keeps hashing cheap to abuse.
export const passwordSchema = z.string().min(10, 'password.too_short').max(200);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  enterpriseId: z.number().int().nullable(),
  mustChangePassword: z.boolean(),
  locale: localeSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(60),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const createdUserSchema = z.object({
  user: userSchema,
  oneTimePassword: z.string().describe('Shown once; the user must change it at first sign-in'),
});
