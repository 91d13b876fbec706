import * as z from 'zod';

/**
 * GET /api/v1/devices/charter-runs: the charter runs expected at the calling
 * device's checkpoint, as one expected-runs document (docs/charter-pass.md,
 * section 7) signed by a bundle key the device pinned. Only approved runs
 * whose window is open or opens within DEVICE_CHARTER_LOOKAHEAD_SEC, so a
 * scanner holds no manifest it will not need. Supports If-None-Match (304).
 */
export const DEVICE_CHARTER_LOOKAHEAD_SEC = 24 * 3600;

export const deviceCharterRunsResponseSchema = z
  .object({
    data: z
      .string()
      .describe('compact JWS, typ kakou-charters+jwt, EdDSA by a bundle key: verify with verifyCharterRuns (src/core/charter/runs-verify.ts) before reading it'),
    etag: z.string().describe('Same as the ETag header; send it back as If-None-Match'),
  })
  .meta({ id: 'DeviceCharterRunsResponse' });
export type DeviceCharterRunsResponse = z.infer<typeof deviceCharterRunsResponseSchema>;
