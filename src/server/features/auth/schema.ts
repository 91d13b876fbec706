import { z } from 'zod';
import { localeSchema, userSchema } from '../users/schema.js';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().max(200),
});

export const sessionInfoSchema = z.object({
  user: userSchema.nullable(),
  csrfToken: z.string(),
});

export const localeBodySchema = z.object({ locale: localeSchema });
