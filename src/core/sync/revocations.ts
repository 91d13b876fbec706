import * as z from 'zod';

/** One revoked pass of the feed. */
export const revocationItemSchema = z.object({ version: z.number().int(), passNo: z.string(), revokedAt: z.string(), reason: z.string(), expiresAt: z.number().int() });
export type RevocationItem = z.infer<typeof revocationItemSchema>;

/** GET /api/v1/trust/revocations?since=&limit=: one page of the revocation feed. */
export const revocationPageSchema = z.object({ version: z.number().int().describe('store this and ask again with since=version'), latestVersion: z.number().int(), more: z.boolean().describe('true: call again at once with since=version'), items: z.array(revocationItemSchema) });
export type RevocationPage = z.infer<typeof revocationPageSchema>;
