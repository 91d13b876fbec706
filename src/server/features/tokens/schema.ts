import { z } from 'zod';
import { roleSchema } from '../../security/identity.js';
import { TOKEN_MAX_DAYS, tokenScopeSchema } from '../../security/api-token.js';
import { freeText } from '../../free-text.js';
import { decimalInt, idSchema } from '../../ids.js';

export { tokenScopeSchema, type TokenScope } from '../../security/api-token.js';

/** An API token as listed: never its secret. */
export const apiTokenSchema = z
  .object({
    id: z.string().describe('the public part of the token, as in kk_<id>_…'),
    name: z.string(),
    role: roleSchema,
    enterpriseId: z.number().int().nullable(),
    scopes: z.array(tokenScopeSchema),
    createdBy: z.number().int(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    lastUsedIp: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenSchema = z.object({
  name: freeText(z.string().trim().min(1).max(60)),
  /** An administrator chooses; an enterprise user's tokens are always enterprise_user of its own enterprise. */
  // Tokens serve the freight-pass API only: no carrier_user token (api_tokens' CHECK agrees).
  role: roleSchema.exclude(['carrier_user']).optional(),
  enterpriseId: idSchema.optional(),
  scopes: z.array(tokenScopeSchema).min(1).max(20),
  expiresInDays: decimalInt({ min: 1, max: TOKEN_MAX_DAYS }),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const createdTokenSchema = z.object({
  token: z.string().describe('shown once: store it now, the server keeps only a hash'),
  apiToken: apiTokenSchema,
});
