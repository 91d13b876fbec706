import * as z from 'zod';

/** GET /api/v1/trust/bundle */
export const bundleResponseSchema = z
  .object({
    bundle: z.string().describe('Compact JWS (typ kakou-bundle+jwt, EdDSA); verify it with a pinned bundle key before reading anything in it'),
    etag: z.string().describe('Same as the ETag header; send it back as If-None-Match'),
    seq: z.number().int().describe('Issue counter of this bundle (also its `seq` claim); never decreases'),
  })
  .meta({ id: 'TrustBundleResponse' });
export type BundleResponse = z.infer<typeof bundleResponseSchema>;

/** GET /api/v1/trust/bundle/summary: what the current bundle holds, without downloading it. */
export const bundleSummarySchema = z
  .object({
    seq: z.number().int(),
    etag: z.string(),
    iat: z.number().int(),
    exp: z.number().int(),
    kid: z.string().describe('Bundle key that signed it'),
    contentHash: z.string().describe('SHA-256 of everything signed except iat, exp and seq'),
    activeRuleSet: z.number().int(),
    scheduledRuleSets: z.array(z.number().int()),
    revocationsVersion: z.number().int(),
    revoked: z.number().int().describe('Revoked passes listed (not yet expired)'),
    enterprises: z.number().int(),
    passKeys: z.array(z.string()),
    bundleKeys: z.array(z.string()),
    jwsBytes: z.number().int(),
  })
  .meta({ id: 'TrustBundleSummary' });
export type TrustBundleSummary = z.infer<typeof bundleSummarySchema>;
/** What a bundle holds (the summary without the seq, etag, times, key and hash). */
export type BundleSummary = Omit<TrustBundleSummary, 'seq' | 'etag' | 'iat' | 'exp' | 'kid' | 'contentHash'>;
